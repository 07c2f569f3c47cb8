"""A node's output as a grid of channel maps, one enlarged channel and what a clicked position means."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from cnnstudio.core.formulas import fmt_shape
from cnnstudio.insight.images import TileLayout, as_maps, normalise_channels, tile, tile_layout

from .colors import FEATURES, colorize
from .picture_view import BOX, PictureView


@dataclass(frozen=True)
class MapsPicture:
    """A node's output as shown: its maps, each scaled to [0, 1], their tiling and the coloured grid picture."""

    flat: bool
    maps: torch.Tensor  # C × H × W (a flat output folded into one map)
    scaled: np.ndarray
    layout: TileLayout
    picture: np.ndarray  # the tiled grid as RGBA bytes
    range_: tuple[float, float]  # a flat output's min … max (the maps of a C×H×W output are scaled one by one)


def prepare_output(value: torch.Tensor, aspect: float) -> MapsPicture:
    """Scale, tile and colour a node's output (worker-thread work: no Qt objects touched)."""
    flat = value.dim() != 3
    maps = as_maps(value.detach().float().cpu())
    count, height, width = maps.shape
    lo, hi = 0.0, 1.0
    if flat:
        finite = maps[~torch.isnan(maps)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.numel() else (0.0, 1.0)
        scaled = ((maps - lo) / max(hi - lo, 1e-12)).numpy()  # NaN padding stays a gap
    else:
        scaled = normalise_channels(maps).numpy()
    layout = tile_layout(count, height, width, aspect=aspect)
    return MapsPicture(flat, maps, scaled, layout, colorize(tile(scaled, layout), FEATURES), (lo, hi))


class FeatureGrid(QWidget):
    """Shows C maps as one tiled picture (fast for hundreds of channels); click a map to enlarge it."""

    positionPicked = Signal(int, int, int)  # channel, row, column of the shown output

    def __init__(self, parent=None):
        super().__init__(parent)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.grid = PictureView(self)
        self.grid.setToolTip(
            self.tr("Click a map to enlarge it; click a position to see the input region that feeds it")
        )
        self.zoom = PictureView(self, min_size=110)
        self.zoom.setToolTip(self.tr("Click a position to see the input region that feeds it"))
        self.info = QLabel(" ")
        self.info.setWordWrap(True)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setMinimumWidth(140)

        lower = QWidget()
        row = QHBoxLayout(lower)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.zoom, 2)
        row.addWidget(self.info, 3)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.grid)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([600, 260])
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.header)
        box.addWidget(split, 1)

        self.maps: torch.Tensor | None = None  # C × H × W as shown (a flat output folded into one map)
        self.scaled: np.ndarray | None = None
        self.flat = False
        self.layout_: TileLayout | None = None
        self.channel = 0
        self.position: tuple[int, int] | None = None
        self.grid.pixelClicked.connect(self._grid_clicked)
        self.zoom.pixelClicked.connect(lambda y, x: self._pick(self.channel, y, x))

    # what other widgets read -------------------------------------------------------------
    @property
    def channel_count(self) -> int:
        """The number of maps shown (the features of a flat output count as one map)."""
        return 0 if self.maps is None else int(self.maps.shape[0])

    def value_at(self, channel: int, y: int, x: int) -> float:
        return float(self.maps[channel, y, x]) if self.maps is not None else float("nan")

    # showing ----------------------------------------------------------------------------
    def clear(self, message: str) -> None:
        self.maps = self.scaled = self.layout_ = None
        self.position = None
        self.header.setText(message)
        self.info.setText(" ")
        self.grid.set_picture(None)
        self.zoom.set_picture(None)

    def show_output(
        self, title: str, value: torch.Tensor, channel: int = 0, prepared: MapsPicture | None = None
    ) -> None:
        """Show one node's output (C×H×W maps, or a flat vector of features); ``prepared`` is its picture made
        off the GUI thread by prepare_output (made here when None)."""
        prepared = prepared or prepare_output(value, self.aspect())
        self.flat, self.maps, self.scaled, self.layout_ = prepared.flat, prepared.maps, prepared.scaled, prepared.layout
        count, height, width = self.maps.shape
        if self.flat:
            lo, hi = prepared.range_
            what = self.tr("{0} features · folded into a {1}×{2} square · scaled to {3:.3g} … {4:.3g}").format(
                value.numel(), height, width, lo, hi
            )
        else:
            channels = self.tr("{0} channels").format(count) if count != 1 else self.tr("1 channel")
            what = self.tr("{0} of {1}×{2} · output {3} · each map scaled to its own min … max").format(
                channels, height, width, fmt_shape(tuple(value.shape))
            )
        self.header.setText(f"{title}<br><span style='color:#4b5563'>{what}</span>")
        self.grid.set_picture(prepared.picture)
        self.channel = min(max(channel, 0), count - 1)
        self.position = None
        self._show_channel()

    def aspect(self) -> float:
        """Width / height of the grid, to lay tiles out to fill it (a wide guess while hidden)."""
        aspect = self.grid.width() / max(self.grid.height(), 1) if self.grid.isVisible() else 1.6
        return max(0.5, min(aspect, 4.0))

    def select(self, channel: int, y: int | None = None, x: int | None = None) -> None:
        """Enlarge a channel; with a position, mark it (and report it through positionPicked)."""
        if self.maps is None or not 0 <= channel < self.channel_count:
            return
        self.channel = channel
        self._show_channel()
        if y is not None and x is not None:
            self._pick(channel, y, x)

    def set_info(self, html: str) -> None:
        self.info.setText(html)

    # internals ------------------------------------------------------------------------------
    def _show_channel(self) -> None:
        top, left = self.layout_.origin(self.channel)
        self.grid.set_marker((top, left, top + self.layout_.tile_h, left + self.layout_.tile_w))
        self.zoom.set_picture(colorize(self.scaled[self.channel], FEATURES))
        self.zoom.set_marker(None)
        values = self.maps[self.channel]
        finite = values[~torch.isnan(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.numel() else (0.0, 0.0)
        what = "features" if self.flat else self.tr("channel {0}").format(self.channel)
        self.info.setText(self.tr("<b>{0}</b><br>values {1:.3g} … {2:.3g}<br>Click a position.").format(what, lo, hi))

    def _grid_clicked(self, row: int, col: int) -> None:
        hit = self.layout_.locate(row, col) if self.layout_ else None
        if hit is None:
            return
        index, y, x = hit
        if index != self.channel:
            self.channel = index
            self._show_channel()
        self._pick(index, y, x)

    def _pick(self, channel: int, y: int, x: int) -> None:
        if self.maps is None or np.isnan(self.value_at(channel, y, x)):
            return
        self.position = (y, x)
        self.zoom.set_marker((y, x, y + 1, x + 1), BOX)
        self.positionPicked.emit(channel, y, x)
