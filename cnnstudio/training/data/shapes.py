"""A generated data set: coloured shapes at random position, size and rotation on a dark background.

Nothing is downloaded and the same seed gives the same images. The classes differ only in outline, so a
network must learn shape regardless of where the shape sits, how big it is and how it is turned: the
seed notes' point about translation invariance and about augmentation with rotation and scale.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from .base import DataSplit, ImageSet, split_set

CLASSES = ["circle", "square", "triangle", "cross", "star", "ring"]
SIZE = 32  # the generated size; the batcher resizes to the network's input
_SUPERSAMPLE = 2  # draw at 2× and average down: anti-aliased edges


def _inside(kind: int, u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Whether shape-local points (u, v) lie inside a shape of circumradius about 1."""
    if kind == 0:  # circle
        return u * u + v * v <= 1.0
    if kind == 1:  # square
        return (u.abs() <= 0.8) & (v.abs() <= 0.8)
    if kind == 2:  # equilateral triangle: inside all three edges (inradius 1/2)
        inside = torch.ones_like(u, dtype=torch.bool)
        for angle in (-90.0, 30.0, 150.0):
            a = math.radians(angle)
            inside &= u * math.cos(a) + v * math.sin(a) <= 0.5
        return inside
    if kind == 3:  # cross (a plus sign)
        return ((u.abs() <= 0.3) & (v.abs() <= 1.0)) | ((u.abs() <= 1.0) & (v.abs() <= 0.3))
    if kind == 4:  # five-pointed star: fold the angle into one half-spike, test against its edge
        sector = 2 * math.pi / 5
        phi = torch.remainder(torch.atan2(v, u), sector)
        phi = torch.where(phi > sector / 2, sector - phi, phi)
        r = torch.sqrt(u * u + v * v)
        px, py = r * torch.cos(phi), r * torch.sin(phi)
        qx, qy = 0.45 * math.cos(sector / 2), 0.45 * math.sin(sector / 2)  # the inner vertex; outer is (1, 0)
        return (qx - 1.0) * py - qy * (px - 1.0) >= 0
    if kind == 5:  # ring
        r2 = u * u + v * v
        return (r2 <= 1.0) & (r2 >= 0.55**2)
    raise ValueError(f"unknown shape class {kind}")


def generate_shapes(count: int, seed: int, size: int = SIZE) -> ImageSet:
    """``count`` RGB images N×3×size×size in [0, 1], classes balanced, fully determined by ``seed``."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(count) % len(CLASSES)
    labels = labels[torch.randperm(count, generator=g)]

    def uniform(lo: float, hi: float, n: int = count) -> torch.Tensor:
        return lo + (hi - lo) * torch.rand(n, generator=g)

    radius = uniform(0.3, 0.65)
    cx = uniform(-1.0, 1.0) * (1.0 - radius)
    cy = uniform(-1.0, 1.0) * (1.0 - radius)
    theta = uniform(0.0, 2 * math.pi)
    colour = _bright_colours(count, g)
    background = uniform(0.0, 0.25, count * 3).reshape(count, 3, 1, 1)
    noise = 0.03 * torch.randn(count, 3, size, size, generator=g)

    big = size * _SUPERSAMPLE
    axis = (torch.arange(big, dtype=torch.float32) + 0.5) / big * 2.0 - 1.0
    ys, xs = torch.meshgrid(axis, axis, indexing="ij")
    coverage = torch.empty(count, 1, size, size)
    for start in range(0, count, 256):  # chunks keep the supersampled grids small
        idx = slice(start, min(count, start + 256))
        dx, dy = xs - cx[idx, None, None], ys - cy[idx, None, None]
        cos, sin = torch.cos(theta[idx])[:, None, None], torch.sin(theta[idx])[:, None, None]
        r = radius[idx, None, None]
        u, v = (dx * cos + dy * sin) / r, (-dx * sin + dy * cos) / r
        mask = torch.zeros_like(u)
        chunk_labels = labels[idx]
        for kind in range(len(CLASSES)):
            rows = chunk_labels == kind
            if rows.any():
                mask[rows] = _inside(kind, u[rows], v[rows]).float()
        coverage[idx] = F.avg_pool2d(mask[:, None], _SUPERSAMPLE)
    images = background * (1 - coverage) + colour[:, :, None, None] * coverage + noise
    return ImageSet(images.clamp_(0.0, 1.0), labels)


def _bright_colours(count: int, g: torch.Generator) -> torch.Tensor:
    """Saturated colours from a random hue, so colour never tells the class."""
    hue = torch.rand(count, generator=g) * 6.0
    sat = 0.6 + 0.4 * torch.rand(count, generator=g)
    val = 0.75 + 0.25 * torch.rand(count, generator=g)
    k = (torch.tensor([5.0, 3.0, 1.0])[None, :] + hue[:, None]) % 6.0
    return val[:, None] * (1 - sat[:, None] * torch.clamp(torch.minimum(k, 4.0 - k), 0.0, 1.0))


def shapes_split(count: int, val_split: float, seed: int) -> DataSplit:
    train, val = split_set(generate_shapes(count, seed), val_split, seed)
    return DataSplit("shapes", list(CLASSES), train, val)
