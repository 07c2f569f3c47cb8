"""CenterNet's start for the heat maps: a fresh detector says "probably nothing here" everywhere.

With the bias at 0 every cell of every class map starts at probability 0.5, and almost every cell is
background: the first steps are spent pushing thousands of confident false alarms down (a huge focal loss
whose gradient swamps the few object centres). CenterNet (like RetinaNet) starts the heat-map channels'
bias at log(p / (1 − p)) for a prior p = 0.1, i.e. −2.19; box size and offset channels keep theirs.
"""

from __future__ import annotations

import math

import torch
import torch.fx as fx
import torch.nn as nn

PRIOR = 0.1  # the heat maps' starting probability


def heat_map_conv(model: nn.Module) -> tuple[str, nn.Conv2d] | None:
    """The convolution whose output the detection head reads (name, module), if it is one with a bias."""
    heads = getattr(model, "heads", ())
    if not heads or heads[0].kind != "detection":
        return None
    graph = getattr(model, "graph", None)
    if not isinstance(graph, fx.Graph):  # the exported Model of train.py: read its forward's graph
        head = heads[0].name

        class HeadAsLeaf(fx.Tracer):  # the head stays one call, as in a compiled model
            def is_leaf_module(self, module: nn.Module, name: str) -> bool:
                return name == head or super().is_leaf_module(module, name)

        try:
            graph = HeadAsLeaf().trace(model)
        except Exception:  # code fx cannot follow: leave the bias as it is
            return None
    for node in graph.nodes:
        if node.op == "call_module" and node.target == heads[0].name and node.args:
            source = node.args[0]
            if isinstance(source, fx.Node) and source.op == "call_module":
                module = model.get_submodule(source.target)
                if isinstance(module, nn.Conv2d) and module.bias is not None:
                    return source.target, module
    return None


def set_heat_map_prior(model: nn.Module, prior: float = PRIOR) -> str | None:
    """Set the heat-map channels' bias of a fresh detector to the prior's logit; the conv's name, or None
    when the head is not fed by a convolution with a bias (then nothing changes)."""
    found = heat_map_conv(model)
    if found is None:
        return None
    name, conv = found
    classes = model.get_submodule(model.heads[0].name).num_classes
    if conv.out_channels != classes + 4:
        return None
    with torch.no_grad():
        conv.bias[:classes] = math.log(prior / (1 - prior))
    return name
