"""A thin progress line (it repaints with update(): QProgressBar repaints synchronously on every setValue) and
the fixed-size label beside it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .history import Progress
from .run_texts import clock

TRACK = QColor("#e3e6ec")
FILL = QColor("#2f6feb")
MAXIMUM = 1000


class ThinProgress(QWidget):
    """Progress in thousandths, drawn as a rounded 6-pixel line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(40)  # the command row stays one row in a 1500 px panel

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


class ProgressLabel(QLabel):
    """Where the run stands, in words: epoch, batch, speed and time left."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("TrainingPanel", "Not trained yet"), parent)
        self.setProperty("role", "muted")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # a fixed size: the changing text never relayouts the window (and repaints the plots) 20 times a second
        sample = QCoreApplication.translate("TrainingPanel", "epoch 10/10 · batch 450/450 · 10,000 img/s · ETA 0:00")
        metrics = self.fontMetrics()
        self.setFixedSize(metrics.horizontalAdvance(sample) + 8, metrics.height() + 4)

    def show_progress(self, p: Progress, running: bool) -> None:
        if not p.epochs:
            return
        parts = [QCoreApplication.translate("TrainingPanel", "epoch {0}/{1}").format(p.epoch, p.epochs)]
        if p.batches:
            parts.append(QCoreApplication.translate("TrainingPanel", "batch {0}/{1}").format(p.batch, p.batches))
        if p.images_per_s:
            parts.append(QCoreApplication.translate("TrainingPanel", "{0:,.0f} img/s").format(p.images_per_s))
        if running and p.eta_s is not None:
            parts.append(QCoreApplication.translate("TrainingPanel", "ETA {0}").format(clock(p.eta_s)))
        self.setText(" · ".join(parts))
