"""What torch.onnx's older exporter (TorchScript, ``dynamo=False``) writes, put as onnx2torch can take it.

It writes small constants as Constant nodes, which onnx2torch turns into modules that hide their values from the
rewrites after conversion (a division by √2 that fx cannot trace, a GELU's constants): they become initializers,
under the names the ops read. (Its Identity copies of shared weights are folded in onnx_convert.)
"""

from __future__ import annotations


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
