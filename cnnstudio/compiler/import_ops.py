"""How one torch.fx node of an imported model becomes a block: module layers, functions and tensor methods.

Each translator returns a ``Step``: a block (type, params, tensor inputs), an alias (the node passes its input
through: ``nn.Identity``, ``.contiguous()``) or None when the op has no block; the importer names the op and
where it is in its error message.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field

import torch
import torch.fx as fx
import torch.nn as nn
import torch.nn.functional as F


class Unsupported(Exception):
    """An op or a setting that has no block; str() says which setting."""


@dataclass
class Step:
    type: str | None  # None: an alias of ``inputs[0]``
    inputs: list[fx.Node]
    params: dict = field(default_factory=dict)


def _value(v):
    """A pair or a single number as the block params store it."""
    if isinstance(v, (tuple, list)):
        v = [int(a) for a in v]
        return v[0] if len(set(v)) == 1 else v
    return int(v)


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise Unsupported(what)


# modules -------------------------------------------------------------------------------------------
def _conv(m: nn.Conv2d) -> dict:
    _need(m.padding_mode == "zeros", f"padding_mode={m.padding_mode!r} (only zero padding)")
    padding = m.padding if isinstance(m.padding, str) else _value(m.padding)
    return dict(
        out_channels=m.out_channels,
        kernel_size=_value(m.kernel_size),
        stride=_value(m.stride),
        padding=padding,
        dilation=_value(m.dilation),
        groups=m.groups,
        bias=m.bias is not None,
    )


def _conv_t(m: nn.ConvTranspose2d) -> dict:
    _need(m.padding_mode == "zeros", f"padding_mode={m.padding_mode!r} (only zero padding)")
    return dict(
        out_channels=m.out_channels,
        kernel_size=_value(m.kernel_size),
        stride=_value(m.stride),
        padding=_value(m.padding),
        output_padding=_value(m.output_padding),
        dilation=_value(m.dilation),
        groups=m.groups,
        bias=m.bias is not None,
    )


def _bn(m: nn.modules.batchnorm._BatchNorm) -> dict:
    _need(m.track_running_stats and m.momentum is not None, "batch norm without running statistics")
    return dict(eps=float(m.eps), momentum=float(m.momentum), affine=bool(m.affine))


def _pool(kernel, stride, padding, dilation, ceil_mode, **extra) -> dict:
    params = dict(
        kernel_size=_value(kernel),
        stride=_value(stride if stride not in (None, (), []) else kernel),
        padding=_value(padding),
        ceil_mode=bool(ceil_mode),
    )
    if dilation is not None:
        params["dilation"] = _value(dilation)
    params.update(extra)
    return params


def _adaptive(output_size) -> tuple[str, dict]:
    size = output_size if isinstance(output_size, (tuple, list)) else (output_size, output_size)
    _need(None not in size, "adaptive pooling that keeps one side (output_size with None)")
    return "adaptive_avgpool2d", dict(output_size=_value(size))


def _upsample(scale, mode, align_corners, size=None) -> dict:
    _need(size is None, "upsampling to a fixed size (give scale_factor instead)")
    if isinstance(scale, (tuple, list)):
        _need(len(set(scale)) == 1, "different scale factors for height and width")
        scale = scale[0]
    _need(scale is not None, "upsampling without a scale factor")
    _need(mode in ("nearest", "bilinear"), f"upsampling mode {mode!r} (nearest or bilinear)")
    _need(not align_corners, "bilinear upsampling with align_corners=True")
    return dict(scale_factor=float(scale), mode=mode)


ACTIVATION_MODULES = {nn.ReLU: "relu", nn.GELU: "gelu", nn.SiLU: "silu", nn.Sigmoid: "sigmoid", nn.Tanh: "tanh"}


def module_step(m: nn.Module, inputs: list[fx.Node]) -> Step | None:
    """The block for a leaf module, or None if there is none."""
    from .import_composites import composite_step

    composite = composite_step(m, inputs)
    if composite is not None:
        return composite
    kind = type(m)
    if kind is nn.Conv2d:
        return Step("conv2d", inputs, _conv(m))
    if kind is nn.ConvTranspose2d:
        return Step("conv_transpose2d", inputs, _conv_t(m))
    if kind in (nn.BatchNorm1d, nn.BatchNorm2d):
        return Step("batchnorm1d" if kind is nn.BatchNorm1d else "batchnorm2d", inputs, _bn(m))
    if kind in ACTIVATION_MODULES:
        if kind is nn.GELU:
            _need(m.approximate == "none", "GELU(approximate='tanh')")
        return Step(ACTIVATION_MODULES[kind], inputs)
    if kind is nn.LeakyReLU:
        return Step("leaky_relu", inputs, dict(negative_slope=float(m.negative_slope)))
    if kind is nn.MaxPool2d:
        _need(not m.return_indices, "max pooling with return_indices=True")
        return Step("maxpool2d", inputs, _pool(m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode))
    if kind is nn.AvgPool2d:
        _need(m.divisor_override is None, "average pooling with divisor_override")
        extra = dict(count_include_pad=bool(m.count_include_pad))
        return Step("avgpool2d", inputs, _pool(m.kernel_size, m.stride, m.padding, None, m.ceil_mode, **extra))
    if kind is nn.AdaptiveAvgPool2d:
        type_, params = _adaptive(m.output_size)
        return Step(type_, inputs, params)
    if kind is nn.Linear:
        return Step("linear", inputs, dict(out_features=m.out_features, bias=m.bias is not None))
    if kind is nn.Dropout:
        return Step("dropout", inputs, dict(p=float(m.p)))
    if kind is nn.Flatten:
        _need(m.start_dim == 1 and m.end_dim == -1, f"Flatten({m.start_dim}, {m.end_dim}) (only from dim 1 to the end)")
        return Step("flatten", inputs)
    if kind is nn.Upsample:
        return Step("upsample", inputs, _upsample(m.scale_factor, m.mode, m.align_corners, m.size))
    if kind is nn.Identity:
        return Step(None, inputs)
    return None


# functions and methods -----------------------------------------------------------------------------
def _arg(node: fx.Node, index: int, name: str, default=None):
    if len(node.args) > index:
        return node.args[index]
    return node.kwargs.get(name, default)


def _shape(node) -> tuple[int, ...] | None:
    meta = node.meta.get("tensor_meta") if isinstance(node, fx.Node) else None
    return tuple(meta.shape) if meta is not None and hasattr(meta, "shape") else None


def _tensors(values) -> list[fx.Node]:
    return [v for v in values if isinstance(v, fx.Node) and _shape(v) is not None]


def _flatten_dims(node: fx.Node, x: fx.Node) -> Step:
    start, end = _arg(node, 1, "start_dim", 0), _arg(node, 2, "end_dim", -1)
    _need(start == 1 and end in (-1, len(_shape(x)) - 1), f"flatten from dim {start} to {end} (only from dim 1)")
    return Step("flatten", [x])


def _reshape(node: fx.Node, x: fx.Node) -> Step:
    """``x.view(x.size(0), -1)`` and its kin are a flatten; a reshape to the same shape is nothing."""
    before, after = _shape(x), _shape(node)
    if before == after:
        return Step(None, [x])
    _need(
        after is not None and len(after) == 2 and after[0] == before[0] and after[1] == math.prod(before[1:]),
        f"a reshape from {list(before)} to {list(after or ())} (only flattening to N x features)",
    )
    return Step("flatten", [x])


def _mean(node: fx.Node, x: fx.Node) -> Step:
    dims = _arg(node, 1, "dim")
    dims = sorted(d % len(_shape(x)) for d in (dims if isinstance(dims, (tuple, list)) else [dims]))
    _need(dims == [2, 3], f"a mean over dims {dims} (only over height and width)")
    if _arg(node, 2, "keepdim", False):
        return Step("adaptive_avgpool2d", [x], dict(output_size=1))
    return Step("global_avgpool", [x])


def _cat(node: fx.Node) -> Step:
    tensors = _tensors(_arg(node, 0, "tensors", []))
    dim = _arg(node, 1, "dim", 0)
    rank = len(_shape(tensors[0]))
    _need(dim % rank == 1, f"torch.cat on dim {dim} (only on channels, dim 1)")
    return Step("concat", tensors, dict(num_inputs=len(tensors)))


def _add(node: fx.Node) -> Step:
    tensors = _tensors(node.args)
    _need(len(tensors) == 2 and len(node.args) == 2, "adding a number (only tensor + tensor)")
    _need(node.kwargs.get("alpha", 1) == 1, "torch.add with alpha")
    _need(_shape(tensors[0]) == _shape(tensors[1]), "adding tensors of different shapes (broadcasting)")
    return Step("add", tensors, dict(num_inputs=2))


def _activation(type_: str, **params):
    return lambda node, x: Step(type_, [x], params)


def _leaky(node, x):
    return Step("leaky_relu", [x], dict(negative_slope=float(_arg(node, 1, "negative_slope", 0.01))))


def _gelu(node, x):
    _need(node.kwargs.get("approximate", "none") == "none", "gelu(approximate='tanh')")
    return Step("gelu", [x])


def _dropout(node, x):
    # traced in eval mode, F.dropout(training=self.training) reads False: keep it, it is identity in eval
    return Step("dropout", [x], dict(p=float(_arg(node, 1, "p", 0.5))))


def _max_pool(node, x):
    _need(not _arg(node, 6, "return_indices", False), "max pooling with return_indices=True")
    a = [_arg(node, i, n, d) for i, n, d in ((1, "kernel_size", None), (2, "stride", None), (3, "padding", 0))]
    return Step("maxpool2d", [x], _pool(*a, _arg(node, 4, "dilation", 1), _arg(node, 5, "ceil_mode", False)))


def _avg_pool(node, x):
    _need(_arg(node, 6, "divisor_override") is None, "average pooling with divisor_override")
    a = [_arg(node, i, n, d) for i, n, d in ((1, "kernel_size", None), (2, "stride", None), (3, "padding", 0))]
    extra = dict(count_include_pad=bool(_arg(node, 5, "count_include_pad", True)))
    return Step("avgpool2d", [x], _pool(*a, None, _arg(node, 4, "ceil_mode", False), **extra))


def _adaptive_fn(node, x):
    type_, params = _adaptive(_arg(node, 1, "output_size"))
    return Step(type_, [x], params)


def _interpolate(node, x):
    params = _upsample(
        _arg(node, 2, "scale_factor"),
        _arg(node, 3, "mode", "nearest"),
        _arg(node, 4, "align_corners"),
        _arg(node, 1, "size"),
    )
    return Step("upsample", [x], params)


_UNARY = {
    "relu": _activation("relu"),
    "relu_": _activation("relu"),
    "leaky_relu": _leaky,
    "gelu": _gelu,
    "silu": _activation("silu"),
    "sigmoid": _activation("sigmoid"),
    "tanh": _activation("tanh"),
    "flatten": _flatten_dims,
    "dropout": _dropout,
    "max_pool2d": _max_pool,
    "avg_pool2d": _avg_pool,
    "adaptive_avg_pool2d": _adaptive_fn,
    "interpolate": _interpolate,
    "mean": _mean,
    "view": _reshape,
    "reshape": _reshape,
    "contiguous": lambda node, x: Step(None, [x]),
}
_OWNERS = (torch, F, torch.Tensor, torch._C._nn)
FUNCTIONS = {getattr(owner, name): name for name in _UNARY for owner in _OWNERS if hasattr(owner, name)}
FUNCTIONS.update({operator.add: "add", operator.iadd: "add", torch.add: "add", torch.cat: "cat", torch.concat: "cat"})


def function_name(target) -> str | None:
    """The op a call_function target is, by identity (F.max_pool2d's dispatcher included), or None."""
    try:
        if target in FUNCTIONS:
            return FUNCTIONS[target]
    except TypeError:  # unhashable target
        return None
    name = getattr(target, "__name__", "")
    module = getattr(target, "__module__", "") or ""
    if name in _UNARY and module.startswith(("torch.nn.functional", "torch._C")):
        return name
    return None


def function_step(node: fx.Node) -> Step | None:
    """The block for a call_function or call_method node, or None if there is none."""
    name = node.target if node.op == "call_method" else function_name(node.target)
    if name in ("add", "iadd", "__add__"):
        return _add(node)
    if name in ("cat", "concat"):
        return _cat(node)
    if name not in _UNARY:
        return None
    x = node.args[0] if node.args else next(iter(node.kwargs.values()), None)
    _need(isinstance(x, fx.Node) and _shape(x) is not None, "an op whose first argument is not a tensor")
    return _UNARY[name](node, x)


def describe(node: fx.Node) -> str:
    """How the op reads in the source: ``nn.LSTM``, ``torch.nn.functional.interpolate``, ``Tensor.unfold``."""
    if node.op == "call_method":
        return f"Tensor.{node.target}"
    if node.op == "call_function":
        module = getattr(node.target, "__module__", None) or ""
        name = getattr(node.target, "__name__", str(node.target))
        module = {
            "_operator": "operator",
            "torch._C._nn": "torch.nn.functional",
            "torch._C._VariableFunctions": "torch",
        }.get(module, module)
        return f"{module}.{name}" if module else name
    return f"{node.op} {node.target}"
