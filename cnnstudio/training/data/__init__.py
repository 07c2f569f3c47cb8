"""Data sources for training, named by a spec string.

- ``digits`` — the bundled UCI 8×8 handwritten digits (1,797 images, 10 classes); the default, offline.
- ``shapes`` or ``shapes:N`` — N generated coloured shapes (default 2,400, 6 classes), seeded.
- ``folder:PATH`` — an image folder, one subfolder per class (``PATH/train`` + ``PATH/val``, or split).
- ``mnist:ROOT``, ``fashion-mnist:ROOT``, ``cifar10:ROOT`` — torchvision's sets from a local folder.

Every source yields a DataSplit; ``Feeder`` (feeder.py) fits its images to the network's input.
"""

from __future__ import annotations

from ..errors import DataError
from .base import DataSplit, ImageSet
from .feeder import Batch, Feeder

SPECS = "digits, shapes[:N], folder:PATH, mnist:ROOT, fashion-mnist:ROOT or cifar10:ROOT"
DEFAULT_SHAPES = 2400


def parse_spec(spec: str) -> tuple[str, str]:
    """``'folder:/data/x'`` → ``('folder', '/data/x')``; DataError for an unknown source."""
    from .vision import SOURCES

    text = (spec or "").strip()
    kind, _, arg = text.partition(":")
    kind = kind.lower()
    if kind in ("digits",) and not arg:
        return kind, ""
    if kind == "shapes":
        if arg and not (arg.isdigit() and 12 <= int(arg) <= 1_000_000):
            raise DataError(f"data spec {spec!r}: shapes:N needs a count N from 12 to 1000000")
        return kind, arg
    if kind == "folder" or kind in SOURCES:
        if not arg:
            raise DataError(f"data spec {spec!r} needs a path: {kind}:PATH")
        return kind, arg
    raise DataError(f"unknown data spec {spec!r}: use {SPECS}")


def load_data(spec: str, *, val_split: float = 0.2, seed: int = 0, allow_download: bool = False) -> DataSplit:
    """Read (or generate) a data source; DataError with one line when it cannot."""
    kind, arg = parse_spec(spec)
    if kind == "digits":
        from .digits import digits_split

        return digits_split(val_split, seed)
    if kind == "shapes":
        from .shapes import shapes_split

        return shapes_split(int(arg) if arg else DEFAULT_SHAPES, val_split, seed)
    if kind == "folder":
        from .folder import folder_split

        return folder_split(arg, val_split, seed)
    from .vision import vision_split

    return vision_split(kind, arg, allow_download)


__all__ = ["SPECS", "Batch", "DataError", "DataSplit", "Feeder", "ImageSet", "load_data", "parse_spec"]
