"""Which block one torch.fx node of an imported model becomes: the blocks say what they import from.

Each block lists the nn.Module classes (``torch_modules``) and the functions / tensor methods
(``torch_functions``) it stands for and reads their settings back (``from_module`` / ``from_call``); this module
only indexes those declarations. A ``Step`` is a block (type, params, tensor inputs), an alias (the node passes
its input through: ``nn.Identity``, ``.contiguous()``) or None when the op has no block; the importer names the
op and where it is in its error message.
"""

from __future__ import annotations

import functools
import importlib
import operator

import torch
import torch.fx as fx
import torch.nn as nn
import torch.nn.functional as F

from cnnstudio.blocks.importing import Step, Unsupported, first_tensor
from cnnstudio.core.block import REGISTRY, Registry

__all__ = [
    "Step",
    "Unsupported",
    "composite_step",
    "describe",
    "function_name",
    "function_step",
    "layer_class",
    "module_step",
]

_OWNERS = (torch, F, torch.Tensor, torch._C._nn, operator)
_OPERATORS = {"add", "iadd", "mul", "imul", "sub", "isub", "truediv"}  # x + y; not operator.concat & co.


def _resolve(path: str):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name, None)


@functools.cache
def _module_index(registry: Registry = REGISTRY):
    """(blocks by exact nn.Module class, blocks by class name): composites first, as they match whole."""
    by_class: dict[type, list] = {}
    by_name: dict[str, list] = {}
    for block in sorted(registry, key=lambda b: not b.composite):
        for entry in block.torch_modules:
            if "." in entry:
                cls = _resolve(entry)
                if cls is not None:
                    by_class.setdefault(cls, []).append(block)
            else:
                by_name.setdefault(entry, []).append(block)
    return by_class, by_name


@functools.cache
def _function_index(registry: Registry = REGISTRY):
    """(blocks by op name, op name by function object)."""
    by_name: dict[str, list] = {}
    for block in registry:
        for name in block.torch_functions:
            by_name.setdefault(name, []).append(block)
    by_target = {}
    for name in by_name:
        if "." in name:  # a function outside torch (torchvision.ops.stochastic_depth), if it is installed
            try:
                target = _resolve(name)
            except ImportError:
                target = None
            if target is not None:
                by_target[target] = name
            continue
        for owner in _OWNERS:
            if owner is operator and name not in _OPERATORS:
                continue
            target = getattr(owner, name, None)
            if target is not None and not isinstance(target, type):
                try:
                    by_target.setdefault(target, name)
                except TypeError:  # unhashable
                    pass
    return by_name, by_target


def composite_step(m: nn.Module, inputs: list[fx.Node]) -> Step | None:
    """A torchvision building block (BasicBlock, Inception…) that a composite block builds exactly, else None."""
    _, by_name = _module_index()
    for block in by_name.get(type(m).__name__, ()):
        step = block.from_module(m, inputs)
        if step is not None:
            return step
    return None


# Subclasses of a torch layer that override forward and still compute what the layer does: timm's Linear
# differs from nn.Linear only under TorchScript. (A subclass that keeps forward is taken as its layer anyway.)
_SAME_FORWARD = {"timm.layers.linear.Linear"}


def layer_class(m: nn.Module) -> type | None:
    """The torch layer class some block imports that ``m`` is, or subclasses without computing anything else."""
    by_class, _ = _module_index()
    if type(m) in by_class:
        return type(m)
    for cls in type(m).__mro__[1:]:
        if cls in by_class:
            between = type(m).__mro__[: type(m).__mro__.index(cls)]
            overridden = [c for c in between if "forward" in vars(c)]
            if all(f"{c.__module__}.{c.__qualname__}" in _SAME_FORWARD for c in overridden):
                return cls
            return None
    return None


def module_step(m: nn.Module, inputs: list[fx.Node]) -> Step | None:
    """The block for a leaf module, or None if there is none; raises Unsupported for a setting it cannot hold."""
    step = composite_step(m, inputs)
    if step is not None:
        return step
    if type(m) is nn.Identity:
        return Step(None, inputs)
    by_class, _ = _module_index()
    for block in by_class.get(layer_class(m), ()):
        step = block.from_module(m, inputs)
        if step is not None:
            return step
    return None


def function_name(target) -> str | None:
    """The op a call_function target is, by identity (F.max_pool2d's dispatcher included), or None."""
    by_name, by_target = _function_index()
    try:
        if target in by_target:
            return by_target[target]
    except TypeError:  # unhashable target
        return None
    name = getattr(target, "__name__", "")
    module = getattr(target, "__module__", "") or ""
    if name in by_name and module.startswith(("torch.nn.functional", "torch._C")):
        return name
    return None


def function_step(node: fx.Node) -> Step | None:
    """The block for a call_function or call_method node, or None if there is none."""
    name = node.target if node.op == "call_method" else function_name(node.target)
    if name == "contiguous":
        return Step(None, [first_tensor(node)])
    by_name, _ = _function_index()
    for block in by_name.get(name, ()):
        step = block.from_call(node, name)
        if step is not None:
            return step
    return None


def describe(node: fx.Node) -> str:
    """How the op reads in the source: ``nn.LSTM``, ``torch.nn.functional.interpolate``, ``Tensor.unfold``."""
    if node.op == "call_method":
        return f"Tensor.{node.target}"
    if node.op == "call_function":
        module = getattr(node.target, "__module__", None) or ""
        name = getattr(node.target, "__name__", str(node.target))
        module = {
            "_operator": "operator",
            "torch._C._nn": "torch.nn.functional",
            "torch._C._VariableFunctions": "torch",
        }.get(module, module)
        return f"{module}.{name}" if module else name
    return f"{node.op} {node.target}"
