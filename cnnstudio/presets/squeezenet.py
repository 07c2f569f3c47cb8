"""SqueezeNet 1.1 (Iandola 2016): AlexNet's accuracy from Fire modules, with 50× fewer parameters."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)

# torchvision's features for version 1.1: ("fire", squeeze, expand1x1, expand3x3) or ("pool",).
FEATURES_1_1 = (
    ("pool",),  # features.2: N x 64 x 55 x 55
    ("fire", 16, 64, 64),  # N x 128 x 55 x 55
    ("fire", 16, 64, 64),
    ("pool",),  # N x 128 x 27 x 27
    ("fire", 32, 128, 128),  # N x 256 x 27 x 27
    ("fire", 32, 128, 128),
    ("pool",),  # N x 256 x 13 x 13
    ("fire", 48, 192, 192),  # N x 384 x 13 x 13
    ("fire", 48, 192, 192),
    ("fire", 64, 256, 256),  # N x 512 x 13 x 13
    ("fire", 64, 256, 256),
)


def _fire(b: GraphBuilder, name: str, x: str, squeeze: int, e1: int, e3: int) -> str:
    """Squeeze to few channels with 1×1, then expand with 1×1 and 3×3 side by side, concatenated."""
    s = b.chain(
        x,
        ("conv2d", f"{name}.squeeze", dict(out_channels=squeeze, kernel_size=1)),
        ("relu", f"{name}.squeeze_activation", {}),
    )
    a = b.chain(
        s,
        ("conv2d", f"{name}.expand1x1", dict(out_channels=e1, kernel_size=1)),
        ("relu", f"{name}.expand1x1_activation", {}),
    )
    c = b.chain(
        s,
        ("conv2d", f"{name}.expand3x3", dict(out_channels=e3, kernel_size=3, padding=1)),
        ("relu", f"{name}.expand3x3_activation", {}),
    )
    return b.add("concat", f"{name}.cat", a, c)


def squeezenet_graph(num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "features.0", dict(out_channels=64, kernel_size=3, stride=2)),  # N x 64 x 111 x 111
        ("relu", "features.1", {}),
    )
    for index, (kind, *widths) in enumerate(FEATURES_1_1, start=2):
        if kind == "pool":
            x = b.add("maxpool2d", f"features.{index}", x, kernel_size=3, stride=2, ceil_mode=True)
        else:
            x = _fire(b, f"features.{index}", x, *widths)
    b.chain(
        x,
        ("dropout", "classifier.0", dict(p=0.5)),
        ("conv2d", "classifier.1", dict(out_channels=num_classes, kernel_size=1)),  # a class score per pixel
        ("relu", "classifier.2", {}),
        ("adaptive_avgpool2d", "classifier.3", dict(output_size=1)),  # N x classes x 1 x 1
        ("flatten", "flatten", {}),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "squeezenet1_1",
    QT_TRANSLATE_NOOP(
        "Presets",
        "SqueezeNet 1.1 (Iandola 2016): eight Fire modules — a 1×1 squeeze layer feeding 1×1 and 3×3 expand layers "
        "side by side — and a 1×1 convolution as classifier, averaged over the map: no dense layer, 1.2 M "
        "parameters. Same layers and state_dict keys as torchvision.models.squeezenet1_1, so its ImageNet weights "
        "load unchanged. Inputs from 17×17 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="squeezenet",
)
def squeezenet1_1(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return squeezenet_graph(num_classes, input_shape)
