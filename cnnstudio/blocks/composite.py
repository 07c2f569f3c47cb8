"""Blocks made of several layers: Conv-BN-ReLU and GoogLeNet's inception module (and shared helpers)."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw, size, size_kw
from .conv import kernel, out_channels, spatial, stride
from .importing import Step


def conv_params(c_in: int, c_out: int, k: int = 1) -> int:
    return c_in * c_out * k * k


# parts of expanded composites ---------------------------------------------------------------------
def part_param(parts: dict, name: str, key: str, default):
    """A param of a part, if it is there and has it (the guesses of ``collapse`` are lenient)."""
    part = parts.get(name)
    value = part.params.get(key, default) if part is not None else default
    return value if isinstance(value, (int, list)) and not isinstance(value, bool) else default


def _cbr(name: str, out: int, k: int = 1, source: str = "") -> Part:
    """GoogLeNet's BasicConv2d: padding k // 2 keeps the size."""
    return Part(
        name, "conv_bn_relu", dict(out_channels=out, kernel_size=k, stride=1, padding=k // 2, eps=0.001), (source,)
    )


# import: a torchvision block becomes one composite only when every layer in it is exactly what the
# composite builds (the importer's output check guards the forward) -------------------------------------
def plain_conv(m, k: int, stride: int, padding: int, c_in: int | None = None, c_out: int | None = None) -> bool:
    """``m`` is a bias-free, ungrouped, undilated k×k nn.Conv2d with these settings."""
    import torch.nn as nn

    return (
        type(m) is nn.Conv2d
        and m.kernel_size == (k, k)
        and m.stride == (stride, stride)
        and m.padding == (padding, padding)
        and m.dilation == (1, 1)
        and m.groups == 1
        and m.bias is None
        and m.padding_mode == "zeros"
        and (c_in is None or m.in_channels == c_in)
        and (c_out is None or m.out_channels == c_out)
    )


def plain_bn(m, channels: int, eps: float = 1e-5) -> bool:
    """``m`` is an nn.BatchNorm2d with PyTorch's defaults but for ``eps``."""
    import torch.nn as nn

    return (
        type(m) is nn.BatchNorm2d
        and m.num_features == channels
        and m.eps == eps
        and m.momentum == 0.1
        and m.affine
        and m.track_running_stats
    )


def children(m) -> int:
    return len(list(m.children()))


@register
class ConvBNReLU(Block):
    type = "conv_bn_relu"
    label = QT_TRANSLATE_NOOP("Blocks", "Conv-BN-ReLU")
    category = "Composite"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "conv"
    composite = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "basicconv2d"),
        QT_TRANSLATE_NOOP("BlockKeywords", "conv bn relu"),
        QT_TRANSLATE_NOOP("BlockKeywords", "cbr"),
    )
    torch_modules = ("BasicConv2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Convolution without bias, batch norm, ReLU (torchvision's BasicConv2d in GoogLeNet)."
    )
    params = (
        out_channels(64),
        kernel(3),
        stride(),
        Param("padding", "size", 1, QT_TRANSLATE_NOOP("BlockParams", "zeros added around the input"), min=0, max=255),
        Param("eps", "float", 0.001, QT_TRANSLATE_NOOP("BlockParams", "batch-norm epsilon"), min=0.0, max=1.0),
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
        from .modules import BasicConv2d

        return BasicConv2d(
            ins[0][0],
            p["out_channels"],
            eps=p["eps"],
            kernel_size=pair(p["kernel_size"]),
            stride=pair(p["stride"]),
            padding=pair(p["padding"]),
        )

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"]), f"kernel_size={size(p['kernel_size'])}"]
        size_kw(args, "stride", p["stride"], 1)
        size_kw(args, "padding", p["padding"], 0)
        kw(args, "eps", float(p["eps"]), 0.001)
        return Call("BasicConv2d", args, {"BasicConv2d"})

    @classmethod
    def match(cls, m) -> dict | None:
        """The params of a torchvision BasicConv2d this block builds exactly, else None."""
        import torch.nn as nn

        conv, bn = getattr(m, "conv", None), getattr(m, "bn", None)
        if type(m).__name__ != "BasicConv2d" or type(conv) is not nn.Conv2d or children(m) != 2:
            return None
        k, s, pad = conv.kernel_size, conv.stride, conv.padding
        if isinstance(pad, str) or k[0] != k[1] or s[0] != s[1] or pad[0] != pad[1]:
            return None
        if not plain_conv(conv, k[0], s[0], pad[0]) or not plain_bn(bn, conv.out_channels, getattr(bn, "eps", 0)):
            return None
        return dict(out_channels=conv.out_channels, kernel_size=k[0], stride=s[0], padding=pad[0], eps=float(bn.eps))

    @classmethod
    def from_module(cls, m, inputs):
        params = cls.match(m)
        return None if params is None else Step(cls.type, inputs, params)


_WIDTH = dict(min=1, max=8192)


@register
class Inception(Block):
    type = "inception"
    label = QT_TRANSLATE_NOOP("Blocks", "Inception")
    category = "Composite"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "inception"
    composite = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "googlenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "multi-branch"),
        QT_TRANSLATE_NOOP("BlockKeywords", "network in network"),
    )
    torch_modules = ("Inception",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "GoogLeNet's module: 1×1, 1×1→3×3, 1×1→5×5 and pool→1×1 branches side by side, concatenated. "
        "The 1×1 convolutions shrink channels before the costly filters.",
    )
    params = (
        Param("ch1x1", "int", 64, QT_TRANSLATE_NOOP("BlockParams", "1×1 branch width"), **_WIDTH),
        Param("ch3x3red", "int", 96, QT_TRANSLATE_NOOP("BlockParams", "1×1 reduction before the 3×3"), **_WIDTH),
        Param("ch3x3", "int", 128, QT_TRANSLATE_NOOP("BlockParams", "3×3 branch width"), **_WIDTH),
        Param("ch5x5red", "int", 16, QT_TRANSLATE_NOOP("BlockParams", "1×1 reduction before the 5×5"), **_WIDTH),
        Param("ch5x5", "int", 32, QT_TRANSLATE_NOOP("BlockParams", "5×5 branch width"), **_WIDTH),
        Param(
            "pool_proj", "int", 32, QT_TRANSLATE_NOOP("BlockParams", "1×1 projection after the 3×3 max pool"), **_WIDTH
        ),
        Param(
            "ch5x5_kernel",
            "int",
            3,
            QT_TRANSLATE_NOOP(
                "BlockParams", "kernel of the '5×5' branch: torchvision uses 3 (its weights need it), the paper 5"
            ),
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
                "odd_kernel",
                translate("BlockErrors", "ch5x5_kernel must be odd (3 or 5)"),
                (SetParams(messages.use_value(3), {"ch5x5_kernel": 3}),),
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
        return sum(conv_params(i, o, k) + 2 * o for i, o, k in cls._convs(p, ins[0][0]))

    @classmethod
    def macs(cls, p, ins, out):
        hw = out[1] * out[2]
        return sum(conv_params(i, o, k) * hw for i, o, k in cls._convs(p, ins[0][0]))

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
        p = {key: part_param(parts, name, "out_channels", 1) for key, name in zip(widths, names)}
        p["ch5x5_kernel"] = pair(part_param(parts, "branch3.1", "kernel_size", 3))[0]
        return p

    @classmethod
    def build(cls, p, ins):
        from .modules import Inception as Module

        return Module(ins[0][0], **p)

    @classmethod
    def code(cls, p, in_channels):
        widths = [str(p[k]) for k in ("ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")]
        args = [in_channels, *widths]
        kw(args, "ch5x5_kernel", p["ch5x5_kernel"], 3)
        return Call("Inception", args, {"Inception", "BasicConv2d"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        if not all(hasattr(m, f"branch{i}") for i in (1, 2, 3, 4)):
            return None
        b1, b2, b3, b4 = m.branch1, m.branch2, m.branch3, m.branch4
        if not all(isinstance(b, nn.Sequential) and len(b) == 2 for b in (b2, b3, b4)):
            return None
        convs = [ConvBNReLU.match(c) for c in (b1, b2[0], b2[1], b3[0], b3[1], b4[1])]
        pool = b4[0]
        if None in convs or type(pool) is not nn.MaxPool2d:
            return None
        if (pool.kernel_size, pool.stride, pool.padding, pool.ceil_mode) != (3, 1, 1, True):
            return None
        c1, c2a, c2b, c3a, c3b, c4 = convs
        k5 = c3b["kernel_size"]
        ok = (
            c1["kernel_size"] == 1
            and (c2b["kernel_size"], c2b["padding"]) == (3, 1)
            and k5 in (3, 5)
            and c3b["padding"] == k5 // 2
            and all(c["kernel_size"] == 1 for c in (c2a, c3a, c4))
            and all(c["eps"] == 0.001 and c["stride"] == 1 for c in convs)
        )
        if not ok:
            return None
        widths = ("ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")
        params = {key: c["out_channels"] for key, c in zip(widths, convs)}
        return Step(cls.type, inputs, {**params, "ch5x5_kernel": k5})
