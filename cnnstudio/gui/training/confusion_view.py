"""The confusion matrix of the last validation pass, with each class's accuracy beside its row.

Rows are the true classes, columns the predictions; a cell's shade is its share of the row, so a small
class reads as clearly as a large one. The diagonal is blue, mistakes orange.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

TEXT = QColor("#1f2430")
MUTED = QColor("#6b7280")
GRID = QColor("#e3e6ec")
RIGHT = QColor("#2f6feb")
WRONG = QColor("#dd7436")
BAR_BG = QColor("#eef0f4")
MAX_LABEL = 10  # characters of a class name on the axes


def _mix(color: QColor, share: float) -> QColor:
    """White blended toward ``color`` by ``share`` (0..1)."""
    share = max(0.0, min(1.0, share))
    return QColor(
        round(255 + (color.red() - 255) * share),
        round(255 + (color.green() - 255) * share),
        round(255 + (color.blue() - 255) * share),
    )


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


class ConfusionView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.matrix: list[list[int]] = []
        self.classes: list[str] = []
        self.per_class: list[float | None] = []
        self.note = self.tr("The confusion matrix appears after the first epoch.")
        self.setMinimumSize(160, 100)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(360, 300)

    def set_result(self, matrix, classes, per_class) -> None:
        self.matrix = [list(map(int, row)) for row in matrix or []]
        n = len(self.matrix)
        self.classes = list(classes)[:n] + [str(i) for i in range(len(classes), n)]
        self.per_class = list(per_class or [None] * n)
        self.note = "" if n else self.tr("No classification head: no confusion matrix.")
        self.update()

    def clear(self, note: str | None = None) -> None:
        self.matrix, self.classes, self.per_class = [], [], []
        self.note = self.tr("The confusion matrix appears after the first epoch.") if note is None else note
        self.update()

    # painting ----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        if not self.matrix:
            painter.setPen(MUTED)
            painter.drawText(  # wrapped: a narrow column cut both ends off ("he confusion matrix … firs")
                self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.note
            )
            return
        n = len(self.matrix)
        metrics = QFontMetrics(font)
        label_w = max(metrics.horizontalAdvance(_short(c)) for c in self.classes) + 8
        bar_w = 64
        top = metrics.height() * 2 + 6
        avail_w = self.width() - label_w - bar_w - 16
        avail_h = self.height() - top - metrics.height() - 8
        cell = max(4.0, min(avail_w / n, avail_h / n))
        left = 8 + label_w
        self._headers(painter, metrics, n, left, top, cell, bar_w)
        widest = max(len(str(v)) for row in self.matrix for v in row)
        show_counts = cell >= metrics.horizontalAdvance("8" * widest) + 4
        for i, row in enumerate(self.matrix):
            total = sum(row) or 1
            y = top + i * cell
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(4, y, label_w - 4, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _short(self.classes[i]),
            )
            for j, count in enumerate(row):
                share = count / total
                rect = QRectF(left + j * cell, y, cell, cell)
                painter.fillRect(rect, _mix(RIGHT if i == j else WRONG, share**0.6 if count else 0.0))
                painter.setPen(QPen(GRID, 0.6))
                painter.drawRect(rect)
                if show_counts and count:
                    painter.setPen(QColor("#ffffff") if share > 0.55 else TEXT)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
            self._bar(painter, metrics, i, QRectF(left + n * cell + 8, y + cell * 0.2, bar_w, cell * 0.6))

    def _headers(self, painter, metrics, n, left, top, cell, bar_w) -> None:
        painter.setPen(MUTED)
        painter.drawText(QRectF(left, 0, n * cell, metrics.height()), Qt.AlignmentFlag.AlignCenter, "predicted")
        painter.drawText(
            QRectF(left + n * cell + 8, 0, bar_w, metrics.height() * 2 + 4),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            "accuracy",
        )
        names = [_short(c)[:4] if cell < 30 else _short(c) for c in self.classes]
        widest = max(metrics.horizontalAdvance(name) for name in names) + 4
        step = max(1, math.ceil(widest / cell))  # thin the labels when cells are small
        painter.setPen(TEXT)
        for j in range(0, n, step):
            painter.drawText(
                QRectF(left + j * cell - 20, metrics.height() + 2, cell + 40, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                names[j],
            )
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(4, top + n * cell + 2, left + n * cell, metrics.height() + 4),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            self.tr("rows: true class"),
        )

    def _bar(self, painter, metrics, i: int, rect: QRectF) -> None:
        value = self.per_class[i] if i < len(self.per_class) else None
        painter.fillRect(rect, BAR_BG)
        if value is None:
            painter.setPen(MUTED)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "–")
            return
        painter.fillRect(
            QRectF(rect.x(), rect.y(), rect.width() * value, rect.height()), _mix(RIGHT, 0.35 + 0.5 * value)
        )
        painter.setPen(QColor("#ffffff") if value > 0.45 else TEXT)  # the text starts on the filled part
        painter.drawText(rect.adjusted(3, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, f"{100 * value:.0f}%")
