"""A detector's results per class, where a classifier shows its confusion matrix: AP@0.5 and COCO's
AP@[.5:.95] for each class and their means (the mAP the curves show), with the loss parts below."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MUTED = QColor("#6b7280")
LOW = QColor("#dd7436")  # an AP under this share is drawn in the mistakes' orange
LOW_AP = 0.5


class APTable(QWidget):
    """Rows: the classes, then the mean; columns: AP@0.5, AP@[.5:.95]."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self.tr("Average precision per class"))
        self.title.setProperty("role", "muted")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("AP@0.5"), self.tr("AP@[.5:.95]")])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setToolTip(
            self.tr(
                "AP@0.5: a box counts when it overlaps its object by half (IoU ≥ 0.5). AP@[.5:.95]: COCO's "
                "stricter mean over IoU 0.50, 0.55 … 0.95, which rewards tight boxes."
            )
        )
        self.losses = QLabel()
        self.losses.setProperty("role", "muted")
        self.losses.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.losses)
        self.clear()

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_result(self, epoch: dict, classes: list[str]) -> None:
        """The AP table of one epoch_end event (``ap50_per_class``, ``ap_per_class``, ``val_map50``, ``val_map``)."""
        at50 = epoch.get("ap50_per_class") or {}
        coco = epoch.get("ap_per_class") or {}
        names = list(classes) or list(coco)
        names += [name for name in coco if name not in names]
        rows = [(name, at50.get(name), coco.get(name)) for name in names]
        rows.append((self.tr("mean (mAP)"), epoch.get("val_map50"), epoch.get("val_map")))
        self.table.setRowCount(len(rows))
        for row, (name, half, strict) in enumerate(rows):
            item = QTableWidgetItem(name)
            if row == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, 0, item)
            for column, value in ((1, half), (2, strict)):
                self.table.setItem(row, column, _ap_item(value, self.tr("n/a")))
        parts = [epoch.get(key) for key in ("val_loss_cls", "val_loss_box", "val_loss_offset")]
        if all(isinstance(v, (int, float)) for v in parts):
            self.losses.setText(
                self.tr("Validation loss: heat maps {0:.3f} · box {1:.3f} · offset {2:.3f}").format(*parts)
            )
        else:
            self.losses.setText("")
        self.title.setText(self.tr("Average precision per class, epoch {0}").format(epoch.get("epoch", "?")))

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.losses.setText(self.tr("The AP table appears after the first epoch."))
        self.title.setText(self.tr("Average precision per class"))

    def value(self, row: int, column: int) -> str:
        """The text of a cell (for tests and accessibility)."""
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def _ap_item(value, missing: str) -> QTableWidgetItem:
    if not isinstance(value, (int, float)):
        item = QTableWidgetItem(missing)  # a class absent from the validation images has no AP
        item.setForeground(MUTED)
    else:
        item = QTableWidgetItem(f"{value:.3f}")
        if value < LOW_AP:
            item.setForeground(LOW)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
