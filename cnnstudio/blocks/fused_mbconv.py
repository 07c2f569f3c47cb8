"""EfficientNetV2's FusedMBConv (Tan & Le 2021; torchvision.models.efficientnet.FusedMBConv): MBConv with the
1×1 expansion and the depthwise convolution fused into one full k×k convolution."""

from __future__ import annotations

import functools

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.formulas import pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step, same_leaves
from .mbconv import MBConvBlock, expanded_width
from .mobilenet_v3_block import conv_norm_act, depthwise_shape
from .mobilenet_v3_block import own_classes as mobile_classes


@functools.cache
def own_classes():
    """The torch classes this block builds, which the exported file copies (torch loads only when asked)."""
    import torch
    import torch.nn as nn

    from .modules import StochasticDepth

    ConvNormActivation, _ = mobile_classes()

    class FusedMBConv(nn.Module):
        """EfficientNetV2's block: k x k conv (expand), linear 1x1, + input if kept."""

        def __init__(
            self,
            in_channels: int,
            out_channels: int,
            expand_ratio: int = 4,
            kernel_size: int = 3,
            stride: int = 1,
            stochastic_depth_prob: float = 0.0,
            eps: float = 1e-3,
            momentum: float = 0.1,
        ) -> None:
            super().__init__()
            self.use_res_connect = stride == 1 and in_channels == out_channels
            norm = dict(eps=eps, momentum=momentum)
            wide = in_channels * expand_ratio
            expanded = max(8, int(wide + 4) // 8 * 8)  # a multiple of 8, at most 10% down
            expanded += 8 if expanded < 0.9 * wide else 0
            act = nn.SiLU
            if expanded != in_channels:
                layers = [
                    ConvNormActivation(
                        in_channels,
                        expanded,
                        kernel_size,
                        stride,
                        activation=act,
                        **norm,
                    ),
                    ConvNormActivation(expanded, out_channels, 1, activation=None, **norm),
                ]
            else:
                layers = [
                    ConvNormActivation(
                        in_channels,
                        out_channels,
                        kernel_size,
                        stride,
                        activation=act,
                        **norm,
                    )
                ]
            self.block = nn.Sequential(*layers)
            self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            result = self.block(x)
            if self.use_res_connect:
                result = self.stochastic_depth(result)
                result = result + x
            return result

    return ConvNormActivation, FusedMBConv


@register
class FusedMBConvBlock(Block):
    type = "fused_mbconv"
    label = QT_TRANSLATE_NOOP("Blocks", "Fused-MBConv")
    category = "Composite"
    name_prefix = "block"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "efficientnetv2"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fused mbconv"),
        QT_TRANSLATE_NOOP("BlockKeywords", "inverted residual"),
        QT_TRANSLATE_NOOP("BlockKeywords", "swish"),
        QT_TRANSLATE_NOOP("BlockKeywords", "stochastic depth"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
    )
    torch_modules = ("FusedMBConv",)  # torchvision.models.efficientnet.FusedMBConv and the exported class
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "EfficientNetV2's early-stage block: one full k×k convolution widens the channels (× expand ratio) where "
        "MBConv uses a 1×1 and a depthwise convolution — faster on GPUs for small maps — then a linear 1×1 "
        "convolution narrows again (ratio 1: the k×k convolution alone). When the shape is kept the branch is "
        "skipped at random while training (stochastic depth) and added to the input.",
    )
    params = (
        MBConvBlock.param("out_channels"),
        Param(
            "expand_ratio",
            "int",
            4,
            QT_TRANSLATE_NOOP("BlockParams", "how many times wider the inside is (rounded to a multiple of 8)"),
            min=1,
            max=16,
        ),
        Param(
            "kernel_size",
            "int",
            3,
            QT_TRANSLATE_NOOP("BlockParams", "window of the k×k convolution (padded to keep the size)"),
            min=1,
            max=15,
        ),
        MBConvBlock.param("stride"),
        MBConvBlock.param("stochastic_depth_prob"),
        Param("eps", "float", 1e-3, QT_TRANSLATE_NOOP("BlockParams", "batch-norm epsilon"), min=0.0, max=1.0),
        MBConvBlock.param("momentum"),
    )
    examples = (
        ({"out_channels": 24, "stochastic_depth_prob": 0.1}, [(24, 56, 56)], (24, 56, 56)),
        (dict(out_channels=48, stride=2), [(24, 56, 56)], (48, 28, 28)),
        (dict(out_channels=16, expand_ratio=1), [(16, 9, 9)], (16, 9, 9)),
        (dict(out_channels=5, expand_ratio=1, kernel_size=5), [(3, 7, 6)], (5, 7, 6)),
    )

    @classmethod
    def infer(cls, p, ins):
        return depthwise_shape(cls, p, ins)

    @classmethod
    def _layers(cls, p, c_in, out_hw):
        """(weights, norm values, multiply-adds) of every convolution."""
        e, k, c_out = expanded_width(c_in, p["expand_ratio"]), p["kernel_size"], p["out_channels"]
        if e == c_in:
            return [(k * k * c_in * c_out, 2 * c_out, k * k * c_in * c_out * out_hw)]
        return [(k * k * c_in * e, 2 * e, k * k * c_in * e * out_hw), (e * c_out, 2 * c_out, e * c_out * out_hw)]

    @classmethod
    def param_count(cls, p, ins, out):
        return sum(weights + other for weights, other, _ in cls._layers(p, ins[0][0], out[1] * out[2]))

    @classmethod
    def macs(cls, p, ins, out):
        return sum(macs for _, _, macs in cls._layers(p, ins[0][0], out[1] * out[2]))

    @classmethod
    def receptive_layers(cls, p):
        k, s = p["kernel_size"], p["stride"]
        return ((k, k, s, s, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        k, s = p["kernel_size"], p["stride"]
        return f"{k}×{k} ×{p['expand_ratio']} · {p['out_channels']}" + (f" /{s}" if s != 1 else "")

    @classmethod
    def expand(cls, p, in_shape):
        c_in, c_out, k, s = in_shape[0], p["out_channels"], p["kernel_size"], p["stride"]
        e, norm = expanded_width(c_in, p["expand_ratio"]), dict(eps=p["eps"], momentum=p["momentum"])
        if e != c_in:
            parts = conv_norm_act("block.0", "", e, k, s, 1, "silu", norm)
            parts += conv_norm_act("block.1", "block.0.2", c_out, 1, 1, 1, None, norm)
            last = "block.1.1"
        else:
            parts, last = conv_norm_act("block.0", "", c_out, k, s, 1, "silu", norm), "block.0.2"
        if s == 1 and c_in == c_out:
            drop = dict(p=p["stochastic_depth_prob"], mode="row")
            parts.append(Part("stochastic_depth", "stochastic_depth", drop, (last,)))
            parts.append(Part("add", "add", {"num_inputs": 2}, ("stochastic_depth", "")))
        return parts

    @classmethod
    def collapse_on(cls, parts, in_shape):
        first, norm, project = parts.get("block.0.0"), parts.get("block.0.1"), parts.get("block.1.0")
        if first is None or first.type != "conv2d" or "block.0.2" not in parts:
            return None
        if any(part.type == "conv2d" and part.params.get("groups", 1) != 1 for part in parts.values()):
            return None  # a depthwise convolution: an MBConv or a MobileNetV3 block
        c_in = in_shape[0]
        if project is not None:
            e = first.params.get("out_channels", 1)
            ratios = sorted(range(1, 17), key=lambda r: abs(r * c_in - e))
            ratio = next((r for r in ratios if expanded_width(c_in, r) == e), 1)
            c_out = project.params.get("out_channels", 1)
        else:
            ratio, c_out = 1, first.params.get("out_channels", 1)
        drop = parts.get("stochastic_depth")
        return dict(
            out_channels=c_out,
            expand_ratio=ratio,
            kernel_size=pair(first.params.get("kernel_size", 3))[0],
            stride=pair(first.params.get("stride", 1))[0],
            stochastic_depth_prob=drop.params.get("p", 0.0) if drop is not None else 0.0,
            eps=norm.params.get("eps", 1e-3) if norm is not None else 1e-3,
            momentum=norm.params.get("momentum", 0.1) if norm is not None else 0.1,
        )

    @classmethod
    def build(cls, p, ins):
        _, module = own_classes()
        args = (p["expand_ratio"], p["kernel_size"], p["stride"], float(p["stochastic_depth_prob"]))
        return module(ins[0][0], p["out_channels"], *args, float(p["eps"]), float(p["momentum"]))

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"])]
        kw(args, "expand_ratio", p["expand_ratio"], 4)
        kw(args, "kernel_size", p["kernel_size"], 3)
        kw(args, "stride", p["stride"], 1)
        kw(args, "stochastic_depth_prob", float(p["stochastic_depth_prob"]), 0.0)
        kw(args, "eps", float(p["eps"]), 1e-3)
        kw(args, "momentum", float(p["momentum"]), 0.1)
        return Call("FusedMBConv", args, {"StochasticDepth"}, own_classes())

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        seq, drop = getattr(m, "block", None), getattr(m, "stochastic_depth", None)
        if not isinstance(seq, nn.Sequential) or len(seq) not in (1, 2) or len(list(m.children())) != 2:
            return None
        if not all(isinstance(layer, nn.Sequential) and type(layer[0]) is nn.Conv2d for layer in seq):
            return None
        first, norm, last = seq[0][0], seq[0][1], seq[-1][0]
        c_in = first.in_channels
        if len(seq) == 2:
            e = first.out_channels
            ratios = sorted(range(1, 17), key=lambda r: abs(r * c_in - e))
            ratio = next((r for r in ratios if expanded_width(c_in, r) == e), 0)
        else:
            ratio = next((r for r in range(1, 17) if expanded_width(c_in, r) == c_in), 0)
        p = dict(
            out_channels=last.out_channels,
            expand_ratio=ratio,
            kernel_size=first.kernel_size[0],
            stride=first.stride[0],
            stochastic_depth_prob=float(getattr(drop, "p", 0.0)),
            eps=float(getattr(norm, "eps", 0.0)),
            momentum=float(getattr(norm, "momentum", None) or 0.0),
        )
        if cls.check_params(p) or not same_leaves(m, cls.build(p, [(c_in, 1, 1)])):
            return None
        if getattr(m, "use_res_connect", None) != (p["stride"] == 1 and c_in == p["out_channels"]):
            return None
        return Step(cls.type, inputs, p)
