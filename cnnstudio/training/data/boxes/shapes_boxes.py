"""``shapes-boxes``: generated images with 1–4 coloured shapes each, and their exact boxes and classes.

Nothing is read from disk and the same seed gives the same images. Shapes are 14–48 px across on a
128×128 dark background (plain or with mild noise), turned at random, and placed so that boxes overlap
little: a small single-stage detector can find all of them, which makes it the offline default for
detection. A box is the exact extent of the drawn outline (the circle's, or the rotated polygon's vertices),
in continuous pixel coordinates: x1 = 10 means the left edge of pixel column 10.
"""

from __future__ import annotations

import math
import random

import numpy as np
import torch

from .boxset import BoxSet, make_target

BOX_CLASSES = ["circle", "square", "triangle"]
BOX_SIZE = 128
MIN_SIZE, MAX_SIZE = 14.0, 48.0  # the shape's circumscribed diameter in pixels
MAX_SHAPES = 4
_SUPERSAMPLE = 4  # coverage from 4×4 samples per pixel: anti-aliased edges
_TRIES = 30  # placements tried per shape before the image keeps fewer shapes
_MAX_IOU = 0.1  # boxes of one image overlap at most this much ...
_MAX_COVERED = 0.3  # ... and no box is covered by another over this share of its own area


def _polygon(kind: int, cx: float, cy: float, r: float, theta: float) -> list[tuple[float, float]]:
    sides, start = (4, theta + math.pi / 4) if kind == 1 else (3, theta - math.pi / 2)
    return [
        (cx + r * math.cos(start + 2 * math.pi * k / sides), cy + r * math.sin(start + 2 * math.pi * k / sides))
        for k in range(sides)
    ]


def _extent(kind: int, cx: float, cy: float, r: float, theta: float) -> tuple[float, float, float, float]:
    if kind == 0:
        return cx - r, cy - r, cx + r, cy + r
    xs, ys = zip(*_polygon(kind, cx, cy, r, theta))
    return min(xs), min(ys), max(xs), max(ys)


def _coverage(kind: int, cx: float, cy: float, r: float, theta: float, box: tuple[int, int, int, int]) -> np.ndarray:
    """The share of each pixel in ``box`` (integer x0, y0, x1, y1) that the shape covers."""
    x0, y0, x1, y1 = box
    s = _SUPERSAMPLE
    dx = (x0 + (np.arange((x1 - x0) * s, dtype=np.float32) + 0.5) / s - cx)[None, :]
    dy = (y0 + (np.arange((y1 - y0) * s, dtype=np.float32) + 0.5) / s - cy)[:, None]
    if kind == 0:
        inside = dx * dx + dy * dy <= r * r
    else:  # a regular polygon: inside every edge, i.e. within the inradius along each edge's normal
        sides, start = (4, theta + math.pi / 4) if kind == 1 else (3, theta - math.pi / 2)
        inradius = r * math.cos(math.pi / sides)
        inside = np.ones((dy.shape[0], dx.shape[1]), dtype=bool)
        for k in range(sides):
            normal = start + 2 * math.pi * (k + 0.5) / sides
            inside &= dx * math.cos(normal) + dy * math.sin(normal) <= inradius
    return inside.astype(np.float32).reshape(y1 - y0, s, x1 - x0, s).mean(axis=(1, 3))


def _iou_and_cover(a, b) -> tuple[float, float]:
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    area_a, area_b = (a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])
    return inter / (area_a + area_b - inter), inter / min(area_a, area_b)


def _colour(rng: random.Random) -> np.ndarray:
    """A saturated, bright colour from a random hue (colour never tells the class)."""
    hue, sat, val = rng.random() * 6.0, 0.6 + 0.4 * rng.random(), 0.75 + 0.25 * rng.random()
    k = (np.array([5.0, 3.0, 1.0], dtype=np.float32) + hue) % 6.0
    return val * (1 - sat * np.clip(np.minimum(k, 4.0 - k), 0.0, 1.0))


def _one_image(rng: random.Random, noise: np.random.Generator, size: int) -> tuple[np.ndarray, list, list]:
    """One H×W×3 float image in [0, 1] (numpy: per-shape work on small patches is many small operations,
    which torch's thread pool makes slow on a busy machine) with its boxes and labels."""
    image = np.empty((size, size, 3), dtype=np.float32)
    image[:] = [rng.uniform(0.0, 0.25) for _ in range(3)]
    if rng.random() < 0.5:  # half the images have a noisy background
        image += noise.standard_normal((size, size, 3), dtype=np.float32) * rng.uniform(0.01, 0.05)
    boxes: list[tuple[float, float, float, float]] = []
    labels: list[int] = []
    for _ in range(rng.randint(1, MAX_SHAPES)):
        for _try in range(_TRIES):
            kind = rng.randrange(len(BOX_CLASSES))
            r = rng.uniform(MIN_SIZE, MAX_SIZE) / 2
            theta = rng.uniform(0.0, 2 * math.pi)
            ex = _extent(kind, 0.0, 0.0, r, theta)
            cx = rng.uniform(-ex[0], size - ex[2])  # the whole shape inside the image
            cy = rng.uniform(-ex[1], size - ex[3])
            box = (ex[0] + cx, ex[1] + cy, ex[2] + cx, ex[3] + cy)
            if all(iou <= _MAX_IOU and cover <= _MAX_COVERED for iou, cover in (_iou_and_cover(box, b) for b in boxes)):
                break
        else:
            continue
        cells = (math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3]))
        cover = _coverage(kind, cx, cy, r, theta, cells)[:, :, None]
        patch = image[cells[1] : cells[3], cells[0] : cells[2]]
        patch *= 1 - cover
        patch += _colour(rng) * cover
        boxes.append(box)
        labels.append(kind)
    return image, boxes, labels


def generate_shape_boxes(count: int, seed: int, size: int = BOX_SIZE) -> BoxSet:
    """``count`` RGB images 3×size×size (uint8) with their boxes and labels, fully determined by ``seed``."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    images = np.empty((count, size, size, 3), dtype=np.uint8)
    targets = []
    for i in range(count):
        image, boxes, labels = _one_image(rng, noise, size)
        images[i] = np.clip(image * 255.0 + 0.5, 0.0, 255.0)
        targets.append(make_target(boxes, labels))
    return BoxSet(torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(), targets)
