"""Run a compiled preset and record the real output tensor of every node (forward hooks), by node id."""

from __future__ import annotations

import torch

from cnnstudio.core.block import REGISTRY
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference

# What the module-less blocks compute, written independently of the compiler (batch dim first).
FUNCTIONS = {
    "flatten": lambda xs: torch.flatten(xs[0], 1),
    "add": lambda xs: sum(xs[1:], xs[0]),
    "concat": lambda xs: torch.cat(xs, 1),
    "multiply": lambda xs: xs[0] * xs[1],  # broadcasting: the squeeze-and-excitation gate
}


def node_outputs(graph: Graph, model: torch.nn.Module, x) -> dict[str, torch.Tensor]:
    """Every node's real output for input ``x`` (in the model's current mode): module nodes via forward hooks,
    the others by applying their torch function to their inputs' recorded outputs.

    ``x`` is a tensor, or a tuple of one per input in the graph's topological order (several components)."""
    xs = x if isinstance(x, tuple) else (x,)
    fed = iter(xs)
    outputs: dict[str, torch.Tensor] = {}
    module_nodes = {}
    for nid, node in graph.nodes.items():
        if REGISTRY.get(node.type).is_input:
            continue
        try:
            module_nodes[nid] = model.get_submodule(node.name)
        except AttributeError:
            pass  # flatten, add, concat, heads: compiled to function calls
    hooks = [
        module.register_forward_hook(lambda m, i, o, nid=nid: outputs.__setitem__(nid, o))
        for nid, module in module_nodes.items()
    ]
    try:
        with torch.no_grad():
            model(*xs)
    finally:
        for hook in hooks:
            hook.remove()

    for nid in graph.topological_order()[0]:  # module-less nodes, in order, from their recorded inputs
        node = graph.nodes[nid]
        block = REGISTRY.get(node.type)
        if block.is_input:
            outputs[nid] = next(fed)
        elif nid not in module_nodes:
            ins = [outputs[graph.in_edges(nid)[port].src] for port in block.input_ports(block.resolve(node.params))]
            outputs[nid] = FUNCTIONS[node.type](ins) if node.type in FUNCTIONS else ins[0]
    return outputs


def assert_shapes_match(graph: Graph, result: Inference, outputs: dict[str, torch.Tensor]) -> None:
    """Every node ran, and each real output shape (without the batch) is the inferred one."""
    assert set(outputs) == set(graph.nodes)
    for nid, tensor in outputs.items():
        assert tuple(tensor.shape[1:]) == result.info[nid].shape, (
            f"{graph.nodes[nid].name}: torch {tuple(tensor.shape[1:])}, inferred {result.info[nid].shape}"
        )
