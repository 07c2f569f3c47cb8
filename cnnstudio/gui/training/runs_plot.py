"""The Runs view's plot: one figure of several runs overlaid, one colour per run, with a legend."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from cnnstudio.training.run_records import RunCurves

from .curves import AXIS, BACKGROUND
from .history import SMOOTHING

# distinct on white and for the common colour-vision deficiencies (Okabe–Ito, without the yellow)
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56b4e9", "#e69f00", "#000000")
MAX_POINTS = 2_000  # a long run's per-step loss is thinned to about this many points


def _metrics() -> dict[str, tuple[str, str]]:
    """The figures a run can be compared by: key → (menu text, x-axis)."""
    step, epoch = QCoreApplication.translate("RunsPlot", "step"), QCoreApplication.translate("RunsPlot", "epoch")
    return {
        "val_accuracy": (QCoreApplication.translate("RunsPlot", "Validation accuracy %"), epoch),
        "val_loss": (QCoreApplication.translate("RunsPlot", "Validation loss"), epoch),
        "loss": (QCoreApplication.translate("RunsPlot", "Training loss (smoothed)"), step),
        "val_map50": (QCoreApplication.translate("RunsPlot", "Validation mAP@0.5 %"), epoch),
    }


def smoothed(values: list[float]) -> np.ndarray:
    """The training panel's smoothing (a debiased moving average), so the curves look as they did live."""
    out, ema, weight = np.empty(len(values)), 0.0, 0.0
    for i, v in enumerate(values):
        ema, weight = SMOOTHING * ema + (1 - SMOOTHING) * v, SMOOTHING * weight + (1 - SMOOTHING)
        out[i] = ema / weight
    return out


class RunsPlot(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent, background=BACKGROUND)
        self.metrics = _metrics()
        self.shown_metric = "val_accuracy"
        item = self.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(AXIS))
            axis.setTextPen(pg.mkPen(AXIS))
        self.legend = item.addLegend(offset=(-10, 10), labelTextColor="#1f2430", brush=pg.mkBrush(255, 255, 255, 220))
        self.curves: dict[str, pg.PlotDataItem] = {}  # run folder → its curve, in the order drawn
        self.empty = pg.TextItem(
            QCoreApplication.translate("RunsPlot", "Tick runs in the list to compare their curves"),
            color=AXIS,
            anchor=(0.5, 0.5),
        )
        item.addItem(self.empty, ignoreBounds=True)
        self._set_axes()

    def _set_axes(self) -> None:
        title, x = self.metrics[self.shown_metric]
        item = self.getPlotItem()
        item.setTitle(f'<span style="color:#1f2430">{title}</span>')
        item.setLabel("bottom", x, color=AXIS)

    def show_runs(self, runs: list[tuple[str, str, RunCurves]], metric: str | None = None) -> None:
        """Draw ``(key, label, curves)`` for each checked run; a run without this figure gets no line."""
        if metric is not None:
            self.shown_metric = metric
        self._set_axes()
        item = self.getPlotItem()
        for curve in self.curves.values():
            item.removeItem(curve)
        self.legend.clear()
        self.curves = {}
        for index, (key, label, curves) in enumerate(runs):
            x, y = self._series(curves)
            if not len(x):
                continue
            colour = QColor(COLOURS[index % len(COLOURS)])
            pen = pg.mkPen(colour, width=2.0)
            pen.setCosmetic(True)
            per_epoch = self.shown_metric != "loss"
            curve = item.plot(
                x,
                y,
                pen=pen,
                name=label,
                symbol="o" if per_epoch else None,
                symbolSize=6,
                symbolBrush=colour,
                symbolPen=None,
            )
            curve.setClipToView(True)
            self.curves[key] = curve
        # the legend sits where the curves are not: below rising accuracy, above falling losses
        corner = (1, 1) if self.shown_metric in ("val_accuracy", "val_map50") else (1, 0)
        self.legend.anchor(itemPos=corner, parentPos=corner, offset=(-10, -10 if corner[1] else 10))
        self.empty.setVisible(not self.curves)
        self.empty.setText(
            QCoreApplication.translate("RunsPlot", "The ticked runs have no {0}: choose another figure above").format(
                self.metrics[self.shown_metric][0]
            )
            if runs
            else QCoreApplication.translate("RunsPlot", "Tick runs in the list to compare their curves")
        )
        if self.curves:
            item.enableAutoRange()
        else:
            item.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.empty.setPos(0.5, 0.5)

    def _series(self, curves: RunCurves) -> tuple[np.ndarray, np.ndarray]:
        if self.shown_metric == "loss":
            x, y = curves.loss
            x, y = np.asarray(x, dtype=np.float64), smoothed(y)
            stride = max(1, len(x) // MAX_POINTS)
            return x[::stride], y[::stride]
        x, y = curves.per_epoch(self.shown_metric)
        scale = 100.0 if self.shown_metric in ("val_accuracy", "val_map50") else 1.0
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64) * scale


__all__ = ["COLOURS", "RunsPlot"]
