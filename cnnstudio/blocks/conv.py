"""Convolution and transposed convolution."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import (
    ShapeError,
    conv_arithmetic,
    conv_transpose_out,
    pair,
    same_padding,
)
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw, literal, size, size_kw
from .importing import Step, need, value

INITS = ("default", "kaiming_normal", "kaiming_uniform", "xavier_normal", "xavier_uniform", "orthogonal")
# init -> (torch.nn.init function, keyword arguments): build applies it, code export writes the same call
INIT_CALLS = {
    "kaiming_normal": ("kaiming_normal_", {"mode": "fan_out", "nonlinearity": "relu"}),
    "kaiming_uniform": ("kaiming_uniform_", {"nonlinearity": "relu"}),
    "xavier_normal": ("xavier_normal_", {}),
    "xavier_uniform": ("xavier_uniform_", {}),
    "orthogonal": ("orthogonal_", {}),
}


def out_channels(default: int = 16) -> Param:
    return Param(
        "out_channels",
        "int",
        default,
        QT_TRANSLATE_NOOP("BlockParams", "number of filters (output channels)"),
        min=1,
        max=65536,
    )


def kernel(default=3) -> Param:
    return Param(
        "kernel_size", "size", default, QT_TRANSLATE_NOOP("BlockParams", "window size k (or [kh, kw])"), min=1, max=255
    )


def stride(default=1) -> Param:
    return Param("stride", "size", default, QT_TRANSLATE_NOOP("BlockParams", "step s between windows"), min=1, max=255)


def dilation() -> Param:
    return Param(
        "dilation",
        "size",
        1,
        QT_TRANSLATE_NOOP("BlockParams", "spacing d between kernel taps (d(k−1)+1 is the span)"),
        min=1,
        max=255,
    )


def groups() -> Param:
    return Param(
        "groups",
        "int",
        1,
        QT_TRANSLATE_NOOP("BlockParams", "split channels into groups (in and out must divide)"),
        min=1,
        max=65536,
    )


def bias(default=True) -> Param:
    return Param("bias", "bool", default, QT_TRANSLATE_NOOP("BlockParams", "add a learnable bias per output channel"))


def channel_groups_check(c_in: int, out: int, g: int) -> None:
    if c_in % g or out % g:
        raise ShapeError(
            "groups",
            translate(
                "BlockErrors",
                "groups = {groups} must divide both input channels ({c_in}) and output channels ({c_out})",
            ).format(groups=g, c_in=c_in, c_out=out),
            (SetParams(translate("BlockErrors", "Set groups to 1"), {"groups": 1}),),
        )


def resolve_padding(p: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    """((top, left), (bottom, right)) padding; 'same' pads the extra element bottom/right like PyTorch."""
    padding = p["padding"]
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        kh, kw = pair(p["kernel_size"])
        dh, dw = pair(p["dilation"])
        (th, bh), (tw, bw) = same_padding(kh, dh), same_padding(kw, dw)
        return (th, tw), (bh, bw)
    ph, pw = pair(padding)
    return (ph, pw), (ph, pw)


def too_large(size: int, k: int, s: int, p: int, d: int, fixes: list) -> ShapeError:
    """The error for a window that does not fit, with the seed's formula filled in."""
    span = d * (k - 1) + 1
    return ShapeError(
        "kernel_too_large",
        translate("BlockErrors", "kernel {span} > padded input {padded}: {arithmetic}").format(
            span=span, padded=size + 2 * p, arithmetic=conv_arithmetic(size, k, s, p, d)
        ),
        tuple(fixes),
    )


def with_axis(value, axis: int, new: int):
    """A size param with one axis changed: an int stays an int when both axes agree."""
    h, w = pair(value)
    h, w = (new, w) if axis == 0 else (h, new)
    return h if h == w else [h, w]


def spatial(in_hw, k, s, pad_lo, pad_hi, d, same_fix: bool = True) -> tuple[int, int]:
    """Output H, W of a convolution; a window larger than the padded input is an error.

    ``same_fix``: the block takes padding 'same' and a dilation, so the fixes may set them.
    """
    fits = [in_hw[a] + pad_lo[a] + pad_hi[a] for a in (0, 1)]  # 'same' may pad one more on the far side
    out = [(fits[a] - d[a] * (k[a] - 1) - 1) // s[a] + 1 for a in (0, 1)]
    bad = [a for a in (0, 1) if out[a] < 1]
    if bad:
        kernel = k
        for a in bad:  # shrink every axis that does not fit, leave the others
            kernel = pair(with_axis(kernel, a, min(fits[a], 255)))
        shrink = {"kernel_size": kernel[0] if kernel[0] == kernel[1] else list(kernel)}
        if same_fix:
            shrink["dilation"] = 1
        label = "×".join(str(v) for v in dict.fromkeys(kernel))
        # the least surprising first: shrinking keeps the network's size; 'same' padding can multiply it
        fixes = [SetParams(messages.shrink_kernel(label), shrink)]
        if same_fix:
            fixes.append(SetParams(translate("BlockErrors", "Use 'same' padding"), {"padding": "same", "stride": 1}))
        a = bad[0]
        raise too_large(in_hw[a], k[a], s[a], pad_lo[a], d[a], fixes)
    return out[0], out[1]


def _subtitle(p: dict, channels_key: str = "out_channels") -> str:
    kh, kw = pair(p["kernel_size"])
    sh, _ = pair(p["stride"])
    text = f"{kh}×{kw}" + (f" /{sh}" if sh != 1 else "")
    if channels_key:
        text += f" · {p[channels_key]}"
    return text


@register
class Conv2d(Block):
    type = "conv2d"
    label = QT_TRANSLATE_NOOP("Blocks", "Conv2d")
    category = "Convolution"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "conv"
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "filter"),
        QT_TRANSLATE_NOOP("BlockKeywords", "kernel"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise"),
        QT_TRANSLATE_NOOP("BlockKeywords", "pointwise"),
        QT_TRANSLATE_NOOP("BlockKeywords", "grouped"),
    )
    torch_modules = ("torch.nn.Conv2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Slides k×k filters over the input; each output is the sum of element-wise products."
    )
    params = (
        out_channels(),
        kernel(),
        stride(),
        Param(
            "padding",
            "padding",
            0,
            QT_TRANSLATE_NOOP("BlockParams", "zeros added around the input: p, [ph, pw], 'same' or 'valid'"),
            min=0,
            max=255,
        ),
        dilation(),
        groups(),
        bias(),
        Param("init", "choice", "default", QT_TRANSLATE_NOOP("BlockParams", "weight initialisation"), choices=INITS),
    )
    examples = (
        ({"out_channels": 6, "kernel_size": 5}, [(1, 28, 28)], (6, 24, 24)),
        (
            {"out_channels": 64, "kernel_size": 7, "stride": 2, "padding": 3, "bias": False},
            [(3, 224, 224)],
            (64, 112, 112),
        ),
        ({"out_channels": 8, "kernel_size": 3, "padding": "same", "dilation": 2}, [(4, 9, 10)], (8, 9, 10)),
        ({"out_channels": 8, "kernel_size": [3, 1], "stride": [2, 1], "groups": 4}, [(4, 9, 10)], (8, 4, 10)),
        ({"out_channels": 4, "kernel_size": 4, "padding": "same"}, [(2, 7, 7)], (4, 7, 7)),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        if p["padding"] == "same" and pair(p["stride"]) != (1, 1):
            raise ShapeError(
                "same_stride",
                translate("BlockErrors", "padding 'same' needs stride 1 (PyTorch does not support it with stride > 1)"),
                (SetParams(translate("BlockErrors", "Set stride to 1"), {"stride": 1}),),
            )
        channel_groups_check(c, p["out_channels"], p["groups"])
        lo, hi = resolve_padding(p)
        ho, wo = spatial((h, w), pair(p["kernel_size"]), pair(p["stride"]), lo, hi, pair(p["dilation"]))
        return (p["out_channels"], ho, wo)

    @classmethod
    def param_count(cls, p, ins, out):
        kh, kw = pair(p["kernel_size"])
        return out[0] * (ins[0][0] // p["groups"]) * kh * kw + (out[0] if p["bias"] else 0)

    @classmethod
    def macs(cls, p, ins, out):
        kh, kw = pair(p["kernel_size"])
        return out[0] * out[1] * out[2] * (ins[0][0] // p["groups"]) * kh * kw

    @classmethod
    def receptive_layers(cls, p):
        return (pair(p["kernel_size"]) + pair(p["stride"]) + pair(p["dilation"]),)

    @classmethod
    def subtitle(cls, p):
        return _subtitle(p)

    @classmethod
    def build(cls, p, ins):
        from .modules import make_conv2d

        return make_conv2d(ins[0][0], p)

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"]), f"kernel_size={size(p['kernel_size'])}"]
        size_kw(args, "stride", p["stride"], 1)
        if isinstance(p["padding"], str):
            kw(args, "padding", p["padding"], "valid")
        else:
            size_kw(args, "padding", p["padding"], 0)
        size_kw(args, "dilation", p["dilation"], 1)
        kw(args, "groups", p["groups"], 1)
        kw(args, "bias", p["bias"], True)
        return Call("nn.Conv2d", args)

    @classmethod
    def init_code(cls, p, path):
        init = p.get("init", "default")
        if init == "default":
            return []
        func, kwargs = INIT_CALLS[init]
        calls = [(f"nn.init.{func}", [f"{path}.weight", *(f"{k}={literal(v)}" for k, v in kwargs.items())])]
        if p["bias"]:
            calls.append(("nn.init.zeros_", [f"{path}.bias"]))
        return calls

    @classmethod
    def from_module(cls, m, inputs):
        need(
            m.padding_mode == "zeros",
            translate("BlockImport", "padding_mode={mode} (only zero padding)").format(mode=repr(m.padding_mode)),
        )
        padding = m.padding if isinstance(m.padding, str) else value(m.padding)
        params = dict(
            out_channels=m.out_channels,
            kernel_size=value(m.kernel_size),
            stride=value(m.stride),
            padding=padding,
            dilation=value(m.dilation),
            groups=m.groups,
            bias=m.bias is not None,
        )
        return Step(cls.type, inputs, params)


@register
class ConvTranspose2d(Block):
    type = "conv_transpose2d"
    label = QT_TRANSLATE_NOOP("Blocks", "ConvTranspose2d")
    category = "Convolution"
    stricter_than_torch = {
        **RANK_STRICTER,
        "negative_size": "for an output size of exactly 0 torch returns an empty tensor, which nothing can use",
    }
    name_prefix = "deconv"
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "deconvolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "transposed"),
        QT_TRANSLATE_NOOP("BlockKeywords", "upconvolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fractionally strided"),
    )
    torch_modules = ("torch.nn.ConvTranspose2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Transposed convolution: spreads each input over a k×k window, enlarging the feature map."
    )
    params = (
        out_channels(),
        kernel(4),
        stride(2),
        Param(
            "padding",
            "size",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "removes p rows/columns from each border of the output"),
            min=0,
            max=255,
        ),
        Param(
            "output_padding",
            "size",
            0,
            QT_TRANSLATE_NOOP("BlockParams", "extra rows/columns on one side (must be < stride or dilation)"),
            min=0,
            max=255,
        ),
        dilation(),
        groups(),
        bias(),
    )
    examples = (
        ({"out_channels": 16}, [(32, 7, 7)], (16, 14, 14)),
        ({"out_channels": 512, "kernel_size": 4, "stride": 1, "padding": 0, "bias": False}, [(100, 1, 1)], (512, 4, 4)),
        (
            {"out_channels": 4, "kernel_size": 3, "stride": 2, "padding": 1, "output_padding": 1},
            [(8, 5, 6)],
            (4, 10, 12),
        ),
        (
            {"out_channels": 6, "kernel_size": [2, 3], "stride": [2, 1], "padding": 0, "dilation": 2, "groups": 2},
            [(4, 3, 3)],
            (6, 7, 7),
        ),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        channel_groups_check(c, p["out_channels"], p["groups"])
        k, s, pad = pair(p["kernel_size"]), pair(p["stride"]), pair(p["padding"])
        d, op = pair(p["dilation"]), pair(p["output_padding"])
        for axis in (0, 1):
            if op[axis] >= max(s[axis], d[axis]):
                raise ShapeError(
                    "output_padding",
                    translate(
                        "BlockErrors",
                        "output_padding {output_padding} must be smaller than stride ({stride}) or dilation ({dilation})",
                    ).format(output_padding=op[axis], stride=s[axis], dilation=d[axis]),
                    (SetParams(translate("BlockErrors", "Set output_padding to 0"), {"output_padding": 0}),),
                )
        size = [conv_transpose_out((h, w)[a], k[a], s[a], pad[a], d[a], op[a]) for a in (0, 1)]
        if min(size) < 1:
            a = 0 if size[0] < 1 else 1
            raise ShapeError(
                "negative_size",
                translate("BlockErrors", "output size {arithmetic} is not positive").format(
                    arithmetic=f"({(h, w)[a]}−1)·{s[a]} − 2·{pad[a]} + {d[a]}·({k[a]}−1) + {op[a]} + 1 = {size[a]}"
                ),
                (SetParams(messages.set_padding_to_0(), {"padding": 0}),),
            )
        return (p["out_channels"], size[0], size[1])

    @classmethod
    def param_count(cls, p, ins, out):
        kh, kw = pair(p["kernel_size"])
        return ins[0][0] * (out[0] // p["groups"]) * kh * kw + (out[0] if p["bias"] else 0)

    @classmethod
    def macs(cls, p, ins, out):
        kh, kw = pair(p["kernel_size"])
        c, h, w = ins[0]
        return c * (out[0] // p["groups"]) * kh * kw * h * w

    @classmethod
    def receptive_layers(cls, p):
        sh, sw = pair(p["stride"])
        return (pair(p["kernel_size"]) + (-sh, -sw) + pair(p["dilation"]),)

    @classmethod
    def subtitle(cls, p):
        return _subtitle(p) + " ↑"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.ConvTranspose2d(
            ins[0][0],
            p["out_channels"],
            pair(p["kernel_size"]),
            pair(p["stride"]),
            pair(p["padding"]),
            pair(p["output_padding"]),
            p["groups"],
            p["bias"],
            pair(p["dilation"]),
        )

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"]), f"kernel_size={size(p['kernel_size'])}"]
        size_kw(args, "stride", p["stride"], 1)
        size_kw(args, "padding", p["padding"], 0)
        size_kw(args, "output_padding", p["output_padding"], 0)
        kw(args, "groups", p["groups"], 1)
        kw(args, "bias", p["bias"], True)
        size_kw(args, "dilation", p["dilation"], 1)
        return Call("nn.ConvTranspose2d", args)

    @classmethod
    def from_module(cls, m, inputs):
        need(
            m.padding_mode == "zeros",
            translate("BlockImport", "padding_mode={mode} (only zero padding)").format(mode=repr(m.padding_mode)),
        )
        params = dict(
            out_channels=m.out_channels,
            kernel_size=value(m.kernel_size),
            stride=value(m.stride),
            padding=value(m.padding),
            output_padding=value(m.output_padding),
            dilation=value(m.dilation),
            groups=m.groups,
            bias=m.bias is not None,
        )
        return Step(cls.type, inputs, params)
