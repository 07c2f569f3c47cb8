"""ResNet (He et al. 2015): stages of residual modules given as block counts, as torchvision does."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)

# name: (residual kind, modules per stage). Stage widths are 64, 128, 256, 512 (×4 out for bottlenecks).
DEPTHS: dict[str, tuple[str, tuple[int, int, int, int]]] = {
    "resnet18": ("basic", (2, 2, 2, 2)),
    "resnet34": ("basic", (3, 4, 6, 3)),
    "resnet50": ("bottleneck", (3, 4, 6, 3)),
    "resnet101": ("bottleneck", (3, 4, 23, 3)),
    "resnet152": ("bottleneck", (3, 8, 36, 3)),
    "resnext50_32x4d": ("bottleneck", (3, 4, 6, 3)),
}
# ResNeXt (Xie 2017): the bottleneck's 3×3 split into 32 groups of 4 channels (per 64 planes)
GROUPS: dict[str, tuple[int, int]] = {"resnext50_32x4d": (32, 4)}


def resnet(kind: str, layers: tuple[int, ...], num_classes: int, input_shape, groups=(1, 64)) -> Graph:
    """Stem, four stages of residual modules named ``layer{i}.{j}``, global average pooling, ``fc``."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "conv1", dict(out_channels=64, kernel_size=7, stride=2, padding=3, bias=False)),  # N x 64 x 112²
        ("batchnorm2d", "bn1", {}),
        ("relu", "relu", {}),
        ("maxpool2d", "maxpool", dict(kernel_size=3, stride=2, padding=1)),  # N x 64 x 56 x 56
    )
    # N x 64·e x 56², N x 128·e x 28², N x 256·e x 14², N x 512·e x 7² (e = 1 basic, 4 bottleneck)
    for stage, (planes, blocks) in enumerate(zip((64, 128, 256, 512), layers), start=1):
        for j in range(blocks):
            stride = 2 if stage > 1 and j == 0 else 1
            grouping = dict(groups=groups[0], width_per_group=groups[1]) if groups != (1, 64) else {}
            x = b.add("residual", f"layer{stage}.{j}", x, kind=kind, planes=planes, stride=stride, **grouping)
    x = b.chain(
        x,
        ("global_avgpool", "avgpool", {}),  # N x 512·e: one mean per channel
        ("linear", "fc", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


# descriptions as templates: the registry shows them in the user's language, files keep the English text
BASIC_TEXT = QT_TRANSLATE_NOOP(
    "Presets",
    "ResNet-{depth} (He 2015), {counts} residual basic modules: a 7×7 stem, then two 3×3 convolutions per module "
    "in four stages (each stage halves the map and doubles the width), global average pooling and one dense layer. "
    "Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged; expand a "
    "layerN.M block to see inside.",
)
BOTTLENECK_TEXT = QT_TRANSLATE_NOOP(
    "Presets",
    "ResNet-{depth} (He 2015), {counts} residual bottleneck modules: a 7×7 stem, then 1×1, 3×3, 1×1 convolutions "
    "per module in four stages (each stage halves the map and doubles the width), global average pooling and one "
    "dense layer. Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet weights load "
    "unchanged; expand a layerN.M block to see inside.",
)
RESNEXT_TEXT = QT_TRANSLATE_NOOP(
    "Presets",
    "ResNeXt-50 {groups}×{per_group}d (Xie 2017): {counts} bottleneck modules whose 3×3 convolution is split into "
    "{groups} groups of {per_group} channels (per 64): more paths for the same cost ('cardinality'). Same layers and "
    "state_dict keys as torchvision.models.{name}, so its ImageNet weights load unchanged; expand a layerN.M block "
    "to see inside.",
)


def _describe(name: str) -> tuple[str, dict]:
    """(template, values) of a preset's description."""
    kind, layers = DEPTHS[name]
    counts = "+".join(map(str, layers))
    if name in GROUPS:
        groups, per_group = GROUPS[name]
        return RESNEXT_TEXT, {"groups": groups, "per_group": per_group, "counts": counts, "name": name}
    text = BASIC_TEXT if kind == "basic" else BOTTLENECK_TEXT
    return text, {"depth": name.removeprefix("resnet"), "counts": counts, "name": name}


def _register(name: str) -> None:
    kind, layers = DEPTHS[name]

    def builder(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
        return resnet(kind, layers, num_classes, input_shape, GROUPS.get(name, (1, 64)))

    builder.__name__ = builder.__qualname__ = name
    text, values = _describe(name)
    preset(
        name,
        text.format(**values),
        input_shape=IMAGENET,
        num_classes=1000,
        family="resnet",
        template=(text, values),
    )(builder)


for _name in DEPTHS:
    _register(_name)
