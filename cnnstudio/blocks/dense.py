"""Flatten, Linear (dense), Dropout."""

from __future__ import annotations

import math

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.params import Param


@register
class Flatten(Block):
    type = "flatten"
    label = "Flatten"
    category = "Dense"
    name_prefix = "flatten"
    description = "C×H×W → C·H·W: turns feature maps into a vector for dense layers."
    examples = (({}, [(16, 5, 5)], (400,)), ({}, [(7,)], (7,)))

    @classmethod
    def infer(cls, p, ins):
        return (math.prod(ins[0]),)


@register
class Linear(Block):
    type = "linear"
    label = "Linear"
    category = "Dense"
    name_prefix = "fc"
    aliases = ("dense",)
    description = "Fully connected: every output sees every input; weight is out × in."
    stricter_than_torch = {
        "needs_flatten": "nn.Linear on a C×H×W map acts on the last axis only; in a CNN that is a missing Flatten",
    }
    params = (
        Param(
            "out_features", "int", 10, "number of outputs (the class count for the last layer)", min=1, max=1_000_000
        ),
        Param("bias", "bool", True, "add a learnable bias per output"),
    )
    examples = (({"out_features": 120}, [(400,)], (120,)), ({"out_features": 3, "bias": False}, [(5,)], (3,)))

    @classmethod
    def infer(cls, p, ins):
        shape = ins[0]
        if len(shape) != 1:
            flat = math.prod(shape)
            raise ShapeError(
                "needs_flatten",
                f"Linear expects a flat vector but gets {fmt_shape(shape)}: "
                f"insert Flatten ({flat} features) or GlobalAvgPool ({shape[0]} features)",
                (
                    InsertBefore("Insert Flatten", "flatten"),
                    InsertBefore("Insert GlobalAvgPool", "global_avgpool"),
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


@register
class Dropout(Block):
    type = "dropout"
    label = "Dropout"
    category = "Dense"
    name_prefix = "dropout"
    description = "Zeroes a random fraction p of values while training; reduces overfitting."
    params = (Param("p", "float", 0.5, "probability of dropping each value", min=0.0, max=1.0),)
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
