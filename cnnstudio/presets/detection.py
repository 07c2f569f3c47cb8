"""Detection presets: a backbone to a stride-8 grid, two head convolutions, and the CenterNet-style head.

The head's last convolution gives num_classes + 4 channels per cell (class heat maps, log box size, centre
offset); ``detection_output`` trains them and, at evaluation, returns the boxes.
"""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate

from .registry import preset
from .resnet import DEPTHS

SMALL = (3, 128, 128)

# det_small's saved training config: on shapes-boxes, validation mAP@0.5 0.999 (mAP@[.5:.95] 0.90) after 12
# epochs, 219 s of CPU time with train's one thread on the 2-core box; 0.992 on 500 unseen images
# (shapes-boxes:500@seed=7). bench/det_small_map.py checks the target (≥ 0.9 in ≤ 10 minutes)
SMALL_TRAINING = {
    "data": "shapes-boxes",
    "optimizer": "adamw",
    "lr": 0.003,
    "weight_decay": 0.0001,
    "schedule": "onecycle",
    "epochs": 12,
    "batch_size": 32,
    "augment": {"hflip": True, "scale": [0.8, 1.2]},
}


def _divisible(name: str, input_shape, by: int) -> None:
    if len(input_shape) != 3 or input_shape[1] % by or input_shape[2] % by:
        raise ValueError(
            translate(
                "Presets", "{name} needs a C,H,W input with height and width divisible by {by}, got {shape}"
            ).format(name=name, by=by, shape=input_shape)
        )


def _head(b: GraphBuilder, x: str, width: int, num_classes: int) -> str:
    """3×3 conv → ReLU → 1×1 conv to the head's channels → the detection output."""
    return b.chain(
        x,
        ("conv2d", "head.0", dict(out_channels=width, kernel_size=3, padding=1)),
        ("relu", "head.1", {}),
        ("conv2d", "head.2", dict(out_channels=num_classes + 4, kernel_size=1)),  # N x (C+4) x h x w
        ("detection_output", "output", dict(num_classes=num_classes)),
    )


@preset(
    "det_small",
    QT_TRANSLATE_NOOP(
        "Presets",
        "Small detector (CenterNet-style): six Conv-BN-ReLU layers take a 128×128 image to a 16×16 grid "
        "(stride 8), a 3×3 and a 1×1 convolution predict per cell a heat map per class, the box size and the "
        "centre's offset, and the Detection output turns the peaks into boxes. Trains on shapes-boxes in minutes "
        "on a CPU with its saved training config.",
    ),
    input_shape=SMALL,
    num_classes=3,
    family="detection",
    training=SMALL_TRAINING,
)
def det_small(num_classes: int = 3, input_shape=SMALL) -> Graph:
    _divisible("det_small", input_shape, 8)
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv_bn_relu", "backbone.0", dict(out_channels=16, stride=2)),  # N x 16 x 64 x 64
        ("conv_bn_relu", "backbone.1", dict(out_channels=32, stride=2)),  # N x 32 x 32 x 32
        ("conv_bn_relu", "backbone.2", dict(out_channels=32)),
        ("conv_bn_relu", "backbone.3", dict(out_channels=64, stride=2)),  # N x 64 x 16 x 16
        ("conv_bn_relu", "backbone.4", dict(out_channels=64)),
        ("conv_bn_relu", "backbone.5", dict(out_channels=64)),
    )
    _head(b, x, 64, num_classes)
    return b.build(layout="tb")


# det_resnet18's transfer flow, measured 2026-11-30: a torchvision resnet18() state_dict (built locally, so random
# weights: no download) loaded by `cnnstudio finetune` with the backbone frozen, then the saved config on
# shapes-boxes trains the neck and head (2.77 M of 13.9 M parameters) to validation mAP@0.5 0.334 (mAP 0.139;
# 0.308 on shapes-boxes:500@seed=7) in 501 s of CPU time. A frozen random backbone is a poor feature extractor:
# ImageNet weights (torchvision's hub cache) are what the flow is for.
@preset(
    "det_resnet18",
    QT_TRANSLATE_NOOP(
        "Presets",
        "ResNet-18 detector (CenterNet-style): ResNet-18's stem and four stages with torchvision's names "
        "(conv1, bn1, layer1…layer4, so a torchvision resnet18 state_dict loads into the backbone; the head "
        "stays new), two transposed convolutions bring the stride-32 map back to stride 8, and a 3×3 and a 1×1 "
        "convolution feed the Detection output. For transfer learning: load, freeze the backbone, train the head.",
    ),
    input_shape=SMALL,
    num_classes=3,
    family="detection",
    training={**SMALL_TRAINING, "lr": 0.001},
)
def det_resnet18(num_classes: int = 3, input_shape=SMALL) -> Graph:
    _divisible("det_resnet18", input_shape, 32)
    kind, layers = DEPTHS["resnet18"]
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "conv1", dict(out_channels=64, kernel_size=7, stride=2, padding=3, bias=False)),  # N x 64 x 64²
        ("batchnorm2d", "bn1", {}),
        ("relu", "relu", {}),
        ("maxpool2d", "maxpool", dict(kernel_size=3, stride=2, padding=1)),  # N x 64 x 32 x 32
    )
    for stage, (planes, blocks) in enumerate(zip((64, 128, 256, 512), layers), start=1):
        for j in range(blocks):  # N x 64 x 32², 128 x 16², 256 x 8², 512 x 4²
            stride = 2 if stage > 1 and j == 0 else 1
            x = b.add("residual", f"layer{stage}.{j}", x, kind=kind, planes=planes, stride=stride)
    x = b.chain(
        x,
        ("conv_transpose2d", "neck.0", dict(out_channels=256, kernel_size=4, stride=2, padding=1, bias=False)),
        ("batchnorm2d", "neck.1", {}),
        ("relu", "neck.2", {}),  # N x 256 x 8 x 8
        ("conv_transpose2d", "neck.3", dict(out_channels=128, kernel_size=4, stride=2, padding=1, bias=False)),
        ("batchnorm2d", "neck.4", {}),
        ("relu", "neck.5", {}),  # N x 128 x 16 x 16: stride 8
    )
    _head(b, x, 128, num_classes)
    return b.build(layout="tb")
