"""Image files as float pixels in [0, 1] at their real bit depth, with a pixel limit checked before decoding.

PIL's ``convert("L")`` clips 16-bit grey to 255, so a 16-bit PNG would read as all white: high-bit-depth
grey (``I;16``, ``I;16B``, ``I``, 32-bit float ``F``) is scaled here from its own range instead. Palette,
grey+alpha, CMYK and the other 8-bit modes go through PIL's conversions. Training data (the image-folder
source) and the Feature maps panel read files through this one module, so both see the same values.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from ..core.i18n import translate

MAX_PIXELS = 64_000_000  # larger images are skipped with a reason (decoding one takes ≥ 192 MB as RGB)
_HIGH_DEPTH_GREY = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")


class ImageTooLarge(ValueError):
    """An image with more pixels than MAX_PIXELS; str() is the one-line reason."""


def too_large_reason(width: int, height: int) -> str:
    return translate("Insight", "{width}×{height} pixels, over the {limit}-megapixel limit").format(
        width=width, height=height, limit=MAX_PIXELS // 1_000_000
    )


@contextlib.contextmanager
def open_image(path: str | Path) -> Iterator[Image.Image]:
    """The image with only its header read; ImageTooLarge past MAX_PIXELS, before any pixel is decoded.

    PIL's own decompression-bomb warning (printed raw) is silenced: the limit here is lower and reported.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            img = Image.open(path)
        except Image.DecompressionBombError as exc:  # over twice PIL's limit: refused by PIL before ours
            raise ImageTooLarge(
                translate("Insight", "over the {limit}-megapixel limit ({reason})").format(
                    limit=MAX_PIXELS // 1_000_000, reason=exc
                )
            ) from None
    with img:
        width, height = img.size
        if width * height > MAX_PIXELS:
            raise ImageTooLarge(too_large_reason(width, height))
        yield img


def pixels(img: Image.Image, channels: int, size: tuple[int, int] | None = None) -> torch.Tensor:
    """``img`` as a C×H×W float32 tensor in [0, 1]: grey for ``channels`` 1, else RGB; resized by PIL
    (bilinear, anti-aliased) to ``size`` (width, height) when given."""
    if img.mode in _HIGH_DEPTH_GREY:
        plane = Image.fromarray(grey_values(img))  # float32: mode F
        if size and plane.size != size:
            plane = plane.resize(size, Image.Resampling.BILINEAR)
        grey = torch.from_numpy(np.array(plane, dtype=np.float32)).clamp_(0.0, 1.0)
        return grey.expand(1 if channels == 1 else 3, -1, -1).contiguous()
    img = img.convert("L" if channels == 1 else "RGB")
    if size and img.size != size:
        img = img.resize(size, Image.Resampling.BILINEAR)
    data = torch.from_numpy(np.array(img, dtype=np.uint8))
    data = data[None] if data.dim() == 2 else data.permute(2, 0, 1)
    return data.float().div_(255.0)


def grey_values(img: Image.Image) -> np.ndarray:
    """A high-bit-depth grey image's values as H×W float32 in [0, 1], scaled from the range its mode holds.

    16-bit modes: /65535. ``I`` (32-bit integers, which older PIL versions also give 16-bit PNGs): /65535
    when the values fit 16 bits, else /(2³¹ − 1). ``F`` (float TIFFs): kept when already in [0, 1], else
    stretched from its own minimum to maximum (a float image has no range of its own); NaN and ±inf become 0.
    """
    values = np.asarray(img)
    if img.mode.startswith("I;16"):
        return values.astype(np.float32) / 65535.0
    values = values.astype(np.float64)
    if img.mode == "I":
        values = np.clip(values, 0, None)
        top = 65535.0 if values.size == 0 or values.max() <= 65535 else float(2**31 - 1)
        return (values / top).astype(np.float32)
    values = np.where(np.isfinite(values), values, 0.0)
    lo, hi = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
    if lo < 0.0 or hi > 1.0:
        values = (values - lo) / (hi - lo) if hi > lo else np.zeros_like(values)
    return values.astype(np.float32)
