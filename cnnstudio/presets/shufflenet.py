"""ShuffleNetV2 1.0× (Ma 2018): units that split the channels, transform one half and shuffle them back."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)
# name: (units per stage, widths of conv1, stage2, stage3, stage4, conv5), torchvision's tables
WIDTHS = {"shufflenet_v2_x1_0": ((4, 8, 4), (24, 116, 232, 464, 1024))}


def shufflenet_graph(repeats: tuple, widths: tuple, num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "conv1.0", dict(out_channels=widths[0], kernel_size=3, stride=2, padding=1, bias=False)),
        ("batchnorm2d", "conv1.1", {}),
        ("relu", "conv1.2", {}),  # N x 24 x 112 x 112
        ("maxpool2d", "maxpool", dict(kernel_size=3, stride=2, padding=1)),  # N x 24 x 56 x 56
    )
    # N x 116 x 28², 232 x 14², 464 x 7²: the first unit of a stage halves the map
    for stage, (n, width) in enumerate(zip(repeats, widths[1:]), start=2):
        for j in range(n):
            x = b.add("shufflenet_unit", f"stage{stage}.{j}", x, out_channels=width, stride=2 if j == 0 else 1)
    b.chain(
        x,
        ("conv2d", "conv5.0", dict(out_channels=widths[-1], kernel_size=1, bias=False)),
        ("batchnorm2d", "conv5.1", {}),
        ("relu", "conv5.2", {}),  # N x 1024 x 7 x 7
        ("global_avgpool", "avgpool", {}),  # N x 1024
        ("linear", "fc", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "shufflenet_v2_x1_0",
    QT_TRANSLATE_NOOP(
        "Presets",
        "ShuffleNetV2 1.0× (Ma 2018): sixteen units in three stages; a unit splits its channels in half, passes "
        "one half untouched and sends the other through 1×1 → 3×3 depthwise → 1×1, then shuffles the channels so "
        "the halves mix — fast on real hardware, not only in FLOPs. Same layers and state_dict keys as "
        "torchvision.models.shufflenet_v2_x1_0, so its ImageNet weights load unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="shufflenet",
)
def shufflenet_v2_x1_0(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    repeats, widths = WIDTHS["shufflenet_v2_x1_0"]
    return shufflenet_graph(repeats, widths, num_classes, input_shape)
