"""ResNet's residual module (basic and bottleneck), with the projection shortcut when shapes change."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.formulas import conv_out, pair
from cnnstudio.core.params import Param

from .code import Call, kw
from .composite import children, conv_params, part_param, plain_bn, plain_conv
from .importing import Step


def _conv(name: str, out: int, k: int, s: int, source: str) -> Part:
    """A bias-free k×k convolution padded to keep the size (ResNet's convolutions)."""
    params = dict(out_channels=out, kernel_size=k, stride=s, padding=k // 2, bias=False)
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
    label = "Residual"
    category = "Composite"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "block"
    composite = True
    keywords = ("resnet", "basicblock", "bottleneck", "skip connection", "shortcut")
    torch_modules = ("BasicBlock", "Bottleneck")
    description = (
        "ResNet's residual module: F(x) + x. Basic = two 3×3 convs; bottleneck = 1×1, 3×3, 1×1 (×4 channels). "
        "A 1×1 projection shortcut is added when the stride or channel count changes."
    )
    params = (
        Param(
            "kind",
            "choice",
            "basic",
            "basic (ResNet-18/34) or bottleneck (ResNet-50+)",
            choices=("basic", "bottleneck"),
        ),
        Param("planes", "int", 64, "width of the inner convolutions (output is ×4 for bottleneck)", min=1, max=8192),
        Param("stride", "int", 1, "stride of the 3×3 convolution (2 halves the map)", min=1, max=8),
    )
    examples = (
        ({}, [(64, 56, 56)], (64, 56, 56)),
        ({"planes": 128, "stride": 2}, [(64, 56, 56)], (128, 28, 28)),
        ({"kind": "bottleneck", "planes": 64}, [(64, 56, 56)], (256, 56, 56)),
        ({"kind": "bottleneck", "planes": 8, "stride": 2}, [(16, 7, 7)], (32, 4, 4)),
    )

    @classmethod
    def expansion(cls, p) -> int:
        return 4 if p["kind"] == "bottleneck" else 1

    @classmethod
    def infer(cls, p, ins):
        _, h, w = cls.need_rank(ins, 3)
        s = p["stride"]
        return (p["planes"] * cls.expansion(p), conv_out(h, 3, s, 1), conv_out(w, 3, s, 1))

    @classmethod
    def _convs(cls, p, c_in, in_hw, out_hw):
        """(in, out, k, output pixels) of every convolution inside."""
        planes, c_out = p["planes"], p["planes"] * cls.expansion(p)
        if p["kind"] == "basic":
            convs = [(c_in, planes, 3, out_hw), (planes, planes, 3, out_hw)]
        else:
            convs = [(c_in, planes, 1, in_hw), (planes, planes, 3, out_hw), (planes, c_out, 1, out_hw)]
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
            parts = [_conv("conv1", planes, 1, 1, ""), _bn("bn1"), _relu("relu", "bn1")]
            parts += [_conv("conv2", planes, 3, s, "relu"), _bn("bn2"), _relu("relu2", "bn2")]
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
        return {"kind": kind, "planes": part_param(parts, "conv1", "out_channels", 1), "stride": pair(stride)[0]}

    @classmethod
    def build(cls, p, ins):
        from .modules import BasicBlock, Bottleneck

        module = BasicBlock if p["kind"] == "basic" else Bottleneck
        return module(ins[0][0], p["planes"], p["stride"])

    @classmethod
    def code(cls, p, in_channels):
        name = "BasicBlock" if p["kind"] == "basic" else "Bottleneck"
        args = [in_channels, str(p["planes"])]
        kw(args, "stride", p["stride"], 1)
        return Call(name, args, {name, "downsample"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        kind = {"BasicBlock": "basic", "Bottleneck": "bottleneck"}.get(type(m).__name__)
        conv1, conv2 = getattr(m, "conv1", None), getattr(m, "conv2", None)
        if kind is None or not isinstance(conv1, nn.Conv2d) or not isinstance(conv2, nn.Conv2d):
            return None
        c_in, planes, stride = conv1.in_channels, conv1.out_channels, conv2.stride[0]
        down = getattr(m, "downsample", None)
        if kind == "basic":
            stride = conv1.stride[0]
            out = planes
            ok = plain_conv(conv1, 3, stride, 1) and plain_conv(conv2, 3, 1, 1, planes, planes)
            ok = ok and children(m) == 6 - (down is None)
        else:
            out = planes * 4
            ok = plain_conv(conv1, 1, 1, 0) and plain_conv(conv2, 3, stride, 1, planes, planes)
            ok = ok and plain_conv(getattr(m, "conv3", None), 1, 1, 0, planes, out)
            ok = ok and plain_bn(getattr(m, "bn3", None), out) and children(m) == 8 - (down is None)
        ok = ok and plain_bn(getattr(m, "bn1", None), planes) and plain_bn(getattr(m, "bn2", None), planes)
        ok = ok and type(getattr(m, "relu", None)) is nn.ReLU
        if stride != 1 or c_in != out:
            ok = ok and isinstance(down, nn.Sequential) and len(down) == 2
            ok = ok and plain_conv(down[0], 1, stride, 0, c_in, out) and plain_bn(down[1], out)
        else:
            ok = ok and down is None
        return Step(cls.type, inputs, dict(kind=kind, planes=planes, stride=stride)) if ok else None
