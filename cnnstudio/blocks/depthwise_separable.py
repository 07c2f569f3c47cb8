"""Depthwise-separable convolution (MobileNetV1, Howard 2017): a k×k depthwise and a 1×1 pointwise convolution."""

from __future__ import annotations

import functools

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.formulas import pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call
from .conv import spatial
from .importing import Step, same_leaves

ACTIVATIONS = {"relu": "ReLU", "relu6": "ReLU6"}  # the paper's ReLU; Keras' MobileNet uses ReLU6


@functools.cache
def own_classes():
    """The torch class this block builds, which the exported file copies (torch loads only when asked)."""
    import torch
    import torch.nn as nn

    class DepthwiseSeparableConv(nn.Module):
        """MobileNetV1's block: k x k depthwise conv, BN, act; 1x1 pointwise conv, BN, act."""

        def __init__(
            self,
            in_channels: int,
            out_channels: int,
            kernel_size: int = 3,
            stride: int = 1,
            activation: type[nn.Module] = nn.ReLU,
        ) -> None:
            super().__init__()
            padding = (kernel_size - 1) // 2
            self.depthwise = nn.Sequential(
                nn.Conv2d(
                    in_channels,
                    in_channels,
                    kernel_size,
                    stride,
                    padding,
                    groups=in_channels,
                    bias=False,
                ),
                nn.BatchNorm2d(in_channels),
                activation(inplace=True),
            )
            self.pointwise = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, bias=False),
                nn.BatchNorm2d(out_channels),
                activation(inplace=True),
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.pointwise(self.depthwise(x))

    return (DepthwiseSeparableConv,)


@register
class DepthwiseSeparable(Block):
    type = "depthwise_separable"
    label = QT_TRANSLATE_NOOP("Blocks", "Depthwise-separable conv")
    category = "Composite"
    name_prefix = "dwsep"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise separable"),
        QT_TRANSLATE_NOOP("BlockKeywords", "separable convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "pointwise"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenetv1"),
        QT_TRANSLATE_NOOP("BlockKeywords", "xception"),
        QT_TRANSLATE_NOOP("BlockKeywords", "1×1 convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fewer parameters"),
    )
    torch_modules = ("DepthwiseSeparableConv",)  # the class of CNN Studio's exported code, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "MobileNetV1's block: a k×k depthwise convolution filters each channel on its own (one filter per channel), "
        "then a 1×1 pointwise convolution mixes the channels; each is followed by batch norm and ReLU. It does the "
        "work of one k×k convolution with about 1/k² of its weights and multiply-adds.",
    )
    params = (
        Param(
            "out_channels",
            "int",
            64,
            QT_TRANSLATE_NOOP("BlockParams", "channels out (filters of the 1×1 pointwise convolution)"),
            min=1,
            max=8192,
        ),
        Param(
            "kernel_size",
            "int",
            3,
            QT_TRANSLATE_NOOP("BlockParams", "window of the depthwise convolution (padded to keep the size)"),
            min=1,
            max=15,
        ),
        Param(
            "stride",
            "int",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "stride of the depthwise convolution (2 halves the map)"),
            min=1,
            max=4,
        ),
        Param(
            "activation",
            "choice",
            "relu",
            QT_TRANSLATE_NOOP("BlockParams", "after each batch norm: ReLU (the paper) or ReLU6 (Keras)"),
            choices=tuple(ACTIVATIONS),
        ),
    )
    examples = (
        ({}, [(32, 56, 56)], (64, 56, 56)),
        ({"out_channels": 8, "stride": 2, "activation": "relu6"}, [(4, 7, 6)], (8, 4, 3)),
        ({"out_channels": 5, "kernel_size": 5}, [(3, 9, 9)], (5, 9, 9)),
    )

    @classmethod
    def infer(cls, p, ins):
        _, h, w = cls.need_rank(ins, 3)
        k, s = p["kernel_size"], p["stride"]
        pad = pair((k - 1) // 2)
        return (p["out_channels"],) + spatial((h, w), (k, k), (s, s), pad, pad, (1, 1), same_fix=False)

    @classmethod
    def param_count(cls, p, ins, out):
        c, k, c_out = ins[0][0], p["kernel_size"], p["out_channels"]
        return k * k * c + 2 * c + c * c_out + 2 * c_out  # the two convolutions and batch norms' scale and shift

    @classmethod
    def macs(cls, p, ins, out):
        c, k = ins[0][0], p["kernel_size"]
        return out[1] * out[2] * (k * k * c + c * p["out_channels"])

    @classmethod
    def receptive_layers(cls, p):
        k, s = p["kernel_size"], p["stride"]
        return ((k, k, s, s, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        k, s = p["kernel_size"], p["stride"]
        return f"{k}×{k} dw" + (f" /{s}" if s != 1 else "") + f" · 1×1 · {p['out_channels']}"

    @classmethod
    def expand(cls, p, in_shape):
        c, k, act = in_shape[0], p["kernel_size"], p["activation"]
        depthwise = dict(out_channels=c, kernel_size=k, stride=p["stride"], padding=(k - 1) // 2, groups=c, bias=False)
        return [
            Part("depthwise.0", "conv2d", depthwise),
            Part("depthwise.1", "batchnorm2d", {}, ("depthwise.0",)),
            Part("depthwise.2", act, {}, ("depthwise.1",)),
            Part(
                "pointwise.0",
                "conv2d",
                dict(out_channels=p["out_channels"], kernel_size=1, bias=False),
                ("depthwise.2",),
            ),
            Part("pointwise.1", "batchnorm2d", {}, ("pointwise.0",)),
            Part("pointwise.2", act, {}, ("pointwise.1",)),
        ]

    @classmethod
    def collapse(cls, parts):
        dw, pw, act = parts.get("depthwise.0"), parts.get("pointwise.0"), parts.get("pointwise.2")
        if dw is None or pw is None or act is None or dw.type != "conv2d" or pw.type != "conv2d":
            return None
        k, s = pair(dw.params.get("kernel_size", 3))[0], pair(dw.params.get("stride", 1))[0]
        out = pw.params.get("out_channels", 1)
        return dict(out_channels=out, kernel_size=k, stride=s, activation=act.type)

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        (module,) = own_classes()
        act = getattr(nn, ACTIVATIONS[p["activation"]])
        return module(ins[0][0], p["out_channels"], p["kernel_size"], p["stride"], act)

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"])]
        if p["kernel_size"] != 3:
            args.append(f"kernel_size={p['kernel_size']}")
        if p["stride"] != 1:
            args.append(f"stride={p['stride']}")
        if p["activation"] != "relu":
            args.append(f"activation=nn.{ACTIVATIONS[p['activation']]}")
        return Call("DepthwiseSeparableConv", args, classes=own_classes())

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        dw, pw = getattr(m, "depthwise", None), getattr(m, "pointwise", None)
        if not isinstance(dw, nn.Sequential) or not isinstance(pw, nn.Sequential) or len(dw) != 3 or len(pw) != 3:
            return None
        if type(dw[0]) is not nn.Conv2d or type(pw[0]) is not nn.Conv2d or type(dw[2]) not in (nn.ReLU, nn.ReLU6):
            return None
        act = type(dw[2]).__name__.lower()
        k, s = dw[0].kernel_size[0], dw[0].stride[0]
        p = dict(out_channels=pw[0].out_channels, kernel_size=k, stride=s, activation=act)
        if cls.check_params(p) or not same_leaves(m, cls.build(p, [(dw[0].in_channels, 1, 1)])):
            return None
        return Step(cls.type, inputs, p)
