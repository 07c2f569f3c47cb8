"""A thin progress line: repaints with update() (QProgressBar repaints synchronously on every setValue)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

TRACK = QColor("#e3e6ec")
FILL = QColor("#2f6feb")
MAXIMUM = 1000


class ThinProgress(QWidget):
    """Progress in thousandths, drawn as a rounded 6-pixel line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(80)

    def sizeHint(self) -> QSize:
        return QSize(200, 10)

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:
        value = max(0, min(MAXIMUM, int(value)))
        if value != self._value:
            self._value = value
            self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(0, 0, 0, 0))
        height = 6.0
        track = QRectF(0, (self.height() - height) / 2, self.width(), height)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(track, height / 2, height / 2)
        if self._value:
            painter.setBrush(FILL)
            painter.drawRoundedRect(
                QRectF(track.x(), track.y(), max(height, track.width() * self._value / MAXIMUM), height),
                height / 2,
                height / 2,
            )
