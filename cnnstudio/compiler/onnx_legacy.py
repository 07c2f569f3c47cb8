"""What torch.onnx's older exporter (TorchScript, ``dynamo=False``) writes, put as onnx2torch can take it.

It writes small constants as Constant nodes, which onnx2torch turns into modules that hide their values from the
rewrites after conversion (a division by √2 that fx cannot trace, a GELU's constants): they become initializers,
under the names the ops read. Before opset 17, which brought LayerNormalization, it spells each LayerNorm out in
nine ops: they become one node again. (Its Identity copies of shared weights are folded in onnx_convert.)
"""

from __future__ import annotations

import functools


def with_initializers(model):
    """A copy of ``model`` whose Constant tensors are initializers; ``model`` when it has none."""
    from onnx import helper

    graph = model.graph
    outputs = {o.name for o in graph.output}
    found = {}  # node index -> the initializer it becomes
    for i, node in enumerate(graph.node):
        if node.op_type != "Constant" or len(node.output) != 1 or node.output[0] in outputs:
            continue
        if len(node.attribute) == 1 and node.attribute[0].name == "value":
            found[i] = helper.get_attribute_value(node.attribute[0])
            found[i].name = node.output[0]
    if not found:
        return model
    copy = type(model)()
    copy.CopyFrom(model)
    kept = [n for i, n in enumerate(copy.graph.node) if i not in found]
    del copy.graph.node[:]
    copy.graph.node.extend(kept)
    copy.graph.initializer.extend(found.values())
    return copy


DOMAIN = "cnnstudio"
LAYER_NORM = "LayerNorm"  # CNN Studio's own op: opsets before 17 have no LayerNormalization


def with_layer_norms(model):
    """A copy of ``model`` in which each layer norm over the last axis that the exporter spelt out (before opset 17:
    ReduceMean, Sub, Pow 2, ReduceMean, Add ε, Sqrt, Div, Mul γ, Add β) is one node; ``model`` when it has none.

    The caller keeps the copy only when its conversion gives the same outputs as the original's.
    """
    from onnx import helper, numpy_helper

    _register()
    graph = model.graph
    consts = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    users: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    outputs = {o.name for o in graph.output}

    def only_user(node, op):
        found = users.get(node.output[0], []) if node is not None else []
        if len(found) != 1 or node.output[0] in outputs or found[0].op_type != op:
            return None
        return found[0]

    def other(node, name):
        """The constant operand of a binary ``node`` whose other operand is ``name``."""
        rest = [i for i in node.input if i != name]
        return consts.get(rest[0]) if len(node.input) == 2 and len(rest) == 1 else None

    def spelt_out(mean):
        """(the fused node, the nodes it replaces) of the layer norm whose first op is ``mean``, or None."""
        if mean.op_type != "ReduceMean" or not _last_axis_mean(mean, consts):
            return None
        x = mean.input[0]
        sub = only_user(mean, "Sub")
        if sub is None or list(sub.input) != [x, mean.output[0]]:
            return None
        uses = users.get(sub.output[0], [])
        power = next((n for n in uses if n.op_type == "Pow"), None)
        div = next((n for n in uses if n.op_type == "Div"), None)
        two = other(power, sub.output[0]) if power is not None else None
        if len(uses) != 2 or div is None or two is None or two.size != 1 or float(two.reshape(-1)[0]) != 2.0:
            return None
        var = only_user(power, "ReduceMean")
        add = only_user(var, "Add") if var is not None and _last_axis_mean(var, consts) else None
        eps = other(add, var.output[0]) if add is not None else None
        sqrt = only_user(add, "Sqrt") if eps is not None and eps.size == 1 else None
        if sqrt is None or only_user(sqrt, "Div") is not div or list(div.input) != [sub.output[0], sqrt.output[0]]:
            return None
        scale = only_user(div, "Mul")
        gamma = other(scale, div.output[0]) if scale is not None else None
        shift = only_user(scale, "Add") if gamma is not None and gamma.ndim == 1 else None
        beta = other(shift, scale.output[0]) if shift is not None else None
        if beta is None or beta.shape != gamma.shape:
            return None
        names = [i for i in (*scale.input, *shift.input) if i in consts]  # γ, then β
        fused = helper.make_node(
            LAYER_NORM, [x, *names], [shift.output[0]], name=mean.name, domain=DOMAIN, epsilon=float(eps.item())
        )
        return fused, (sub, power, var, add, sqrt, div, scale, shift)

    replaced, dropped = {}, set()
    for node in graph.node:
        found = spelt_out(node)
        if found is not None:
            replaced[id(node)] = found[0]
            dropped.update(id(n) for n in found[1])
    if not replaced:
        return model
    copy = type(model)()
    copy.CopyFrom(model)
    nodes = [replaced.get(id(n), n) for n in graph.node if id(n) not in dropped]
    del copy.graph.node[:]
    copy.graph.node.extend(nodes)
    if not any(o.domain == DOMAIN for o in copy.opset_import):
        copy.opset_import.append(helper.make_opsetid(DOMAIN, 1))
    _keep_shapes(model, copy)
    return copy


def _keep_shapes(model, copy) -> None:
    """The tensor shapes of ``model``, inferred before the rewrite, in ``copy``: ONNX's shape inference stops at
    CNN Studio's own op, and onnx2torch converts some ops (a global average pool) by their input's shape."""
    import onnx

    try:
        inferred = onnx.shape_inference.infer_shapes(model).graph.value_info
    except Exception:  # no shapes: the conversion goes without, as it would have
        return
    produced = {name for node in copy.graph.node for name in node.output}
    del copy.graph.value_info[:]
    copy.graph.value_info.extend(v for v in inferred if v.name in produced)


def _last_axis_mean(node, consts) -> bool:
    """A ReduceMean over the last axis only, keeping it (axes as an attribute, or as a constant input from 18)."""
    attributes = {a.name: a for a in node.attribute}
    if "keepdims" in attributes and attributes["keepdims"].i == 0:
        return False
    if "axes" in attributes:
        axes = list(attributes["axes"].ints)
    elif len(node.input) > 1 and node.input[1] in consts:
        axes = [int(a) for a in consts[node.input[1]].reshape(-1)]
    else:
        return False
    return axes == [-1]


@functools.cache
def _register() -> None:
    import torch
    import torch.nn as nn
    from onnx2torch.node_converters.registry import add_converter
    from onnx2torch.utils.common import OnnxMapping, OperationConverterResult

    @add_converter(operation_type=LAYER_NORM, version=1, domain=DOMAIN)
    def _(node, graph):
        gamma, beta = (graph.initializers[name].to_torch() for name in node.input_values[1:3])
        layer = nn.LayerNorm(gamma.numel(), eps=float(node.attributes["epsilon"]))
        with torch.no_grad():
            layer.weight.copy_(gamma)
            layer.bias.copy_(beta)
        return OperationConverterResult(
            torch_module=layer, onnx_mapping=OnnxMapping(inputs=(node.input_values[0],), outputs=node.output_values)
        )
