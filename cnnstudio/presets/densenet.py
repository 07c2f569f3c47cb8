"""DenseNet-121 (Huang 2017): every layer of a dense block reads the concatenation of all earlier outputs."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)
GROWTH = 32  # channels each dense layer adds
BN_SIZE = 4  # the 1×1 bottleneck is BN_SIZE × GROWTH wide
BLOCKS = {"densenet121": (6, 12, 24, 16)}


def densenet_graph(blocks: tuple[int, ...], num_classes: int, input_shape, init_features: int = 64) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "features.conv0", dict(out_channels=init_features, kernel_size=7, stride=2, padding=3, bias=False)),
        ("batchnorm2d", "features.norm0", {}),
        ("relu", "features.relu0", {}),
        ("maxpool2d", "features.pool0", dict(kernel_size=3, stride=2, padding=1)),  # N x 64 x 56 x 56
    )
    channels = init_features
    # N x 256 x 56², then 512 x 28², 1024 x 14², 1024 x 7² (each transition halves width and map)
    # (composites: expand a dense block to see its layers and concatenations, a layer to see BN-ReLU-conv twice)
    for i, layers in enumerate(blocks, start=1):
        block = dict(num_layers=layers, growth_rate=GROWTH, bn_size=BN_SIZE)
        x = b.add("dense_block", f"features.denseblock{i}", x, **block)
        channels += layers * GROWTH
        if i < len(blocks):
            channels //= 2
            x = b.add("dense_transition", f"features.transition{i}", x, out_channels=channels)
    b.chain(
        x,
        ("batchnorm2d", "features.norm5", {}),
        ("relu", "relu", {}),
        ("global_avgpool", "avgpool", {}),  # N x 1024
        ("linear", "classifier", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "densenet121",
    QT_TRANSLATE_NOOP(
        "Presets",
        "DenseNet-121 (Huang 2017): four dense blocks of 6, 12, 24 and 16 layers; each layer (BN-ReLU-1×1 conv, "
        "BN-ReLU-3×3 conv) adds 32 channels and reads the concatenation of everything before it in its block, so "
        "features are reused instead of relearned; transitions halve width and map. Same layers and state_dict "
        "keys as torchvision.models.densenet121, so its ImageNet weights load unchanged. Inputs from 32×32 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="densenet",
)
def densenet121(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return densenet_graph(BLOCKS["densenet121"], num_classes, input_shape)
