"""The bundled UCI 8×8 handwritten digits (1,797 images, CC BY 4.0): the default that works offline."""

from __future__ import annotations

import gzip

import numpy as np
import torch

from cnnstudio import resources

from ...core.i18n import translate
from ..errors import DataError
from .base import DataSplit, ImageSet, split_set

CLASSES = [str(d) for d in range(10)]


def load_digits() -> ImageSet:
    """All 1,797 images as N×1×8×8 floats in [0, 1] (the file stores counts 0–16)."""
    ref = resources.path("data/digits.csv.gz")
    try:
        with ref.open("rb") as raw, gzip.open(raw, "rt") as text:
            table = np.loadtxt(text, delimiter=",", dtype=np.float32)
    except (OSError, ValueError) as exc:
        raise DataError(
            translate("Data", "the bundled digits data cannot be read ({reason}); reinstall cnnstudio").format(
                reason=exc
            )
        ) from None
    images = torch.from_numpy(table[:, :64].copy()).reshape(-1, 1, 8, 8) / 16.0
    labels = torch.from_numpy(table[:, 64].astype(np.int64))
    return ImageSet(images, labels)


def digits_split(val_split: float, seed: int) -> DataSplit:
    train, val = split_set(load_digits(), val_split, seed)
    return DataSplit("digits", CLASSES, train, val)
