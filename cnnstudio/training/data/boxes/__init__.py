"""Detection data: images with boxes (xyxy pixels) and class labels, from a spec string.

- ``shapes-boxes[:N]`` — N generated images with 1–4 coloured shapes each (default 2,000), seeded.
- ``coco:PATH`` — a COCO ``annotations.json`` and its images; ``voc:PATH`` — Pascal VOC ``Annotations/*.xml``
  and ``JPEGImages/``; ``yolo:PATH`` — ``images/``, ``labels/*.txt`` and ``data.yaml`` or ``classes.txt``.

Every source returns a DataSplit (``task="detection"``) of two BoxSets, decoded once at the model's input size.
Bad annotations are counted in ``DataSplit.warnings`` and skipped; only a set with no usable image fails.
"""

from __future__ import annotations

from ....core.i18n import translate
from ...errors import DataError
from .. import BOX_KINDS
from ..base import DataSplit
from .augment import BoxAugment, augment_boxes
from .boxset import BoxSet, collate_boxes, make_target, split_boxes
from .load import DEFAULT_SIZE, load_boxes


def load_box_data(
    spec: str,
    input_shape: tuple[int, ...] = DEFAULT_SIZE,
    val_split: float = 0.2,
    seed: int = 0,
) -> DataSplit:
    """A detection source split into train and val at ``input_shape`` (C, H, W); DataError with one line."""
    from .. import parse_spec, split_seed

    kind, arg = parse_spec(spec)
    spec_seed = split_seed(spec)[1]
    if kind not in BOX_KINDS:
        raise DataError(
            translate(
                "Data", "data spec {spec!r} is not a detection set: use shapes-boxes[:N], coco:, voc: or yolo:PATH"
            ).format(spec=spec)
        )
    return load_boxes(kind, arg, input_shape, val_split, seed if spec_seed is None else spec_seed)


__all__ = [
    "BOX_KINDS",
    "BoxAugment",
    "BoxSet",
    "augment_boxes",
    "collate_boxes",
    "load_box_data",
    "load_boxes",
    "make_target",
    "split_boxes",
]
