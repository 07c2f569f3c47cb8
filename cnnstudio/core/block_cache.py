"""Memoised block formulas for inference after every edit.

A block's param check and formulas are pure functions of (params, input shapes), so results are kept by
content, never by node: a params dict changed in place simply gets another key. Many nodes share a result
(every 3×3 conv of a stage), which is what makes full inference of a large graph take a few milliseconds.
"""

from __future__ import annotations

import copy
import math
from typing import Any, NamedTuple

from .formulas import Shape, ShapeError
from .i18n import language, translate
from .params import number_text

MAX_ELEMENTS = 2**63 - 1  # values in one tensor: PyTorch counts them in an int64

_LIMIT = 16384  # entries per cache; cleared when full (graphs being edited reuse a small working set)


class Checked(NamedTuple):
    """A node's params, checked: the problems, or the full params, ports and receptive windows."""

    problems: list[str]
    params: dict | None  # with defaults filled in; a private copy, never the node's own dict
    ports: tuple[str, ...]
    layers: Any  # Block.receptive_layers(params)
    results: dict  # input shapes -> Result, for these params


class Result(NamedTuple):
    """A block's formulas on one set of input shapes: the output (or the error), params and MACs."""

    shape: Shape | None
    params: int
    macs: int
    error: ShapeError | None
    outputs: tuple | None = None  # a multi-output block's shape per output port (``shape`` is the first)


_checked: dict[tuple, Checked] = {}
_spoken = [""]  # the language the cached problems and shape errors are written in


def params_key(block: type, params: dict) -> tuple | None:
    """A hashable key equal only for equal params (types included: 1, 1.0 and True differ); None if unhashable."""
    key = (block, tuple(params.items()), tuple(map(type, params.values())))
    try:
        hash(key)
        return key
    except TypeError:  # lists (sizes like [3, 5]): as tuples of (type, value)
        pass
    try:
        items = tuple(
            [(k, tuple([(x.__class__, x) for x in v]) if v.__class__ is list else v) for k, v in params.items()]
        )
        key = (block, items, key[2])
        hash(key)
        return key
    except TypeError:  # a dict or nested list inside params: rare, and invalid anyway
        return None


def check(block, params: dict, key: tuple | None) -> Checked:
    """The params checked against the block's declaration (memoised by ``key``)."""
    if _spoken[0] != language():  # messages are made in the language spoken when they are made
        _checked.clear()
        _spoken[0] = language()
    hit = _checked.get(key) if key is not None else None
    if hit is not None:
        return hit
    problems = block.check_params(params)
    if problems:
        result = Checked(problems, None, (), None, {})
    else:
        full = copy.deepcopy(block.resolve(params))
        result = Checked([], full, block.input_ports(full), block.receptive_layers(full), {})
    if key is not None:
        if len(_checked) >= _LIMIT:
            _checked.clear()
        _checked[key] = result
    return result


def evaluate(block, checked: Checked, ins: list[Shape]) -> Result:
    """Output shape, parameter count and MACs for these input shapes (memoised with the checked params)."""
    shapes = tuple(ins)
    hit = checked.results.get(shapes)
    if hit is not None:
        return hit
    p = checked.params
    outputs = None
    try:
        if block.multi_output:
            outputs = tuple(tuple(s) for s in block.infer_ports(p, ins))
            for each in outputs:
                _check_size(each)
            out = outputs[0]
        else:
            out = tuple(block.infer(p, ins))
            _check_size(out)
    except ShapeError as exc:
        result = Result(None, 0, 0, exc)
    else:
        result = Result(out, block.param_count(p, ins, out), block.macs(p, ins, out), None, outputs)
    if len(checked.results) < 256:  # one params set seen on many input sizes: keep the first few
        checked.results[shapes] = result
    return result


def _check_size(shape: Shape) -> None:
    """Refuse an output no tensor can hold: 300 transposed convolutions of stride 255 make a 10¹⁴⁶⁴-wide map.

    Left alone, such sizes grow into integers of thousands of digits that every later formula multiplies.
    """
    if math.prod(shape) > MAX_ELEMENTS:
        dims = "×".join(number_text(v) for v in shape)
        raise ShapeError(
            "too_large",
            translate(
                "Diagnostics",
                "the output would be {dims} = {total} values per image, more than a tensor can hold (2⁶³ − 1)",
            ).format(dims=dims, total=number_text(math.prod(shape))),
        )


def clear() -> None:
    """Forget everything (after a block class is redefined, say in tests)."""
    _checked.clear()
