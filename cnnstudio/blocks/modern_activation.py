"""The activations of mobile and modern CNNs: ReLU6, hard swish/sigmoid, ELU, Mish, PReLU, softmax over channels.

MobileNetV2 clips with ReLU6, MobileNetV3 uses the cheap piecewise-linear Hardswish/Hardsigmoid, EfficientNet's
SE gate is a sigmoid, YOLOv4 uses Mish; Softmax/LogSoftmax turn class scores into (log-)probabilities.
"""

from __future__ import annotations

from cnnstudio.core.block import register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .activation import Activation, activation
from .code import Call, literal
from .importing import Step, arg, first_tensor, need, shape


class _Clamp(Activation):
    """Hardtanh's range must be non-empty: torch refuses max_val <= min_val when it builds the layer."""

    @classmethod
    def infer(cls, p, ins):
        if p["max_val"] <= p["min_val"]:
            raise ShapeError(
                "empty_range",
                translate("BlockErrors", "max_val {max_val} must be greater than min_val {min_val}").format(
                    max_val=f"{p['max_val']:g}", min_val=f"{p['min_val']:g}"
                ),
                (SetParams(messages.use_value("−1 … 1"), {"min_val": -1.0, "max_val": 1.0}),),
            )
        return ins[0]


ReLU6 = activation(
    "relu6",
    QT_TRANSLATE_NOOP("Blocks", "ReLU6"),
    QT_TRANSLATE_NOOP("Blocks", "min(max(0, x), 6): ReLU clipped at 6, robust in low precision (MobileNetV2)."),
    functions=("relu6",),
    keywords=(
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "clipped relu"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bounded"),
    ),
    module=__name__,
)
Hardtanh = activation(
    "hardtanh",
    QT_TRANSLATE_NOOP("Blocks", "Hardtanh"),
    QT_TRANSLATE_NOOP("Blocks", "Clamps x to [min_val, max_val]: a piecewise-linear tanh."),
    (
        Param(
            "min_val",
            "float",
            -1.0,
            QT_TRANSLATE_NOOP("BlockParams", "lower bound of the output"),
            min=-100.0,
            max=100.0,
        ),
        Param(
            "max_val",
            "float",
            1.0,
            QT_TRANSLATE_NOOP("BlockParams", "upper bound of the output (greater than min_val)"),
            min=-100.0,
            max=100.0,
        ),
    ),
    functions=("hardtanh",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "clamp"), QT_TRANSLATE_NOOP("BlockKeywords", "clip")),
    base=_Clamp,
    module=__name__,
    examples=(({}, [(4, 5, 6)], (4, 5, 6)), ({"min_val": 0.0, "max_val": 6.0}, [(7,)], (7,))),
)
Hardswish = activation(
    "hardswish",
    QT_TRANSLATE_NOOP("Blocks", "Hardswish"),
    QT_TRANSLATE_NOOP("Blocks", "x·ReLU6(x + 3)/6: a cheap swish for mobile networks (MobileNetV3)."),
    functions=("hardswish",),
    keywords=(
        QT_TRANSLATE_NOOP("BlockKeywords", "h-swish"),
        QT_TRANSLATE_NOOP("BlockKeywords", "hard swish"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenetv3"),
    ),
    module=__name__,
)
Hardsigmoid = activation(
    "hardsigmoid",
    QT_TRANSLATE_NOOP("Blocks", "Hardsigmoid"),
    QT_TRANSLATE_NOOP("Blocks", "ReLU6(x + 3)/6: a cheap sigmoid, the gate of MobileNetV3's squeeze-and-excitation."),
    functions=("hardsigmoid",),
    keywords=(
        QT_TRANSLATE_NOOP("BlockKeywords", "h-sigmoid"),
        QT_TRANSLATE_NOOP("BlockKeywords", "hard sigmoid"),
        QT_TRANSLATE_NOOP("BlockKeywords", "gate"),
    ),
    module=__name__,
)
ELU = activation(
    "elu",
    QT_TRANSLATE_NOOP("Blocks", "ELU"),
    QT_TRANSLATE_NOOP(
        "Blocks", "x for x > 0, alpha·(e^x − 1) otherwise: negative outputs push mean activations towards zero."
    ),
    (
        Param(
            "alpha",
            "float",
            1.0,
            QT_TRANSLATE_NOOP("BlockParams", "the value the output approaches for very negative x (as −alpha)"),
            min=0.0,
            max=10.0,
        ),
    ),
    functions=("elu",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "exponential linear"),),
    module=__name__,
)
Mish = activation(
    "mish",
    QT_TRANSLATE_NOOP("Blocks", "Mish"),
    QT_TRANSLATE_NOOP("Blocks", "x·tanh(softplus(x)): a smooth, non-monotonic ReLU (YOLOv4)."),
    functions=("mish",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "self regularized"),),
    module=__name__,
)


class _OverChannels(Activation):
    """Softmax-like: normalises over dim 1, the channels of a map or the classes of a score vector."""

    examples = (({}, [(10,)], (10,)), ({}, [(4, 5, 6)], (4, 5, 6)))

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return getattr(nn, cls.torch_name)(dim=1)

    @classmethod
    def code(cls, p, in_channels):
        return Call(f"nn.{cls.torch_name}", ["dim=1"])

    @classmethod
    def from_module(cls, m, inputs):
        need(
            m.dim is not None and m.dim % len(shape(inputs[0])) == 1,
            translate("BlockImport", "dim={dim} (only over channels, dim 1)").format(dim=repr(m.dim)),
        )
        return Step(cls.type, inputs)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        dim = arg(node, 1, "dim")
        need(
            isinstance(dim, int) and dim % len(shape(x)) == 1,
            translate("BlockImport", "dim={dim} (only over channels, dim 1)").format(dim=repr(dim)),
        )
        need(
            arg(node, 3, "dtype") is None and node.kwargs.get("dtype") is None,
            translate("BlockImport", "{op} with a dtype").format(op=name),
        )
        return Step(cls.type, [x])


Softmax = activation(
    "softmax",
    QT_TRANSLATE_NOOP("Blocks", "Softmax"),
    QT_TRANSLATE_NOOP("Blocks", "e^x / Σ e^x over the channels (dim 1): class scores → probabilities that sum to 1."),
    functions=("softmax",),
    keywords=(
        QT_TRANSLATE_NOOP("BlockKeywords", "probabilities"),
        QT_TRANSLATE_NOOP("BlockKeywords", "normalized exponential"),
    ),
    base=_OverChannels,
    module=__name__,
)
LogSoftmax = activation(
    "log_softmax",
    QT_TRANSLATE_NOOP("Blocks", "LogSoftmax"),
    QT_TRANSLATE_NOOP(
        "Blocks",
        "log(softmax(x)) over the channels (dim 1): log-probabilities for NLLLoss (the classic MNIST example).",
    ),
    functions=("log_softmax",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "log probabilities"), QT_TRANSLATE_NOOP("BlockKeywords", "nll")),
    base=_OverChannels,
    module=__name__,
)


@register
class PReLU(Activation):
    type = "prelu"
    label = QT_TRANSLATE_NOOP("Blocks", "PReLU")
    torch_name = "PReLU"
    name_prefix = "prelu"
    description = QT_TRANSLATE_NOOP(
        "Blocks", "x for x > 0, a·x otherwise with a learned slope a (one, or one per channel)."
    )
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "parametric relu"),
        QT_TRANSLATE_NOOP("BlockKeywords", "learnable"),
        QT_TRANSLATE_NOOP("BlockKeywords", "leaky"),
    )
    torch_modules = ("torch.nn.PReLU",)
    params = (
        Param(
            "per_channel",
            "bool",
            False,
            QT_TRANSLATE_NOOP("BlockParams", "learn one slope per channel instead of one for the layer"),
        ),
        Param(
            "init",
            "float",
            0.25,
            QT_TRANSLATE_NOOP("BlockParams", "initial slope for negative inputs"),
            min=0.0,
            max=1.0,
        ),
    )
    examples = (({}, [(4, 5, 6)], (4, 5, 6)), ({"per_channel": True}, [(4, 5, 6)], (4, 5, 6)), ({}, [(7,)], (7,)))

    @classmethod
    def param_count(cls, p, ins, out):
        return ins[0][0] if p["per_channel"] else 1

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.PReLU(ins[0][0] if p["per_channel"] else 1, init=float(p["init"]))

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels] if p["per_channel"] else []
        if float(p["init"]) != 0.25:
            args.append(f"init={literal(float(p['init']))}")
        return Call("nn.PReLU", args)

    @classmethod
    def from_module(cls, m, inputs):
        channels = shape(inputs[0])[1]
        need(
            m.num_parameters in (1, channels),
            translate("BlockImport", "num_parameters={count} (1 or the {channels} channels)").format(
                count=m.num_parameters, channels=channels
            ),
        )
        init = float(m.init) if hasattr(m, "init") else 0.25
        return Step(cls.type, inputs, dict(per_channel=m.num_parameters != 1 or channels == 1, init=init))

    @classmethod
    def from_call(cls, node, name):
        return None  # F.prelu takes its weight as a tensor argument: there is no layer to hold it
