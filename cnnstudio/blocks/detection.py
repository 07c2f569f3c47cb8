"""The detection head: a CenterNet-style map of class heat maps, box sizes and centre offsets per grid cell."""

from __future__ import annotations

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore, SetParams
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step

# CenterNet's own output stride is 4; a grid under this many cells a side cannot tell nearby objects apart
MIN_GRID = 4


@register
class DetectionOutput(Block):
    type = "detection_output"
    label = QT_TRANSLATE_NOOP("Blocks", "Detection")
    category = "Output"
    name_prefix = "output"
    is_output = True
    role = "detection"
    torch_modules = ("CenterNetDecode",)  # its own exported decoder, by name: an exported detector imports back
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Finds objects, CenterNet-style: a feature map with num_classes + 4 channels per grid cell. "
        "Channels 0…C−1: one heat map per class (a logit; a peak marks an object's centre). "
        "Channels C, C+1: box width and height (log of the size in grid cells). "
        "Channels C+2, C+3: where the centre lies inside its cell (0…1, x then y). "
        "Trained with focal loss on the heat maps, GIoU on the boxes and L1 on the offsets; at evaluation the "
        "model returns max_detections rows (x1, y1, x2, y2 as fractions of the image, score, class) taken from "
        "the heat-map peaks (3×3 max-pool) above the score threshold.",
    )
    stricter_than_torch = {
        "needs_map": "the decoding reads boxes from a C×H×W map; a flat vector has no grid cells",
        "channels": "the decoding reads exactly num_classes + 4 channels; others would be silently misread",
    }
    params = (
        Param(
            "num_classes",
            "int",
            3,
            QT_TRANSLATE_NOOP("BlockParams", "object classes (one heat map each)"),
            min=1,
            max=10_000,
        ),
        Param(
            "max_detections",
            "int",
            100,
            QT_TRANSLATE_NOOP("BlockParams", "boxes returned per image (the top-k peaks)"),
            min=1,
            max=10_000,
        ),
        Param(
            "score_threshold",
            "float",
            0.05,
            QT_TRANSLATE_NOOP("BlockParams", "peaks scoring below this give an empty row"),
            min=0.0,
            max=1.0,
        ),
        Param(
            "loss_weight",
            "float",
            1.0,
            QT_TRANSLATE_NOOP("BlockParams", "weight of this head's loss in the total"),
            min=0.0,
            max=100.0,
        ),
    )
    # the shape is what the model returns at evaluation: one row per detection (training sees the raw map)
    examples = (
        ({"num_classes": 3}, [(7, 16, 16)], (100, 6)),
        ({"num_classes": 1, "max_detections": 50}, [(5, 4, 4)], (50, 6)),
    )

    @classmethod
    def infer(cls, p, ins):
        shape = ins[0]
        if len(shape) != 3:
            raise ShapeError(
                "needs_map",
                translate(
                    "BlockErrors",
                    "the detection head needs a feature map, got {shape}: "
                    "end the backbone in convolutions, without Flatten or GlobalAvgPool",
                ).format(shape=translate("BlockErrors", "a flat vector") if len(shape) == 1 else fmt_shape(shape)),
            )
        want = p["num_classes"] + 4
        if shape[0] != want:
            raise ShapeError(
                "channels",
                translate(
                    "BlockErrors",
                    "needs num_classes + 4 = {classes} + 4 = {want} channels "
                    "(a heat map per class, width, height, x and y offset), got {got}: "
                    "end in a 1×1 convolution with {want} output channels",
                ).format(classes=p["num_classes"], want=want, got=shape[0]),
                (
                    InsertBefore(
                        translate("BlockErrors", "Insert a 1×1 convolution to {want} channels").format(want=want),
                        "conv2d",
                        {"out_channels": want, "kernel_size": 1, "padding": 0},
                    ),
                    *(
                        (
                            SetParams(
                                translate("BlockErrors", "Set num_classes to {count}").format(count=shape[0] - 4),
                                {"num_classes": shape[0] - 4},
                            ),
                        )
                        if shape[0] > 4
                        else ()
                    ),
                ),
            )
        return (p["max_detections"], 6)

    @classmethod
    def warnings(cls, p, ins, jump, image_hw):
        shape = ins[0]
        if len(shape) != 3 or image_hw is None:
            return ()
        h, w = shape[1], shape[2]
        if min(h, w) >= MIN_GRID:
            return ()
        stride = max(jump)
        return (
            (
                "small_grid",
                translate(
                    "BlockErrors",
                    "stride {stride} on a {image_h}×{image_w} input leaves a {h}×{w} grid: "
                    "small objects will be missed (one object per cell; aim for stride 4–8)",
                ).format(stride=stride, image_h=image_hw[0], image_w=image_hw[1], h=h, w=w),
            ),
        )

    @classmethod
    def build(cls, p, ins):
        from .modules import CenterNetDecode

        return CenterNetDecode(p["num_classes"], p["max_detections"], p["score_threshold"])

    @classmethod
    def code(cls, p, in_channels):
        args = [str(p["num_classes"])]
        kw(args, "max_detections", p["max_detections"], 100)
        kw(args, "score_threshold", float(p["score_threshold"]), 0.05)
        return Call("CenterNetDecode", args, {"CenterNetDecode"})

    @classmethod
    def from_module(cls, m, inputs):
        if not all(hasattr(m, k) for k in ("num_classes", "max_detections", "score_threshold")):
            return None
        params = dict(num_classes=int(m.num_classes), max_detections=int(m.max_detections))
        return Step(cls.type, inputs, {**params, "score_threshold": float(m.score_threshold)})

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "{classes} classes · top {top}").format(
            classes=p["num_classes"], top=p["max_detections"]
        )


def predictions_per_image(shape: tuple[int, ...], p: dict) -> int:
    """How many candidate boxes one image makes (a cell per class), before the top-k."""
    return p["num_classes"] * shape[1] * shape[2] if len(shape) == 3 else 0
