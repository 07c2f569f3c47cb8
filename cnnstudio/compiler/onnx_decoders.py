"""A detector's decoder in an ONNX file, found again as CNN Studio's CenterNetDecode block.

An exported detector ends in its decoder (heat map -> top-K peaks -> box rows): some thirty ONNX ops (TopK,
GatherElements, Mod, Pad, ...) that have no blocks one by one. The decoder's shape in the file is recognised
from its parameters (the class count in the slice the Sigmoid reads, the score threshold the GreaterOrEqual
compares with, the row count of the output); the network up to the decoder's input is converted on its own and
a CenterNetDecode appended. The file is untrusted: the rewrite is kept only when it gives the fully converted
module's outputs on a random input, otherwise the full conversion stands (and names the op without a block).
"""

from __future__ import annotations

import torch
import torch.fx as fx
import torch.nn as nn


def with_decoder(model, full: fx.GraphModule, convert) -> fx.GraphModule:
    """``full`` (onnx2torch's module of ``model``) with its CenterNet decoder as one block, when it has one."""
    found = _centernet(model)
    if found is None:
        return full
    head_input, params = found
    try:
        head = convert(_up_to(model, head_input))
    except Exception:  # the network before the decoder does not convert: keep the full module's error path
        return full
    from cnnstudio.blocks.modules import CenterNetDecode

    head.add_submodule("decode", CenterNetDecode(*params))
    graph = head.graph
    out = next(n for n in graph.nodes if n.op == "output")
    with graph.inserting_before(out):
        decoded = graph.call_module("decode", (out.args[0],))
    out.args = (decoded,)
    head.recompile()
    head.eval()
    return head if _same_outputs(model, full, head) else full


def _centernet(model):
    """(the decoder's input tensor name, (num_classes, max_detections, score_threshold)), or None."""
    from onnx import helper, numpy_helper

    graph = model.graph
    if len(graph.output) != 1:
        return None
    consts = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            consts[node.output[0]] = numpy_helper.to_array(helper.get_attribute_value(node.attribute[0]))
    producer = {out: node for node in graph.node for out in node.output}
    by_type: dict[str, list] = {}
    for node in graph.node:
        by_type.setdefault(node.op_type, []).append(node)
    sigmoids, compares = by_type.get("Sigmoid", []), by_type.get("GreaterOrEqual", [])
    if len(sigmoids) != 1 or len(compares) != 1 or len(by_type.get("TopK", [])) != 1:
        return None
    heat = producer.get(sigmoids[0].input[0])
    if heat is None or heat.op_type != "Slice" or len(heat.input) < 4:
        return None
    starts, ends, axes = (consts.get(name) for name in heat.input[1:4])
    threshold = consts.get(compares[0].input[1])
    dims = graph.output[0].type.tensor_type.shape.dim
    if any(v is None or v.size != 1 for v in (starts, ends, axes, threshold)) or len(dims) != 3:
        return None
    rows = dims[1].dim_value if dims[1].HasField("dim_value") else 0
    if int(starts.item()) != 0 or int(axes.item()) != 1 or int(ends.item()) < 1 or rows < 1:
        return None
    return heat.input[0], (int(ends.item()), rows, float(threshold.item()))


def _up_to(model, name: str):
    """A copy of ``model`` whose one output is the tensor ``name``: only the nodes and weights it needs."""
    from onnx import helper

    producer = {out: node for node in model.graph.node for out in node.output}
    needed, stack = set(), [name]
    while stack:
        node = producer.get(stack.pop())
        if node is not None and id(node) not in needed:
            needed.add(id(node))
            stack.extend(i for i in node.input if i)
    nodes = [n for n in model.graph.node if id(n) in needed]
    used = {i for n in nodes for i in n.input}
    copy = type(model)()
    copy.CopyFrom(model)
    del copy.graph.node[:]
    copy.graph.node.extend(nodes)
    kept = [t for t in model.graph.initializer if t.name in used]
    del copy.graph.initializer[:]
    copy.graph.initializer.extend(kept)
    del copy.graph.output[:]
    copy.graph.output.append(helper.make_empty_tensor_value_info(name))
    return copy


def _same_outputs(model, full: nn.Module, head: nn.Module) -> bool:
    dims = model.graph.input[0].type.tensor_type.shape.dim
    sizes = [d.dim_value if d.HasField("dim_value") and d.dim_value > 0 else None for d in dims[1:]]
    if any(v is None for v in sizes):
        return False
    x = torch.randn(2, *sizes, generator=torch.Generator().manual_seed(0))
    try:
        with torch.no_grad():
            want, got = full(x), head(x)
    except Exception:
        return False
    return isinstance(got, torch.Tensor) and got.shape == want.shape and torch.allclose(got, want, 1e-4, 1e-5)
