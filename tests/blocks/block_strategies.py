"""Hypothesis strategies that draw valid params and (mostly) plausible input shapes for any block.

Values are drawn from each Param's declared kind and range, capped small so torch forwards stay cheap.
"""

from __future__ import annotations

from hypothesis import strategies as st

from cnnstudio.core.params import Param

_SPAN = 4  # how far above its minimum an int/size is drawn: small layers, fast forwards


def _int_range(spec: Param, span: int = _SPAN) -> tuple[int, int]:
    lo = int(spec.min) if spec.min is not None else 0
    hi = lo + span if spec.max is None else min(int(spec.max), lo + span)
    return lo, hi


def param_value(spec: Param) -> st.SearchStrategy:
    """Any value the param accepts (within a small window of its range)."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "int":
        lo, hi = _int_range(spec)
        return st.one_of(st.just(lo), st.integers(lo, hi))  # the minimum often: groups=1 keeps convs valid
    if spec.kind == "float":
        lo = spec.min if spec.min is not None else -3.0
        hi = spec.max if spec.max is not None else lo + 3.0
        return st.floats(lo, min(hi, lo + 3.0), allow_nan=False, allow_infinity=False)
    if spec.kind in ("size", "padding"):
        one = st.integers(*_int_range(spec))
        values = st.one_of(one, st.lists(one, min_size=2, max_size=2))
        if spec.kind == "padding":
            values = st.one_of(values, st.sampled_from(["same", "valid"]))
        return values
    if spec.kind == "shape":
        return st.lists(st.integers(1, 6), min_size=1, max_size=3)
    if spec.kind == "sizes":  # empty (the block's default meaning) or a few small numbers
        return st.one_of(st.just([]), st.lists(st.integers(*_int_range(spec, 4)), min_size=1, max_size=4))
    raise AssertionError(f"no strategy for param kind {spec.kind!r}")


def block_params(block) -> st.SearchStrategy[dict]:
    """A full params dict; some keys left out so defaults are exercised too."""
    return st.fixed_dictionaries({}, optional={spec.name: param_value(spec) for spec in block.params})


_CHANNELS = st.sampled_from([1, 2, 3, 4, 6, 8])
_SIDE = st.one_of(st.integers(1, 16), st.integers(6, 16))  # small maps too, but mostly ones a 5×5 fits


@st.composite
def one_shape(draw, ranks: tuple[int, ...] = (3,)) -> tuple[int, ...]:
    """A shape, usually of a rank the block is made for (``ranks``), sometimes any rank."""
    rank = draw(st.one_of(st.sampled_from(ranks), st.sampled_from(ranks), st.sampled_from(ranks), st.integers(1, 3)))
    if rank == 1:
        return (draw(st.integers(1, 12)),)
    return (draw(_CHANNELS),) + tuple(draw(_SIDE) for _ in range(rank - 1))


def example_ranks(block) -> tuple[int, ...]:
    """The input ranks the block's declared examples use: what the block is made for."""
    ranks = {len(shape) for _, ins, _ in block.examples for shape in ins}
    return tuple(sorted(ranks)) or (3,)


@st.composite
def input_shapes(draw, count: int, ranks: tuple[int, ...] = (3,)) -> list[tuple[int, ...]]:
    """``count`` shapes; for merges mostly equal, or equal but for channels, sometimes unrelated."""
    base = draw(one_shape(ranks))
    shapes = [base]
    for _ in range(count - 1):
        how = draw(st.sampled_from(["same", "same", "channels", "other"]))
        if how == "same":
            shapes.append(base)
        elif how == "channels":
            shapes.append((draw(_CHANNELS),) + base[1:])
        else:
            shapes.append(draw(one_shape(ranks)))
    return shapes
