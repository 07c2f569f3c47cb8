"""Adaptive average pooling, which torch.onnx writes as a gather of windows and a mean, found again as one op.

An adaptive pool whose windows are all k×l (1×1 -> 6×6 in AlexNet at a small input: each output repeats the
one cell) is exported as Transpose -> GatherND with constant indices (out_h, k, out_w, l, 2) -> Transpose ->
ReduceMean over the k and l axes. onnx2torch's GatherND does not trace, and no block is a GatherND. The four
nodes become one node of CNN Studio's own domain, converted to nn.AdaptiveAvgPool2d, only when the indices are
exactly the windows adaptive pooling takes at the input's inferred size: the same function, not a guess.
"""

from __future__ import annotations

import functools

import numpy as np
import torch.nn as nn

DOMAIN = "cnnstudio"
OP = "AdaptiveAvgPool2d"


def with_adaptive_pools(model):
    """A copy of ``model`` in which each gather-and-mean adaptive average pool is one node; ``model`` if none."""
    import onnx
    from onnx import helper, numpy_helper

    _register()
    try:
        shapes = onnx.shape_inference.infer_shapes(model).graph.value_info
    except Exception:  # no shapes, no proof: leave the file as it is
        return model
    shape = {
        v.name: [d.dim_value if d.HasField("dim_value") else None for d in v.type.tensor_type.shape.dim] for v in shapes
    }
    for v in (*model.graph.input, *model.graph.output):
        shape[v.name] = [d.dim_value if d.HasField("dim_value") else None for d in v.type.tensor_type.shape.dim]
    consts = {t.name: t for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            consts[node.output[0]] = helper.get_attribute_value(node.attribute[0])
    users: dict[str, list] = {}
    for node in model.graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    outputs = {o.name for o in model.graph.output}

    def only_user(name):
        found = users.get(name, [])
        return found[0] if len(found) == 1 and name not in outputs else None

    replaced: dict[int, object] = {}  # id(first node) -> new node; the other three dropped
    dropped: set[int] = set()
    for first in model.graph.node:
        if first.op_type != "Transpose" or _perm(first) != [2, 3, 0, 1]:
            continue
        gather = only_user(first.output[0])
        after = gather and gather.op_type == "GatherND" and only_user(gather.output[0])
        mean = after and after.op_type == "Transpose" and _perm(after) == [4, 5, 0, 1, 2, 3]
        mean = mean and only_user(after.output[0])
        if not mean or mean.op_type != "ReduceMean" or gather.input[1] not in consts or _batch_dims(gather):
            continue
        size = shape.get(first.input[0])
        axes = consts.get(mean.input[1]) if len(mean.input) > 1 else None
        if not size or len(size) != 4 or None in size[2:] or axes is None or _keepdims(mean):
            continue
        if sorted(int(a) % 6 for a in numpy_helper.to_array(axes).reshape(-1)) != [3, 5]:
            continue
        index = numpy_helper.to_array(consts[gather.input[1]])
        if index.ndim != 5 or index.shape[4] != 2 or not _is_adaptive(index, size[2], size[3]):
            continue
        out = (index.shape[0], index.shape[2])
        replaced[id(first)] = helper.make_node(
            OP, [first.input[0]], [mean.output[0]], name=first.name or mean.output[0], domain=DOMAIN, output_size=out
        )
        dropped.update({id(gather), id(after), id(mean)})
    if not replaced:
        return model
    copy = type(model)()
    copy.CopyFrom(model)
    nodes = [replaced.get(id(n), n) for n in model.graph.node if id(n) not in dropped]
    del copy.graph.node[:]
    copy.graph.node.extend(nodes)
    if not any(o.domain == DOMAIN for o in copy.opset_import):
        copy.opset_import.append(helper.make_opsetid(DOMAIN, 1))
    return copy


def _perm(node) -> list[int]:
    return [list(a.ints) for a in node.attribute if a.name == "perm"][0] if node.attribute else []


def _batch_dims(node) -> int:
    return sum(a.i for a in node.attribute if a.name == "batch_dims")


def _keepdims(node) -> bool:
    return any(a.name == "keepdims" and a.i != 0 for a in node.attribute) or not any(
        a.name == "keepdims" for a in node.attribute
    )


def _windows(size: int, out: int, k: int) -> np.ndarray | None:
    """(out, k) rows of the cells adaptive pooling averages; None when its windows are not all k wide."""
    starts = [i * size // out for i in range(out)]
    ends = [-(-(i + 1) * size // out) for i in range(out)]
    if any(e - s != k for s, e in zip(starts, ends)):
        return None
    return np.array(starts)[:, None] + np.arange(k)[None, :]


def _is_adaptive(index: np.ndarray, height: int, width: int) -> bool:
    oh, kh, ow, kw, _ = index.shape
    rows, cols = _windows(height, oh, kh), _windows(width, ow, kw)
    if rows is None or cols is None:
        return False
    want = np.stack(np.broadcast_arrays(rows[:, :, None, None], cols[None, None, :, :]), -1)
    return bool(np.array_equal(index, want))


@functools.cache
def _register() -> None:
    from onnx2torch.node_converters.registry import add_converter
    from onnx2torch.utils.common import OperationConverterResult, onnx_mapping_from_node

    @add_converter(operation_type=OP, version=1, domain=DOMAIN)
    def _(node, graph):
        size = tuple(int(v) for v in node.attributes["output_size"])
        return OperationConverterResult(
            torch_module=nn.AdaptiveAvgPool2d(size), onnx_mapping=onnx_mapping_from_node(node=node)
        )


def without_identity_strides(model):
    """A copy of ``model`` without the no-op ``as_strided`` torch.onnx writes after an adaptive pool's mean;
    ``model`` if it has none.

    At a fixed batch the pool's N×C×1×1 mean is flattened (Reshape to [-1]) and gathered back with constant indices
    0, 1, ... n-1 shaped N×C×1×1: the mean itself. Such a pair is dropped only when the indices are exactly that
    range in exactly the mean's inferred shape; nothing else reads the flattened tensor.
    """
    import onnx
    from onnx import numpy_helper

    gathers = [n for n in model.graph.node if n.op_type == "Gather" and not _axis(n)]
    if not gathers:
        return model
    try:
        inferred = onnx.shape_inference.infer_shapes(model).graph.value_info
    except Exception:  # no shapes, no proof
        return model
    shape = {
        v.name: [d.dim_value if d.HasField("dim_value") else None for d in v.type.tensor_type.shape.dim]
        for v in inferred
    }
    for v in model.graph.input:
        shape[v.name] = [d.dim_value if d.HasField("dim_value") else None for d in v.type.tensor_type.shape.dim]
    consts = {t.name: t for t in model.graph.initializer}
    producer = {out: node for node in model.graph.node for out in node.output}
    readers: dict[str, int] = {}
    for node in model.graph.node:
        for name in node.input:
            readers[name] = readers.get(name, 0) + 1
    outputs = {o.name for o in model.graph.output}
    renamed, dropped = {}, set()
    for gather in gathers:
        flat = producer.get(gather.input[0])
        if flat is None or flat.op_type != "Reshape" or len(flat.input) < 2 or readers.get(flat.output[0]) != 1:
            continue
        target, index = consts.get(flat.input[1]), consts.get(gather.input[1])
        if target is None or index is None or flat.output[0] in outputs or gather.output[0] in outputs:
            continue
        target, index = numpy_helper.to_array(target), numpy_helper.to_array(index)
        size = shape.get(flat.input[0])
        if not size or None in size or target.tolist() != [-1] or list(index.shape) != size:
            continue
        if not np.array_equal(index.reshape(-1), np.arange(index.size)):
            continue
        renamed[gather.output[0]] = flat.input[0]
        dropped.update({id(flat), id(gather)})
    if not renamed:
        return model
    copy = type(model)()
    copy.CopyFrom(model)
    nodes = [n for n in model.graph.node if id(n) not in dropped]
    del copy.graph.node[:]
    copy.graph.node.extend(nodes)
    for node in copy.graph.node:
        for i, name in enumerate(node.input):
            node.input[i] = renamed.get(name, name)
    return copy


def _axis(node) -> int:
    return sum(a.i for a in node.attribute if a.name == "axis")
