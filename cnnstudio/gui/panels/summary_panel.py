"""The Summary panel: the table of `cnnstudio summary` (name, type, output, params, MACs, receptive field)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from cnnstudio.blocks.texts import title as block_title
from cnnstudio.core.formulas import fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.inference import Inference
from cnnstudio.report import human

from .. import theme
from ..on_screen import on_screen
from ..project.document import Document

HEADERS = (
    QT_TRANSLATE_NOOP("SummaryPanel", "Name"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Type"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Output"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Params"),
    QT_TRANSLATE_NOOP("SummaryPanel", "MACs"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Receptive field"),
)
RIGHT = {3, 4}


class SummaryModel(QAbstractTableModel):
    """Rows are formatted on demand, only for the rows on screen: an edit on a big graph stays cheap."""

    def __init__(self, doc: Document):
        super().__init__()
        self.doc = doc
        self.ids: list[str] = []
        self.inference: Inference | None = None
        self._cache: dict[int, tuple] = {}

    def refresh(self, inference: Inference) -> None:
        graph = self.doc.graph
        ids = inference.order + [n for n in graph.nodes if n not in inference.info]
        self.inference = inference
        self._cache.clear()
        if ids == self.ids and ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.ids = ids
        self.endResetModel()

    def row(self, r: int) -> tuple:
        """The displayed texts of row ``r`` and whether the node is frozen."""
        cached = self._cache.get(r)
        if cached is not None:
            return cached
        graph, registry = self.doc.graph, self.doc.registry
        node = graph.nodes[self.ids[r]]
        info = self.inference.info.get(node.id) if self.inference else None
        label = block_title(registry.get(node.type)) if node.type in registry else node.type
        if not node.trainable:
            label += self.tr(" (frozen)")
        rf = ""
        if info is not None and info.rf is not None:
            rf = f"{fmt_shape(tuple(_num(v) for v in info.rf))} /{fmt_shape(tuple(_num(v) for v in info.jump))}"
        texts = (
            node.name,
            label,
            fmt_shape(info.shape) if info is not None and info.shape is not None else "?",
            f"{info.params:,}" if info is not None else "",
            human(info.macs) if info is not None and info.macs else "",
            rf,
        )
        self._cache[r] = (texts, not node.trainable)
        return self._cache[r]

    @property
    def rows(self) -> list[tuple]:
        """Every row's texts (for tests and export)."""
        return [self.row(r)[0] for r in range(len(self.ids))]

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.ids)

    def columnCount(self, parent=None) -> int:
        return len(HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.row(index.row())[0][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            texts, frozen = self.row(index.row())
            if texts[2] == "?":
                return theme.ERROR
            if frozen:
                return theme.FROZEN
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SummaryPanel", HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole and section in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SummaryPanel(QTableView):
    node_activated = Signal(str)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.model_ = SummaryModel(doc)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 190, 120, 100, 90)):
            self.setColumnWidth(column, width)
        self._stale = False
        self.clicked.connect(self._on_clicked)
        doc.inferred.connect(self._on_inferred)
        self.model_.refresh(doc.inference)

    def _on_clicked(self, index) -> None:
        self.node_activated.emit(self.model_.ids[index.row()])

    def _on_inferred(self, inference: Inference) -> None:
        if on_screen(self):
            self.model_.refresh(inference)
        else:
            self._stale = True  # a hidden table (or one behind another tab) costs nothing per edit

    def catch_up(self, visible: bool = True) -> None:
        """Shown again (its dock's tab raised, or the dock shown): follow the edits made meanwhile."""
        if visible and self._stale:
            self._stale = False
            self.model_.refresh(self.doc.inference)

    def showEvent(self, event) -> None:
        self.catch_up()
        super().showEvent(event)


def _num(v):
    return int(v) if float(v).is_integer() else round(float(v), 2)
