"""Data sources for training, named by a spec string.

- ``digits`` — the bundled UCI 8×8 handwritten digits (1,797 images, 10 classes); the default, offline.
- ``shapes`` or ``shapes:N`` — N generated coloured shapes (default 2,400, 6 classes), seeded.
- ``folder:PATH`` — an image folder, one subfolder per class (``PATH/train`` + ``PATH/val``, or split).
- ``mnist:ROOT``, ``fashion-mnist:ROOT``, ``cifar10:ROOT`` — torchvision's sets from a local folder.
- ``shapes-boxes[:N]``, ``coco:PATH``, ``voc:PATH``, ``yolo:PATH`` — detection sets (boxes/, ``load_box_data``).
- ``@seed=N`` after any spec (``shapes:500@seed=7``) draws generated data, and the split, from seed N.

Every source yields a DataSplit; ``Feeder`` (feeder.py) fits its images to the network's input.
"""

from __future__ import annotations

from ...core.i18n import translate
from ..errors import DataError
from .base import DataSplit, ImageSet
from .feeder import Batch, Feeder

SPECS = (
    "digits, shapes[:N], folder:PATH, mnist:ROOT, fashion-mnist:ROOT, cifar10:ROOT, "
    "shapes-boxes[:N], coco:PATH, voc:PATH or yolo:PATH (any with @seed=N)"
)
DEFAULT_SHAPES = 2400
BOX_KINDS = ("shapes-boxes", "coco", "voc", "yolo")


def split_seed(spec: str) -> tuple[str, int | None]:
    """``'shapes:500@seed=7'`` → ``('shapes:500', 7)``; a spec without ``@seed=`` → ``(spec, None)``."""
    text = (spec or "").strip()
    head, sep, tail = text.rpartition("@seed=")
    if not sep:
        return text, None
    if not tail.isdigit() or int(tail) >= 2**63:
        raise DataError(translate("Data", "data spec {spec!r}: @seed=N needs a whole number N ≥ 0").format(spec=spec))
    return head, int(tail)


def is_detection_spec(spec: str) -> bool:
    """Whether ``spec`` names a detection (box) data source."""
    text, _ = split_seed(spec)
    return text.partition(":")[0].strip().lower() in BOX_KINDS


def parse_spec(spec: str) -> tuple[str, str]:
    """``'folder:/data/x'`` → ``('folder', '/data/x')`` (any ``@seed=N`` left off); DataError for an unknown source."""
    from .vision import SOURCES

    text, _ = split_seed(spec)
    kind, _, arg = text.partition(":")
    kind = kind.lower()
    if kind in ("digits",) and not arg:
        return kind, ""
    if kind == "shapes":
        if arg and not (arg.isdigit() and 12 <= int(arg) <= 1_000_000):
            raise DataError(
                translate("Data", "data spec {spec!r}: shapes:N needs a count N from 12 to 1000000").format(spec=spec)
            )
        return kind, arg
    if kind == "shapes-boxes":
        if arg and not (arg.isdigit() and 2 <= int(arg) <= 200_000):
            raise DataError(
                translate("Data", "data spec {spec!r}: shapes-boxes:N needs a count N from 2 to 200000").format(
                    spec=spec
                )
            )
        return kind, arg
    if kind == "folder" or kind in SOURCES or kind in BOX_KINDS:
        if not arg:
            raise DataError(
                translate("Data", "data spec {spec!r} needs a path: {kind}:PATH").format(spec=spec, kind=kind)
            )
        return kind, arg
    raise DataError(translate("Data", "unknown data spec {spec!r}: use {specs}").format(spec=spec, specs=SPECS))


def load_data(
    spec: str,
    *,
    val_split: float = 0.2,
    seed: int = 0,
    allow_download: bool = False,
    input_shape: tuple[int, ...] | None = None,
) -> DataSplit:
    """Read (or generate) a data source; DataError with one line when it cannot.

    ``input_shape`` (C, H, W) is the size detection sets are decoded at (default 3×128×128)."""
    kind, arg = parse_spec(spec)
    spec_seed = split_seed(spec)[1]
    seed = seed if spec_seed is None else spec_seed
    if kind in BOX_KINDS:
        from .boxes import DEFAULT_SIZE, load_box_data

        return load_box_data(spec, input_shape or DEFAULT_SIZE, val_split, seed)
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


__all__ = [
    "SPECS",
    "Batch",
    "DataError",
    "DataSplit",
    "Feeder",
    "ImageSet",
    "is_detection_spec",
    "load_data",
    "parse_spec",
    "split_seed",
]
