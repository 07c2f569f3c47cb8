"""Element-wise Multiply and Subtract of two branches, broadcasting size-1 axes.

Multiply is the gate of squeeze-and-excitation (EfficientNet, MobileNetV3, RegNet): an N×C×1×1 weight per
channel times the N×C×H×W map. Subtract takes ``in0 − in1`` (differences of features, attention tricks).
"""

from __future__ import annotations

import operator

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate

from .importing import Step, need, shape, tensors
from .texts import title


def broadcast(a: tuple, b: tuple, what: str) -> tuple:
    """The shape of ``a ∘ b`` when every axis is equal or 1 on one side (PyTorch's rule at equal rank)."""
    if len(a) != len(b):
        raise ShapeError(
            "rank_mismatch",
            translate("BlockErrors", "{block} needs inputs of the same rank, got {a} and {b}").format(
                block=what, a=fmt_shape(a), b=fmt_shape(b)
            ),
        )
    out = []
    for axis, (x, y) in enumerate(zip(a, b)):
        if x != y and 1 not in (x, y):
            raise ShapeError(
                "shape_mismatch",
                translate(
                    "BlockErrors",
                    "{block} cannot broadcast {a} with {b}: axis {axis} is {x} vs {y} "
                    "(each axis must be equal or 1 on one side)",
                ).format(block=what, a=fmt_shape(a), b=fmt_shape(b), axis=axis, x=x, y=y),
                (
                    InsertBefore(
                        translate("BlockErrors", "Insert AdaptiveAvgPool2d → 1×1 (a per-channel gate)"),
                        "adaptive_avgpool2d",
                    ),
                )
                if len(a) == 3 and axis > 0
                else (),
            )
        out.append(max(x, y))
    return tuple(out)


class _Binary(Block):
    category = "Merge"
    symbol = ""
    function_ = None
    stricter_than_torch = {
        "rank_mismatch": "torch would broadcast H×W against C×H×W; in a CNN different ranks are a wiring mistake",
    }

    @classmethod
    def input_ports(cls, p):
        return ("in0", "in1")

    @classmethod
    def infer(cls, p, ins):
        return broadcast(ins[0], ins[1], title(cls))

    @classmethod
    def function(cls, p):
        return cls.function_

    @classmethod
    def emit(cls, p, call, args):
        return call(cls.function_, (args[0], args[1]))

    @classmethod
    def forward_code(cls, p, args):
        return f"{args[0]} {cls.symbol} {args[1]}"

    @classmethod
    def from_call(cls, node, name):
        xs = tensors(node.args)
        need(
            len(xs) == 2 and len(node.args) == 2 and not node.kwargs,
            translate("BlockImport", "{op} with a number (only tensor {symbol} tensor)").format(
                op=name, symbol=cls.symbol
            ),
        )
        a, b = shape(xs[0]), shape(xs[1])
        need(len(a) == len(b), translate("BlockImport", "{op} of tensors of different ranks").format(op=name))
        if name.startswith("__r"):  # 2 - x's reflected form: the tensor comes second in the source
            xs.reverse()
        return Step(cls.type, xs)


@register
class Multiply(_Binary):
    type = "multiply"
    label = QT_TRANSLATE_NOOP("Blocks", "Multiply")
    name_prefix = "mul"
    symbol = "*"
    function_ = staticmethod(operator.mul)
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "product"),
        QT_TRANSLATE_NOOP("BlockKeywords", "gate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "scale"),
        QT_TRANSLATE_NOOP("BlockKeywords", "squeeze-and-excitation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "attention"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mul"),
    )
    torch_functions = ("mul", "imul", "__mul__", "__rmul__", "multiply")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Element-wise product of two branches; size-1 axes broadcast, so a C×1×1 gate scales each channel "
        "of a C×H×W map (squeeze-and-excitation).",
    )
    examples = (
        ({}, [(8, 1, 1), (8, 7, 7)], (8, 7, 7)),
        ({}, [(8, 7, 7), (8, 7, 7)], (8, 7, 7)),
        ({}, [(5,), (5,)], (5,)),
    )

    @classmethod
    def subtitle(cls, p):
        return "×"


@register
class Subtract(_Binary):
    type = "subtract"
    label = QT_TRANSLATE_NOOP("Blocks", "Subtract")
    name_prefix = "sub"
    symbol = "-"
    function_ = staticmethod(operator.sub)
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "difference"),
        QT_TRANSLATE_NOOP("BlockKeywords", "minus"),
        QT_TRANSLATE_NOOP("BlockKeywords", "sub"),
    )
    torch_functions = ("sub", "isub", "__sub__", "subtract")
    description = QT_TRANSLATE_NOOP("Blocks", "Element-wise difference in0 − in1; size-1 axes broadcast.")
    examples = (({}, [(4, 6, 6), (4, 6, 6)], (4, 6, 6)), ({}, [(4, 6, 6), (1, 6, 6)], (4, 6, 6)))

    @classmethod
    def subtitle(cls, p):
        return "in0 − in1"
