"""The kernels of a convolution as tiles: RGB for a first layer on colour images, one grey tile per input otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cnnstudio.insight import KernelTiles
from cnnstudio.insight.images import TileLayout, tile, tile_layout

from .colors import KERNELS, colorize, rgb_bytes
from .picture_view import PictureView

MAX_FILTERS = 64  # rows of a grey grid: enough to see patterns, few enough to stay legible
MAX_INPUTS = 64


@dataclass(frozen=True)
class KernelPicture:
    """The kernels' tiles as one RGBA picture and where each tile lies; thread-safe to make (numpy only)."""

    picture: np.ndarray
    layout: TileLayout
    columns: int  # inputs per row of the grey grid (1: filters laid out as a square-ish grid, or RGB)


def prepare_kernels(kernels: KernelTiles, aspect: float) -> KernelPicture:
    """Lay out and colour the kernel tiles (worker-thread work: no Qt objects touched)."""
    t = kernels.tiles.numpy()
    if kernels.rgb:
        out, kh, kw, _ = t.shape
        layout = tile_layout(out, kh, kw, aspect=aspect)
        return KernelPicture(rgb_bytes(tile(t, layout)), layout, 1)
    out, inputs, kh, kw = t.shape
    rows, cols = min(out, MAX_FILTERS), min(inputs, MAX_INPUTS)
    grid = t[:rows, :cols].reshape(rows * cols, kh, kw)
    if cols == 1:  # one input: lay the filters out as a square-ish grid instead of one column
        layout = tile_layout(rows, kh, kw, aspect=aspect)
    else:
        layout = TileLayout(rows * cols, cols, rows, kh, kw, 1)
    return KernelPicture(colorize(tile(grid, layout), KERNELS), layout, cols)


class KernelView(QWidget):
    """Tiles of the selected convolution's kernels; a click names the filter (and input) under the mouse."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.picture = PictureView(self)
        self.detail = QLabel(" ")
        self.layout_: TileLayout | None = None
        self.kernels: KernelTiles | None = None
        self.columns = 1
        self.picture.pixelClicked.connect(self._clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.header)
        box.addWidget(self.picture, 1)
        box.addWidget(self.detail)
        self.clear(self.tr("Select a convolution node to see its kernels."))

    def clear(self, message: str) -> None:
        self.kernels = self.layout_ = None
        self.header.setText(message)
        self.detail.setText(" ")
        self.picture.set_picture(None)

    def set_kernels(self, kernels: KernelTiles, prepared: KernelPicture | None = None) -> None:
        """Show ``kernels``; ``prepared`` is their picture made off the GUI thread (made here when None)."""
        prepared = prepared or prepare_kernels(kernels, self.aspect())
        self.kernels = kernels
        self.layout_, self.columns = prepared.layout, prepared.columns
        lo, hi = kernels.weight_range
        if kernels.rgb:
            out, kh, kw, _ = kernels.tiles.shape
            what = self.tr("{0} filters · {1}×{2} · RGB, each filter stretched to its own range").format(out, kh, kw)
        else:
            out, inputs, kh, kw = kernels.tiles.shape
            rows, cols = min(out, MAX_FILTERS), min(inputs, MAX_INPUTS)
            shown = "" if (rows, cols) == (out, inputs) else self.tr(" (showing {0} × {1})").format(rows, cols)
            channels = (
                self.tr("{0} filters × {1} input channels").format(out, inputs)
                if inputs != 1
                else self.tr("{0} filters × 1 input channel").format(out)
            )
            what = self.tr("{0} · {1}×{2}{3} · blue negative, white zero, red positive").format(channels, kh, kw, shown)
        self.header.setText(
            self.tr("<b>{0}</b> · {1}<br>weights {2:.3g} … {3:.3g}").format(kernels.source, what, lo, hi)
        )
        self.detail.setText(self.tr("Click a tile to name it."))
        self.picture.set_picture(prepared.picture)

    def aspect(self) -> float:
        return self._aspect()

    def _aspect(self) -> float:
        """Width / height of the view, to lay tiles out to fill it (a wide guess while hidden)."""
        if not self.picture.isVisible():
            return 1.6
        return max(0.5, min(self.picture.width() / max(self.picture.height(), 1), 4.0))

    def _clicked(self, row: int, col: int) -> None:
        if self.layout_ is None:
            return
        hit = self.layout_.locate(row, col)
        if hit is None:
            return
        index, y, x = hit
        if (self.kernels is not None and self.kernels.rgb) or self.columns == 1:
            self.detail.setText(self.tr("filter {0}, tap ({1}, {2})").format(index, y, x))
        else:
            filt, inp = divmod(index, self.columns)
            value = float(self.kernels.tiles[filt, inp, y, x]) if self.kernels is not None else float("nan")
            self.detail.setText(
                self.tr("filter {0}, input channel {1}, tap ({2}, {3}): {4}").format(
                    filt, inp, y, x, _weight(value, self.kernels)
                )
            )
        top, left = self.layout_.origin(index)
        self.picture.set_marker((top, left, top + self.layout_.tile_h, left + self.layout_.tile_w))


def _weight(scaled: float, kernels: KernelTiles | None) -> str:
    if np.isnan(scaled):
        return "?"
    return QCoreApplication.translate("KernelView", "{0:+.2f} of the filter's largest |weight|").format(
        (scaled - 0.5) * 2
    )
