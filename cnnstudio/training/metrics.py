"""Validation metrics for the epoch_end event: confusion matrix, per-class accuracy, sample images."""

from __future__ import annotations

import base64
import struct
import zlib

import torch
import torch.nn.functional as F

SAMPLE_COUNT = 16  # validation predictions shown per epoch
RECONSTRUCTION_COUNT = 8
MAX_SIDE = 64  # sample images are shrunk to this to keep event lines short


def confusion_matrix(labels: torch.Tensor, predictions: torch.Tensor, classes: int) -> torch.Tensor:
    """``m[true, predicted]`` counts (int64, classes × classes)."""
    keep = (labels >= 0) & (labels < classes) & (predictions >= 0) & (predictions < classes)
    flat = labels[keep] * classes + predictions[keep]
    return torch.bincount(flat, minlength=classes * classes).reshape(classes, classes)


def per_class_accuracy(matrix: torch.Tensor) -> list[float | None]:
    """Share of each class predicted right; None for a class with no validation images."""
    right = matrix.diagonal().tolist()
    return [None if t == 0 else round(right[i] / t, 6) for i, t in enumerate(matrix.sum(1).tolist())]


def pick_samples(labels: torch.Tensor, predictions: torch.Tensor, count: int = SAMPLE_COUNT) -> list[int]:
    """Validation positions to show: misclassified first (in order), then correct ones."""
    wrong = torch.nonzero(labels != predictions).flatten().tolist()
    right = torch.nonzero(labels == predictions).flatten().tolist()
    return (wrong + right)[:count]


def png_base64(image: torch.Tensor) -> str:
    """A [0, 1] C×H×W image (1 or 3 channels) as a base64 PNG, at most MAX_SIDE pixels a side."""
    image = image.detach().float().cpu()
    h, w = image.shape[-2:]
    if max(h, w) > MAX_SIDE:
        size = (max(1, round(h * MAX_SIDE / max(h, w))), max(1, round(w * MAX_SIDE / max(h, w))))
        image = F.interpolate(image[None], size=size, mode="bilinear", antialias=True, align_corners=False)[0]
    if image.shape[0] not in (1, 3):
        image = image[:1]
    data = (image.clamp(0, 1) * 255).round().to(torch.uint8)
    return base64.b64encode(png_bytes(data)).decode("ascii")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bytes(data: torch.Tensor) -> bytes:
    """A C×H×W uint8 image (1 channel: grey, 3: RGB) as a PNG file.

    Written here rather than by PIL: sixteen samples at every epoch end, and PIL's machinery costs 15× the
    encoding of an image this small (bench/trainer_overhead.py counts it against the trainer).
    """
    channels, height, width = data.shape
    rows = data.permute(1, 2, 0).reshape(height, width * channels)
    filtered = torch.cat([torch.zeros(height, 1, dtype=torch.uint8), rows], 1)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 0 if channels == 1 else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(filtered.numpy().tobytes(), 1))  # small images: speed over size
        + _chunk(b"IEND", b"")
    )
