"""Blocks made of several layers: Conv-BN-ReLU, GoogLeNet's inception module, ResNet's residual module."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, conv_out, pair
from cnnstudio.core.params import Param

from .conv import kernel, out_channels, spatial, stride


def _conv_params(c_in: int, c_out: int, k: int = 1) -> int:
    return c_in * c_out * k * k


# parts of expanded composites ---------------------------------------------------------------------
def _conv(name: str, out: int, k: int, s: int, source: str) -> Part:
    """A bias-free k×k convolution padded to keep the size (ResNet's convolutions)."""
    params = dict(out_channels=out, kernel_size=k, stride=s, padding=k // 2, bias=False)
    return Part(name, "conv2d", params, (source,))


def _bn(name: str) -> Part:
    """Batch norm after the convolution of the same number: bn1 after conv1, downsample.1 after .0."""
    source = name[:-1] + "0" if name.startswith("downsample") else name.replace("bn", "conv")
    return Part(name, "batchnorm2d", {}, (source,))


def _param(parts: dict, name: str, key: str, default):
    """A param of a part, if it is there and has it (the guesses of ``collapse`` are lenient)."""
    part = parts.get(name)
    value = part.params.get(key, default) if part is not None else default
    return value if isinstance(value, (int, list)) and not isinstance(value, bool) else default


def _relu(name: str, source: str) -> Part:
    return Part(name, "relu", {}, (source,))


def _cbr(name: str, out: int, k: int = 1, source: str = "") -> Part:
    """GoogLeNet's BasicConv2d: padding k // 2 keeps the size."""
    return Part(
        name, "conv_bn_relu", dict(out_channels=out, kernel_size=k, stride=1, padding=k // 2, eps=0.001), (source,)
    )


@register
class ConvBNReLU(Block):
    type = "conv_bn_relu"
    label = "Conv-BN-ReLU"
    category = "Composite"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "conv"
    composite = True
    description = "Convolution without bias, batch norm, ReLU (torchvision's BasicConv2d in GoogLeNet)."
    params = (
        out_channels(64),
        kernel(3),
        stride(),
        Param("padding", "size", 1, "zeros added around the input", min=0, max=255),
        Param("eps", "float", 0.001, "batch-norm epsilon", min=0.0, max=1.0),
    )
    examples = (
        ({"out_channels": 64, "kernel_size": 7, "stride": 2, "padding": 3}, [(3, 224, 224)], (64, 112, 112)),
        ({"out_channels": 8, "kernel_size": 1, "padding": 0}, [(4, 5, 5)], (8, 5, 5)),
    )

    @classmethod
    def infer(cls, p, ins):
        _, h, w = cls.need_rank(ins, 3)
        pad = pair(p["padding"])
        return (p["out_channels"],) + spatial(
            (h, w), pair(p["kernel_size"]), pair(p["stride"]), pad, pad, (1, 1), same_fix=False
        )

    @classmethod
    def param_count(cls, p, ins, out):
        kh, kw = pair(p["kernel_size"])
        return out[0] * ins[0][0] * kh * kw + 2 * out[0]

    @classmethod
    def macs(cls, p, ins, out):
        kh, kw = pair(p["kernel_size"])
        return out[0] * out[1] * out[2] * ins[0][0] * kh * kw

    @classmethod
    def receptive_layers(cls, p):
        return (pair(p["kernel_size"]) + pair(p["stride"]) + (1, 1),)

    @classmethod
    def subtitle(cls, p):
        kh, kw = pair(p["kernel_size"])
        sh, _ = pair(p["stride"])
        return f"{kh}×{kw}" + (f" /{sh}" if sh != 1 else "") + f" · {p['out_channels']}"

    @classmethod
    def expand(cls, p, in_shape):
        conv = dict(out_channels=p["out_channels"], kernel_size=p["kernel_size"], stride=p["stride"])
        return [
            Part("conv", "conv2d", {**conv, "padding": p["padding"], "bias": False}),
            Part("bn", "batchnorm2d", {"eps": p["eps"]}, ("conv",)),
            Part("relu", "relu", {}, ("bn",)),
        ]

    @classmethod
    def collapse(cls, parts):
        conv, bn = parts.get("conv"), parts.get("bn")
        if conv is None or bn is None or conv.type != "conv2d" or bn.type != "batchnorm2d":
            return None
        keys = ("out_channels", "kernel_size", "stride", "padding")
        return {**{k: conv.params[k] for k in keys}, "eps": bn.params["eps"]}

    @classmethod
    def build(cls, p, ins):
        from .modules import ConvBNReLU as Module

        return Module(
            ins[0][0],
            p["out_channels"],
            eps=p["eps"],
            kernel_size=pair(p["kernel_size"]),
            stride=pair(p["stride"]),
            padding=pair(p["padding"]),
        )


_WIDTH = dict(min=1, max=8192)


@register
class Inception(Block):
    type = "inception"
    label = "Inception"
    category = "Composite"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "inception"
    composite = True
    description = (
        "GoogLeNet's module: 1×1, 1×1→3×3, 1×1→5×5 and pool→1×1 branches side by side, concatenated. "
        "The 1×1 convolutions shrink channels before the costly filters."
    )
    params = (
        Param("ch1x1", "int", 64, "1×1 branch width", **_WIDTH),
        Param("ch3x3red", "int", 96, "1×1 reduction before the 3×3", **_WIDTH),
        Param("ch3x3", "int", 128, "3×3 branch width", **_WIDTH),
        Param("ch5x5red", "int", 16, "1×1 reduction before the 5×5", **_WIDTH),
        Param("ch5x5", "int", 32, "5×5 branch width", **_WIDTH),
        Param("pool_proj", "int", 32, "1×1 projection after the 3×3 max pool", **_WIDTH),
        Param(
            "ch5x5_kernel",
            "int",
            3,
            "kernel of the '5×5' branch: torchvision uses 3 (its weights need it), the paper 5",
            min=3,
            max=5,
        ),
    )
    examples = (
        ({}, [(192, 28, 28)], (256, 28, 28)),
        ({"ch5x5_kernel": 5, "ch1x1": 4, "ch3x3": 5, "ch5x5": 6, "pool_proj": 7}, [(8, 7, 9)], (22, 7, 9)),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        if p["ch5x5_kernel"] % 2 == 0:
            raise ShapeError(
                "odd_kernel", "ch5x5_kernel must be odd (3 or 5)", (SetParams("Use 3", {"ch5x5_kernel": 3}),)
            )
        return (p["ch1x1"] + p["ch3x3"] + p["ch5x5"] + p["pool_proj"], h, w)

    @classmethod
    def _convs(cls, p, c):
        """(in, out, k) of every convolution inside."""
        k5 = p["ch5x5_kernel"]
        return (
            (c, p["ch1x1"], 1),
            (c, p["ch3x3red"], 1),
            (p["ch3x3red"], p["ch3x3"], 3),
            (c, p["ch5x5red"], 1),
            (p["ch5x5red"], p["ch5x5"], k5),
            (c, p["pool_proj"], 1),
        )

    @classmethod
    def param_count(cls, p, ins, out):
        return sum(_conv_params(i, o, k) + 2 * o for i, o, k in cls._convs(p, ins[0][0]))

    @classmethod
    def macs(cls, p, ins, out):
        hw = out[1] * out[2]
        return sum(_conv_params(i, o, k) * hw for i, o, k in cls._convs(p, ins[0][0]))

    @classmethod
    def receptive_layers(cls, p):
        k = max(3, p["ch5x5_kernel"])
        return ((k, k, 1, 1, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return f"{p['ch1x1']}/{p['ch3x3']}/{p['ch5x5']}/{p['pool_proj']}"

    @classmethod
    def expand(cls, p, in_shape):
        k5 = p["ch5x5_kernel"]
        return [
            _cbr("branch1", p["ch1x1"]),
            _cbr("branch2.0", p["ch3x3red"]),
            _cbr("branch2.1", p["ch3x3"], 3, "branch2.0"),
            _cbr("branch3.0", p["ch5x5red"]),
            _cbr("branch3.1", p["ch5x5"], k5, "branch3.0"),
            Part("branch4.0", "maxpool2d", dict(kernel_size=3, stride=1, padding=1, ceil_mode=True)),
            _cbr("branch4.1", p["pool_proj"], 1, "branch4.0"),
            Part("cat", "concat", {"num_inputs": 4}, ("branch1", "branch2.1", "branch3.1", "branch4.1")),
        ]

    @classmethod
    def collapse(cls, parts):
        if "branch1" not in parts and "cat" not in parts:
            return None
        names = ("branch1", "branch2.0", "branch2.1", "branch3.0", "branch3.1", "branch4.1")
        widths = ("ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")
        # a lenient guess: a missing or odd part is then named by the check that re-expands it
        p = {key: _param(parts, name, "out_channels", 1) for key, name in zip(widths, names)}
        p["ch5x5_kernel"] = pair(_param(parts, "branch3.1", "kernel_size", 3))[0]
        return p

    @classmethod
    def build(cls, p, ins):
        from .modules import Inception as Module

        return Module(ins[0][0], **p)


@register
class Residual(Block):
    type = "residual"
    label = "Residual"
    category = "Composite"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "block"
    composite = True
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
        return sum(_conv_params(i, o, k) + 2 * o for i, o, k, _ in cls._convs(p, c, h * w, out[1] * out[2]))

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(_conv_params(i, o, k) * px for i, o, k, px in cls._convs(p, c, h * w, out[1] * out[2]))

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
        stride = _param(parts, "conv2" if kind == "bottleneck" else "conv1", "stride", 1)
        return {"kind": kind, "planes": _param(parts, "conv1", "out_channels", 1), "stride": pair(stride)[0]}

    @classmethod
    def build(cls, p, ins):
        from .modules import BasicBlock, Bottleneck

        module = BasicBlock if p["kind"] == "basic" else Bottleneck
        return module(ins[0][0], p["planes"], p["stride"])
