"""The setup page's two small previews: the learning-rate curve and a strip of augmented images."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .curves import AXIS, BACKGROUND, LR, _pen

FRAME = QColor("#dde1e7")
MUTED = QColor("#6b7280")


class LrPreview(pg.PlotWidget):
    """The learning rate over the run's epochs, as the engine's scheduler will set it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background=BACKGROUND)
        self.setMinimumSize(180, 96)
        self.setMaximumHeight(150)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.setMenuEnabled(False)
        plot = self.getPlotItem()
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            axis.setPen(pg.mkPen(AXIS))
            axis.setTextPen(pg.mkPen(AXIS))
            axis.enableAutoSIPrefix(False)  # no rich-text label re-set on every range change
        plot.setLabel("bottom", QCoreApplication.translate("PreviewWidgets", "epoch"), color=AXIS)
        plot.getAxis("left").setWidth(44)
        self.curve = plot.plot(pen=_pen(LR, 2.0))
        self.xs: list[float] = []
        self.ys: list[float] = []

    def set_curve(self, xs: list[float], ys: list[float]) -> None:
        self.xs, self.ys = list(xs), list(ys)
        self.curve.setData(xs, ys)
        top = max(ys) if ys else 1.0
        plot = self.getPlotItem()
        plot.setYRange(0.0, top * 1.08 or 1.0, padding=0)
        # two labelled ticks, 0 and the peak: tiny learning rates read as 0.002, not as an SI-scaled axis
        plot.getAxis("left").setTicks([[(0.0, "0"), (top, f"{top:.3g}")], []])
        self.getPlotItem().setXRange(0.0, xs[-1] if xs else 1.0, padding=0.02)


class ImageStrip(QWidget):
    """A row of small images (N×C×H×W [0, 1] tensors), or a line saying why there are none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.images: list[QImage] = []
        self.note = ""
        self.setMinimumSize(200, 64)
        self.setMaximumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(360, 72)

    def set_tensor(self, images) -> None:
        self.images = [_to_qimage(image) for image in images]
        self.note = ""
        self.update()

    def set_note(self, text: str) -> None:
        self.images, self.note = [], text
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        if not self.images:
            painter.setPen(MUTED)
            painter.drawText(
                self.rect().adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, self.note
            )
            return
        gap = 6
        side = max(16, min(self.height() - 2, (self.width() - gap * (len(self.images) - 1)) // len(self.images)))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        x = 0
        for image in self.images:
            painter.drawImage(x, 1, image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
            painter.setPen(QPen(FRAME))
            painter.drawRect(x, 1, side - 1, side - 1)
            x += side + gap


def _to_qimage(image) -> QImage:
    """One C×H×W [0, 1] tensor as an 8-bit QImage (grayscale or RGB)."""
    c, h, w = image.shape
    data = (image.clamp(0, 1) * 255).round().byte()
    if c == 1:
        raw = data[0].contiguous().numpy().tobytes()
        return QImage(raw, w, h, w, QImage.Format.Format_Grayscale8).copy()
    raw = data[:3].permute(1, 2, 0).contiguous().numpy().tobytes()
    return QImage(raw, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
