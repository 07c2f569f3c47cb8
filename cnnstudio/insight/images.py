"""Images in and out: reading a file into a model's input, and laying channels out as one tiled picture."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from cnnstudio.core.safe_io import FileProblem, check_regular

from ..core.i18n import translate
from .pixels import ImageTooLarge, open_image, pixels


class ImageLoadError(ValueError):
    """A file that is not a readable image; the message names the file and the reason."""


def read_image(path: str | Path, channels: int = 3) -> torch.Tensor:
    """An image file at its own size as a C×H×W float tensor in [0, 1]; ``channels`` 1 reads it as grey.

    Values keep their bit depth (a 16-bit PNG is scaled from 0–65535, see pixels.py); images over
    ``MAX_PIXELS`` are refused before they are decoded.
    """
    from PIL import UnidentifiedImageError

    path = Path(path)
    try:
        check_regular(path, "picture")  # a FIFO would block the open forever
        with open_image(path) as img:
            return pixels(img, channels)
    except FileProblem as exc:
        raise ImageLoadError(f"{path.name}: {exc.problem}") from None
    except UnidentifiedImageError:
        raise ImageLoadError(
            translate("Insight", "{name}: not an image file (or a format that cannot be read)").format(name=path.name)
        ) from None
    except ImageTooLarge as exc:
        raise ImageLoadError(
            translate("Insight", "{name}: too large to show ({reason})").format(name=path.name, reason=exc)
        ) from None
    except Exception as exc:  # PIL's decoders raise many types on broken or truncated files
        raise ImageLoadError(
            translate("Insight", "{name}: cannot read the image ({reason})").format(
                name=path.name, reason=_first_line(exc)
            )
        ) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def fit_image(image: torch.Tensor, input_shape: tuple[int, ...]) -> torch.Tensor:
    """A C×H×W image converted to the model's channels (grey ↔ RGB) and resized (bilinear) to its H×W."""
    if len(input_shape) != 3 or input_shape[0] not in (1, 3):
        raise ImageLoadError(
            translate("Insight", "the model's input {input_shape} is not a grey or RGB image").format(
                input_shape=tuple(input_shape)
            )
        )
    channels, height, width = input_shape
    t = image.detach().float()
    if t.dim() != 3 or t.shape[0] not in (1, 3):
        raise ImageLoadError(
            translate("Insight", "expects a grey or RGB C×H×W image, got shape {shape}").format(shape=tuple(t.shape))
        )
    if t.shape[0] != channels:
        t = t.mean(0, keepdim=True) if channels == 1 else t.expand(3, -1, -1)
    if t.shape[-2:] != (height, width):
        t = F.interpolate(t[None], size=(height, width), mode="bilinear", align_corners=False)[0]
    return t.contiguous()


def load_image(path: str | Path, input_shape: tuple[int, ...]) -> torch.Tensor:
    """Read an image file as a C×H×W float tensor in [0, 1] that fits ``input_shape`` (C, H, W).

    One channel: converted to grey; three: to RGB. The image is resized (bilinear) to H×W.
    """
    if len(input_shape) != 3 or input_shape[0] not in (1, 3):
        raise ImageLoadError(
            translate("Insight", "the model's input {input_shape} is not a grey or RGB image").format(
                input_shape=tuple(input_shape)
            )
        )
    return fit_image(read_image(path, input_shape[0]), input_shape).clamp(0, 1)


def normalise_channels(maps: torch.Tensor) -> torch.Tensor:
    """Each channel of a C×H×W tensor stretched to [0, 1] on its own (a flat channel becomes 0)."""
    t = maps.detach().float()
    lo = t.amin(dim=(1, 2), keepdim=True)
    hi = t.amax(dim=(1, 2), keepdim=True)
    return (t - lo) / (hi - lo).clamp_min(1e-12)


def as_maps(value: torch.Tensor) -> torch.Tensor:
    """A node's output as C×H×W maps: a flat vector of N features becomes one near-square map."""
    if value.dim() == 3:
        return value
    if value.dim() == 1:
        n = value.numel()
        cols = math.ceil(math.sqrt(n))
        rows = math.ceil(n / cols)
        padded = torch.full((rows * cols,), float("nan"))
        padded[:n] = value.detach().float()
        return padded.reshape(1, rows, cols)
    if value.dim() == 2:
        return value[None]
    raise ValueError(
        translate("Insight", "cannot show a tensor of shape {shape} as maps").format(shape=tuple(value.shape))
    )


@dataclass(frozen=True)
class TileLayout:
    """Where tile i sits in the tiled picture: row i // columns, column i % columns."""

    count: int
    columns: int
    rows: int
    tile_h: int
    tile_w: int
    gap: int

    def origin(self, index: int) -> tuple[int, int]:
        """(top, left) pixel of tile ``index``."""
        r, c = divmod(index, self.columns)
        return r * (self.tile_h + self.gap), c * (self.tile_w + self.gap)

    def locate(self, py: float, px: float) -> tuple[int, int, int] | None:
        """(tile index, y, x inside the tile) for a pixel of the tiled picture, None on a gap or outside."""
        if py < 0 or px < 0:
            return None
        r, y = divmod(int(py), self.tile_h + self.gap)
        c, x = divmod(int(px), self.tile_w + self.gap)
        index = r * self.columns + c
        if y >= self.tile_h or x >= self.tile_w or c >= self.columns or index >= self.count:
            return None
        return index, y, x

    @property
    def size(self) -> tuple[int, int]:
        return (
            self.rows * self.tile_h + (self.rows - 1) * self.gap,
            self.columns * self.tile_w + (self.columns - 1) * self.gap,
        )


def tile_layout(count: int, tile_h: int, tile_w: int, aspect: float = 1.0, gap: int = 1) -> TileLayout:
    """A grid for ``count`` tiles whose picture is about ``aspect`` (width / height) wide."""
    count = max(count, 1)
    best = None
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        width = columns * (tile_w + gap)
        height = rows * (tile_h + gap)
        # close to the target aspect, and few empty cells (a half-empty last row looks broken)
        score = abs(math.log(width / height / aspect)) + (rows * columns - count) / count
        if best is None or score < best[0] - 1e-9:
            best = (score, columns, rows)
    _, columns, rows = best
    return TileLayout(count, columns, rows, tile_h, tile_w, gap)


def tile(tiles: np.ndarray, layout: TileLayout, fill: float = np.nan) -> np.ndarray:
    """Tiles (N × h × w [× channels]) placed on one picture; gaps and empty cells hold ``fill``."""
    height, width = layout.size
    out = np.full((height, width) + tiles.shape[3:], fill, dtype=np.float32)
    for i in range(min(len(tiles), layout.count)):
        top, left = layout.origin(i)
        out[top : top + layout.tile_h, left : left + layout.tile_w] = tiles[i]
    return out
