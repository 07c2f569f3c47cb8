"""What each block looks like as PyTorch source: the block classes write their own constructor calls and
forward expressions (``Block.code`` / ``forward_code``); this module asks them and copies the helper classes.

The helper classes are the torchvision building blocks (BasicConv2d, Inception, BasicBlock, Bottleneck) that
``cnnstudio.blocks.modules`` defines and the compiled model runs: the exported file contains their very source,
so the two cannot drift and state_dict keys match.
"""

from __future__ import annotations

import functools
import inspect
import textwrap

from cnnstudio.blocks import modules
from cnnstudio.blocks.code import LINE, Call, call_lines, literal, size

__all__ = ["HELPER_ORDER", "LINE", "Call", "call_lines", "constructor", "functional", "helper_sources", "init_lines"]
__all__ += ["class_sources", "literal", "size"]

HELPER_ORDER = modules.EXPORTED


def constructor(block, p: dict, in_channels: str) -> Call:
    """The ``nn.Module`` constructor of a node; ``in_channels`` is a literal or a parameter name."""
    call = block.code(p, in_channels)
    if call is None:
        raise ValueError(f"no Python form for block type {block.type!r}")
    return call


def init_lines(block, p: dict, path: str, indent: str) -> list[str]:
    """Statements that initialise the module at ``path`` (a conv's chosen weight initialisation)."""
    return [line for func, args in block.init_code(p, path) for line in call_lines(func, args, "", indent)]


def functional(block, p: dict, args: list[str]) -> str:
    """The forward expression of a block without a module."""
    expr = block.forward_code(p, args)
    if expr is None:
        raise ValueError(f"no forward expression for block type {block.type!r}")
    return expr


@functools.cache
def _source(name: str) -> str:
    return inspect.getsource(getattr(modules, name)).strip("\n")


def helper_sources(names: set[str]) -> list[str]:
    """The source of the helper classes (and functions) these names need, in definition order."""
    return [_source(n) for n in HELPER_ORDER if n in names]


def class_sources(classes) -> list[str]:
    """The source of torch classes a block file defines inside its cached factory (dedented to module level)."""
    return [textwrap.dedent(inspect.getsource(cls)).strip("\n") for cls in classes]
