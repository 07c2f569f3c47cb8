"""Helpers blocks use to read a torch.fx node or a module back into params (``from_module``/``from_call``).

Torch-free at import: the fx nodes are read by duck typing, so the registry loads without torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from cnnstudio.core.i18n import translate


class Unsupported(Exception):
    """An op or a setting that has no block; str() says which setting."""


@dataclass
class Step:
    """What one traced op becomes: a block (type, params, tensor inputs) or, with type None, its input."""

    type: str | None
    inputs: list
    params: dict = field(default_factory=dict)


def need(condition: bool, what: str) -> None:
    if not condition:
        raise Unsupported(what)


def value(v):
    """A pair or a single number as the block params store it."""
    if isinstance(v, (tuple, list)):
        v = [int(a) for a in v]
        return v[0] if len(set(v)) == 1 else v
    return int(v)


def arg(node, index: int, name: str, default=None):
    """Positional argument ``index`` or keyword ``name`` of an fx call."""
    if len(node.args) > index:
        return node.args[index]
    return node.kwargs.get(name, default)


def is_node(v) -> bool:
    return type(v).__name__ == "Node" and hasattr(v, "meta")


def shape(node) -> tuple[int, ...] | None:
    """The traced shape (batch first) of a tensor-valued fx node, None for anything else."""
    meta = node.meta.get("tensor_meta") if is_node(node) else None
    return tuple(meta.shape) if meta is not None and hasattr(meta, "shape") else None


def pieces(node) -> list | None:
    """The traced pieces (each with a ``shape``) of an op that returns several tensors (torch.chunk), else None.

    A single tensor's TensorMetadata is a NamedTuple itself: told apart by having a shape.
    """
    meta = node.meta.get("tensor_meta") if is_node(node) else None
    if meta is None or hasattr(meta, "shape") or not isinstance(meta, (tuple, list)) or not meta:
        return None
    return list(meta) if all(hasattr(m, "shape") for m in meta) else None


def tensors(values) -> list:
    """The tensor-valued fx nodes among ``values``."""
    return [v for v in values if is_node(v) and shape(v) is not None]


def first_tensor(node):
    """The tensor an unary op acts on (its first argument)."""
    x = node.args[0] if node.args else next(iter(node.kwargs.values()), None)
    need(is_node(x) and shape(x) is not None, translate("BlockImport", "an op whose first argument is not a tensor"))
    return x


def channel_dim(node, x, index: int = 1, name: str = "dim", default: Any = None) -> int:
    """The dim argument of ``node`` normalised to x's rank (so -3 on N×C×H×W is 1)."""
    dim = arg(node, index, name, default)
    need(isinstance(dim, int), f"dim={dim!r}")
    return dim % len(shape(x))


def elements(s) -> int:
    return math.prod(s)


def _leaf(m) -> str:
    """A layer's settings as its repr, ``inplace`` aside (it changes no value); StochasticDepth by p and mode."""
    if type(m).__name__ == "StochasticDepth":
        return f"StochasticDepth({getattr(m, 'p', None)!r}, {getattr(m, 'mode', None)!r})"
    return repr(m).replace("inplace=True", "")


def same_leaves(m, expected) -> bool:
    """Whether module ``m`` has exactly ``expected``'s layers (names, kinds, settings): a composite may take it whole.

    Parameters are compared by shape only; the weights are the import's to load.
    """
    mine = [(name, _leaf(c)) for name, c in m.named_modules() if not list(c.children())]
    theirs = [(name, _leaf(c)) for name, c in expected.named_modules() if not list(c.children())]
    if mine != theirs:
        return False
    shapes = {name: tuple(t.shape) for name, t in m.named_parameters()}
    return shapes == {name: tuple(t.shape) for name, t in expected.named_parameters()}
