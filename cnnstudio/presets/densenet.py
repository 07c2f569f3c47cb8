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


def _dense_layer(b: GraphBuilder, name: str, x: str) -> str:
    """BN-ReLU-1×1 conv (bottleneck) then BN-ReLU-3×3 conv: GROWTH new channels."""
    return b.chain(
        x,
        ("batchnorm2d", f"{name}.norm1", {}),
        ("relu", f"{name}.relu1", {}),
        ("conv2d", f"{name}.conv1", dict(out_channels=BN_SIZE * GROWTH, kernel_size=1, bias=False)),
        ("batchnorm2d", f"{name}.norm2", {}),
        ("relu", f"{name}.relu2", {}),
        ("conv2d", f"{name}.conv2", dict(out_channels=GROWTH, kernel_size=3, padding=1, bias=False)),
    )


def _dense_block(b: GraphBuilder, name: str, x: str, layers: int) -> str:
    """Layer j reads cat(input, new_1 … new_{j-1}); the block returns cat(input, new_1 … new_n)."""
    features = [x]
    for j in range(1, layers + 1):
        inputs = features[0] if j == 1 else b.add("concat", f"{name}.denselayer{j}.cat", *features)
        features.append(_dense_layer(b, f"{name}.denselayer{j}", inputs))
    return b.add("concat", f"{name}.cat", *features)


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
    for i, layers in enumerate(blocks, start=1):
        x = _dense_block(b, f"features.denseblock{i}", x, layers)
        channels += layers * GROWTH
        if i < len(blocks):
            channels //= 2
            x = b.chain(
                x,
                ("batchnorm2d", f"features.transition{i}.norm", {}),
                ("relu", f"features.transition{i}.relu", {}),
                ("conv2d", f"features.transition{i}.conv", dict(out_channels=channels, kernel_size=1, bias=False)),
                ("avgpool2d", f"features.transition{i}.pool", dict(kernel_size=2, stride=2)),
            )
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
