"""VGG (Simonyan & Zisserman 2014): stacks of 3×3 convolutions written as configuration lists, as torchvision does."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)

# Output channels of each 3×3 convolution; "M" is a 2×2 max pool that halves the map (torchvision's cfgs).
cfgs: dict[str, list[int | str]] = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


def vgg(cfg: str, batch_norm: bool, num_classes: int, input_shape) -> Graph:
    """``features.*`` from the config list, then torchvision's classifier; node names are its module paths."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    index = 0

    def add(type_: str, **params) -> str:
        nonlocal x, index
        x = b.add(type_, f"features.{index}", x, **params)
        index += 1
        return x

    for v in cfgs[cfg]:
        if v == "M":
            add("maxpool2d", kernel_size=2, stride=2)
        else:
            add("conv2d", out_channels=v, kernel_size=3, padding=1)
            if batch_norm:
                add("batchnorm2d")
            add("relu")
    # N x 512 x 7 x 7 for a 224×224 image; the adaptive pool makes it 7×7 for any input of at least 32×32
    x = b.chain(
        x,
        ("adaptive_avgpool2d", "avgpool", dict(output_size=7)),
        ("flatten", "flatten", {}),  # N x 25088
        ("linear", "classifier.0", dict(out_features=4096)),
        ("relu", "classifier.1", {}),
        ("dropout", "classifier.2", dict(p=0.5)),
        ("linear", "classifier.3", dict(out_features=4096)),
        ("relu", "classifier.4", {}),
        ("dropout", "classifier.5", dict(p=0.5)),
        ("linear", "classifier.6", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")


# descriptions as templates: the registry shows them in the user's language, files keep the English text
VGG_TEXT = QT_TRANSLATE_NOOP(
    "Presets",
    "VGG-{depth} (Simonyan 2014, configuration {cfg}): {convs} 3×3 convolutions in five stages closed by 2×2 max "
    "pools, then three dense layers. Same layers and state_dict keys as torchvision.models.{name}, so its ImageNet "
    "weights load unchanged. Inputs from 32×32 up.",
)
VGG_BN_TEXT = QT_TRANSLATE_NOOP(
    "Presets",
    "VGG-{depth} (Simonyan 2014, configuration {cfg}, batch norm): {convs} 3×3 convolutions, each followed by batch "
    "norm and ReLU, in five stages closed by 2×2 max pools, then three dense layers. Same layers and state_dict keys "
    "as torchvision.models.{name}, so its ImageNet weights load unchanged. Inputs from 32×32 up.",
)


def _describe(depth: int, cfg: str, bn: bool) -> tuple[str, dict]:
    """(template, values) of a preset's description."""
    convs = sum(1 for v in cfgs[cfg] if v != "M")
    name = f"vgg{depth}" + ("_bn" if bn else "")
    return (VGG_BN_TEXT if bn else VGG_TEXT), {"depth": depth, "cfg": cfg, "convs": convs, "name": name}


def _register(depth: int, cfg: str, bn: bool = False) -> None:
    name = f"vgg{depth}" + ("_bn" if bn else "")

    def builder(num_classes: int = 1000, input_shape=IMAGENET) -> Graph:
        return vgg(cfg, bn, num_classes, input_shape)

    builder.__name__ = builder.__qualname__ = name
    text, values = _describe(depth, cfg, bn)
    preset(
        name,
        text.format(**values),
        input_shape=IMAGENET,
        num_classes=1000,
        family="vgg",
        template=(text, values),
    )(builder)


for _depth, _cfg in ((11, "A"), (13, "B"), (16, "D"), (19, "E")):
    _register(_depth, _cfg)
_register(16, "D", bn=True)
