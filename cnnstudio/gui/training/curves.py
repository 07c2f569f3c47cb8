"""The live curves: loss per step (raw and smoothed) with the epochs' train/val losses, accuracy per epoch,
learning rate and throughput. One ``setData`` per curve per refresh; long runs are downsampled and clipped
to the visible range, so drawing costs the same at step 100 and at step 1,000,000.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from .history import RunHistory

BACKGROUND = "#ffffff"
AXIS = "#6b7280"
TRAIN = QColor("#2f6feb")
VAL = QColor("#dd7436")
RAW = QColor(47, 111, 235, 70)
LR = QColor("#8b5cc7")
SPEED = QColor("#1c9a9a")


def _pen(color: QColor, width: float = 1.6, style=Qt.PenStyle.SolidLine) -> pg.QtGui.QPen:
    pen = pg.mkPen(color, width=width, style=style)
    pen.setCosmetic(True)
    return pen


class TrainingCurves(pg.GraphicsLayoutWidget):
    """Four plots in one view: loss (large), accuracy, learning rate, images per second."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.ci.setContentsMargins(4, 4, 8, 4)
        self.ci.setSpacing(6)
        self.loss_plot = self._plot(0, 0, "Loss", "step")
        self.accuracy_plot = self._plot(0, 1, "Accuracy (%)", "epoch")
        self.lr_plot = self._plot(1, 0, "Learning rate", "step")
        self.speed_plot = self._plot(1, 1, "Images / s", "step")
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)
        self.ci.layout.setColumnStretchFactor(0, 3)
        self.ci.layout.setColumnStretchFactor(1, 2)

        legend = self.loss_plot.addLegend(offset=(-8, 6), labelTextSize="8pt", labelTextColor=AXIS)
        legend.setColumnCount(2)
        self.raw_loss = self._curve(self.loss_plot, _pen(RAW, 1.0), "train (step)", per_step=True)
        self.smooth_loss = self._curve(self.loss_plot, _pen(TRAIN, 2.0), "train (smoothed)", per_step=True)
        self.epoch_train_loss = self._points(self.loss_plot, TRAIN, "train (epoch)", dashed=True)
        self.epoch_val_loss = self._points(self.loss_plot, VAL, "validation")

        self.accuracy_plot.addLegend(offset=(-8, -8), labelTextSize="8pt", labelTextColor=AXIS)
        self.train_accuracy = self._points(self.accuracy_plot, TRAIN, "train", dashed=True)
        self.val_accuracy = self._points(self.accuracy_plot, VAL, "validation")
        self.no_accuracy = pg.TextItem("no classification head", color=AXIS, anchor=(0.5, 0.5))
        self.no_accuracy.setPos(0.5, 50)
        self.no_accuracy.hide()
        self.accuracy_plot.addItem(self.no_accuracy)

        self.lr_curve = self._curve(self.lr_plot, _pen(LR, 1.6), None, per_step=True)
        self.speed_curve = self._curve(self.speed_plot, _pen(SPEED, 1.2), None, per_step=True)
        self.lr_plot.getAxis("left").enableAutoSIPrefix(False)

    # construction ------------------------------------------------------------------------------
    def _plot(self, row: int, col: int, title: str, x_label: str) -> pg.PlotItem:
        plot = self.addPlot(row=row, col=col)
        plot.setTitle(title, color="#1f2430", size="9pt")
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        font = QFont()
        font.setPointSize(8)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen("#c8cdd6"))
            axis.setTextPen(pg.mkPen(AXIS))
            axis.setStyle(tickFont=font, tickLength=-4)
        plot.getAxis("left").setWidth(46)
        plot.setLabel("bottom", x_label, color=AXIS, size="8pt")
        plot.getAxis("bottom").label.setFont(font)
        plot.setMouseEnabled(x=True, y=False)
        plot.enableAutoRange()
        return plot

    def _curve(self, plot: pg.PlotItem, pen, name: str | None, per_step: bool) -> pg.PlotDataItem:
        curve = plot.plot([], [], pen=pen, name=name, connect="finite")
        if per_step:
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        return curve

    def _points(self, plot: pg.PlotItem, color: QColor, name: str, dashed: bool = False) -> pg.PlotDataItem:
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        return plot.plot(
            [],
            [],
            pen=_pen(color, 1.6, style),
            symbol="o",
            symbolSize=5,
            symbolBrush=color,
            symbolPen=None,
            name=name,
            connect="finite",
        )

    # data --------------------------------------------------------------------------------------
    def refresh(self, history: RunHistory) -> None:
        """Show the history's arrays: one setData per curve (called at most 20 times a second)."""
        self.raw_loss.setData(history.loss.x, history.loss.y)
        self.smooth_loss.setData(history.smooth.x, history.smooth.y)
        self.epoch_train_loss.setData(*history.epoch_points("train_loss"))
        self.epoch_val_loss.setData(*history.epoch_points("val_loss"))
        x, y = history.epoch_points("train_accuracy", x="epoch")
        self.train_accuracy.setData(x, 100 * y)
        x, y = history.epoch_points("val_accuracy", x="epoch")
        self.val_accuracy.setData(x, 100 * y)
        self.lr_curve.setData(history.lr.x, history.lr.y)
        self._lr_range(history.lr.y)
        self.speed_curve.setData(history.throughput.x, history.throughput.y)
        self._show_accuracy_note(history)

    def _lr_range(self, values: np.ndarray) -> None:
        """A constant learning rate sits in the middle of a 0-based axis, not in a ±0.5 band around it."""
        finite = values[np.isfinite(values)]
        if len(finite) and finite.min() == finite.max():
            self.lr_plot.setYRange(0, 1.5 * finite.max() or 1.0, padding=0)
        else:
            self.lr_plot.enableAutoRange(axis="y")

    def _show_accuracy_note(self, history: RunHistory) -> None:
        heads = ((history.started or {}).get("model") or {}).get("heads") or []
        classifies = any(h.get("kind") == "classification" for h in heads)
        self.no_accuracy.setVisible(bool(heads) and not classifies)
        if self.no_accuracy.isVisible():
            epochs = max(1, len(history.epochs))
            self.no_accuracy.setPos(0.5 + epochs / 2, 50)

    def reset(self) -> None:
        """Empty every curve for a new run."""
        for curve in (
            self.raw_loss,
            self.smooth_loss,
            self.epoch_train_loss,
            self.epoch_val_loss,
            self.train_accuracy,
            self.val_accuracy,
            self.lr_curve,
            self.speed_curve,
        ):
            curve.setData(np.empty(0), np.empty(0))
        self.no_accuracy.hide()
        for plot in (self.loss_plot, self.accuracy_plot, self.lr_plot, self.speed_plot):
            plot.enableAutoRange()  # a new run starts with the view following its data
