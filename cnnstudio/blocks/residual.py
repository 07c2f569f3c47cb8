"""ResNet's residual module (basic and bottleneck), with the projection shortcut when shapes change."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, conv_out, pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, kw
from .composite import children, conv_params, part_param, plain_bn, plain_conv
from .importing import Step


def _conv(name: str, out: int, k: int, s: int, source: str, groups: int = 1) -> Part:
    """A bias-free k×k convolution padded to keep the size (ResNet's convolutions)."""
    params = dict(out_channels=out, kernel_size=k, stride=s, padding=k // 2, bias=False)
    if groups != 1:
        params["groups"] = groups
    return Part(name, "conv2d", params, (source,))


def _bn(name: str) -> Part:
    """Batch norm after the convolution of the same number: bn1 after conv1, downsample.1 after .0."""
    source = name[:-1] + "0" if name.startswith("downsample") else name.replace("bn", "conv")
    return Part(name, "batchnorm2d", {}, (source,))


def _relu(name: str, source: str) -> Part:
    return Part(name, "relu", {}, (source,))


@register
class Residual(Block):
    type = "residual"
    label = QT_TRANSLATE_NOOP("Blocks", "Residual")
    category = "Composite"
    stricter_than_torch = RANK_STRICTER | {
        "basic_groups": "torchvision's BasicBlock refuses groups ≠ 1 or a width ≠ 64 (ValueError); ours ignores them",
    }
    name_prefix = "block"
    composite = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "resnet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "basicblock"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bottleneck"),
        QT_TRANSLATE_NOOP("BlockKeywords", "skip connection"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
        QT_TRANSLATE_NOOP("BlockKeywords", "resnext"),
        QT_TRANSLATE_NOOP("BlockKeywords", "wide resnet"),
    )
    torch_modules = ("BasicBlock", "Bottleneck")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "ResNet's residual module: F(x) + x. Basic = two 3×3 convs; bottleneck = 1×1, 3×3, 1×1 (×4 channels). "
        "A 1×1 projection shortcut is added when the stride or channel count changes. ResNeXt splits the "
        "bottleneck's 3×3 into groups; Wide ResNet widens it.",
    )
    params = (
        Param(
            "kind",
            "choice",
            "basic",
            QT_TRANSLATE_NOOP("BlockParams", "basic (ResNet-18/34) or bottleneck (ResNet-50+)"),
            choices=("basic", "bottleneck"),
        ),
        Param(
            "planes",
            "int",
            64,
            QT_TRANSLATE_NOOP("BlockParams", "width of the inner convolutions (output is ×4 for bottleneck)"),
            min=1,
            max=8192,
        ),
        Param(
            "stride",
            "int",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "stride of the 3×3 convolution (2 halves the map)"),
            min=1,
            max=8,
        ),
        Param(
            "groups",
            "int",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "bottleneck: groups of the 3×3 convolution (ResNeXt's cardinality)"),
            min=1,
            max=1024,
        ),
        Param(
            "width_per_group",
            "int",
            64,
            QT_TRANSLATE_NOOP(
                "BlockParams", "bottleneck: 3×3 width per group for 64 planes (ResNeXt 4, Wide ResNet 128)"
            ),
            min=1,
            max=8192,
        ),
    )
    examples = (
        ({}, [(64, 56, 56)], (64, 56, 56)),
        ({"planes": 128, "stride": 2}, [(64, 56, 56)], (128, 28, 28)),
        ({"kind": "bottleneck", "planes": 64}, [(64, 56, 56)], (256, 56, 56)),
        ({"kind": "bottleneck", "planes": 8, "stride": 2}, [(16, 7, 7)], (32, 4, 4)),
        ({"kind": "bottleneck", "planes": 64, "groups": 32, "width_per_group": 4}, [(64, 9, 9)], (256, 9, 9)),
    )

    @classmethod
    def expansion(cls, p) -> int:
        return 4 if p["kind"] == "bottleneck" else 1

    @classmethod
    def width(cls, p) -> int:
        """Channels of the inner convolutions: torchvision's ``int(planes · width_per_group / 64) · groups``."""
        if p["kind"] == "basic":
            return p["planes"]
        return int(p["planes"] * (p["width_per_group"] / 64.0)) * p["groups"]

    @classmethod
    def infer(cls, p, ins):
        _, h, w = cls.need_rank(ins, 3)
        if p["kind"] == "basic" and (p["groups"], p["width_per_group"]) != (1, 64):
            raise ShapeError(
                "basic_groups",
                translate(
                    "BlockErrors",
                    "a basic module has no grouped 3×3: groups {groups}, width per group {width} "
                    "need kind = bottleneck (ResNeXt)",
                ).format(groups=p["groups"], width=p["width_per_group"]),
                (
                    SetParams(translate("BlockErrors", "Use a bottleneck"), {"kind": "bottleneck"}),
                    SetParams(translate("BlockErrors", "Use groups 1, width 64"), {"groups": 1, "width_per_group": 64}),
                ),
            )
        if cls.width(p) < 1:
            raise ShapeError(
                "zero_width",
                translate(
                    "BlockErrors", "planes {planes} × width per group {width} / 64 rounds down to 0 channels"
                ).format(planes=p["planes"], width=p["width_per_group"]),
                (SetParams(translate("BlockErrors", "Use width 64 per group"), {"width_per_group": 64}),),
            )
        s = p["stride"]
        return (p["planes"] * cls.expansion(p), conv_out(h, 3, s, 1), conv_out(w, 3, s, 1))

    @classmethod
    def _convs(cls, p, c_in, in_hw, out_hw):
        """(in, out, k, output pixels) of every convolution inside (the grouped 3×3 as its per-group share)."""
        planes, c_out, width = p["planes"], p["planes"] * cls.expansion(p), cls.width(p)
        if p["kind"] == "basic":
            convs = [(c_in, planes, 3, out_hw), (planes, planes, 3, out_hw)]
        else:
            grouped = (width // p["groups"], width, 3, out_hw)
            convs = [(c_in, width, 1, in_hw), grouped, (width, c_out, 1, out_hw)]
        if p["stride"] != 1 or c_in != c_out:
            convs.append((c_in, c_out, 1, out_hw))
        return convs

    @classmethod
    def param_count(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(conv_params(i, o, k) + 2 * o for i, o, k, _ in cls._convs(p, c, h * w, out[1] * out[2]))

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(conv_params(i, o, k) * px for i, o, k, px in cls._convs(p, c, h * w, out[1] * out[2]))

    @classmethod
    def receptive_layers(cls, p):
        s = p["stride"]
        if p["kind"] == "basic":
            return ((3, 3, s, s, 1, 1), (3, 3, 1, 1, 1, 1))
        return ((3, 3, s, s, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        tail = f" /{p['stride']}" if p["stride"] != 1 else ""
        return f"{p['kind']} · {p['planes'] * cls.expansion(p)}{tail}"

    @classmethod
    def expand(cls, p, in_shape):
        planes, s, c_out = p["planes"], p["stride"], p["planes"] * cls.expansion(p)
        if p["kind"] == "basic":
            parts = [_conv("conv1", planes, 3, s, ""), _bn("bn1"), _relu("relu", "bn1")]
            parts += [_conv("conv2", planes, 3, 1, "relu"), _bn("bn2")]
        else:
            width = cls.width(p)
            parts = [_conv("conv1", width, 1, 1, ""), _bn("bn1"), _relu("relu", "bn1")]
            parts += [_conv("conv2", width, 3, s, "relu", p["groups"]), _bn("bn2"), _relu("relu2", "bn2")]
            parts += [_conv("conv3", c_out, 1, 1, "relu2"), _bn("bn3")]
        main, shortcut = parts[-1].name, ""
        if s != 1 or in_shape[0] != c_out:  # the projection shortcut, as torchvision adds it
            parts += [_conv("downsample.0", c_out, 1, s, ""), _bn("downsample.1")]
            shortcut = "downsample.1"
        return parts + [
            Part("add", "add", {"num_inputs": 2}, (main, shortcut)),
            _relu("relu_out", "add"),
        ]

    @classmethod
    def collapse(cls, parts):
        if "conv1" not in parts or "add" not in parts:
            return None
        kind = "bottleneck" if "conv3" in parts else "basic"
        stride = part_param(parts, "conv2" if kind == "bottleneck" else "conv1", "stride", 1)
        if kind == "basic":
            return {"kind": kind, "planes": part_param(parts, "conv1", "out_channels", 1), "stride": pair(stride)[0]}
        # planes from the expanded output (÷ 4); the grouped 3×3's width gives width_per_group
        planes = max(1, part_param(parts, "conv3", "out_channels", 4) // 4)
        groups = part_param(parts, "conv2", "groups", 1)
        width = part_param(parts, "conv1", "out_channels", planes)
        per_group = max(1, width // max(1, groups) * 64 // planes)
        return dict(kind=kind, planes=planes, stride=pair(stride)[0], groups=groups, width_per_group=per_group)

    @classmethod
    def build(cls, p, ins):
        from .modules import BasicBlock, Bottleneck

        if p["kind"] == "basic":
            return BasicBlock(ins[0][0], p["planes"], p["stride"])
        return Bottleneck(ins[0][0], p["planes"], p["stride"], p["groups"], p["width_per_group"])

    @classmethod
    def code(cls, p, in_channels):
        name = "BasicBlock" if p["kind"] == "basic" else "Bottleneck"
        args = [in_channels, str(p["planes"])]
        kw(args, "stride", p["stride"], 1)
        if p["kind"] == "bottleneck":
            kw(args, "groups", p["groups"], 1)
            kw(args, "width_per_group", p["width_per_group"], 64)
        return Call(name, args, {name, "downsample"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        kind = {"BasicBlock": "basic", "Bottleneck": "bottleneck"}.get(type(m).__name__)
        conv1, conv2 = getattr(m, "conv1", None), getattr(m, "conv2", None)
        if kind is None or not isinstance(conv1, nn.Conv2d) or not isinstance(conv2, nn.Conv2d):
            return None
        c_in, width, stride = conv1.in_channels, conv1.out_channels, conv2.stride[0]
        down = getattr(m, "downsample", None)
        params = dict(kind=kind, planes=width)
        if kind == "basic":
            stride = conv1.stride[0]
            out = width
            ok = plain_conv(conv1, 3, stride, 1) and plain_conv(conv2, 3, 1, 1, width, width)
            ok = ok and children(m) == 6 - (down is None)
        else:
            conv3, groups = getattr(m, "conv3", None), conv2.groups
            out = conv3.out_channels if isinstance(conv3, nn.Conv2d) else 0
            planes = out // 4
            per_group = width // groups * 64 // max(1, planes)
            params = dict(kind=kind, planes=planes, groups=groups, width_per_group=per_group)
            ok = out % 4 == 0 and planes > 0 and cls.width(params) == width
            ok = ok and plain_conv(conv1, 1, 1, 0) and _grouped_3x3(conv2, stride, width, groups)
            ok = ok and plain_conv(conv3, 1, 1, 0, width, out)
            ok = ok and plain_bn(getattr(m, "bn3", None), out) and children(m) == 8 - (down is None)
        ok = ok and plain_bn(getattr(m, "bn1", None), width) and plain_bn(getattr(m, "bn2", None), width)
        ok = ok and type(getattr(m, "relu", None)) is nn.ReLU
        if stride != 1 or c_in != out:
            ok = ok and isinstance(down, nn.Sequential) and len(down) == 2
            ok = ok and plain_conv(down[0], 1, stride, 0, c_in, out) and plain_bn(down[1], out)
        else:
            ok = ok and down is None
        return Step(cls.type, inputs, {**params, "stride": stride}) if ok else None


def _grouped_3x3(conv, stride: int, width: int, groups: int) -> bool:
    """The bottleneck's 3×3: bias-free, padded by 1, ``groups`` groups (1 for ResNet, 32 for ResNeXt)."""
    import torch.nn as nn

    return (
        type(conv) is nn.Conv2d
        and (conv.in_channels, conv.out_channels, conv.groups) == (width, width, groups)
        and (conv.kernel_size, conv.stride, conv.padding, conv.dilation) == ((3, 3), (stride, stride), (1, 1), (1, 1))
        and conv.bias is None
        and conv.padding_mode == "zeros"
    )
