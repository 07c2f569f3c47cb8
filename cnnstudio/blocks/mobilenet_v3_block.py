"""MobileNetV3's block (Howard 2019; torchvision.models.mobilenetv3.InvertedResidual): expand, depthwise, SE,
project."""

from __future__ import annotations

import functools

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call
from .conv import spatial
from .importing import Step, same_leaves

ACTIVATIONS = {"relu": "ReLU", "hardswish": "Hardswish"}  # torchvision's "RE" and "HS"
NORM = dict(eps=0.001, momentum=0.01)  # torchvision's MobileNetV3 batch norm


def make_divisible(v: float, divisor: int = 8) -> int:
    """torchvision's ``_make_divisible``: round to a multiple of ``divisor``, never more than 10% down."""
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


@functools.cache
def own_classes():
    """The torch classes this block builds, which the exported file copies (torch loads only when asked)."""
    import torch
    import torch.nn as nn

    from .mobile_modules import SqueezeExcitation

    class ConvNormActivation(nn.Sequential):
        """Bias-free conv padded to keep the size, batch norm, activation (torchvision.ops)."""

        def __init__(
            self,
            in_channels: int,
            out_channels: int,
            kernel_size: int = 3,
            stride: int = 1,
            groups: int = 1,
            activation: type[nn.Module] | None = nn.ReLU,
            eps: float = 1e-5,
            momentum: float = 0.1,
        ) -> None:
            padding = (kernel_size - 1) // 2
            layers: list[nn.Module] = [
                nn.Conv2d(
                    in_channels,
                    out_channels,
                    kernel_size,
                    stride,
                    padding,
                    groups=groups,
                    bias=False,
                ),
                nn.BatchNorm2d(out_channels, eps=eps, momentum=momentum),
            ]
            if activation is not None:
                layers.append(activation(inplace=True))
            super().__init__(*layers)

    class MobileNetV3Block(nn.Module):
        """MobileNetV3's block: 1x1 expand, k x k depthwise, SE, linear 1x1, + input if kept."""

        def __init__(
            self,
            in_channels: int,
            out_channels: int,
            expanded: int,
            kernel_size: int = 3,
            stride: int = 1,
            use_se: bool = False,
            activation: type[nn.Module] = nn.ReLU,
        ) -> None:
            super().__init__()
            self.use_res_connect = stride == 1 and in_channels == out_channels
            norm = dict(eps=0.001, momentum=0.01)
            layers: list[nn.Module] = []
            if expanded != in_channels:
                act = activation
                widen = ConvNormActivation(in_channels, expanded, 1, activation=act, **norm)
                layers.append(widen)
            layers.append(
                ConvNormActivation(
                    expanded,
                    expanded,
                    kernel_size,
                    stride,
                    groups=expanded,
                    activation=activation,
                    **norm,
                )
            )
            if use_se:
                squeeze = max(8, (expanded // 4 + 4) // 8 * 8)  # a multiple of 8
                squeeze += 8 if squeeze < 0.9 * (expanded // 4) else 0
                layers.append(SqueezeExcitation(expanded, squeeze, nn.ReLU, nn.Hardsigmoid))
            project = ConvNormActivation(expanded, out_channels, 1, activation=None, **norm)
            layers.append(project)
            self.block = nn.Sequential(*layers)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            result = self.block(x)
            if self.use_res_connect:
                result = result + x
            return result

    return ConvNormActivation, MobileNetV3Block


def conv_norm_act(name: str, source: str, out: int, k: int, s: int, groups: int, act: str | None, norm: dict):
    """Parts of a Conv2dNormActivation: ``name.0`` bias-free conv padded to keep the size, ``.1`` norm, ``.2`` act."""
    conv = dict(out_channels=out, kernel_size=k, stride=s, padding=(k - 1) // 2, groups=groups, bias=False)
    parts = [Part(f"{name}.0", "conv2d", conv, (source,)), Part(f"{name}.1", "batchnorm2d", dict(norm), (f"{name}.0",))]
    return parts + ([Part(f"{name}.2", act, {}, (f"{name}.1",))] if act else [])


def depthwise_shape(cls, p, ins):
    """C×H×W after the block's k×k depthwise convolution padded to keep the size (÷ stride)."""
    c, h, w = cls.need_rank(ins, 3)
    k, s = p["kernel_size"], p["stride"]
    if k % 2 == 0 and s == 1 and c == p["out_channels"]:  # torch would broadcast the smaller map onto the input
        raise ShapeError(
            "even_kernel",
            translate(
                "BlockErrors",
                "kernel_size {k} is even: padding ({k}−1)//2 = {pad} shrinks the map by one and the + input fails",
            ).format(k=k, pad=(k - 1) // 2),
            (SetParams(messages.use_value(k + 1), {"kernel_size": k + 1}),),
        )
    pad = pair((k - 1) // 2)
    return (p["out_channels"],) + spatial((h, w), (k, k), (s, s), pad, pad, (1, 1), same_fix=False)


@register
class MobileNetV3Block(Block):
    type = "mobilenet_v3_block"
    label = QT_TRANSLATE_NOOP("Blocks", "MobileNetV3 block")
    category = "Composite"
    name_prefix = "block"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenetv3"),
        QT_TRANSLATE_NOOP("BlockKeywords", "inverted residual"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bneck"),
        QT_TRANSLATE_NOOP("BlockKeywords", "hard swish"),
        QT_TRANSLATE_NOOP("BlockKeywords", "squeeze and excitation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise separable"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobile"),
    )
    # torchvision.models.mobilenetv3.InvertedResidual (the name V2's block shares: each checks its layers), and
    # the class of CNN Studio's exported code
    torch_modules = ("InvertedResidual", "MobileNetV3Block")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        'MobileNetV3\'s block ("bneck"): a 1×1 convolution widens the channels (skipped when the width is kept), a '
        "k×k depthwise convolution filters each channel on its own, an optional squeeze-and-excitation gate "
        "(hard-sigmoid) weighs the channels, a linear 1×1 convolution narrows again; + input when the shape is kept. "
        "ReLU early in the network, hard-swish (cheap on phones) later.",
    )
    params = (
        Param("out_channels", "int", 24, QT_TRANSLATE_NOOP("BlockParams", "channels out"), min=1, max=8192),
        Param(
            "expanded_channels",
            "int",
            72,
            QT_TRANSLATE_NOOP("BlockParams", "width inside the block (equal to the input's: no 1×1 expansion)"),
            min=1,
            max=8192,
        ),
        Param(
            "kernel_size",
            "int",
            3,
            QT_TRANSLATE_NOOP("BlockParams", "window of the depthwise convolution (3 or 5 in MobileNetV3)"),
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
            "squeeze_excitation",
            "bool",
            False,
            QT_TRANSLATE_NOOP("BlockParams", "gate the channels with squeeze-and-excitation (hard-sigmoid)"),
        ),
        Param(
            "activation",
            "choice",
            "relu",
            QT_TRANSLATE_NOOP("BlockParams", "after the expansion and the depthwise convolution"),
            choices=tuple(ACTIVATIONS),
        ),
    )
    examples = (
        ({}, [(24, 56, 56)], (24, 56, 56)),
        (
            dict(out_channels=40, expanded_channels=72, kernel_size=5, stride=2, squeeze_excitation=True),
            [(24, 56, 56)],
            (40, 28, 28),
        ),
        (
            dict(out_channels=5, expanded_channels=3, squeeze_excitation=True, activation="hardswish"),
            [(3, 7, 6)],
            (5, 7, 6),
        ),
    )

    @classmethod
    def infer(cls, p, ins):
        return depthwise_shape(cls, p, ins)

    @classmethod
    def _layers(cls, p, c_in, in_hw, out_hw):
        """(weights, biases and norm values, multiply-adds) of every layer with weights."""
        e, k, c_out = p["expanded_channels"], p["kernel_size"], p["out_channels"]
        layers = [(c_in * e, 2 * e, c_in * e * in_hw)] if e != c_in else []
        layers.append((k * k * e, 2 * e, k * k * e * out_hw))
        if p["squeeze_excitation"]:
            s = make_divisible(e // 4)
            layers.append((2 * e * s, s + e, 2 * e * s))  # fc1 and fc2 on the 1×1 map of channel means
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
        se = " · SE" if p["squeeze_excitation"] else ""
        return f"{k}×{k} → {p['expanded_channels']}{se} · {p['out_channels']}" + (f" /{s}" if s != 1 else "")

    @classmethod
    def expand(cls, p, in_shape):
        c_in, e, act = in_shape[0], p["expanded_channels"], p["activation"]
        parts, i, source = [], 0, ""
        if e != c_in:
            parts += conv_norm_act("block.0", "", e, 1, 1, 1, act, NORM)
            i, source = 1, "block.0.2"
        parts += conv_norm_act(f"block.{i}", source, e, p["kernel_size"], p["stride"], e, act, NORM)
        source = f"block.{i}.2"
        if p["squeeze_excitation"]:
            i += 1
            se = dict(squeeze_channels=make_divisible(e // 4), activation="relu", scale_activation="hardsigmoid")
            parts.append(Part(f"block.{i}", "squeeze_excitation", se, (source,)))
            source = f"block.{i}"
        parts += conv_norm_act(f"block.{i + 1}", source, p["out_channels"], 1, 1, 1, None, NORM)
        if p["stride"] == 1 and c_in == p["out_channels"]:
            parts.append(Part("add", "add", {"num_inputs": 2}, (f"block.{i + 1}.1", "")))
        return parts

    @classmethod
    def collapse(cls, parts):
        # the depthwise convolution is the grouped one; the projection is the last convolution
        convs = sorted(
            (name for name, part in parts.items() if part.type == "conv2d" and name.startswith("block.")),
            key=lambda name: [int(v) if v.isdigit() else 0 for v in name.split(".")],
        )
        depthwise = [parts[n] for n in convs if parts[n].params.get("groups", 1) != 1]
        if not depthwise or len(convs) < 2:
            return None
        dw, project = depthwise[0], parts[convs[-1]]
        acts = {
            p.type
            for name, p in parts.items()
            if name.startswith("block.") and name.count(".") == 2 and name.endswith(".2")
        }
        gates = {part.params.get("scale_activation") for part in parts.values() if part.type == "squeeze_excitation"}
        if len(acts) != 1 or not acts <= set(ACTIVATIONS) or not gates <= {"hardsigmoid"}:
            return None  # not this block's activations (an MBConv's SiLU): leave it to the others
        act = acts.pop()
        return dict(
            out_channels=project.params.get("out_channels", 1),
            expanded_channels=dw.params.get("out_channels", 1),
            kernel_size=pair(dw.params.get("kernel_size", 3))[0],
            stride=pair(dw.params.get("stride", 1))[0],
            squeeze_excitation=any(part.type == "squeeze_excitation" for part in parts.values()),
            activation=act,
        )

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        _, module = own_classes()
        act = getattr(nn, ACTIVATIONS[p["activation"]])
        args = (p["expanded_channels"], p["kernel_size"], p["stride"], p["squeeze_excitation"], act)
        return module(ins[0][0], p["out_channels"], *args)

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"]), str(p["expanded_channels"])]
        if p["kernel_size"] != 3:
            args.append(f"kernel_size={p['kernel_size']}")
        if p["stride"] != 1:
            args.append(f"stride={p['stride']}")
        if p["squeeze_excitation"]:
            args.append("use_se=True")
        if p["activation"] != "relu":
            args.append(f"activation=nn.{ACTIVATIONS[p['activation']]}")
        helpers = {"SqueezeExcitation"} if p["squeeze_excitation"] else set()
        return Call("MobileNetV3Block", args, helpers, own_classes())

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        seq = getattr(m, "block", None)
        if not isinstance(seq, nn.Sequential) or len(seq) not in (2, 3, 4) or len(list(m.children())) != 1:
            return None
        first = seq[0][0] if isinstance(seq[0], nn.Sequential) and len(seq[0]) else None
        project = seq[-1][0] if isinstance(seq[-1], nn.Sequential) and len(seq[-1]) else None
        if type(first) is not nn.Conv2d or type(project) is not nn.Conv2d:
            return None
        c_in = first.in_channels
        dw = next((layer[0] for layer in seq if isinstance(layer, nn.Sequential) and layer[0].groups != 1), first)
        if type(dw) is not nn.Conv2d:
            return None
        cnas = [layer for layer in seq if isinstance(layer, nn.Sequential)]
        act = next((type(layer[2]).__name__.lower() for layer in cnas if len(layer) == 3), "")
        p = dict(
            out_channels=project.out_channels,
            expanded_channels=dw.out_channels,
            kernel_size=dw.kernel_size[0],
            stride=dw.stride[0],
            squeeze_excitation=any(hasattr(layer, "fc1") for layer in seq),
            activation=act,
        )
        if cls.check_params(p) or not same_leaves(m, cls.build(p, [(c_in, 1, 1)])):
            return None
        if getattr(m, "use_res_connect", None) != (p["stride"] == 1 and c_in == p["out_channels"]):
            return None
        return Step(cls.type, inputs, p)
