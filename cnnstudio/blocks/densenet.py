"""DenseNet's composites (Huang 2017; torchvision.models.densenet): the dense layer, the dense block, the transition.

Module names are torchvision's (``denselayer1.norm1``, ``transition1.conv``), so its weights load unchanged.
"""

from __future__ import annotations

import functools

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step, same_leaves


@functools.cache
def own_classes():
    """The torch classes these blocks build, which the exported file copies (torch loads only when asked)."""
    import torch
    import torch.nn as nn

    class DenseLayer(nn.Module):
        """DenseNet's layer: BN, ReLU, 1x1 conv (bottleneck), BN, ReLU, 3x3 conv."""

        def __init__(
            self,
            in_channels: int,
            growth_rate: int = 32,
            bn_size: int = 4,
        ) -> None:
            super().__init__()
            width = bn_size * growth_rate
            self.norm1 = nn.BatchNorm2d(in_channels)
            self.relu1 = nn.ReLU(inplace=True)
            self.conv1 = nn.Conv2d(in_channels, width, kernel_size=1, stride=1, bias=False)
            self.norm2 = nn.BatchNorm2d(width)
            self.relu2 = nn.ReLU(inplace=True)
            self.conv2 = nn.Conv2d(width, growth_rate, 3, stride=1, padding=1, bias=False)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            out = self.conv1(self.relu1(self.norm1(x)))
            return self.conv2(self.relu2(self.norm2(out)))

    class DenseBlock(nn.ModuleDict):
        """DenseNet's block: each layer reads the input and every earlier layer's output."""

        def __init__(
            self,
            in_channels: int,
            num_layers: int,
            growth_rate: int = 32,
            bn_size: int = 4,
        ) -> None:
            super().__init__()
            for i in range(num_layers):
                layer = DenseLayer(in_channels + i * growth_rate, growth_rate, bn_size)
                self.add_module(f"denselayer{i + 1}", layer)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            features = [x]
            for layer in self.values():
                features.append(layer(torch.cat(features, 1)))
            return torch.cat(features, 1)

    class Transition(nn.Sequential):
        """DenseNet's transition: BN, ReLU, 1x1 conv (narrower), 2x2 average pool."""

        def __init__(self, in_channels: int, out_channels: int) -> None:
            super().__init__()
            self.norm = nn.BatchNorm2d(in_channels)
            self.relu = nn.ReLU(inplace=True)
            self.conv = nn.Conv2d(in_channels, out_channels, 1, stride=1, bias=False)
            self.pool = nn.AvgPool2d(kernel_size=2, stride=2)

    return DenseLayer, DenseBlock, Transition


GROWTH = Param(
    "growth_rate",
    "int",
    32,
    QT_TRANSLATE_NOOP("BlockParams", "channels each dense layer adds (k in the paper)"),
    min=1,
    max=1024,
)
BN_SIZE = Param(
    "bn_size",
    "int",
    4,
    QT_TRANSLATE_NOOP("BlockParams", "width of the 1×1 bottleneck, in multiples of the growth rate"),
    min=1,
    max=64,
)
KEYWORDS = (
    QT_TRANSLATE_NOOP("BlockKeywords", "densenet"),
    QT_TRANSLATE_NOOP("BlockKeywords", "dense connectivity"),
    QT_TRANSLATE_NOOP("BlockKeywords", "feature reuse"),
    QT_TRANSLATE_NOOP("BlockKeywords", "concatenate"),
    QT_TRANSLATE_NOOP("BlockKeywords", "skip connection"),
)


def layer_counts(c: int, growth: int, bn_size: int) -> tuple[int, int]:
    """(parameters, multiply-adds per pixel) of one dense layer on ``c`` channels."""
    width = bn_size * growth
    return 2 * c + c * width + 2 * width + 9 * width * growth, c * width + 9 * width * growth


def _is(part: Part | None, kind: str) -> bool:
    return part is not None and part.type == kind


@register
class DenseLayer(Block):
    type = "dense_layer"
    label = QT_TRANSLATE_NOOP("Blocks", "Dense layer")
    category = "Composite"
    name_prefix = "denselayer"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = KEYWORDS + (QT_TRANSLATE_NOOP("BlockKeywords", "densenet-b"),)  # "bottleneck" is ResNet's
    torch_modules = ("DenseLayer",)  # CNN Studio's exported class (torchvision's _DenseLayer takes a list)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "One layer of a DenseNet block: batch norm, ReLU, a 1×1 convolution (a bottleneck of bn_size × growth "
        "channels), batch norm, ReLU, a 3×3 convolution giving growth_rate new channels. Its input is the "
        "concatenation of everything before it in the block.",
    )
    params = (GROWTH, BN_SIZE)
    examples = (({}, [(64, 56, 56)], (32, 56, 56)), ({"growth_rate": 3, "bn_size": 2}, [(5, 4, 7)], (3, 4, 7)))

    @classmethod
    def infer(cls, p, ins):
        _, h, w = cls.need_rank(ins, 3)
        return (p["growth_rate"], h, w)

    @classmethod
    def param_count(cls, p, ins, out):
        return layer_counts(ins[0][0], p["growth_rate"], p["bn_size"])[0]

    @classmethod
    def macs(cls, p, ins, out):
        return out[1] * out[2] * layer_counts(ins[0][0], p["growth_rate"], p["bn_size"])[1]

    @classmethod
    def receptive_layers(cls, p):
        return ((3, 3, 1, 1, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return f"1×1 → 3×3 · +{p['growth_rate']}"

    @classmethod
    def expand(cls, p, in_shape):
        g, width = p["growth_rate"], p["bn_size"] * p["growth_rate"]
        return [
            Part("norm1", "batchnorm2d", {}),
            Part("relu1", "relu", {}, ("norm1",)),
            Part("conv1", "conv2d", dict(out_channels=width, kernel_size=1, bias=False), ("relu1",)),
            Part("norm2", "batchnorm2d", {}, ("conv1",)),
            Part("relu2", "relu", {}, ("norm2",)),
            Part("conv2", "conv2d", dict(out_channels=g, kernel_size=3, padding=1, bias=False), ("relu2",)),
        ]

    @classmethod
    def collapse(cls, parts):
        conv1, conv2 = parts.get("conv1"), parts.get("conv2")
        if not (_is(conv1, "conv2d") and _is(conv2, "conv2d") and _is(parts.get("norm1"), "batchnorm2d")):
            return None
        g = conv2.params.get("out_channels", 1)
        return dict(growth_rate=g, bn_size=max(1, conv1.params.get("out_channels", 1) // max(1, g)))

    @classmethod
    def build(cls, p, ins):
        layer, _, _ = own_classes()
        return layer(ins[0][0], p["growth_rate"], p["bn_size"])

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "growth_rate", p["growth_rate"], 32)
        kw(args, "bn_size", p["bn_size"], 4)
        layer, _, _ = own_classes()
        return Call("DenseLayer", args, classes=(layer,))

    @classmethod
    def from_module(cls, m, inputs):
        p = _layer_params(m)
        if p is None or not same_leaves(m, cls.build(p, [(m.conv1.in_channels, 1, 1)])):
            return None
        return Step(cls.type, inputs, p)


def _layer_params(m) -> dict | None:
    """growth_rate and bn_size of a torch dense layer (torchvision's or ours), None if it is not one we build."""
    import torch.nn as nn

    conv1, conv2 = getattr(m, "conv1", None), getattr(m, "conv2", None)
    if type(conv1) is not nn.Conv2d or type(conv2) is not nn.Conv2d or getattr(m, "drop_rate", 0) != 0:
        return None
    g = conv2.out_channels
    if conv1.out_channels % g:
        return None
    p = dict(growth_rate=g, bn_size=conv1.out_channels // g)
    return None if DenseLayer.check_params(p) else p


@register
class DenseBlock(Block):
    type = "dense_block"
    label = QT_TRANSLATE_NOOP("Blocks", "Dense block")
    category = "Composite"
    name_prefix = "denseblock"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = KEYWORDS
    torch_modules = ("_DenseBlock", "DenseBlock")  # torchvision.models.densenet._DenseBlock and the exported class
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "DenseNet's block: num_layers dense layers, each reading the concatenation of the block's input and every "
        "earlier layer's output, so features are reused instead of relearned. The output is all of them "
        "concatenated: input channels + num_layers × growth_rate, same map size.",
    )
    params = (
        Param(
            "num_layers",
            "int",
            6,
            QT_TRANSLATE_NOOP("BlockParams", "dense layers in the block (6, 12, 24, 16 in DenseNet-121)"),
            min=1,
            max=256,
        ),
        GROWTH,
        BN_SIZE,
    )
    examples = (
        ({}, [(64, 56, 56)], (256, 56, 56)),
        ({"num_layers": 3, "growth_rate": 2, "bn_size": 2}, [(3, 5, 6)], (9, 5, 6)),
        ({"num_layers": 1, "growth_rate": 4, "bn_size": 1}, [(2, 3, 3)], (6, 3, 3)),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        return (c + p["num_layers"] * p["growth_rate"], h, w)

    @classmethod
    def _layers(cls, p, c):
        g, b = p["growth_rate"], p["bn_size"]
        return [layer_counts(c + i * g, g, b) for i in range(p["num_layers"])]

    @classmethod
    def param_count(cls, p, ins, out):
        return sum(params for params, _ in cls._layers(p, ins[0][0]))

    @classmethod
    def macs(cls, p, ins, out):
        return out[1] * out[2] * sum(macs for _, macs in cls._layers(p, ins[0][0]))

    @classmethod
    def receptive_layers(cls, p):
        return ((3, 3, 1, 1, 1, 1),) * p["num_layers"]

    @classmethod
    def subtitle(cls, p):
        return f"{p['num_layers']} × +{p['growth_rate']}"

    @classmethod
    def expand(cls, p, in_shape):
        layer = dict(growth_rate=p["growth_rate"], bn_size=p["bn_size"])
        parts, features = [], [""]
        for j in range(1, p["num_layers"] + 1):
            source = ""
            if j > 1:  # layer j reads cat(input, layer 1 … layer j−1)
                source = f"cat{j}"
                parts.append(Part(source, "concat", {"num_inputs": len(features)}, tuple(features)))
            parts.append(Part(f"denselayer{j}", "dense_layer", dict(layer), (source,)))
            features.append(f"denselayer{j}")
        parts.append(Part("cat", "concat", {"num_inputs": len(features)}, tuple(features)))
        return parts

    @classmethod
    def collapse(cls, parts):
        first = parts.get("denselayer1")
        if not _is(first, "dense_layer") or not _is(parts.get("cat"), "concat"):
            return None
        count = sum(1 for name in parts if name.startswith("denselayer") and name[10:].isdigit())
        return dict(num_layers=count, **{k: first.params.get(k, 1) for k in ("growth_rate", "bn_size")})

    @classmethod
    def build(cls, p, ins):
        _, block, _ = own_classes()
        return block(ins[0][0], p["num_layers"], p["growth_rate"], p["bn_size"])

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["num_layers"])]
        kw(args, "growth_rate", p["growth_rate"], 32)
        kw(args, "bn_size", p["bn_size"], 4)
        layer, block, _ = own_classes()
        return Call("DenseBlock", args, classes=(layer, block))

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        layers = list(m.children()) if isinstance(m, nn.ModuleDict) else []
        if not layers or [name for name, _ in m.named_children()] != [f"denselayer{i + 1}" for i in range(len(layers))]:
            return None
        p = _layer_params(layers[0])
        if p is None or getattr(layers[0].norm1, "num_features", None) is None:
            return None
        p = dict(num_layers=len(layers), **p)
        if cls.check_params(p) or not same_leaves(m, cls.build(p, [(layers[0].norm1.num_features, 1, 1)])):
            return None
        if any(getattr(layer, "drop_rate", 0) != 0 for layer in layers):
            return None
        return Step(cls.type, inputs, p)


@register
class Transition(Block):
    type = "dense_transition"
    label = QT_TRANSLATE_NOOP("Blocks", "Dense transition")
    category = "Composite"
    name_prefix = "transition"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "densenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "transition layer"),
        QT_TRANSLATE_NOOP("BlockKeywords", "compression"),
        QT_TRANSLATE_NOOP("BlockKeywords", "downsample"),
        QT_TRANSLATE_NOOP("BlockKeywords", "average pooling"),
    )
    torch_modules = ("_Transition", "Transition")  # torchvision.models.densenet._Transition and the exported class
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Between DenseNet's blocks: batch norm, ReLU, a 1×1 convolution that narrows the channels (DenseNet halves "
        "them: compression 0.5), then a 2×2 average pool that halves the map.",
    )
    params = (
        Param(
            "out_channels",
            "int",
            128,
            QT_TRANSLATE_NOOP("BlockParams", "channels out (DenseNet: half the input's)"),
            min=1,
            max=8192,
        ),
    )
    examples = (({}, [(256, 56, 56)], (128, 28, 28)), ({"out_channels": 3}, [(6, 5, 4)], (3, 2, 2)))

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        if h < 2 or w < 2:
            raise ShapeError(
                "too_small",
                translate("BlockErrors", "the 2×2 average pool needs a map of at least 2×2, got {h}×{w}").format(
                    h=h, w=w
                ),
            )
        return (p["out_channels"], h // 2, w // 2)

    @classmethod
    def warnings(cls, p, ins, jump, image_hw):
        c = ins[0][0]
        if p["out_channels"] > c:
            return (("widens", translate("BlockErrors", "a transition usually narrows: {c} channels in").format(c=c)),)
        return ()

    @classmethod
    def param_count(cls, p, ins, out):
        c = ins[0][0]
        return 2 * c + c * p["out_channels"]

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return c * p["out_channels"] * h * w  # the 1×1 convolution runs before the pool

    @classmethod
    def receptive_layers(cls, p):
        return ((2, 2, 2, 2, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return f"1×1 · {p['out_channels']} · pool /2"

    @classmethod
    def expand(cls, p, in_shape):
        return [
            Part("norm", "batchnorm2d", {}),
            Part("relu", "relu", {}, ("norm",)),
            Part("conv", "conv2d", dict(out_channels=p["out_channels"], kernel_size=1, bias=False), ("relu",)),
            Part("pool", "avgpool2d", dict(kernel_size=2, stride=2), ("conv",)),
        ]

    @classmethod
    def collapse(cls, parts):
        conv, pool = parts.get("conv"), parts.get("pool")
        if not _is(conv, "conv2d") or not _is(pool, "avgpool2d") or not _is(parts.get("norm"), "batchnorm2d"):
            return None
        return dict(out_channels=conv.params.get("out_channels", 1))

    @classmethod
    def build(cls, p, ins):
        _, _, transition = own_classes()
        return transition(ins[0][0], p["out_channels"])

    @classmethod
    def code(cls, p, in_channels):
        _, _, transition = own_classes()
        return Call("Transition", [in_channels, str(p["out_channels"])], classes=(transition,))

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        conv = getattr(m, "conv", None)
        if type(conv) is not nn.Conv2d or not isinstance(m, nn.Sequential):
            return None
        p = dict(out_channels=conv.out_channels)
        if not same_leaves(m, cls.build(p, [(conv.in_channels, 1, 1)])):
            return None
        return Step(cls.type, inputs, p)
