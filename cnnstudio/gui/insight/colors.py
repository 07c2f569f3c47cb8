"""Colour maps as lookup tables: values in [0, 1] (NaN for gaps) → RGBA bytes for an ImageItem."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg

if TYPE_CHECKING:  # the health legend uses these maps in the editor, which starts without torch
    import torch

FEATURES = "viridis"  # perceptually even: a brighter pixel is a stronger activation
KERNELS = "CET-D1A"  # diverging blue–white–red: 0.5 (a zero weight) is neutral
HEAT = "inferno"  # Grad-CAM: dark = no evidence, yellow = strongest
GAP = (226, 229, 235, 255)  # the panel background between tiles


@cache
def lut(name: str) -> np.ndarray:
    """256 × 4 RGBA bytes of a pyqtgraph colour map."""
    return pg.colormap.get(name).getLookupTable(0.0, 1.0, 256, alpha=True).astype(np.uint8)


def colorize(values: np.ndarray, name: str, gap=GAP) -> np.ndarray:
    """H × W values in [0, 1] (NaN = gap) → H × W × 4 RGBA bytes."""
    empty = np.isnan(values)
    index = np.clip(np.nan_to_num(values, nan=0.0) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    rgba = lut(name)[index]
    rgba[empty] = gap
    return rgba


def rgb_bytes(values: np.ndarray, gap=GAP) -> np.ndarray:
    """H × W × 3 values in [0, 1] (NaN = gap) → H × W × 4 RGBA bytes."""
    empty = np.isnan(values).any(axis=-1)
    rgb = np.clip(np.nan_to_num(values, nan=0.0) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    rgba = np.concatenate([rgb, np.full(rgb.shape[:-1] + (1,), 255, np.uint8)], axis=-1)
    rgba[empty] = gap
    return rgba


def image_bytes(image: torch.Tensor) -> np.ndarray:
    """A C×H×W image (grey or RGB, any range) stretched to its min…max, as H × W × 4 RGBA bytes."""
    t = image.detach().float().cpu()
    t = (t - t.min()) / (t.max() - t.min()).clamp_min(1e-12)
    if t.shape[0] == 3:
        return rgb_bytes(t.permute(1, 2, 0).numpy())
    return colorize(t[0].numpy(), "CET-L1")  # linear grey


def heat_overlay(heat: torch.Tensor, opacity: float = 0.7) -> np.ndarray:
    """An H×W heat map in [0, 1] as RGBA bytes whose opacity grows with the heat (cold stays see-through)."""
    values = heat.detach().float().cpu().numpy()
    # the upper half of the map: from red through orange to yellow, readable over grey and colour images
    rgba = lut(HEAT)[np.clip((0.45 + 0.55 * values) * 255 + 0.5, 0, 255).astype(np.uint8)].copy()
    # the weakest fifth stays clear, so the image shows through where there is no evidence
    strength = np.clip((values - 0.2) / 0.8, 0.0, 1.0) ** 0.7
    rgba[..., 3] = np.clip(strength * opacity * 255, 0, 255).astype(np.uint8)
    return rgba
