"""ConvNeXt's blocks, which ONNX spells op by op, found again in onnx2torch's module as CNN Studio's blocks.

ONNX has no CNBlock: torchvision's block is exported as depthwise 7×7 Conv -> Transpose to channels last ->
LayerNormalization -> MatMul + Add -> GELU (one Gelu op, or x·½·(1 + erf(x/√2)) in five ops) -> MatMul + Add ->
Transpose back -> Mul by the layer scale -> Add of the block's input; its LayerNorm2d (stem, downsampling) as
Transpose -> LayerNormalization -> Transpose. None of those has a block of its own (a MatMul by a constant on
channels-last pixels, a GELU written as an erf). Each chain becomes one ``CNBlock`` / ``LayerNorm2d`` module of the
catalog holding the chain's weights; a GELU is recognised by what it computes, not by how it is spelt. The file is
untrusted: the rewrite is kept only when it gives the fully converted module's outputs on a random input.
"""

from __future__ import annotations

import copy

import torch
import torch.fx as fx
import torch.nn as nn
import torch.nn.functional as F

from . import onnx_fx

CHANNELS_LAST, CHANNELS_FIRST = [0, 2, 3, 1], [0, 3, 1, 2]
_GELU_NODES = 8  # the erf spelling takes five ops (and their constants); a longer chain is something else


def with_convnext_blocks(model, module: fx.GraphModule) -> fx.GraphModule:
    """``module`` (onnx2torch's conversion of ``model``) with its ConvNeXt blocks and channels-last layer norms
    as catalog modules, when it has some and the result computes the same; ``module`` otherwise."""
    if not any(isinstance(m, nn.LayerNorm) for m in module.modules()):
        return module
    # a graph of its own over the same layers and constants: the rewrite only reads those, and the full module
    # stays as it is for the probe and in case the rewrite is not kept
    rewritten = fx.GraphModule(module, copy.deepcopy(module.graph))
    if not (_blocks(rewritten) + _layer_norms(rewritten)):
        return module
    rewritten.graph.eliminate_dead_code()
    rewritten.delete_all_unused_submodules()
    onnx_fx.drop_unused_constants(rewritten)
    rewritten.recompile()
    return rewritten.eval() if onnx_fx.same_outputs(model, module, rewritten) else module


def _blocks(gm: fx.GraphModule) -> int:
    """Rewrite each CNBlock chain as a call of a CNBlock module; how many were found."""
    from cnnstudio.blocks.modules import CNBlock

    matches = [(node, m) for node in gm.graph.nodes if (m := _cnblock(gm, node)) is not None]
    for conv_node, (conv, norm, (w1, b1), (w2, b2), scale, residual) in matches:
        c = conv.out_channels
        with torch.device("meta"):  # every weight is the file's: none is drawn at random first
            block = CNBlock(c, layer_scale=float(scale.flatten()[0]), eps=float(norm.eps))
        block = block.to_empty(device=conv.weight.device)
        with torch.no_grad():
            block.block[0].weight.copy_(conv.weight)
            block.block[0].bias.copy_(conv.bias if conv.bias is not None else torch.zeros(c))  # dropped when 0
            block.block[2].weight.copy_(norm.weight)
            block.block[2].bias.copy_(norm.bias)
            for linear, weight, bias in ((block.block[3], w1, b1), (block.block[5], w2, b2)):
                linear.weight.copy_(weight.t())
                linear.bias.copy_(bias.reshape(-1))
            block.layer_scale.copy_(scale.reshape(c, 1, 1))
        name = _free_name(gm, "node_cnblock")
        gm.add_submodule(name, block.eval())
        with gm.graph.inserting_before(residual):
            call = gm.graph.call_module(name, (conv_node.args[0],))
        residual.replace_all_uses_with(call)
    gm.graph.eliminate_dead_code()  # the chains the blocks replace
    return len(matches)


def _cnblock(gm: fx.GraphModule, conv_node: fx.Node):
    """(conv, norm, (w1, b1), (w2, b2), layer scale, the residual Add node) of the CNBlock at ``conv_node``."""
    conv = _module(gm, conv_node, nn.Conv2d)
    if conv is None or len(conv_node.args) != 1:
        return None
    c, x = conv.out_channels, conv_node.args[0]
    depthwise = (conv.in_channels, conv.groups, conv.kernel_size, conv.padding) == (c, c, (7, 7), (3, 3))
    plain = conv.stride == (1, 1) and conv.dilation == (1, 1) and conv.padding_mode == "zeros"
    if not (depthwise and plain):
        return None
    node = _transpose(gm, _only_user(conv_node), CHANNELS_LAST)
    norm = _module(gm, _only_user(node), nn.LayerNorm)
    if norm is None or tuple(norm.normalized_shape) != (c,) or not norm.elementwise_affine or norm.bias is None:
        return None
    first = _linear(gm, _only_user(_only_user(node)), c, 4 * c)
    if first is None:
        return None
    w1, b1, hidden = first
    second = _after_gelu(gm, hidden)
    if second is None:
        return None
    second = _linear(gm, second, 4 * c, c)
    if second is None:
        return None
    w2, b2, out = second
    back = _transpose(gm, _only_user(out), CHANNELS_FIRST)
    scaled = _only_user(back)
    operands = _binary(gm, scaled, torch.mul)
    scale = operands and _constant_of(gm, operands, back)
    if scale is None or tuple(scale.shape) not in ((c, 1, 1), (1, c, 1, 1)):
        return None
    residual = _only_user(scaled)
    operands = _binary(gm, residual, torch.add)
    if not operands or sorted(map(id, operands)) != sorted(map(id, (scaled, x))):
        return None
    return conv, norm, (w1, b1), (w2, b2), scale, residual


def _layer_norms(gm: fx.GraphModule) -> int:
    """Transpose -> LayerNorm over channels -> Transpose back, as one LayerNorm2d; how many were found."""
    from cnnstudio.blocks.modules import LayerNorm2d

    matches = [(node, m) for node in gm.graph.nodes if (m := _layer_norm(gm, node)) is not None]
    for node, (norm_node, norm, back) in matches:
        layer = LayerNorm2d(norm.normalized_shape[0], eps=norm.eps, elementwise_affine=norm.elementwise_affine)
        if norm.elementwise_affine:
            layer.load_state_dict(norm.state_dict())
        gm.add_submodule(norm_node.target, layer.eval())  # the layer norm's own name, now over NCHW
        with gm.graph.inserting_before(back):
            call = gm.graph.call_module(norm_node.target, (node.args[0],))
        back.replace_all_uses_with(call)
        for dead in (back, norm_node, node):
            gm.graph.erase_node(dead)
    return len(matches)


def _layer_norm(gm: fx.GraphModule, node: fx.Node):
    """(the LayerNorm's node, the LayerNorm, the Transpose back) of a channels-last layer norm at ``node``."""
    norm_node = _only_user(_transpose(gm, node, CHANNELS_LAST))
    norm = _module(gm, norm_node, nn.LayerNorm)
    back = _transpose(gm, _only_user(norm_node), CHANNELS_FIRST)
    if norm is None or back is None or len(norm.normalized_shape) != 1:
        return None
    return None if norm.elementwise_affine and norm.bias is None else (norm_node, norm, back)


def _linear(gm: fx.GraphModule, node: fx.Node | None, fan_in: int, fan_out: int):
    """(weight fan_in×fan_out, bias, the last node) of a MatMul by a constant, then an Add of a constant bias or
    none (an exporter may drop a bias of zeros), or None."""
    from onnx2torch.node_converters.matmul import OnnxMatMul

    if _module(gm, node, OnnxMatMul) is None or len(node.args) != 2:
        return None
    weight = _buffer(gm, node.args[1])
    if weight is None or tuple(weight.shape) != (fan_in, fan_out):
        return None
    added = _only_user(node)
    operands = _binary(gm, added, torch.add)
    bias = operands and _constant_of(gm, operands, node)
    # added along the features of each pixel, not broadcast some other way
    if bias is None or bias.numel() != fan_out or bias.shape[-1] != fan_out:
        return weight, torch.zeros(fan_out), node
    return weight, bias, added


def _after_gelu(gm: fx.GraphModule, start: fx.Node) -> fx.Node | None:
    """The MatMul that reads GELU(start) when the ops between compute exactly GELU; None otherwise.

    The element-wise ops from ``start`` to the next MatMul are run on a range of values and compared with torch's
    GELU, so the erf spelling of any exporter, or one Gelu op, is found and nothing else is.
    """
    from onnx2torch.node_converters.matmul import OnnxMatMul

    region, inner, node = {start}, [], start.next
    while node.op != "output" and len(inner) <= _GELU_NODES:
        if _module(gm, node, OnnxMatMul) is not None and node.args[0] in region:
            break
        if node.op != "get_attr":  # a constant is read where it is used
            reads = node.all_input_nodes
            if not any(a in region for a in reads) or any(a not in region and a.op != "get_attr" for a in reads):
                return None  # not a chain on ``start`` alone
            region.add(node)
            inner.append(node)
        node = node.next
    else:
        return None
    last = node.args[0]
    if not inner or last is not inner[-1] or list(last.users) != [node]:
        return None
    if any(u not in region for n in (start, *inner[:-1]) for u in n.users):
        return None
    values = torch.linspace(-6, 6, 241).reshape(1, 1, 1, -1)
    env = {start: values}
    try:
        with torch.no_grad():
            for step in inner:
                env[step] = _run(gm, step, env)
    except Exception:  # an op that is not element-wise on these values: not a GELU
        return None
    got = env[last]
    if not isinstance(got, torch.Tensor) or got.shape != values.shape:
        return None
    return node if torch.allclose(got, F.gelu(values), rtol=1e-5, atol=1e-6) else None


def _run(gm: fx.GraphModule, node: fx.Node, env: dict):
    def value(n: fx.Node):
        return env[n] if n in env else onnx_fx.buffer(gm, n)

    args, kwargs = fx.node.map_arg(node.args, value), fx.node.map_arg(node.kwargs, value)
    if node.op == "call_module":
        return gm.get_submodule(node.target)(*args, **kwargs)
    if node.op == "call_method":
        return getattr(args[0], node.target)(*args[1:], **kwargs)
    return node.target(*args, **kwargs)


def _binary(gm: fx.GraphModule, node: fx.Node | None, function) -> tuple | None:
    """The two operands of ``node`` when it is torch.add / torch.mul (an ONNX Add / Mul) without old broadcast."""
    from onnx2torch.node_converters.binary_math_operations import OnnxBinaryMathOperation

    if node is None or len(node.args) != 2 or node.kwargs:
        return None
    if node.op == "call_function" and node.target is function:
        return tuple(node.args)
    layer = _module(gm, node, OnnxBinaryMathOperation)
    if layer is None or layer.math_op_function is not function or layer.broadcast == 1 and layer.axis is not None:
        return None
    return tuple(node.args)


def _constant_of(gm: fx.GraphModule, operands: tuple, other: fx.Node) -> torch.Tensor | None:
    """The constant operand of a binary op whose other operand is ``other``."""
    if other not in operands:
        return None
    rest = [a for a in operands if a is not other]
    return _buffer(gm, rest[0]) if len(rest) == 1 else None


def _transpose(gm: fx.GraphModule, node: fx.Node | None, perm: list[int]) -> fx.Node | None:
    from onnx2torch.node_converters.transpose import OnnxTranspose

    layer = _module(gm, node, OnnxTranspose)
    return node if layer is not None and list(layer.perm or []) == perm and len(node.args) == 1 else None


def _module(gm: fx.GraphModule, node: fx.Node | None, kind: type) -> nn.Module | None:
    if node is None or node.op != "call_module":
        return None
    layer = gm.get_submodule(node.target)
    return layer if type(layer) is kind else None


def _only_user(node: fx.Node | None) -> fx.Node | None:
    return next(iter(node.users)) if node is not None and len(node.users) == 1 else None


def _free_name(gm: fx.GraphModule, base: str) -> str:
    names = dict(gm.named_children())
    name, k = base, 1
    while name in names:
        name, k = f"{base}_{k}", k + 1
    return name


def _buffer(gm: fx.GraphModule, arg) -> torch.Tensor | None:
    value = onnx_fx.buffer(gm, arg)
    return value if value is not None and value.is_floating_point() else None
