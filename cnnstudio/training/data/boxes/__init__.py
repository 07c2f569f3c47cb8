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

DEFAULT_SHAPE_BOXES = 2000
DEFAULT_SIZE = (3, 128, 128)


def load_box_data(
    spec: str,
    input_shape: tuple[int, ...] = DEFAULT_SIZE,
    val_split: float = 0.2,
    seed: int = 0,
) -> DataSplit:
    """A detection source split into train and val at ``input_shape`` (C, H, W); DataError with one line."""
    from .. import parse_spec, split_seed

    if not 0.0 <= val_split < 1.0:
        raise DataError(translate("Data", "val_split must be in [0, 1), got {share}").format(share=val_split))
    kind, arg = parse_spec(spec)
    spec_seed = split_seed(spec)[1]
    seed = seed if spec_seed is None else spec_seed
    if kind not in BOX_KINDS:
        raise DataError(
            translate(
                "Data", "data spec {spec!r} is not a detection set: use shapes-boxes[:N], coco:, voc: or yolo:PATH"
            ).format(spec=spec)
        )
    chw = _image_size(input_shape)
    if kind == "shapes-boxes":
        from .shapes_boxes import CLASSES, generate_shape_boxes

        boxes = generate_shape_boxes(int(arg) if arg else DEFAULT_SHAPE_BOXES, seed).resized(chw)
        train, val = split_boxes(boxes, val_split, seed)
        return DataSplit("shapes-boxes", list(CLASSES), train, val, task="detection")
    from .reading import Problems, assemble

    problems = Problems()
    if kind == "coco":
        from .coco import coco_records as read
    elif kind == "voc":
        from .voc import voc_records as read
    else:
        from .yolo import yolo_records as read
    classes, records = read(arg, problems)
    boxes = assemble(f"{kind}:{arg}", records, chw, problems)
    train, val = split_boxes(boxes, val_split, seed)
    warnings = problems.warnings()
    if not any(len(t["labels"]) for t in boxes.targets):
        warnings.append(
            translate("Data", "{kind}:{arg}: not one box in {count} image(s): a detector has nothing to learn").format(
                kind=kind, arg=arg, count=len(boxes)
            )
        )
    return DataSplit(f"{kind}:{arg}", classes, train, val, warnings, task="detection")


def _image_size(input_shape: tuple[int, ...]) -> tuple[int, int, int]:
    shape = tuple(int(v) for v in input_shape)
    if len(shape) == 2:
        shape = (1, *shape)
    if len(shape) != 3 or shape[0] not in (1, 3) or min(shape) < 1:
        raise DataError(
            translate("Data", "a detector needs an image input C,H,W with 1 or 3 channels, got {shape}").format(
                shape=list(shape)
            )
        )
    return shape  # type: ignore[return-value]


__all__ = [
    "BOX_KINDS",
    "BoxAugment",
    "BoxSet",
    "augment_boxes",
    "collate_boxes",
    "load_box_data",
    "make_target",
    "split_boxes",
]
