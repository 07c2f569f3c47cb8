"""The live curves: loss per step (raw and smoothed) with the epochs' train/val losses, accuracy per epoch,
learning rate and throughput. One ``setData`` per curve per refresh; long runs are downsampled and clipped
to the visible range, so drawing costs the same at step 100 and at step 1,000,000.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .history import RunHistory

BACKGROUND = "#ffffff"
AXIS = "#6b7280"
TRAIN = QColor("#2f6feb")
VAL = QColor("#dd7436")
RAW = QColor(47, 111, 235, 70)
RAW_KEY = QColor("#a9c1f5")  # RAW as it looks on white, for the title's legend
D_LOSS = QColor("#c2410c")  # a GAN's discriminator loss per step
G_LOSS = QColor("#15803d")  # and its generator's
LR = QColor("#8b5cc7")
SPEED = QColor("#1c9a9a")


def _pen(color: QColor, width: float = 1.6, style=Qt.PenStyle.SolidLine) -> pg.QtGui.QPen:
    pen = pg.mkPen(color, width=width, style=style)
    pen.setCosmetic(True)
    return pen


PLOTS = ("loss", "accuracy", "lr", "speed")


def nice_ceiling(value: float) -> float:
    """The next of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above ``value``: a limit that changes rarely."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * scale >= value * (1 - 1e-9):
            return step * scale
    return 10 * scale


def _title(name: str, keys: list[tuple[str, QColor, str]]) -> str:
    """A plot title with its legend: the name, then each series' mark in its colour and its label."""
    marks = " &nbsp;".join(
        f'<span style="color:{color.name()}">{mark}</span><span style="color:{AXIS}; font-size:8pt"> {label}</span>'
        for label, color, mark in keys
    )
    return f'<span style="color:#1f2430">{name}</span> &nbsp; {marks}'


def _top(*arrays: np.ndarray) -> float:
    finite = [a[np.isfinite(a)] for a in arrays if len(a)]
    values = [float(a.max()) for a in finite if len(a)]
    return max(values) if values else 1.0


def _bottom(*arrays: np.ndarray) -> float:
    finite = [a[np.isfinite(a)] for a in arrays if len(a)]
    values = [float(a.min()) for a in finite if len(a)]
    return min(values) if values else 0.0


class TrainingCurves(pg.GraphicsLayoutWidget):
    """Four plots in one view: loss (large), accuracy, learning rate, images per second."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.ci.setContentsMargins(4, 4, 8, 4)
        self.ci.setSpacing(6)
        # the legends live in the titles: inside a short plot a legend box would cover the curves
        loss_title = _title(
            QCoreApplication.translate("Curves", "Loss"),
            [
                (QCoreApplication.translate("Curves", "train steps"), RAW_KEY, "━"),
                (QCoreApplication.translate("Curves", "smoothed"), TRAIN, "━"),
                (QCoreApplication.translate("Curves", "epoch mean"), TRAIN, "╍●"),
                (QCoreApplication.translate("Curves", "validation"), VAL, "━●"),
            ],
        )
        self.loss_title = loss_title
        self.gan_loss_title = _title(  # a GAN's: its two losses per step (smoothed) beside their sum
            QCoreApplication.translate("Curves", "Loss"),
            [
                (QCoreApplication.translate("Curves", "D + G"), TRAIN, "━"),
                (QCoreApplication.translate("Curves", "discriminator"), D_LOSS, "━"),
                (QCoreApplication.translate("Curves", "generator"), G_LOSS, "━"),
                (QCoreApplication.translate("Curves", "validation"), VAL, "━●"),
            ],
        )
        self._gan = False
        step, epoch = QCoreApplication.translate("Curves", "step"), QCoreApplication.translate("Curves", "epoch")
        self.loss_plot = self._plot(0, 0, loss_title, step)
        train, val = QCoreApplication.translate("Curves", "train"), QCoreApplication.translate("Curves", "val")
        self.accuracy_title = _title(
            QCoreApplication.translate("Curves", "Accuracy %"), [(train, TRAIN, "╍●"), (val, VAL, "━●")]
        )
        self.verdicts_title = _title(  # a GAN's in the same plot: how sure D is that images are real
            QCoreApplication.translate("Curves", "Discriminator says real %"),
            [
                (QCoreApplication.translate("Curves", "D(real)"), VAL, "━●"),
                (QCoreApplication.translate("Curves", "D(fake)"), TRAIN, "╍●"),
            ],
        )
        # a detector's plot: both validation figures, the strict COCO mean dashed
        self.map_title = _title("mAP %", [("@[.5:.95]", TRAIN, "╍●"), ("@0.5", VAL, "━●")])
        self.accuracy_plot = self._plot(0, 1, self.accuracy_title, epoch)
        self._detects = False
        self.lr_plot = self._plot(1, 0, QCoreApplication.translate("Curves", "Learning rate"), step)
        self.speed_plot = self._plot(1, 1, QCoreApplication.translate("Curves", "Images / s"), step)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)
        self.ci.layout.setColumnStretchFactor(0, 3)
        self.ci.layout.setColumnStretchFactor(1, 2)

        self.raw_loss = self._curve(
            self.loss_plot, _pen(RAW, 1.0), QCoreApplication.translate("Curves", "train (step)"), per_step=True
        )
        self.smooth_loss = self._curve(
            self.loss_plot, _pen(TRAIN, 2.0), QCoreApplication.translate("Curves", "train (smoothed)"), per_step=True
        )
        self.epoch_train_loss = self._points(
            self.loss_plot, TRAIN, QCoreApplication.translate("Curves", "train (epoch)"), dashed=True
        )
        self.epoch_val_loss = self._points(self.loss_plot, VAL, QCoreApplication.translate("Curves", "validation"))
        self.part_curves = {  # raw (faint) and smoothed, per step
            key: (
                self._curve(
                    self.loss_plot, _pen(QColor(color.red(), color.green(), color.blue(), 60), 1.0), None, True
                ),
                self._curve(self.loss_plot, _pen(color, 1.8), name, per_step=True),
            )
            for key, color, name in (
                ("d_loss", D_LOSS, QCoreApplication.translate("Curves", "discriminator")),
                ("g_loss", G_LOSS, QCoreApplication.translate("Curves", "generator")),
            )
        }

        self.train_accuracy = self._points(
            self.accuracy_plot, TRAIN, QCoreApplication.translate("Curves", "train"), dashed=True
        )
        self.val_accuracy = self._points(self.accuracy_plot, VAL, QCoreApplication.translate("Curves", "validation"))
        self.d_real = self._points(self.accuracy_plot, VAL, QCoreApplication.translate("Curves", "D(real)"))
        self.d_fake = self._points(
            self.accuracy_plot, TRAIN, QCoreApplication.translate("Curves", "D(fake)"), dashed=True
        )
        self.no_accuracy = pg.TextItem(
            QCoreApplication.translate("Curves", "no classification head"), color=AXIS, anchor=(0.5, 0.5)
        )
        self.no_accuracy.setPos(0.5, 50)
        self.no_accuracy.hide()
        self.accuracy_plot.addItem(self.no_accuracy)

        self.lr_curve = self._curve(self.lr_plot, _pen(LR, 1.6), None, per_step=True)
        self.speed_curve = self._curve(self.speed_plot, _pen(SPEED, 1.2), None, per_step=True)
        self.lr_plot.getAxis("left").enableAutoSIPrefix(False)
        self._ranges: dict[pg.PlotItem, tuple] = {}
        self._epochs_shown: dict[str, int] = {}  # per plot: how many epochs its epoch curves show
        self._user_ranged: set[pg.PlotItem] = set()
        self._fitting = False
        for plot in (self.loss_plot, self.accuracy_plot, self.lr_plot, self.speed_plot):
            plot.vb.sigRangeChangedManually.connect(lambda _mask, p=plot: self._ranged_by_user(p))

    @property
    def plots(self) -> tuple[pg.PlotItem, ...]:
        return (self.loss_plot, self.accuracy_plot, self.lr_plot, self.speed_plot)

    def prerender(self, plot: pg.PlotItem) -> None:
        """Draw one plot's axes and title into throwaway images. An axis lays out its ticks and keeps them as a
        picture then (the costly part of a paint: a few ms a plot, ~10 ms the first time each font's text is
        drawn), so the next paint on screen only replays it. Done off screen, one plot per event-loop turn."""
        for item in self.paint_items(plot):
            self.prerender_item(item)

    @staticmethod
    def paint_items(plot: pg.PlotItem) -> list[QGraphicsItem]:
        axes = [axis["item"] for axis in plot.axes.values()]
        return [*axes, *(axis.label for axis in axes), plot.titleLabel.item]

    @staticmethod
    def prerender_item(item: QGraphicsItem) -> None:
        rect = item.boundingRect()
        if not item.isVisible() or rect.width() < 1 or rect.height() < 1:
            return
        image = QImage(math.ceil(rect.width()), math.ceil(rect.height()), QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        painter.translate(-rect.topLeft())
        item.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.end()

    # construction ------------------------------------------------------------------------------
    def _plot(self, row: int, col: int, title: str, x_label: str) -> pg.PlotItem:
        plot = self.addPlot(row=row, col=col)
        plot.setTitle(title, color="#1f2430", size="9pt")
        # no grid: grid lines belong to the axes, which would then repaint with every new point
        plot.setMenuEnabled(False)
        plot.hideButtons()
        font = QFont()
        font.setPointSize(8)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen("#c8cdd6"))
            axis.setTextPen(pg.mkPen(AXIS))
            axis.setStyle(tickFont=font, tickLength=-4)
            # an SI prefix re-sets the label's rich text on every range change: ~1 ms each, dozens per resize
            axis.enableAutoSIPrefix(False)
        plot.getAxis("left").setWidth(46)
        plot.setLabel("bottom", x_label, color=AXIS, size="8pt")
        plot.getAxis("bottom").label.setFont(font)
        plot.setMouseEnabled(x=True, y=False)
        plot.disableAutoRange()  # ranges are set from the run's length and the data's maxima (see _fit)
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
    def refresh(self, history: RunHistory, plots: tuple[str, ...] = PLOTS) -> None:
        """Show the history's arrays in these plots: one setData per curve that changed.

        The panel redraws one plot per update, in turn, so no single update holds the GUI for long.
        """
        steps = history.progress.total_steps or nice_ceiling(history.loss.x[-1] if len(history.loss) else 1)
        epochs_done = len(history.epochs)
        if "loss" in plots:
            self.raw_loss.setData(history.loss.x, history.loss.y)
            self.smooth_loss.setData(history.smooth.x, history.smooth.y)
            train, val = history.epoch_points("train_loss"), history.epoch_points("val_loss")
            if self._epochs_shown.get("loss") != epochs_done:
                self.epoch_train_loss.setData(*train)
                self.epoch_val_loss.setData(*val)
            parts = [history.parts[key] for key in self.part_curves if key in history.parts]
            for (raw, smooth), part in zip(self.part_curves.values(), parts):
                raw.setData(part.raw.x, part.raw.y)
                smooth.setData(part.smooth.x, part.smooth.y)
            self._show_gan_losses(any(len(part.raw) for part in parts))
            smoothed = [part.smooth.y for part in parts]
            low = _bottom(*smoothed, history.smooth.y)  # a hinge loss's generator term goes below 0
            y = (
                -nice_ceiling(-low) if low < 0 else 0,
                nice_ceiling(_top(history.smooth.y, *smoothed, train[1], val[1])),
            )
            self._fit(self.loss_plot, (0, steps), y)
        if "accuracy" in plots and self._epochs_shown.get("accuracy") != epochs_done:
            self._show_map(any(h.get("val_map50") is not None for h in history.epochs))
            first, second = ("val_map", "val_map50") if self._detects else ("train_accuracy", "val_accuracy")
            x, train = history.epoch_points(first, x="epoch")
            self.train_accuracy.setData(x, 100 * train)
            x, val = history.epoch_points(second, x="epoch")
            self.val_accuracy.setData(x, 100 * val)
            x, real = history.epoch_points("d_real", x="epoch")
            self.d_real.setData(x, 100 * real)
            x, fake = history.epoch_points("d_fake", x="epoch")
            self.d_fake.setData(x, 100 * fake)
            if len(real):
                train, val = fake, real  # the range below fits the verdicts
            self._show_accuracy_note(history)
            epochs = max(1, history.progress.epochs, len(history.epochs))
            low = min(90.0, 10 * math.floor(_bottom(100 * train, 100 * val) / 10))
            self._fit(self.accuracy_plot, (0.5, epochs + 0.5), (low, 100))
            every = max(1, math.ceil(epochs / 10))  # whole epochs only
            self.accuracy_plot.getAxis("bottom").setTickSpacing(major=every, minor=every)
        if "lr" in plots:
            self.lr_curve.setData(history.lr.x, history.lr.y)
            self._fit(self.lr_plot, (0, steps), (0, nice_ceiling(_top(history.lr.y))))
        if "speed" in plots:
            self.speed_curve.setData(history.throughput.x, history.throughput.y)
            self._fit(self.speed_plot, (0, steps), (0, nice_ceiling(_top(history.throughput.y))))
        self._epochs_shown.update({p: epochs_done for p in plots if p in ("loss", "accuracy")})

    def _fit(self, plot: pg.PlotItem, x: tuple[float, float], y: tuple[float, float]) -> None:
        """Set a plot's range only when it changes: its axes are drawn again only then (the costly part)."""
        if plot in self._user_ranged or self._ranges.get(plot) == (x, y):
            return
        self._ranges[plot] = (x, y)
        self._fitting = True
        plot.setRange(xRange=x, yRange=y, padding=0.02)
        self._fitting = False

    def _ranged_by_user(self, plot: pg.PlotItem) -> None:
        if not self._fitting:
            self._user_ranged.add(plot)  # the user zoomed or panned: leave that plot alone until the next run

    def _show_gan_losses(self, gan: bool) -> None:
        """The loss plot's legend names D and G for a GAN's run (the title changes only when the kind of run does)."""
        if gan != self._gan:
            self._gan = gan
            self.loss_plot.setTitle(self.gan_loss_title if gan else self.loss_title, color="#1f2430", size="9pt")

    def _show_map(self, detects: bool) -> None:
        """The accuracy plot shows a detector's mAP (the title changes only when the kind of run does)."""
        if detects != self._detects:
            self._detects = detects
            self.accuracy_plot.setTitle(self.map_title if detects else self.accuracy_title, color="#1f2430", size="9pt")

    def _show_accuracy_note(self, history: RunHistory) -> None:
        heads = ((history.started or {}).get("model") or {}).get("heads") or []
        scored = any(h.get("kind") in ("classification", "detection") for h in heads)
        judges = any(h.get("kind") == "real_fake" for h in heads)
        if not self._detects:  # a detector's title is _show_map's
            title = self.verdicts_title if judges else self.accuracy_title
            if self.accuracy_plot.titleLabel.text != title:
                self.accuracy_plot.setTitle(title, color="#1f2430", size="9pt")
        self.no_accuracy.setVisible(bool(heads) and not scored and not judges)
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
            self.d_real,
            self.d_fake,
            self.lr_curve,
            self.speed_curve,
            *(curve for pair in self.part_curves.values() for curve in pair),
        ):
            curve.setData(np.empty(0), np.empty(0))
        self.no_accuracy.hide()
        self._show_map(False)
        self._show_gan_losses(False)
        self._ranges.clear()
        self._user_ranged.clear()
        self._epochs_shown.clear()
