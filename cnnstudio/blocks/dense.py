"""Flatten, Linear (dense), Dropout."""

from __future__ import annotations

import math

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw, literal
from .importing import Step, arg, first_tensor, need, shape


def _flatten(x):
    import torch

    return torch.flatten(x, 1)


@register
class Flatten(Block):
    type = "flatten"
    label = QT_TRANSLATE_NOOP("Blocks", "Flatten")
    category = "Dense"
    name_prefix = "flatten"
    description = QT_TRANSLATE_NOOP("Blocks", "C×H×W → C·H·W: turns feature maps into a vector for dense layers.")
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "vectorize"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reshape"),
        QT_TRANSLATE_NOOP("BlockKeywords", "view"),
    )
    torch_modules = ("torch.nn.Flatten",)
    torch_functions = ("flatten", "view", "reshape")
    examples = (({}, [(16, 5, 5)], (400,)), ({}, [(7,)], (7,)))

    @classmethod
    def infer(cls, p, ins):
        return (math.prod(ins[0]),)

    @classmethod
    def function(cls, p):
        return _flatten

    @classmethod
    def emit(cls, p, call, args):
        import torch

        return call(torch.flatten, (args[0], 1))

    @classmethod
    def code(cls, p, in_channels):  # only inside an nn.Sequential; elsewhere torch.flatten in forward
        return Call("nn.Flatten", [])

    @classmethod
    def forward_code(cls, p, args):
        return f"torch.flatten({args[0]}, 1)"

    @classmethod
    def from_module(cls, m, inputs):
        need(
            m.start_dim == 1 and m.end_dim == -1,
            translate("BlockImport", "Flatten({start}, {end}) (only from dim 1 to the end)").format(
                start=m.start_dim, end=m.end_dim
            ),
        )
        return Step(cls.type, inputs)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        if name in ("view", "reshape"):
            # x.view(x.size(0), -1) and its kin are a flatten; a reshape to the same shape is nothing
            before, after = shape(x), shape(node)
            if before == after:
                return Step(None, [x])
            flat = after is not None and len(after) == 2 and after[0] == before[0] and after[1] == math.prod(before[1:])
            return Step(cls.type, [x]) if flat else None  # any other reshape is a Reshape block's
        start, end = arg(node, 1, "start_dim", 0), arg(node, 2, "end_dim", -1)
        need(
            start == 1 and end in (-1, len(shape(x)) - 1),
            translate("BlockImport", "flatten from dim {start} to {end} (only from dim 1)").format(
                start=start, end=end
            ),
        )
        return Step(cls.type, [x])


@register
class Linear(Block):
    type = "linear"
    label = QT_TRANSLATE_NOOP("Blocks", "Linear")
    category = "Dense"
    name_prefix = "fc"
    aliases = ("dense",)
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "fully connected"),
        QT_TRANSLATE_NOOP("BlockKeywords", "dense"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fc"),
        QT_TRANSLATE_NOOP("BlockKeywords", "perceptron"),
        QT_TRANSLATE_NOOP("BlockKeywords", "classifier"),
    )
    torch_modules = ("torch.nn.Linear",)
    description = QT_TRANSLATE_NOOP("Blocks", "Fully connected: every output sees every input; weight is out × in.")
    stricter_than_torch = {
        "needs_flatten": "nn.Linear on a C×H×W map acts on the last axis only; in a CNN that is a missing Flatten",
    }
    params = (
        Param(
            "out_features",
            "int",
            10,
            QT_TRANSLATE_NOOP("BlockParams", "number of outputs (the class count for the last layer)"),
            min=1,
            max=1_000_000,
        ),
        Param("bias", "bool", True, QT_TRANSLATE_NOOP("BlockParams", "add a learnable bias per output")),
    )
    examples = (({"out_features": 120}, [(400,)], (120,)), ({"out_features": 3, "bias": False}, [(5,)], (3,)))

    @classmethod
    def infer(cls, p, ins):
        shape = ins[0]
        if len(shape) != 1:
            flat = math.prod(shape)
            raise ShapeError(
                "needs_flatten",
                translate(
                    "BlockErrors",
                    "Linear expects a flat vector but gets {shape}: "
                    "insert Flatten ({flat} features) or GlobalAvgPool ({channels} features)",
                ).format(shape=fmt_shape(shape), flat=flat, channels=shape[0]),
                (
                    InsertBefore(messages.insert_block("Flatten"), "flatten"),
                    InsertBefore(messages.insert_block("GlobalAvgPool"), "global_avgpool"),
                ),
            )
        return (p["out_features"],)

    @classmethod
    def param_count(cls, p, ins, out):
        return ins[0][0] * out[0] + (out[0] if p["bias"] else 0)

    @classmethod
    def macs(cls, p, ins, out):
        return ins[0][0] * out[0]

    @classmethod
    def receptive_layers(cls, p):
        return None

    @classmethod
    def subtitle(cls, p):
        return f"→ {p['out_features']}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.Linear(ins[0][0], p["out_features"], bias=p["bias"])

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_features"])]
        kw(args, "bias", p["bias"], True)
        return Call("nn.Linear", args)

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(out_features=m.out_features, bias=m.bias is not None))


@register
class Dropout(Block):
    type = "dropout"
    label = QT_TRANSLATE_NOOP("Blocks", "Dropout")
    category = "Dense"
    name_prefix = "dropout"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "regularization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "regularisation"),
    )
    torch_modules = ("torch.nn.Dropout",)
    torch_functions = ("dropout",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Zeroes a random fraction p of values while training; reduces overfitting."
    )
    params = (
        Param(
            "p", "float", 0.5, QT_TRANSLATE_NOOP("BlockParams", "probability of dropping each value"), min=0.0, max=1.0
        ),
    )
    examples = (({}, [(120,)], (120,)), ({"p": 0.2}, [(3, 4, 4)], (3, 4, 4)))

    @classmethod
    def infer(cls, p, ins):
        return ins[0]

    @classmethod
    def subtitle(cls, p):
        return f"p={p['p']}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.Dropout(p["p"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.Dropout", [f"p={literal(float(p['p']))}"])

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(p=float(m.p)))

    @classmethod
    def from_call(cls, node, name):
        # traced in eval mode, F.dropout(training=self.training) reads False: keep it, it is identity in eval
        return Step(cls.type, [first_tensor(node)], dict(p=float(arg(node, 1, "p", 0.5))))
