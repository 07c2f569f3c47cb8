"""ConvNeXt-Tiny (Liu 2022): a ResNet modernised step by step towards a vision transformer's design."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)
STAGES = {"convnext_tiny": ((96, 3), (192, 3), (384, 9), (768, 3))}  # (width, blocks) per stage
STOCHASTIC_DEPTH = 0.1  # the last block's drop probability; it grows linearly from 0
LAYER_SCALE = 1e-6


def convnext_graph(stages: tuple, num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        (
            "conv2d",
            "features.0.0",
            dict(out_channels=stages[0][0], kernel_size=4, stride=4),
        ),  # "patchify": N x 96 x 56²
        ("layernorm2d", "features.0.1", dict(eps=1e-6)),
    )
    total, block_id = sum(n for _, n in stages), 0
    # N x 96 x 56², 192 x 28², 384 x 14², 768 x 7²
    for i, (width, n) in enumerate(stages):
        index = 2 * i + 1
        if i > 0:  # downsampling between stages: LayerNorm then a 2×2 stride-2 convolution
            x = b.chain(
                x,
                ("layernorm2d", f"features.{index - 1}.0", dict(eps=1e-6)),
                ("conv2d", f"features.{index - 1}.1", dict(out_channels=width, kernel_size=2, stride=2)),
            )
        for j in range(n):
            sd = STOCHASTIC_DEPTH * block_id / (total - 1)
            x = b.add("convnext_block", f"features.{index}.{j}", x, layer_scale=LAYER_SCALE, stochastic_depth_prob=sd)
            block_id += 1
    b.chain(
        x,
        ("adaptive_avgpool2d", "avgpool", dict(output_size=1)),  # N x 768 x 1 x 1
        ("layernorm2d", "classifier.0", dict(eps=1e-6)),
        ("flatten", "classifier.1", {}),
        ("linear", "classifier.2", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "convnext_tiny",
    QT_TRANSLATE_NOOP(
        "Presets",
        "ConvNeXt-Tiny (Liu 2022): a 4×4 'patchify' stem, then 3+3+9+3 ConvNeXt blocks (7×7 depthwise "
        "convolution, LayerNorm, a 4× wider MLP with GELU, a learned per-channel scale, stochastic depth) in four "
        "stages joined by LayerNorm and 2×2 stride-2 convolutions. Same layers and state_dict keys as "
        "torchvision.models.convnext_tiny, so its ImageNet weights load unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="convnext",
)
def convnext_tiny(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return convnext_graph(STAGES["convnext_tiny"], num_classes, input_shape)
