"""Merging branches: element-wise Add (residual shortcuts) and channel Concat (inception, U-Net skips)."""

from __future__ import annotations

import functools
import operator

from cnnstudio.core.block import Block, register
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .importing import Step, arg, need, pieces, shape, tensors

# DenseNet concatenates every earlier layer of a block (up to 49 inputs in densenet201): no small cap
_NUM_INPUTS = Param(
    "num_inputs", "int", 2, QT_TRANSLATE_NOOP("BlockParams", "number of branches to merge"), min=1, max=1024
)


def _add(*xs):
    return functools.reduce(operator.add, xs)


def _cat(*xs):
    import torch

    return torch.cat(xs, 1)


class _Merge(Block):
    category = "Merge"
    params = (_NUM_INPUTS,)

    @classmethod
    def input_ports(cls, p):
        return tuple(f"in{i}" for i in range(p["num_inputs"]))


def _listing(ins) -> str:
    return ", ".join(f"in{i} {fmt_shape(s)}" for i, s in enumerate(ins))


@register
class Add(_Merge):
    type = "add"
    label = QT_TRANSLATE_NOOP("Blocks", "Add")
    name_prefix = "add"
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "sum"),
        QT_TRANSLATE_NOOP("BlockKeywords", "plus"),
        QT_TRANSLATE_NOOP("BlockKeywords", "residual"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
        QT_TRANSLATE_NOOP("BlockKeywords", "skip connection"),
    )
    torch_functions = ("add", "iadd", "__add__", "__iadd__")
    description = QT_TRANSLATE_NOOP("Blocks", "Element-wise sum of equal shapes: the residual shortcut F(x) + x.")
    stricter_than_torch = {
        "shape_mismatch": "torch would broadcast (1×H×W + C×H×W runs); a shortcut of unequal shapes is a mistake",
    }
    examples = (({}, [(64, 56, 56), (64, 56, 56)], (64, 56, 56)), ({"num_inputs": 3}, [(5,), (5,), (5,)], (5,)))

    @classmethod
    def infer(cls, p, ins):
        if any(s != ins[0] for s in ins[1:]):
            raise ShapeError(
                "shape_mismatch",
                translate("BlockErrors", "Add needs equal shapes, got {shapes}").format(shapes=_listing(ins)),
            )
        return ins[0]

    @classmethod
    def function(cls, p):
        return _add

    @classmethod
    def emit(cls, p, call, args):
        return functools.reduce(lambda a, b: call(operator.add, (a, b)), args)

    @classmethod
    def forward_code(cls, p, args):
        return " + ".join(args)

    @classmethod
    def from_call(cls, node, name):
        xs = tensors(node.args)
        need(len(xs) == 2 and len(node.args) == 2, translate("BlockImport", "adding a number (only tensor + tensor)"))
        need(node.kwargs.get("alpha", 1) == 1, translate("BlockImport", "torch.add with alpha"))
        need(
            shape(xs[0]) == shape(xs[1]), translate("BlockImport", "adding tensors of different shapes (broadcasting)")
        )
        return Step(cls.type, xs, dict(num_inputs=2))


@register
class Concat(_Merge):
    type = "concat"
    label = QT_TRANSLATE_NOOP("Blocks", "Concat")
    name_prefix = "cat"
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "concatenate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "stack channels"),
        QT_TRANSLATE_NOOP("BlockKeywords", "join"),
        QT_TRANSLATE_NOOP("BlockKeywords", "merge"),
        QT_TRANSLATE_NOOP("BlockKeywords", "dense connection"),
    )
    torch_functions = ("cat", "concat", "concatenate")
    description = QT_TRANSLATE_NOOP("Blocks", "Stacks branches along the channel axis; heights and widths must match.")
    examples = (
        ({}, [(64, 28, 28), (32, 28, 28)], (96, 28, 28)),
        ({"num_inputs": 3}, [(5,), (2,), (1,)], (8,)),
    )

    @classmethod
    def infer(cls, p, ins):
        first = ins[0]
        if any(len(s) != len(first) or s[1:] != first[1:] for s in ins[1:]):
            if len(first) == 3:
                message = translate("BlockErrors", "Concat needs equal heights and widths, got {shapes}")
            else:
                message = translate("BlockErrors", "Concat needs equal all but the channel axis, got {shapes}")
            raise ShapeError("shape_mismatch", message.format(shapes=_listing(ins)))
        return (sum(s[0] for s in ins),) + tuple(first[1:])

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "channels")

    @classmethod
    def function(cls, p):
        return _cat

    @classmethod
    def emit(cls, p, call, args):
        import torch

        return call(torch.cat, (list(args), 1))

    @classmethod
    def forward_code(cls, p, args):
        return f"torch.cat([{', '.join(args)}], 1)"

    @classmethod
    def from_call(cls, node, name):
        listed = arg(node, 0, "tensors", [])
        split = pieces(listed)
        if split:  # torch.cat(torch.split(x, 4, 1), 1): every piece
            xs, rank = [(listed, k) for k in range(len(split))], len(split[0].shape)
        else:
            need(
                isinstance(listed, (list, tuple)),
                translate("BlockImport", "torch.cat of a computed sequence (only a list of tensors)"),
            )
            xs = tensors(listed)
            need(
                len(xs) == len(listed) and xs,
                translate("BlockImport", "torch.cat of something that is not a tensor of the network"),
            )
            rank = len(shape(xs[0]))
        dim = arg(node, 1, "dim", 0)
        need(
            isinstance(dim, int) and dim % rank == 1,
            translate("BlockImport", "torch.cat on dim {dim} (only on channels, dim 1)").format(dim=dim),
        )
        return Step(cls.type, xs, dict(num_inputs=len(xs)))
