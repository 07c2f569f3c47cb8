"""MobileNet V2 (Sandler 2018) and V3 (Howard 2019): inverted residuals as torchvision writes them."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .layers import conv_norm_act
from .registry import preset

IMAGENET = (3, 224, 224)

# MobileNetV2: (expansion t, out channels c, repeats n, first stride s), torchvision's table.
V2_SETTING = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))

# MobileNetV3: (in, kernel, expanded, out, squeeze-excitation, activation, stride), torchvision's bneck_conf.
V3_LARGE = (
    (16, 3, 16, 16, False, "relu", 1),
    (16, 3, 64, 24, False, "relu", 2),  # N x 24 x 56 x 56
    (24, 3, 72, 24, False, "relu", 1),
    (24, 5, 72, 40, True, "relu", 2),  # N x 40 x 28 x 28
    (40, 5, 120, 40, True, "relu", 1),
    (40, 5, 120, 40, True, "relu", 1),
    (40, 3, 240, 80, False, "hardswish", 2),  # N x 80 x 14 x 14
    (80, 3, 200, 80, False, "hardswish", 1),
    (80, 3, 184, 80, False, "hardswish", 1),
    (80, 3, 184, 80, False, "hardswish", 1),
    (80, 3, 480, 112, True, "hardswish", 1),
    (112, 3, 672, 112, True, "hardswish", 1),
    (112, 5, 672, 160, True, "hardswish", 2),  # N x 160 x 7 x 7
    (160, 5, 960, 160, True, "hardswish", 1),
    (160, 5, 960, 160, True, "hardswish", 1),
)
V3_SMALL = (
    (16, 3, 16, 16, True, "relu", 2),  # N x 16 x 56 x 56
    (16, 3, 72, 24, False, "relu", 2),  # N x 24 x 28 x 28
    (24, 3, 88, 24, False, "relu", 1),
    (24, 5, 96, 40, True, "hardswish", 2),  # N x 40 x 14 x 14
    (40, 5, 240, 40, True, "hardswish", 1),
    (40, 5, 240, 40, True, "hardswish", 1),
    (40, 5, 120, 48, True, "hardswish", 1),
    (48, 5, 144, 48, True, "hardswish", 1),
    (48, 5, 288, 96, True, "hardswish", 2),  # N x 96 x 7 x 7
    (96, 5, 576, 96, True, "hardswish", 1),
    (96, 5, 576, 96, True, "hardswish", 1),
)
V3_NORM = dict(eps=0.001, momentum=0.01)


def mobilenet_v2_graph(num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = conv_norm_act(b, "features.0", x, 32, stride=2, act="relu6")  # N x 32 x 112 x 112
    index = 1
    for t, c, n, s in V2_SETTING:  # N x 320 x 7 x 7 after the last
        for j in range(n):
            stride = s if j == 0 else 1
            x = b.add("inverted_residual", f"features.{index}", x, out_channels=c, stride=stride, expand_ratio=t)
            index += 1
    x = conv_norm_act(b, f"features.{index}", x, 1280, kernel=1, act="relu6")  # N x 1280 x 7 x 7
    b.chain(
        x,
        ("global_avgpool", "avgpool", {}),  # N x 1280
        ("dropout", "classifier.0", dict(p=0.2)),
        ("linear", "classifier.1", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


def _inverted_residual_v3(b: GraphBuilder, name: str, x: str, conf: tuple) -> str:
    """V3's block as one composite (expand it to see ``block.0`` … and the shortcut): optional 1×1 expansion,
    k×k depthwise, optional squeeze-and-excitation (hard-sigmoid gate), linear 1×1 projection, + input."""
    c_in, k, expanded, c_out, se, act, stride = conf
    params = dict(expanded_channels=expanded, kernel_size=k, stride=stride, squeeze_excitation=se, activation=act)
    return b.add("mobilenet_v3_block", name, x, out_channels=c_out, **params)


def mobilenet_v3_graph(setting: tuple, last_channel: int, num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = conv_norm_act(b, "features.0", x, 16, stride=2, act="hardswish", norm=V3_NORM)  # N x 16 x 112 x 112
    for index, conf in enumerate(setting, start=1):
        x = _inverted_residual_v3(b, f"features.{index}", x, conf)
    last_in = setting[-1][3]
    x = conv_norm_act(b, f"features.{len(setting) + 1}", x, 6 * last_in, kernel=1, act="hardswish", norm=V3_NORM)
    b.chain(
        x,
        ("global_avgpool", "avgpool", {}),  # N x 6·C: one mean per channel
        ("linear", "classifier.0", dict(out_features=last_channel)),
        ("hardswish", "classifier.1", {}),
        ("dropout", "classifier.2", dict(p=0.2)),
        ("linear", "classifier.3", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "mobilenet_v2",
    QT_TRANSLATE_NOOP(
        "Presets",
        "MobileNetV2 (Sandler 2018): seventeen inverted residuals — a 1×1 convolution widens 6×, a 3×3 depthwise "
        "convolution filters each channel alone, a linear 1×1 convolution narrows again, with a shortcut when the "
        "shape is kept; ReLU6 throughout. 3.5 M parameters. Same layers and state_dict keys as "
        "torchvision.models.mobilenet_v2, so its ImageNet weights load unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="mobilenet",
)
def mobilenet_v2(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return mobilenet_v2_graph(num_classes, input_shape)


@preset(
    "mobilenet_v3_large",
    QT_TRANSLATE_NOOP(
        "Presets",
        "MobileNetV3-Large (Howard 2019): fifteen inverted residuals found by architecture search, 3×3 and 5×5 "
        "depthwise convolutions, squeeze-and-excitation gates and hard-swish activations (cheap on phones). "
        "Same layers and state_dict keys as torchvision.models.mobilenet_v3_large, so its ImageNet weights load "
        "unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="mobilenet",
)
def mobilenet_v3_large(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return mobilenet_v3_graph(V3_LARGE, 1280, num_classes, input_shape)


@preset(
    "mobilenet_v3_small",
    QT_TRANSLATE_NOOP(
        "Presets",
        "MobileNetV3-Small (Howard 2019): eleven inverted residuals with squeeze-and-excitation gates and "
        "hard-swish, 2.5 M parameters for low-power devices. Same layers and state_dict keys as "
        "torchvision.models.mobilenet_v3_small, so its ImageNet weights load unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="mobilenet",
)
def mobilenet_v3_small(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return mobilenet_v3_graph(V3_SMALL, 1024, num_classes, input_shape)
