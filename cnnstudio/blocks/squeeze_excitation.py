"""Squeeze-and-excitation (Hu 2018; torchvision.ops.SqueezeExcitation): a learned gate per channel."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call
from .importing import Step

ACTIVATIONS = {"relu": "ReLU", "silu": "SiLU"}  # param value → nn class (MobileNetV3, EfficientNet)
GATES = {"sigmoid": "Sigmoid", "hardsigmoid": "Hardsigmoid"}  # EfficientNet, MobileNetV3
_NAMES = {**{v: k for k, v in ACTIVATIONS.items()}, **{v: k for k, v in GATES.items()}}


@register
class SqueezeExcitation(Block):
    type = "squeeze_excitation"
    label = QT_TRANSLATE_NOOP("Blocks", "Squeeze-Excitation")
    category = "Composite"
    name_prefix = "se"
    composite = True
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "se"),
        QT_TRANSLATE_NOOP("BlockKeywords", "squeeze and excitation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channel attention"),
        QT_TRANSLATE_NOOP("BlockKeywords", "gate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenetv3"),
        QT_TRANSLATE_NOOP("BlockKeywords", "efficientnet"),
    )
    torch_modules = ("SqueezeExcitation",)  # torchvision.ops.SqueezeExcitation, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Channel attention: average each channel to one number (squeeze), a small two-layer MLP of 1×1 "
        "convolutions turns those into a gate in [0, 1] per channel (excitation), and every channel of the input "
        "is scaled by its gate. Cheap, and lets the network stress the channels that matter for this image "
        "(MobileNetV3, EfficientNet, RegNet). Same width in and out.",
    )
    params = (
        Param(
            "squeeze_channels",
            "int",
            16,
            QT_TRANSLATE_NOOP("BlockParams", "width of the bottleneck between the two 1×1 layers"),
            min=1,
            max=8192,
        ),
        Param(
            "activation",
            "choice",
            "relu",
            QT_TRANSLATE_NOOP("BlockParams", "after the first 1×1 layer"),
            choices=tuple(ACTIVATIONS),
        ),
        Param(
            "scale_activation",
            "choice",
            "sigmoid",
            QT_TRANSLATE_NOOP(
                "BlockParams",
                "the gate: sigmoid (EfficientNet) or its cheap piecewise-linear hard-sigmoid (MobileNetV3)",
            ),
            choices=tuple(GATES),
        ),
    )
    examples = (
        ({}, [(64, 7, 7)], (64, 7, 7)),
        ({"squeeze_channels": 2, "activation": "silu", "scale_activation": "hardsigmoid"}, [(5, 3, 4)], (5, 3, 4)),
    )

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3)

    @classmethod
    def param_count(cls, p, ins, out):
        c, s = ins[0][0], p["squeeze_channels"]
        return 2 * c * s + s + c  # fc1 c·s + s, fc2 s·c + c

    @classmethod
    def macs(cls, p, ins, out):
        return 2 * ins[0][0] * p["squeeze_channels"]  # two 1×1 convolutions on a 1×1 map

    @classmethod
    def subtitle(cls, p):
        return f"÷ → {p['squeeze_channels']} · {p['scale_activation']}"

    @classmethod
    def expand(cls, p, in_shape):
        return [
            Part("avgpool", "adaptive_avgpool2d", {"output_size": 1}),
            Part("fc1", "conv2d", dict(out_channels=p["squeeze_channels"], kernel_size=1), ("avgpool",)),
            Part("activation", p["activation"], {}, ("fc1",)),
            Part("fc2", "conv2d", dict(out_channels=in_shape[0], kernel_size=1), ("activation",)),
            Part("scale_activation", p["scale_activation"], {}, ("fc2",)),
            Part("scale", "multiply", {}, ("scale_activation", "")),
        ]

    @classmethod
    def collapse(cls, parts):
        fc1, act, gate = parts.get("fc1"), parts.get("activation"), parts.get("scale_activation")
        if fc1 is None or act is None or gate is None or "scale" not in parts:
            return None
        squeeze = fc1.params.get("out_channels", 1)
        return dict(squeeze_channels=squeeze, activation=act.type, scale_activation=gate.type)

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        from .modules import SqueezeExcitation as Module

        act, gate = getattr(nn, ACTIVATIONS[p["activation"]]), getattr(nn, GATES[p["scale_activation"]])
        return Module(ins[0][0], p["squeeze_channels"], act, gate)

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["squeeze_channels"])]
        if p["activation"] != "relu":
            args.append(f"activation=nn.{ACTIVATIONS[p['activation']]}")
        if p["scale_activation"] != "sigmoid":
            args.append(f"scale_activation=nn.{GATES[p['scale_activation']]}")
        return Call("SqueezeExcitation", args, {"SqueezeExcitation"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        fc1, fc2 = getattr(m, "fc1", None), getattr(m, "fc2", None)
        act, gate = getattr(m, "activation", None), getattr(m, "scale_activation", None)
        pool = getattr(m, "avgpool", None)
        if type(fc1) is not nn.Conv2d or type(fc2) is not nn.Conv2d or len(list(m.children())) != 5:
            return None
        c, s = fc1.in_channels, fc1.out_channels
        ok = (
            type(pool) is nn.AdaptiveAvgPool2d
            and pool.output_size in (1, (1, 1))
            and all(
                (f.in_channels, f.out_channels) == io
                and f.kernel_size == (1, 1)
                and f.stride == (1, 1)
                and f.padding == (0, 0)
                and f.dilation == (1, 1)
                and f.groups == 1
                and f.bias is not None
                for f, io in ((fc1, (c, s)), (fc2, (s, c)))
            )
            and _NAMES.get(type(act).__name__) in ACTIVATIONS
            and _NAMES.get(type(gate).__name__) in GATES
            and type(act).__module__.startswith("torch.nn")
            and type(gate).__module__.startswith("torch.nn")
        )
        if not ok:
            return None
        params = dict(squeeze_channels=s, activation=_NAMES[type(act).__name__])
        return Step(cls.type, inputs, {**params, "scale_activation": _NAMES[type(gate).__name__]})
