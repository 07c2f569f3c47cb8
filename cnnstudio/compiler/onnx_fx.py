"""Helpers for the rewrites of onnx2torch's fx modules: their constants, and the probe a rewrite is checked on."""

from __future__ import annotations

import torch
import torch.fx as fx
import torch.nn as nn


def buffer(module: fx.GraphModule, arg) -> torch.Tensor | None:
    """The constant tensor ``arg`` reads (an onnx2torch initializer), or None when it is not a constant."""
    if isinstance(arg, fx.Node) and arg.op == "get_attr":
        value = module
        for part in arg.target.split("."):
            value = getattr(value, part, None)
        return value if isinstance(value, torch.Tensor) else None
    return None


def drop_unused_constants(module: fx.GraphModule) -> None:
    """Constants only the rewritten calls read (a reshape's shape) leave the state_dict with them."""
    used = {node.target for node in module.graph.nodes if node.op == "get_attr"}
    holder = getattr(module, "initializers", None)
    if not isinstance(holder, nn.Module):
        return
    for name, _ in list(holder.named_buffers(recurse=False)):
        if f"initializers.{name}" not in used:
            delattr(holder, name)


def probe_inputs(model) -> list[torch.Tensor] | None:
    """A seeded random batch of 2 for each input of the ONNX ``model``; None when a size is not fixed."""
    initialised = {t.name for t in model.graph.initializer}
    draw = torch.Generator().manual_seed(0)
    xs = []
    for value in model.graph.input:
        if value.name in initialised:
            continue
        dims = value.type.tensor_type.shape.dim[1:]
        sizes = [d.dim_value if d.HasField("dim_value") and d.dim_value > 0 else None for d in dims]
        if not sizes or None in sizes:
            return None
        xs.append(torch.randn(2, *sizes, generator=draw))
    return xs or None


def same_outputs(model, full: nn.Module, rewritten: nn.Module) -> bool:
    """Whether ``rewritten`` gives ``full``'s outputs on a random input, to 1e-4 of their largest value."""
    xs = probe_inputs(model)
    if xs is None:
        return False
    try:
        with torch.no_grad():
            want, got = _tensors(full(*xs)), _tensors(rewritten(*xs))
    except Exception:  # a rewrite that does not run is no rewrite
        return False
    if not want or len(want) != len(got) or any(a.shape != b.shape for a, b in zip(want, got)):
        return False
    return all(bool((a - b).abs().max() <= 1e-4 * b.abs().max().clamp_min(1e-12)) for a, b in zip(got, want))


def _tensors(value) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    return [t for item in value for t in _tensors(item)] if isinstance(value, (tuple, list)) else []
