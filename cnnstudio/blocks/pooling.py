"""Pooling: max, average, adaptive average and global average pooling (GAP)."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, pair, pool_out
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw, literal, size, size_kw
from .conv import kernel, stride, too_large, with_axis
from .importing import Step, arg, first_tensor, need, shape, value


def _pool_params(max_pool: bool) -> tuple[Param, ...]:
    common = (
        kernel(2),
        stride(2),
        Param(
            "padding",
            "size",
            0,
            QT_TRANSLATE_NOOP("BlockParams", "implicit padding on each side (at most half the kernel)"),
            min=0,
            max=127,
        ),
    )
    extra = (
        (Param("dilation", "size", 1, QT_TRANSLATE_NOOP("BlockParams", "spacing between window taps"), min=1, max=255),)
        if max_pool
        else ()
    )
    tail = (
        Param("ceil_mode", "bool", False, QT_TRANSLATE_NOOP("BlockParams", "round the output size up instead of down")),
    )
    if not max_pool:
        tail += (
            Param(
                "count_include_pad", "bool", True, QT_TRANSLATE_NOOP("BlockParams", "count padded zeros in the average")
            ),
        )
    return common + extra + tail


def _pool_infer(p: dict, ins) -> tuple[int, int, int]:
    c, h, w = Block.need_rank(ins, 3)
    k, s, pad = pair(p["kernel_size"]), pair(p["stride"]), pair(p["padding"])
    d = pair(p.get("dilation", 1))
    for a in (0, 1):
        if pad[a] * 2 > k[a]:
            raise ShapeError(
                "pool_padding",
                translate("BlockErrors", "padding {padding} must be at most half the kernel ({kernel}/2)").format(
                    padding=pad[a], kernel=k[a]
                ),
                (SetParams(messages.set_padding_to_0(), {"padding": 0}),),
            )
    # with ceil_mode torch accepts a window overhanging the input, as long as one output fits
    out = [pool_out((h, w)[a], k[a], s[a], pad[a], d[a], p["ceil_mode"]) for a in (0, 1)]
    bad = [a for a in (0, 1) if out[a] < 1]
    if bad:
        kernel = k
        for a in bad:
            kernel = pair(with_axis(kernel, a, (h, w)[a] + 2 * pad[a]))
        shrink = {"kernel_size": kernel[0] if kernel[0] == kernel[1] else list(kernel)}
        if "dilation" in p:
            shrink["dilation"] = 1
        label = "×".join(str(v) for v in dict.fromkeys(kernel))
        a = bad[0]
        raise too_large((h, w)[a], k[a], s[a], pad[a], d[a], [SetParams(messages.shrink_kernel(label), shrink)])
    return c, out[0], out[1]


def _pool_code(name: str, p: dict) -> Call:
    args = [f"kernel_size={size(p['kernel_size'])}", f"stride={size(p['stride'])}"]
    size_kw(args, "padding", p["padding"], 0)
    if "dilation" in p:
        size_kw(args, "dilation", p["dilation"], 1)
    kw(args, "ceil_mode", p["ceil_mode"], False)
    if "count_include_pad" in p:
        kw(args, "count_include_pad", p["count_include_pad"], True)
    return Call(name, args)


def _pool_step(type_: str, x, kernel, stride, padding, dilation, ceil_mode, **extra) -> Step:
    params = dict(
        kernel_size=value(kernel),
        stride=value(stride if stride not in (None, (), []) else kernel),
        padding=value(padding),
        ceil_mode=bool(ceil_mode),
    )
    if dilation is not None:
        params["dilation"] = value(dilation)
    params.update(extra)
    return Step(type_, [x], params)


def _window_args(node) -> list:
    return [arg(node, i, n, d) for i, n, d in ((1, "kernel_size", None), (2, "stride", None), (3, "padding", 0))]


def adaptive_size(output_size) -> list | int:
    """An adaptive pooling's output size as params store it; None (keep a side) has no block."""
    sides = output_size if isinstance(output_size, (tuple, list)) else (output_size, output_size)
    need(None not in sides, translate("BlockImport", "adaptive pooling that keeps one side (output_size with None)"))
    return value(sides)


def _pool_subtitle(p: dict) -> str:
    kh, kw = pair(p["kernel_size"])
    sh, _ = pair(p["stride"])
    return f"{kh}×{kw} /{sh}"


@register
class MaxPool2d(Block):
    type = "maxpool2d"
    label = QT_TRANSLATE_NOOP("Blocks", "MaxPool2d")
    category = "Pooling"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "pool"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "max pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "downsample"),
        QT_TRANSLATE_NOOP("BlockKeywords", "subsample"),
    )
    torch_modules = ("torch.nn.MaxPool2d",)
    torch_functions = ("max_pool2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Keeps the largest value in each window: robust to small shifts, shrinks the map."
    )
    params = _pool_params(max_pool=True)
    examples = (
        ({}, [(6, 28, 28)], (6, 14, 14)),
        ({"kernel_size": 3, "stride": 2, "padding": 1}, [(64, 112, 112)], (64, 56, 56)),
        ({"kernel_size": 3, "stride": 2, "ceil_mode": True}, [(64, 112, 112)], (64, 56, 56)),
        ({"kernel_size": 3, "stride": 2, "ceil_mode": True}, [(3, 7, 8)], (3, 3, 4)),
        ({"kernel_size": 2, "stride": 2, "padding": 1, "ceil_mode": True}, [(3, 5, 4)], (3, 3, 3)),
        ({"kernel_size": 3, "stride": 1, "dilation": 2}, [(2, 9, 9)], (2, 5, 5)),
    )

    infer = classmethod(lambda cls, p, ins: _pool_infer(p, ins))
    subtitle = classmethod(lambda cls, p: _pool_subtitle(p))

    @classmethod
    def receptive_layers(cls, p):
        return (pair(p["kernel_size"]) + pair(p["stride"]) + pair(p["dilation"]),)

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.MaxPool2d(
            pair(p["kernel_size"]),
            pair(p["stride"]),
            pair(p["padding"]),
            pair(p["dilation"]),
            ceil_mode=p["ceil_mode"],
        )

    @classmethod
    def code(cls, p, in_channels):
        return _pool_code("nn.MaxPool2d", p)

    @classmethod
    def from_module(cls, m, inputs):
        need(not m.return_indices, translate("BlockImport", "max pooling with return_indices=True"))
        return _pool_step(cls.type, inputs[0], m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        need(
            not arg(node, 6, "return_indices", False), translate("BlockImport", "max pooling with return_indices=True")
        )
        dilation, ceil_mode = arg(node, 4, "dilation", 1), arg(node, 5, "ceil_mode", False)
        return _pool_step(cls.type, x, *_window_args(node), dilation, ceil_mode)


@register
class AvgPool2d(Block):
    type = "avgpool2d"
    label = QT_TRANSLATE_NOOP("Blocks", "AvgPool2d")
    category = "Pooling"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "pool"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "average pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mean pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "downsample"),
    )
    torch_modules = ("torch.nn.AvgPool2d",)
    torch_functions = ("avg_pool2d",)
    description = QT_TRANSLATE_NOOP("Blocks", "Averages each window: smooths and shrinks the map.")
    params = _pool_params(max_pool=False)
    examples = (
        ({}, [(6, 28, 28)], (6, 14, 14)),
        ({"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}, [(3, 6, 7)], (3, 4, 4)),
        ({"kernel_size": 5, "stride": 3}, [(512, 14, 14)], (512, 4, 4)),
    )

    infer = classmethod(lambda cls, p, ins: _pool_infer(p, ins))
    subtitle = classmethod(lambda cls, p: _pool_subtitle(p))

    @classmethod
    def receptive_layers(cls, p):
        return (pair(p["kernel_size"]) + pair(p["stride"]) + (1, 1),)

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.AvgPool2d(
            pair(p["kernel_size"]),
            pair(p["stride"]),
            pair(p["padding"]),
            ceil_mode=p["ceil_mode"],
            count_include_pad=p["count_include_pad"],
        )

    @classmethod
    def code(cls, p, in_channels):
        return _pool_code("nn.AvgPool2d", p)

    @classmethod
    def from_module(cls, m, inputs):
        need(m.divisor_override is None, translate("BlockImport", "average pooling with divisor_override"))
        extra = dict(count_include_pad=bool(m.count_include_pad))
        return _pool_step(cls.type, inputs[0], m.kernel_size, m.stride, m.padding, None, m.ceil_mode, **extra)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        need(
            arg(node, 6, "divisor_override") is None, translate("BlockImport", "average pooling with divisor_override")
        )
        extra = dict(count_include_pad=bool(arg(node, 5, "count_include_pad", True)))
        return _pool_step(cls.type, x, *_window_args(node), None, arg(node, 4, "ceil_mode", False), **extra)


@register
class AdaptiveAvgPool2d(Block):
    type = "adaptive_avgpool2d"
    label = QT_TRANSLATE_NOOP("Blocks", "AdaptiveAvgPool2d")
    category = "Pooling"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "avgpool"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "adaptive average pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "resize"),
    )
    torch_modules = ("torch.nn.AdaptiveAvgPool2d",)
    torch_functions = ("adaptive_avg_pool2d",)
    description = QT_TRANSLATE_NOOP("Blocks", "Averages into a fixed output size, whatever the input size.")
    params = (
        Param("output_size", "size", 1, QT_TRANSLATE_NOOP("BlockParams", "output height and width"), min=1, max=4096),
    )
    examples = (({"output_size": 7}, [(512, 7, 7)], (512, 7, 7)), ({"output_size": [2, 3]}, [(4, 5, 9)], (4, 2, 3)))

    @classmethod
    def infer(cls, p, ins):
        c, _, _ = cls.need_rank(ins, 3)
        oh, ow = pair(p["output_size"])
        return (c, oh, ow)

    @classmethod
    def receptive_layers(cls, p):
        return None

    @classmethod
    def subtitle(cls, p):
        oh, ow = pair(p["output_size"])
        return f"→ {oh}×{ow}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.AdaptiveAvgPool2d(pair(p["output_size"]))

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.AdaptiveAvgPool2d", [literal(pair(p["output_size"]))])

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(output_size=adaptive_size(m.output_size)))

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        return Step(cls.type, [x], dict(output_size=adaptive_size(arg(node, 1, "output_size"))))


@register
class GlobalAvgPool(Block):
    type = "global_avgpool"
    label = QT_TRANSLATE_NOOP("Blocks", "GlobalAvgPool")
    category = "Pooling"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "gap"
    aliases = ("gap",)
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "global average pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "gap"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mean"),
    )
    torch_functions = ("mean",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Global average pooling (GAP): one average per channel, C×H×W → C; replaces flatten + dense."
    )
    examples = (({}, [(512, 7, 7)], (512,)),)

    @classmethod
    def infer(cls, p, ins):
        c, _, _ = cls.need_rank(ins, 3)
        return (c,)

    @classmethod
    def receptive_layers(cls, p):
        return None

    @classmethod
    def build(cls, p, ins):
        from .modules import GlobalAvgPool2d

        return GlobalAvgPool2d()

    @classmethod
    def code(cls, p, in_channels):
        return Call("GlobalAvgPool2d", [], {"GlobalAvgPool2d"})

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        dims = arg(node, 1, "dim")
        dims = sorted(d % len(shape(x)) for d in (dims if isinstance(dims, (tuple, list)) else [dims]))
        need(
            dims == [2, 3],
            translate("BlockImport", "a mean over dims {dims} (only over height and width)").format(dims=dims),
        )
        if arg(node, 2, "keepdim", False):
            return Step("adaptive_avgpool2d", [x], dict(output_size=1))
        return Step(cls.type, [x])
