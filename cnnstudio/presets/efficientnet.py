"""EfficientNet-B0 (Tan & Le 2019): MBConv blocks (inverted residuals with squeeze-and-excitation and SiLU),
with stochastic depth on the shortcut blocks, as torchvision writes it."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .layers import conv_norm_act
from .registry import preset

IMAGENET = (3, 224, 224)

# (expand ratio, kernel, first stride, in, out, repeats): torchvision's MBConvConfig table for B0.
B0 = (
    (1, 3, 1, 32, 16, 1),  # N x 16 x 112 x 112
    (6, 3, 2, 16, 24, 2),  # N x 24 x 56 x 56
    (6, 5, 2, 24, 40, 2),  # N x 40 x 28 x 28
    (6, 3, 2, 40, 80, 3),  # N x 80 x 14 x 14
    (6, 5, 1, 80, 112, 3),  # N x 112 x 14 x 14
    (6, 5, 2, 112, 192, 4),  # N x 192 x 7 x 7
    (6, 3, 1, 192, 320, 1),  # N x 320 x 7 x 7
)
STOCHASTIC_DEPTH = 0.2  # the last block's drop probability; it grows linearly from 0


def _mbconv(b: GraphBuilder, name: str, x: str, conf: tuple, sd_prob: float) -> str:
    """One MBConv composite (expand it to see ``block.0`` …): 1×1 expansion (when the ratio is > 1), k×k depthwise,
    squeeze-and-excitation (SiLU, sigmoid gate), linear 1×1 projection; when the shape is kept, stochastic depth
    on the branch and + input."""
    t, k, stride, c_in, c_out = conf
    params = dict(expand_ratio=t, kernel_size=k, stride=stride, stochastic_depth_prob=sd_prob)
    return b.add("mbconv", name, x, out_channels=c_out, **params)


def efficientnet_graph(setting: tuple, num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = conv_norm_act(b, "features.0", x, setting[0][3], stride=2, act="silu")  # N x 32 x 112 x 112
    total, block_id = sum(conf[-1] for conf in setting), 0
    for stage, (t, k, s, c_in, c_out, n) in enumerate(setting, start=1):
        for j in range(n):
            conf = (t, k, s if j == 0 else 1, c_in if j == 0 else c_out, c_out)
            x = _mbconv(b, f"features.{stage}.{j}", x, conf, STOCHASTIC_DEPTH * block_id / total)
            block_id += 1
    last_in = setting[-1][4]
    x = conv_norm_act(b, f"features.{len(setting) + 1}", x, 4 * last_in, kernel=1, act="silu")  # N x 1280 x 7²
    b.chain(
        x,
        ("global_avgpool", "avgpool", {}),  # N x 1280
        ("dropout", "classifier.0", dict(p=0.2)),
        ("linear", "classifier.1", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "efficientnet_b0",
    QT_TRANSLATE_NOOP(
        "Presets",
        "EfficientNet-B0 (Tan & Le 2019): sixteen MBConv blocks — inverted residuals with squeeze-and-excitation "
        "gates and SiLU, stochastic depth on the shortcuts — the baseline that compound scaling widens, deepens "
        "and enlarges into B1–B7. Same layers and state_dict keys as torchvision.models.efficientnet_b0, so its "
        "ImageNet weights load unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="efficientnet",
)
def efficientnet_b0(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return efficientnet_graph(B0, num_classes, input_shape)
