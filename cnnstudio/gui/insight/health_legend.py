"""Layer-health colours for the canvas: a value → QColor scale per metric, and a legend bar to explain it."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .colors import lut

# metric -> (title, colour map, fixed range or None, log scale)
METRICS = {
    "mean": (QT_TRANSLATE_NOOP("HealthLegend", "activation mean"), "CET-D1A", None, False),
    "std": (QT_TRANSLATE_NOOP("HealthLegend", "activation std"), "viridis", None, False),
    "dead_fraction": (
        QT_TRANSLATE_NOOP("HealthLegend", "dead ReLU fraction"),
        "CET-L18",
        (0.0, 1.0),
        False,
    ),  # white → yellow → red
    "grad_norm": (QT_TRANSLATE_NOOP("HealthLegend", "gradient norm"), "viridis", None, True),
}


class HealthColorScale:
    """Maps one health metric to colours; fit() the range to the values shown (fixed for dead fraction)."""

    def __init__(self, metric: str, lo: float | None = None, hi: float | None = None):
        if metric not in METRICS:
            raise ValueError(f"unknown health metric {metric!r}; expected one of {', '.join(METRICS)}")
        self.metric = metric
        title, self.colormap, fixed, self.log = METRICS[metric]
        self.title = QCoreApplication.translate("HealthLegend", title)
        self.lo, self.hi = fixed if fixed else (0.0, 1.0)
        self.fixed = fixed is not None
        if lo is not None and hi is not None:
            self.lo, self.hi = float(lo), float(hi)

    def fit(self, values) -> HealthColorScale:
        """Set the range to cover the values (a symmetric one around 0 for the mean); returns self."""
        finite = [float(v) for v in values if v is not None and math.isfinite(v) and (not self.log or v > 0)]
        if self.fixed or not finite:
            return self
        lo, hi = min(finite), max(finite)
        if self.metric == "mean":
            peak = max(abs(lo), abs(hi)) or 1.0
            lo, hi = -peak, peak
        if hi <= lo:
            hi = lo + (abs(lo) * 0.1 or 1.0)
        self.lo, self.hi = lo, hi
        return self

    def position(self, value: float) -> float:
        """Where the value sits on the bar, 0 … 1."""
        lo, hi, v = self.lo, self.hi, float(value)
        if self.log:
            tiny = 1e-12
            lo, hi, v = math.log10(max(lo, tiny)), math.log10(max(hi, tiny * 10)), math.log10(max(v, tiny))
        if hi <= lo:
            return 0.5
        return min(max((v - lo) / (hi - lo), 0.0), 1.0)

    def color(self, value: float | None) -> QColor:
        """The colour of a value; None or NaN (not measured) is a neutral grey."""
        if value is None or not math.isfinite(value):
            return QColor("#b8bec9")
        r, g, b, a = lut(self.colormap)[round(self.position(value) * 255)]
        return QColor(int(r), int(g), int(b), int(a))

    def label(self, value: float) -> str:
        if self.metric == "dead_fraction":
            return f"{value * 100:.0f} %"
        return f"{value:.3g}"


class HealthLegend(QWidget):
    """A horizontal colour bar with the metric's name and the values at both ends."""

    def __init__(self, scale: HealthColorScale | None = None, parent=None):
        super().__init__(parent)
        self.scale = scale or HealthColorScale("dead_fraction")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_scale(self, scale: HealthColorScale) -> None:
        self.scale = scale
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, self.fontMetrics().height() * 2 + 16)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        text_h = metrics.height()
        bar = QRectF(4, text_h + 4, self.width() - 8, max(self.height() - 2 * text_h - 10, 6))
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        table = lut(self.scale.colormap)
        for i in range(0, 256, 16):
            r, g, b, _ = table[i]
            gradient.setColorAt(i / 255, QColor(int(r), int(g), int(b)))
        r, g, b, _ = table[255]
        gradient.setColorAt(1.0, QColor(int(r), int(g), int(b)))
        painter.setPen(QPen(QColor("#8b94a3"), 1))
        painter.setBrush(gradient)
        painter.drawRoundedRect(bar, 3, 3)
        painter.setPen(QColor("#1f2430"))
        title = self.scale.title + (self.tr(" (log scale)") if self.scale.log else "")
        painter.drawText(QRectF(4, 0, self.width() - 8, text_h + 2), Qt.AlignmentFlag.AlignLeft, title)
        below = QRectF(4, bar.bottom() + 2, self.width() - 8, text_h + 2)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, self.scale.label(self.scale.lo))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, self.scale.label(self.scale.hi))
        painter.end()
