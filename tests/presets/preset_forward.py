"""Run a compiled preset and record the real output tensor of every node (forward hooks), by node id."""

from __future__ import annotations

import torch

from cnnstudio.compiler import compile_model
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes

# What the module-less blocks compute, written independently of the compiler (batch dim first).
FUNCTIONS = {
    "flatten": lambda xs: torch.flatten(xs[0], 1),
    "add": lambda xs: sum(xs[1:], xs[0]),
    "concat": lambda xs: torch.cat(xs, 1),
}


def node_outputs(graph: Graph, x: torch.Tensor, device: str = "cpu") -> tuple[dict[str, torch.Tensor], torch.nn.Module]:
    """Every node's real output for input ``x`` (eval mode) and the model: module nodes via forward hooks, the
    others by applying their torch function to their inputs' recorded outputs."""
    with torch.device(device):
        model = compile_model(graph).eval()
    outputs: dict[str, torch.Tensor] = {}
    hooks = []
    module_nodes = {}
    for nid, node in graph.nodes.items():
        try:
            module = model.get_submodule(node.name)
        except AttributeError:
            continue
        if not REGISTRY.get(node.type).is_input:
            module_nodes[nid] = module

    for nid, module in module_nodes.items():
        hooks.append(module.register_forward_hook(lambda m, i, o, nid=nid: outputs.__setitem__(nid, o)))
    try:
        with torch.no_grad():
            model(x.to(device))
    finally:
        for hook in hooks:
            hook.remove()

    for nid in infer_shapes(graph).order:  # module-less nodes, in order, from their recorded inputs
        node = graph.nodes[nid]
        block = REGISTRY.get(node.type)
        if block.is_input:
            outputs[nid] = x.to(device)
        elif nid not in module_nodes:
            ins = [outputs[graph.in_edges(nid)[port].src] for port in block.input_ports(block.resolve(node.params))]
            outputs[nid] = FUNCTIONS[node.type](ins) if node.type in FUNCTIONS else ins[0]
    return outputs, model
