"""Merging branches: element-wise Add (residual shortcuts) and channel Concat (inception, U-Net skips)."""

from __future__ import annotations

from cnnstudio.core.block import Block, register
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.params import Param

_NUM_INPUTS = Param("num_inputs", "int", 2, "number of branches to merge", min=2, max=16)


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
    label = "Add"
    name_prefix = "add"
    description = "Element-wise sum of equal shapes: the residual shortcut F(x) + x."
    stricter_than_torch = {
        "shape_mismatch": "torch would broadcast (1×H×W + C×H×W runs); a shortcut of unequal shapes is a mistake",
    }
    examples = (({}, [(64, 56, 56), (64, 56, 56)], (64, 56, 56)), ({"num_inputs": 3}, [(5,), (5,), (5,)], (5,)))

    @classmethod
    def infer(cls, p, ins):
        if any(s != ins[0] for s in ins[1:]):
            raise ShapeError("shape_mismatch", f"Add needs equal shapes, got {_listing(ins)}")
        return ins[0]


@register
class Concat(_Merge):
    type = "concat"
    label = "Concat"
    name_prefix = "cat"
    description = "Stacks branches along the channel axis; heights and widths must match."
    examples = (
        ({}, [(64, 28, 28), (32, 28, 28)], (96, 28, 28)),
        ({"num_inputs": 3}, [(5,), (2,), (1,)], (8,)),
    )

    @classmethod
    def infer(cls, p, ins):
        first = ins[0]
        if any(len(s) != len(first) or s[1:] != first[1:] for s in ins[1:]):
            what = "heights and widths" if len(first) == 3 else "all but the channel axis"
            raise ShapeError("shape_mismatch", f"Concat needs equal {what}, got {_listing(ins)}")
        return (sum(s[0] for s in ins),) + tuple(first[1:])

    @classmethod
    def subtitle(cls, p):
        return "channels"
