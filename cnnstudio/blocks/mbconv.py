"""EfficientNet's MBConv (Tan & Le 2019; torchvision.models.efficientnet.MBConv): an inverted residual with SE,
SiLU and stochastic depth."""

from __future__ import annotations

import functools

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.formulas import pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step, same_leaves
from .mobilenet_v3_block import conv_norm_act, depthwise_shape, make_divisible
from .mobilenet_v3_block import own_classes as mobile_classes


@functools.cache
def own_classes():
    """The torch classes this block builds, which the exported file copies (torch loads only when asked)."""
    import torch
    import torch.nn as nn

    from .mobile_modules import SqueezeExcitation
    from .modules import StochasticDepth

    ConvNormActivation, _ = mobile_classes()

    class MBConv(nn.Module):
        """EfficientNet's block: 1x1 expand, k x k depthwise, SE, linear 1x1, + input if kept."""

        def __init__(
            self,
            in_channels: int,
            out_channels: int,
            expand_ratio: int = 6,
            kernel_size: int = 3,
            stride: int = 1,
            stochastic_depth_prob: float = 0.0,
            eps: float = 1e-5,
            momentum: float = 0.1,
        ) -> None:
            super().__init__()
            self.use_res_connect = stride == 1 and in_channels == out_channels
            norm = dict(eps=eps, momentum=momentum)
            wide = in_channels * expand_ratio
            expanded = max(8, int(wide + 4) // 8 * 8)  # a multiple of 8, at most 10% down
            expanded += 8 if expanded < 0.9 * wide else 0
            act = nn.SiLU
            layers: list[nn.Module] = []
            if expanded != in_channels:
                widen = ConvNormActivation(in_channels, expanded, 1, activation=act, **norm)
                layers.append(widen)
            layers.append(
                ConvNormActivation(
                    expanded,
                    expanded,
                    kernel_size,
                    stride,
                    groups=expanded,
                    activation=act,
                    **norm,
                )
            )
            layers.append(SqueezeExcitation(expanded, max(1, in_channels // 4), nn.SiLU))
            project = ConvNormActivation(expanded, out_channels, 1, activation=None, **norm)
            layers.append(project)
            self.block = nn.Sequential(*layers)
            self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            result = self.block(x)
            if self.use_res_connect:
                result = self.stochastic_depth(result)
                result = result + x
            return result

    return ConvNormActivation, MBConv


def expanded_width(c_in: int, ratio: int) -> int:
    """torchvision's ``adjust_channels(c_in, ratio)``: the inside width, a multiple of 8."""
    return make_divisible(c_in * ratio)


@register
class MBConvBlock(Block):
    type = "mbconv"
    label = QT_TRANSLATE_NOOP("Blocks", "MBConv (EfficientNet)")
    category = "Composite"
    name_prefix = "block"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "efficientnet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mbconv"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobile inverted bottleneck"),
        QT_TRANSLATE_NOOP("BlockKeywords", "inverted residual"),
        QT_TRANSLATE_NOOP("BlockKeywords", "squeeze and excitation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "swish"),
        QT_TRANSLATE_NOOP("BlockKeywords", "stochastic depth"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
    )
    torch_modules = ("MBConv",)  # torchvision.models.efficientnet.MBConv and the exported class, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "EfficientNet's block: a 1×1 convolution widens the channels (× expand ratio, rounded to a multiple of 8), "
        "a k×k depthwise convolution filters each channel on its own, a squeeze-and-excitation gate weighs the "
        "channels, a linear 1×1 convolution narrows again; SiLU (swish) inside. When the shape is kept the branch "
        "is skipped at random while training (stochastic depth) and added to the input.",
    )
    params = (
        Param("out_channels", "int", 24, QT_TRANSLATE_NOOP("BlockParams", "channels out"), min=1, max=8192),
        Param(
            "expand_ratio",
            "int",
            6,
            QT_TRANSLATE_NOOP("BlockParams", "how many times wider the inside is (rounded to a multiple of 8)"),
            min=1,
            max=16,
        ),
        Param(
            "kernel_size",
            "int",
            3,
            QT_TRANSLATE_NOOP("BlockParams", "window of the depthwise convolution (3 or 5 in EfficientNet)"),
            min=1,
            max=15,
        ),
        Param(
            "stride",
            "int",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "stride of the depthwise convolution (2 halves the map)"),
            min=1,
            max=2,
        ),
        Param(
            "stochastic_depth_prob",
            "float",
            0.0,
            QT_TRANSLATE_NOOP("BlockParams", "probability of skipping the branch while training (shortcut blocks)"),
            min=0.0,
            max=1.0,
        ),
        Param("eps", "float", 1e-5, QT_TRANSLATE_NOOP("BlockParams", "batch-norm epsilon"), min=0.0, max=1.0),
        Param("momentum", "float", 0.1, QT_TRANSLATE_NOOP("BlockParams", "batch-norm momentum"), min=0.0, max=1.0),
    )
    examples = (
        ({"stochastic_depth_prob": 0.1}, [(24, 56, 56)], (24, 56, 56)),
        (dict(out_channels=40, kernel_size=5, stride=2), [(24, 56, 56)], (40, 28, 28)),
        (dict(out_channels=16, expand_ratio=1), [(32, 9, 9)], (16, 9, 9)),
        (dict(out_channels=5, expand_ratio=1, eps=0.001, momentum=0.01), [(3, 7, 6)], (5, 7, 6)),
    )

    @classmethod
    def infer(cls, p, ins):
        return depthwise_shape(cls, p, ins)

    @classmethod
    def _layers(cls, p, c_in, in_hw, out_hw):
        """(weights, biases and norm values, multiply-adds) of every layer with weights."""
        e, k, c_out = expanded_width(c_in, p["expand_ratio"]), p["kernel_size"], p["out_channels"]
        s = max(1, c_in // 4)
        layers = [(c_in * e, 2 * e, c_in * e * in_hw)] if e != c_in else []
        layers.append((k * k * e, 2 * e, k * k * e * out_hw))
        layers.append((2 * e * s, s + e, 2 * e * s))  # SE: fc1 and fc2 on the 1×1 map of channel means
        return layers + [(e * c_out, 2 * c_out, e * c_out * out_hw)]

    @classmethod
    def param_count(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(weights + other for weights, other, _ in cls._layers(p, c, h * w, out[1] * out[2]))

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(macs for _, _, macs in cls._layers(p, c, h * w, out[1] * out[2]))

    @classmethod
    def receptive_layers(cls, p):
        k, s = p["kernel_size"], p["stride"]
        return ((k, k, s, s, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        k, s = p["kernel_size"], p["stride"]
        return f"×{p['expand_ratio']} · {k}×{k} · {p['out_channels']}" + (f" /{s}" if s != 1 else "")

    @classmethod
    def expand(cls, p, in_shape):
        c_in = in_shape[0]
        e, norm = expanded_width(c_in, p["expand_ratio"]), dict(eps=p["eps"], momentum=p["momentum"])
        parts, i, source = [], 0, ""
        if e != c_in:
            parts += conv_norm_act("block.0", "", e, 1, 1, 1, "silu", norm)
            i, source = 1, "block.0.2"
        parts += conv_norm_act(f"block.{i}", source, e, p["kernel_size"], p["stride"], e, "silu", norm)
        se = dict(squeeze_channels=max(1, c_in // 4), activation="silu", scale_activation="sigmoid")
        parts.append(Part(f"block.{i + 1}", "squeeze_excitation", se, (f"block.{i}.2",)))
        parts += conv_norm_act(f"block.{i + 2}", f"block.{i + 1}", p["out_channels"], 1, 1, 1, None, norm)
        if p["stride"] == 1 and c_in == p["out_channels"]:
            drop = dict(p=p["stochastic_depth_prob"], mode="row")
            parts.append(Part("stochastic_depth", "stochastic_depth", drop, (f"block.{i + 2}.1",)))
            parts.append(Part("add", "add", {"num_inputs": 2}, ("stochastic_depth", "")))
        return parts

    @classmethod
    def collapse_on(cls, parts, in_shape):
        expanded = "block.3.0" in parts  # the projection is block.3 after an expansion layer, else block.2
        project, dw = parts.get(f"block.{int(expanded) + 2}.0"), parts.get(f"block.{int(expanded)}.0")
        if project is None or dw is None or project.type != "conv2d" or dw.type != "conv2d":
            return None
        c_in, e = in_shape[0], dw.params.get("out_channels", 1)
        ratios = sorted(range(1, 17), key=lambda r: abs(r * c_in - e))
        ratio = next((r for r in ratios if expanded_width(c_in, r) == e), 1)
        norm = parts.get(f"block.{int(expanded)}.1")
        drop = parts.get("stochastic_depth")
        return dict(
            out_channels=project.params.get("out_channels", 1),
            expand_ratio=ratio,
            kernel_size=pair(dw.params.get("kernel_size", 3))[0],
            stride=pair(dw.params.get("stride", 1))[0],
            stochastic_depth_prob=drop.params.get("p", 0.0) if drop is not None else 0.0,
            eps=norm.params.get("eps", 1e-5) if norm is not None else 1e-5,
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
        kw(args, "expand_ratio", p["expand_ratio"], 6)
        kw(args, "kernel_size", p["kernel_size"], 3)
        kw(args, "stride", p["stride"], 1)
        kw(args, "stochastic_depth_prob", float(p["stochastic_depth_prob"]), 0.0)
        kw(args, "eps", float(p["eps"]), 1e-5)
        kw(args, "momentum", float(p["momentum"]), 0.1)
        return Call("MBConv", args, {"SqueezeExcitation", "StochasticDepth"}, own_classes())

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        seq, drop = getattr(m, "block", None), getattr(m, "stochastic_depth", None)
        if not isinstance(seq, nn.Sequential) or len(seq) not in (3, 4) or len(list(m.children())) != 2:
            return None
        cnas = [layer for layer in seq if isinstance(layer, nn.Sequential) and len(layer) in (2, 3)]
        if len(cnas) != len(seq) - 1 or not all(type(layer[0]) is nn.Conv2d for layer in cnas):
            return None
        first, dw, project, norm = cnas[0][0], cnas[-2][0], cnas[-1][0], cnas[-1][1]
        c_in, e = first.in_channels, dw.out_channels
        ratios = sorted(range(1, 17), key=lambda r: abs(r * c_in - e))
        p = dict(
            out_channels=project.out_channels,
            expand_ratio=next((r for r in ratios if expanded_width(c_in, r) == e), 0),
            kernel_size=dw.kernel_size[0],
            stride=dw.stride[0],
            stochastic_depth_prob=float(getattr(drop, "p", 0.0)),
            eps=float(getattr(norm, "eps", 0.0)),
            momentum=float(getattr(norm, "momentum", None) or 0.0),
        )
        if cls.check_params(p) or not same_leaves(m, cls.build(p, [(c_in, 1, 1)])):
            return None
        if getattr(m, "use_res_connect", None) != (p["stride"] == 1 and c_in == p["out_channels"]):
            return None
        return Step(cls.type, inputs, p)
