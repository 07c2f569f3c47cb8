"""ONNX → torch through onnx2torch, with the few repairs that let newer files convert and trace into blocks.

onnx2torch knows each op up to some opset; torch.onnx writes opset 18, whose reductions take their axes as an
input, and marks reshapes ``allowzero=1``. Before conversion: a reshape to a constant shape without zeros loses
``allowzero`` (it changes nothing then). During: opset-18 reductions with constant axes convert like the older
ones. After: modules that would not trace (a reshape that tests its shape tensor) or that hide a torch layer
(a hard sigmoid with PyTorch's constants) become plain torch calls or layers, so the fx importer finds its blocks,
and ConvNeXt's blocks, spelt op by op, become one block each (onnx_convnext.py). What the older TorchScript
exporter writes is put in the same form first (onnx_legacy.py).
"""

from __future__ import annotations

import functools
import math

import torch
import torch.fx as fx
import torch.nn as nn

from .onnx_convnext import with_convnext_blocks
from .onnx_decoders import with_decoder
from .onnx_fx import buffer, drop_unused_constants, same_outputs
from .onnx_legacy import with_initializers, with_layer_norms
from .onnx_pooling import with_adaptive_pools, without_identity_strides

_WIDENED = (  # (op, the version onnx2torch converts, the newer one that only added types)
    ("Reshape", 14, 19),
    ("Shape", 15, 19),
    ("Constant", 13, 19),
    ("Cast", 13, 19),
    ("Equal", 13, 19),
    ("ConstantOfShape", 9, 20),
)
_REDUCTIONS = ("ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSumSquare", "ReduceL1", "ReduceL2")


def convert(model) -> nn.Module:
    """The ONNX ModelProto as an eval-mode torch module; NotImplementedError names an op onnx2torch lacks."""
    import onnx2torch

    _register_opset18()
    model = _batch_free_reshapes(without_identity_strides(with_initializers(_identities_folded(model))))
    model = with_adaptive_pools(_without_needless_allowzero(model))

    def to_torch(onnx_model) -> nn.Module:
        return with_convnext_blocks(onnx_model, _traceable(onnx2torch.convert(onnx_model)).eval())

    module = None
    fused = with_layer_norms(model)
    if fused is not model:  # kept when it computes what the file's own ops do (those run, though fx cannot trace)
        candidate = to_torch(fused)
        if same_outputs(model, onnx2torch.convert(model).eval(), candidate):
            model, module = fused, candidate
    return with_decoder(model, module or to_torch(model), to_torch)


@functools.cache
def _register_opset18() -> None:
    """Ops of newer opsets that onnx2torch lacks: reductions of opset 18 (axes as a constant input) convert as its
    opset-13 ones, Split and Pad likewise, opset 20's Gelu as nn.GELU."""
    from onnx2torch.node_converters.reduce import OnnxReduceStaticAxes
    from onnx2torch.node_converters.registry import _CONVERTER_REGISTRY, OperationDescription, add_converter
    from onnx2torch.utils.common import (
        OnnxMapping,
        OperationConverterResult,
        get_const_value,
        onnx_mapping_from_node,
    )

    def reduce18(node, graph):
        axes = None
        if len(node.input_values) > 1 and node.input_values[1]:
            axes = [int(a) for a in get_const_value(node.input_values[1], graph).tolist()]  # KeyError: not constant
        if not axes and node.attributes.get("noop_with_empty_axes", 0):
            raise NotImplementedError(f"{node.operation_type} with noop_with_empty_axes")
        module = OnnxReduceStaticAxes(node.operation_type, axes or None, node.attributes.get("keepdims", 1))
        return OperationConverterResult(
            torch_module=module, onnx_mapping=OnnxMapping(inputs=(node.input_values[0],), outputs=node.output_values)
        )

    def split18(node, graph):
        axis, count = node.attributes.get("axis", 0), len(node.output_values)
        if len(node.input_values) > 1 and node.input_values[1]:
            sizes = [int(v) for v in get_const_value(node.input_values[1], graph).tolist()]
            module = OnnxSplitSizes(sizes, axis)
        else:  # num_outputs pieces of ceil(n / k), the last smaller: torch.chunk
            module = OnnxChunk(count, axis)
        return OperationConverterResult(
            torch_module=module, onnx_mapping=OnnxMapping(inputs=(node.input_values[0],), outputs=node.output_values)
        )

    def gelu20(node, graph):
        approximate = node.attributes.get("approximate", "none")
        approximate = approximate.decode() if isinstance(approximate, bytes) else approximate
        return OperationConverterResult(
            torch_module=nn.GELU(approximate=approximate), onnx_mapping=onnx_mapping_from_node(node)
        )

    def pad18(node, graph):  # opset 18 added an optional axes input: without it, opset 13's Pad
        if len(node.input_values) > 3 and node.input_values[3]:
            raise NotImplementedError("Pad with axes")
        return _CONVERTER_REGISTRY[OperationDescription("", "Pad", 13)](node, graph)

    for op in _REDUCTIONS:
        if OperationDescription("", op, 18) not in _CONVERTER_REGISTRY:
            add_converter(operation_type=op, version=18)(reduce18)
    if OperationDescription("", "Split", 18) not in _CONVERTER_REGISTRY:
        add_converter(operation_type="Split", version=18)(split18)
    if OperationDescription("", "Pad", 18) not in _CONVERTER_REGISTRY:
        add_converter(operation_type="Pad", version=18)(pad18)
    # later opsets of Identity only admitted more types (optionals, float8, int4): opset 16's conversion holds
    for version in (19, 21, 23, 24, 25):
        if OperationDescription("", "Identity", version) not in _CONVERTER_REGISTRY:
            add_converter(operation_type="Identity", version=version)(
                _CONVERTER_REGISTRY[OperationDescription("", "Identity", 16)]
            )
    if OperationDescription("", "Gelu", 20) not in _CONVERTER_REGISTRY:  # torch.onnx's default opset writes it
        add_converter(operation_type="Gelu", version=20)(gelu20)
    # opsets 19 and 20 only widened these ops' types (float8, strings): the older conversion holds
    for op, old, new in _WIDENED:
        if OperationDescription("", op, new) not in _CONVERTER_REGISTRY:
            add_converter(operation_type=op, version=new)(_CONVERTER_REGISTRY[OperationDescription("", op, old)])
    # opset 16 only widened these comparisons' types (bfloat16): the opset-12 conversion holds
    for op in ("GreaterOrEqual", "LessOrEqual"):
        if OperationDescription("", op, 16) not in _CONVERTER_REGISTRY:
            add_converter(operation_type=op, version=16)(_CONVERTER_REGISTRY[OperationDescription("", op, 12)])


class OnnxChunk(nn.Module):
    """ONNX Split (opset 18) into ``num_outputs`` pieces: torch.chunk, which the importer reads as a Split."""

    def __init__(self, chunks: int, axis: int):
        super().__init__()
        self.chunks, self.axis = chunks, axis

    def forward(self, x: torch.Tensor):
        return torch.chunk(x, self.chunks, self.axis)


class OnnxSplitSizes(nn.Module):
    """ONNX Split with constant sizes: torch.split."""

    def __init__(self, sizes: list[int], axis: int):
        super().__init__()
        self.sizes, self.axis = sizes, axis

    def forward(self, x: torch.Tensor):
        return torch.split(x, self.sizes, self.axis)


def _constants(model) -> dict:
    """Small integer constants by name: initializers and Constant nodes (what a reshape's shape usually is)."""
    from onnx import helper, numpy_helper

    values = {t.name: t for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            values[node.output[0]] = helper.get_attribute_value(node.attribute[0])
    return {name: numpy_helper.to_array(t) for name, t in values.items() if math.prod(t.dims) <= 16}


def _identities_folded(model):
    """A copy in which an Identity of an initializer is an initializer of its own name.

    torch.onnx's TorchScript exporter stores equal weights once and hands them on through Identity nodes;
    onnx2torch reads a convolution's weights from the initializers by name, so it must find them there."""
    values = {t.name: t for t in model.graph.initializer}
    copies = [n for n in model.graph.node if n.op_type == "Identity" and len(n.input) == 1 and n.input[0] in values]
    if not copies:
        return model
    copy = type(model)()
    copy.CopyFrom(model)
    folded = {id(n) for n in copies}
    kept = [n for n in model.graph.node if id(n) not in folded]
    del copy.graph.node[:]
    copy.graph.node.extend(kept)
    for node in copies:
        tensor = copy.graph.initializer.add()
        tensor.CopyFrom(values[node.input[0]])
        tensor.name = node.output[0]
    return copy


def _without_needless_allowzero(model):
    """A copy in which reshapes to a constant shape with no zero drop ``allowzero`` (it only matters for zeros)."""
    reshapes = [
        n for n in model.graph.node if n.op_type == "Reshape" and any(a.name == "allowzero" for a in n.attribute)
    ]
    if not reshapes:
        return model
    constants = _constants(model)
    copy = type(model)()
    copy.CopyFrom(model)
    for node in copy.graph.node:
        if node.op_type != "Reshape" or len(node.input) < 2:
            continue
        shape = constants.get(node.input[1])
        if shape is not None and not (shape == 0).any():
            kept = [a for a in node.attribute if a.name != "allowzero"]
            del node.attribute[:]
            node.attribute.extend(kept)
    return copy


def _batch_free_reshapes(model):
    """A copy in which a reshape to a constant shape that starts with the file's fixed batch size starts with -1.

    torch.onnx.export at batch 1 writes a flatten as Reshape(x, [1, 400]): the file then runs at batch 1 only,
    while the importer checks the project at another batch. [-1, 400] is the same reshape at batch 1 and
    follows the batch at any other; a shape with a -1 or a 0 of its own is left as it is."""
    from onnx import numpy_helper

    batch = _fixed_batch(model)
    if batch is None:
        return model
    constants = _constants(model)
    copy = None
    for index, node in enumerate(model.graph.node):
        if node.op_type != "Reshape" or len(node.input) < 2:
            continue
        shape = constants.get(node.input[1])
        if shape is None or shape.ndim != 1 or len(shape) < 2 or shape[0] != batch or (shape[1:] <= 0).any():
            continue
        if copy is None:
            copy = type(model)()
            copy.CopyFrom(model)
        name = f"{node.input[1]}.batch_free.{index}"
        free = shape.copy()
        free[0] = -1
        copy.graph.initializer.append(numpy_helper.from_array(free, name))
        copy.graph.node[index].input[1] = name
    return model if copy is None else copy


def _fixed_batch(model) -> int | None:
    """The batch size every input of the file fixes (the same for all), else None."""
    initialised = {t.name for t in model.graph.initializer}
    sizes = set()
    for value in model.graph.input:
        if value.name in initialised:
            continue
        dims = value.type.tensor_type.shape.dim
        if not dims or not dims[0].HasField("dim_value") or dims[0].dim_value <= 0:
            return None
        sizes.add(dims[0].dim_value)
    return sizes.pop() if len(sizes) == 1 else None


def _traceable(module: fx.GraphModule) -> fx.GraphModule:
    """onnx2torch modules that fx cannot trace, or that hide a torch layer, rewritten as plain torch."""
    from onnx2torch.node_converters.activations import OnnxHardSigmoid
    from onnx2torch.node_converters.reshape import OnnxReshape

    graph = module.graph
    changed = False
    for node in list(graph.nodes):
        if node.op != "call_module":
            continue
        layer = module.get_submodule(node.target)
        if isinstance(layer, OnnxReshape) and len(node.args) == 2:
            shape = buffer(module, node.args[1])
            if shape is not None and shape.dim() == 1 and not (shape == 0).any():
                with graph.inserting_before(node):
                    call = graph.call_method("reshape", (node.args[0], *[int(v) for v in shape.tolist()]))
                node.replace_all_uses_with(call)
                graph.erase_node(node)
                changed = True
        elif _is_float_division(module, layer, node.args):  # onnx2torch's Div tests the dtype: fx cannot trace it
            with graph.inserting_before(node):
                call = graph.call_function(torch.div, tuple(node.args))
            node.replace_all_uses_with(call)
            graph.erase_node(node)
            changed = True
        elif isinstance(layer, OnnxHardSigmoid) and _close(layer.alpha, 1 / 6) and _close(layer.beta, 0.5):
            _replace(module, node.target, nn.Hardsigmoid())  # PyTorch's own: relu6(x + 3) / 6
    if changed:
        graph.eliminate_dead_code()
        drop_unused_constants(module)
        module.recompile()
    return module


def _is_float_division(module: fx.GraphModule, layer: nn.Module, args) -> bool:
    """An ONNX Div (no old-style broadcast) one of whose operands is a floating-point constant."""
    from onnx2torch.node_converters.binary_math_operations import OnnxBinaryMathOperation, _onnx_div

    if not isinstance(layer, OnnxBinaryMathOperation) or layer.math_op_function is not _onnx_div:
        return False
    if layer.broadcast == 1 and layer.axis is not None or len(args) != 2:
        return False
    constants = [buffer(module, a) for a in args]
    return any(c is not None and c.is_floating_point() for c in constants)


def _close(a: float, b: float) -> bool:
    return abs(float(a) - b) <= 1e-6


def _replace(module: nn.Module, path: str, layer: nn.Module) -> None:
    parent, _, name = path.rpartition(".")
    setattr(module.get_submodule(parent) if parent else module, name, layer)
