"""The Problems panel: every diagnostic; click one to select and centre its block; Fix applies the suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QMenu, QToolButton, QTreeWidget, QTreeWidgetItem

from cnnstudio.core.diagnostics import Diagnostic
from cnnstudio.core.inference import Inference

from ..icons import level_icon, ok_icon
from ..project.document import Document

NODE_ROLE = Qt.ItemDataRole.UserRole


class ProblemsPanel(QTreeWidget):
    node_activated = Signal(str)  # the user picked a problem of this node
    fix_requested = Signal(str, object)  # node id, fix spec
    count_changed = Signal(int)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Block"), self.tr("Problem"), self.tr("Fix")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._shown: tuple = ()
        self.diagnostics: list[Diagnostic] = []
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_clicked)
        doc.inferred.connect(self.refresh)
        self.refresh(doc.inference)

    def refresh(self, inference: Inference) -> None:
        graph = self.doc.graph
        key = tuple(
            (d.node, d.level, d.code, d.message, graph.nodes[d.node].name if d.node in graph.nodes else None)
            for d in inference.diagnostics
        )
        if key == self._shown:
            return  # rebuilding would drop the user's place in the list
        self._shown = key
        self.clear()
        errors_first = sorted(inference.diagnostics, key=lambda d: d.level != "error")
        self.diagnostics = errors_first
        for diag in errors_first:
            name = graph.nodes[diag.node].name if diag.node in graph.nodes else self.tr("(network)")
            item = QTreeWidgetItem([name, diag.message, ""])
            item.setIcon(0, level_icon(diag.level))
            item.setData(0, NODE_ROLE, diag.node)
            item.setToolTip(1, diag.message)
            self.addTopLevelItem(item)
            if diag.fixes and diag.node is not None:
                self.setItemWidget(item, 2, self._fix_button(diag))
        widths = [self.itemWidget(self.topLevelItem(i), 2) for i in range(self.topLevelItemCount())]
        widths = [w.sizeHint().width() for w in widths if w is not None]
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(2, max(widths, default=40) + 30)  # item widgets do not count for ResizeToContents
        if not errors_first:
            item = QTreeWidgetItem(["", self.tr("No problems: every shape checks out."), ""])
            item.setIcon(0, ok_icon())
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(item)
        self.count_changed.emit(len(errors_first))

    def _fix_button(self, diag: Diagnostic) -> QToolButton:
        button = QToolButton()
        button.setProperty("role", "fix")
        first = diag.fixes[0]
        button.setText(first.label)
        button.setToolTip(self.tr("{0} (one undoable step)").format(first.label))
        button.clicked.connect(lambda _=False, d=diag, f=first: self.fix_requested.emit(d.node, f))
        if len(diag.fixes) > 1:
            menu = QMenu(button)
            for fix in diag.fixes:
                menu.addAction(fix.label, lambda d=diag, f=fix: self.fix_requested.emit(d.node, f))
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        return button

    def fix_button(self, row: int) -> QToolButton | None:
        return self.itemWidget(self.topLevelItem(row), 2)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node_id = item.data(0, NODE_ROLE)
        if node_id:
            self.node_activated.emit(node_id)
