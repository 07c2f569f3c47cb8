"""Top-k predictions as rows of class and probability bar; choosing a row picks the class Grad-CAM explains."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.insight import Prediction

BAR_STYLE = (
    "QProgressBar { border: 1px solid #c8cdd6; border-radius: 3px; background: #ffffff; text-align: center; }"
    "QProgressBar::chunk { background: #7fa8ee; border-radius: 2px; }"
)


class PredictionView(QWidget):
    """The k most probable classes, most probable first."""

    classChosen = Signal(int)  # class index of the row the user picked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = self.tr("Prediction")  # "Boxes" for a detector (the panel sets it, translated)
        self.title = QLabel(f"<b>{self.heading}</b>")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Probability")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setToolTip(self.tr("Pick a class to see where Grad-CAM finds evidence for it"))
        self.table.itemSelectionChanged.connect(self._picked)
        self.predictions: list[Prediction] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)

    def set_predictions(self, predictions: list[Prediction], note: str = "") -> None:
        self.predictions = list(predictions)
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(self.predictions))
        for row, pred in enumerate(self.predictions):
            item = QTableWidgetItem(pred.label)
            item.setData(Qt.ItemDataRole.UserRole, pred.index)
            self.table.setItem(row, 0, item)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(pred.probability * 1000))
            bar.setFormat(f"{pred.probability * 100:.1f} %")
            bar.setStyleSheet(BAR_STYLE)
            self.table.setCellWidget(row, 1, bar)
        if self.predictions:
            self.table.selectRow(0)
        self.table.blockSignals(False)
        self.title.setText(f"<b>{self.heading}</b> {note}" if note else f"<b>{self.heading}</b>")

    def chosen_class(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _picked(self) -> None:
        chosen = self.chosen_class()
        if chosen is not None:
            self.classChosen.emit(chosen)
