"""torchvision's building blocks recognised whole, so an import reads like a preset.

A BasicBlock/Bottleneck, BasicConv2d or Inception becomes one residual / conv_bn_relu / inception block only when
every layer in it is exactly what that block builds (the importer's output check guards the forward).
"""

from __future__ import annotations

import torch.fx as fx
import torch.nn as nn

from .import_ops import Step


def _plain_conv(m, k: int, stride: int, padding: int, c_in: int | None = None, c_out: int | None = None) -> bool:
    return (
        type(m) is nn.Conv2d
        and m.kernel_size == (k, k)
        and m.stride == (stride, stride)
        and m.padding == (padding, padding)
        and m.dilation == (1, 1)
        and m.groups == 1
        and m.bias is None
        and m.padding_mode == "zeros"
        and (c_in is None or m.in_channels == c_in)
        and (c_out is None or m.out_channels == c_out)
    )


def _plain_bn(m, channels: int, eps: float = 1e-5) -> bool:
    return (
        type(m) is nn.BatchNorm2d
        and m.num_features == channels
        and m.eps == eps
        and m.momentum == 0.1
        and m.affine
        and m.track_running_stats
    )


def _residual(m: nn.Module) -> dict | None:
    kind = {"BasicBlock": "basic", "Bottleneck": "bottleneck"}.get(type(m).__name__)
    conv1, conv2 = getattr(m, "conv1", None), getattr(m, "conv2", None)
    if kind is None or not isinstance(conv1, nn.Conv2d) or not isinstance(conv2, nn.Conv2d):
        return None
    c_in, planes, stride = conv1.in_channels, conv1.out_channels, conv2.stride[0]
    if kind == "basic":
        stride = conv1.stride[0]
        out = planes
        ok = _plain_conv(conv1, 3, stride, 1) and _plain_conv(conv2, 3, 1, 1, planes, planes)
        ok = ok and len(list(m.children())) == 6 - (m.downsample is None)
    else:
        out = planes * 4
        conv3 = getattr(m, "conv3", None)
        ok = _plain_conv(conv1, 1, 1, 0) and _plain_conv(conv2, 3, stride, 1, planes, planes)
        ok = ok and _plain_conv(conv3, 1, 1, 0, planes, out) and _plain_bn(getattr(m, "bn3", None), out)
        ok = ok and len(list(m.children())) == 8 - (m.downsample is None)
    ok = ok and _plain_bn(m.bn1, planes) and _plain_bn(m.bn2, planes) and type(getattr(m, "relu", None)) is nn.ReLU
    down = getattr(m, "downsample", None)
    if stride != 1 or c_in != out:
        ok = ok and isinstance(down, nn.Sequential) and len(down) == 2
        ok = ok and _plain_conv(down[0], 1, stride, 0, c_in, out) and _plain_bn(down[1], out)
    else:
        ok = ok and down is None
    return dict(kind=kind, planes=planes, stride=stride) if ok else None


def _basic_conv(m: nn.Module) -> dict | None:
    conv, bn = getattr(m, "conv", None), getattr(m, "bn", None)
    if type(m).__name__ != "BasicConv2d" or type(conv) is not nn.Conv2d or len(list(m.children())) != 2:
        return None
    k, s, p = conv.kernel_size, conv.stride, conv.padding
    if isinstance(p, str) or not _plain_conv(conv, k[0], s[0], p[0]) or k[0] != k[1] or s[0] != s[1] or p[0] != p[1]:
        return None
    if type(bn) is not nn.BatchNorm2d or not _plain_bn(bn, conv.out_channels, bn.eps):
        return None
    return dict(out_channels=conv.out_channels, kernel_size=k[0], stride=s[0], padding=p[0], eps=float(bn.eps))


def _inception(m: nn.Module) -> dict | None:
    if type(m).__name__ != "Inception" or not all(hasattr(m, f"branch{i}") for i in (1, 2, 3, 4)):
        return None
    b1, b2, b3, b4 = m.branch1, m.branch2, m.branch3, m.branch4
    seqs = all(isinstance(b, nn.Sequential) and len(b) == 2 for b in (b2, b3, b4))
    if not seqs or not all(_basic_conv(c) for c in (b1, b2[0], b2[1], b3[0], b3[1], b4[1])):
        return None
    pool = b4[0]
    if type(pool) is not nn.MaxPool2d or (pool.kernel_size, pool.stride, pool.padding, pool.ceil_mode) != (
        3,
        1,
        1,
        True,
    ):
        return None
    k5 = b3[1].conv.kernel_size[0]
    shapes_ok = (
        _basic_conv(b1)["kernel_size"] == 1
        and (_basic_conv(b2[1])["kernel_size"], _basic_conv(b2[1])["padding"]) == (3, 1)
        and (_basic_conv(b3[1])["padding"], k5 in (3, 5)) == (k5 // 2, True)
        and all(_basic_conv(c)["kernel_size"] == 1 and _basic_conv(c)["eps"] == 0.001 for c in (b2[0], b3[0], b4[1]))
        and all(_basic_conv(c)["eps"] == 0.001 and _basic_conv(c)["stride"] == 1 for c in (b1, b2[1], b3[1]))
    )
    if not shapes_ok:
        return None
    return dict(
        ch1x1=b1.conv.out_channels,
        ch3x3red=b2[0].conv.out_channels,
        ch3x3=b2[1].conv.out_channels,
        ch5x5red=b3[0].conv.out_channels,
        ch5x5=b3[1].conv.out_channels,
        pool_proj=b4[1].conv.out_channels,
        ch5x5_kernel=k5,
    )


def composite_step(m: nn.Module, inputs: list[fx.Node]) -> Step | None:
    """A torchvision BasicBlock/Bottleneck, BasicConv2d or Inception that matches a composite block exactly."""
    for type_, match in (("residual", _residual), ("conv_bn_relu", _basic_conv), ("inception", _inception)):
        params = match(m)
        if params is not None:
            return Step(type_, inputs, params)
    return None
