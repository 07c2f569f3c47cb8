"""The Summary panel: the table of `cnnstudio summary` (name, type, output, params, MACs, receptive field)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from cnnstudio.core.formulas import fmt_shape
from cnnstudio.core.inference import Inference
from cnnstudio.report import human

from . import theme
from .document import Document

HEADERS = ("Name", "Type", "Output", "Params", "MACs", "Receptive field")
RIGHT = {3, 4}


class SummaryModel(QAbstractTableModel):
    def __init__(self, doc: Document):
        super().__init__()
        self.doc = doc
        self.rows: list[tuple] = []
        self.ids: list[str] = []
        self.frozen: set[int] = set()

    def refresh(self, inference: Inference) -> None:
        graph, registry = self.doc.graph, self.doc.registry
        rows, ids, frozen = [], [], set()
        for nid in inference.order + [n for n in graph.nodes if n not in inference.info]:
            node, info = graph.nodes[nid], inference.info.get(nid)
            label = registry.get(node.type).label if node.type in registry else node.type
            if not node.trainable:
                label += " (frozen)"
                frozen.add(len(rows))
            rf = ""
            if info is not None and info.rf is not None:
                rf = f"{fmt_shape(tuple(_num(v) for v in info.rf))} /{fmt_shape(tuple(_num(v) for v in info.jump))}"
            rows.append(
                (
                    node.name,
                    label,
                    fmt_shape(info.shape) if info is not None and info.shape is not None else "?",
                    f"{info.params:,}" if info is not None else "",
                    human(info.macs) if info is not None and info.macs else "",
                    rf,
                )
            )
            ids.append(nid)
        self.beginResetModel()
        self.rows, self.ids, self.frozen = rows, ids, frozen
        self.endResetModel()

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:
        return len(HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.rows[index.row()][2] == "?":
                return theme.ERROR
            if index.row() in self.frozen:
                return theme.FROZEN
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
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
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 150, 100, 100, 80)):
            self.setColumnWidth(column, width)
        self._stale = False
        self.clicked.connect(self._on_clicked)
        doc.inferred.connect(self._on_inferred)
        self.model_.refresh(doc.inference)

    def _on_clicked(self, index) -> None:
        self.node_activated.emit(self.model_.ids[index.row()])

    def _on_inferred(self, inference: Inference) -> None:
        if self.isVisible():
            self.model_.refresh(inference)
        else:
            self._stale = True  # a hidden table costs nothing per edit; it catches up when shown

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.model_.refresh(self.doc.inference)
        super().showEvent(event)


def _num(v):
    return int(v) if float(v).is_integer() else round(float(v), 2)
