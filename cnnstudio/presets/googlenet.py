"""GoogLeNet (Szegedy et al. 2014): inception modules written as a table, with both auxiliary classifiers."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)

# The body after the stem, in order. ("inception", name, (ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)),
# ("pool", name, kernel) for a stride-2 max pool, ("aux", name) for an auxiliary classifier branching off here.
# Shapes are for a 224×224 image.
BODY: tuple[tuple, ...] = (
    ("inception", "inception3a", (64, 96, 128, 16, 32, 32)),  # N x 256 x 28 x 28
    ("inception", "inception3b", (128, 128, 192, 32, 96, 64)),  # N x 480 x 28 x 28
    ("pool", "maxpool3", 3),  # N x 480 x 14 x 14
    ("inception", "inception4a", (192, 96, 208, 16, 48, 64)),  # N x 512 x 14 x 14
    ("aux", "aux1"),
    ("inception", "inception4b", (160, 112, 224, 24, 64, 64)),  # N x 512 x 14 x 14
    ("inception", "inception4c", (128, 128, 256, 24, 64, 64)),  # N x 512 x 14 x 14
    ("inception", "inception4d", (112, 144, 288, 32, 64, 64)),  # N x 528 x 14 x 14
    ("aux", "aux2"),
    ("inception", "inception4e", (256, 160, 320, 32, 128, 128)),  # N x 832 x 14 x 14
    ("pool", "maxpool4", 2),  # N x 832 x 7 x 7
    ("inception", "inception5a", (256, 160, 320, 32, 128, 128)),  # N x 832 x 7 x 7
    ("inception", "inception5b", (384, 192, 384, 48, 128, 128)),  # N x 1024 x 7 x 7
)
WIDTHS = ("ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")
AUX_LOSS_WEIGHT = 0.3  # the paper: auxiliary losses are added with weight 0.3 during training


def _aux(b: GraphBuilder, name: str, x: str, num_classes: int) -> None:
    """torchvision's InceptionAux as nodes: pool to 4×4, 1×1 conv to 128, two dense layers, an auxiliary head."""
    b.chain(
        x,
        ("adaptive_avgpool2d", f"{name}.pool", dict(output_size=4)),  # N x C x 4 x 4
        ("conv_bn_relu", f"{name}.conv", dict(out_channels=128, kernel_size=1, padding=0)),  # N x 128 x 4 x 4
        ("flatten", f"{name}.flatten", {}),  # N x 2048
        ("linear", f"{name}.fc1", dict(out_features=1024)),
        ("relu", f"{name}.relu", {}),
        ("dropout", f"{name}.dropout", dict(p=0.7)),
        ("linear", f"{name}.fc2", dict(out_features=num_classes)),
        ("classification_output", f"{name}.output", dict(auxiliary=True, loss_weight=AUX_LOSS_WEIGHT)),
    )


def googlenet_graph(num_classes: int, input_shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv_bn_relu", "conv1", dict(out_channels=64, kernel_size=7, stride=2, padding=3)),  # N x 64 x 112 x 112
        ("maxpool2d", "maxpool1", dict(kernel_size=3, stride=2, ceil_mode=True)),  # N x 64 x 56 x 56
        ("conv_bn_relu", "conv2", dict(out_channels=64, kernel_size=1, padding=0)),  # N x 64 x 56 x 56
        ("conv_bn_relu", "conv3", dict(out_channels=192, kernel_size=3, padding=1)),  # N x 192 x 56 x 56
        ("maxpool2d", "maxpool2", dict(kernel_size=3, stride=2, ceil_mode=True)),  # N x 192 x 28 x 28
    )
    for kind, name, *rest in BODY:
        if kind == "inception":
            x = b.add("inception", name, x, **dict(zip(WIDTHS, rest[0])))
        elif kind == "pool":
            x = b.add("maxpool2d", name, x, kernel_size=rest[0], stride=2, ceil_mode=True)
        else:
            _aux(b, name, x, num_classes)
    b.chain(
        x,
        ("global_avgpool", "avgpool", {}),  # N x 1024
        ("dropout", "dropout", dict(p=0.2)),
        ("linear", "fc", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return _layout(b.build())


def _layout(graph: Graph) -> Graph:
    """The main path as one straight column; each auxiliary classifier as a column of its own beside it,
    starting level with the module it branches from."""
    column, row = 240.0, 120.0
    y = 0.0
    branch_rows: dict[str, float] = {}
    for node in graph.nodes.values():
        prefix = node.name.split(".")[0]
        if prefix.startswith("aux"):
            branch_rows[prefix] = branch_rows.get(prefix, y - row) + row
            node.pos = (column * int(prefix.removeprefix("aux")), branch_rows[prefix])
        else:
            node.pos = (0.0, y)
            y += row
    return graph


@preset(
    "googlenet",
    QT_TRANSLATE_NOOP(
        "Presets",
        "GoogLeNet / Inception v1 (Szegedy 2014): nine inception modules (1×1, 3×3, '5×5' and pooling branches "
        "concatenated) and two auxiliary classifiers after inception4a and 4d whose losses count 0.3 in training and "
        "are ignored at evaluation. Same layers and state_dict keys as torchvision.models.googlenet (whose '5×5' "
        "branch is a 3×3), so its ImageNet weights load unchanged. Inputs from 15×15 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="googlenet",
)
def googlenet(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
    return googlenet_graph(num_classes, input_shape)
