"""A detection source by kind and argument (the spec already parsed), decoded at the model's size and split.

Shared by ``load_box_data`` (``cnnstudio train``, the GUI) and the exported ``train.py``, which carries this
file, so both train on the same images in the same split.
"""

from __future__ import annotations

from ....core.i18n import translate
from ...errors import DataError
from ..base import DataSplit
from .boxset import split_boxes
from .coco import coco_records
from .reading import Problems, assemble
from .shapes_boxes import BOX_CLASSES, generate_shape_boxes
from .voc import voc_records
from .yolo import yolo_records

DEFAULT_SHAPE_BOXES = 2000
DEFAULT_SIZE = (3, 128, 128)
RECORD_READERS = {"coco": coco_records, "voc": voc_records, "yolo": yolo_records}


def load_boxes(kind: str, arg: str, input_shape: tuple[int, ...], val_split: float, seed: int) -> DataSplit:
    """``shapes-boxes`` (``arg``: the count or ""), or a ``coco``/``voc``/``yolo`` folder (``arg``: its path)."""
    if not 0.0 <= val_split < 1.0:
        raise DataError(translate("Data", "val_split must be in [0, 1), got {share}").format(share=val_split))
    chw = box_image_size(input_shape)
    if kind == "shapes-boxes":
        boxes = generate_shape_boxes(int(arg) if arg else DEFAULT_SHAPE_BOXES, seed).resized(chw)
        train, val = split_boxes(boxes, val_split, seed)
        return DataSplit("shapes-boxes", list(BOX_CLASSES), train, val, task="detection")
    if kind not in RECORD_READERS:
        raise DataError(
            translate("Data", "{kind}: not a detection set: use shapes-boxes[:N], coco:, voc: or yolo:PATH").format(
                kind=kind
            )
        )
    problems = Problems()
    classes, records = RECORD_READERS[kind](arg, problems)
    # one order whatever the format lists them in (COCO's json order, VOC's annotation files, YOLO's image
    # files), so the same images split and batch alike in each: by file name, then by path
    records.sort(key=lambda record: (record.image.name, str(record.image)))
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


def box_image_size(input_shape: tuple[int, ...]) -> tuple[int, int, int]:
    """The model's input as (C, H, W) with 1 or 3 channels; DataError otherwise."""
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
