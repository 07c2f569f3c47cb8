"""Layer groups the modern presets share, written as nodes with torchvision's module names.

torchvision builds the stems and heads of its mobile networks from ``Conv2dNormActivation`` (a Sequential: ``.0``
conv, ``.1`` norm, ``.2`` activation); the helper below writes one under the same dotted names, so every
state_dict key is torchvision's. Their blocks are composites (mobilenet_v3_block, mbconv).
"""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder


def conv_norm_act(
    b: GraphBuilder,
    name: str,
    x: str,
    out: int,
    kernel: int = 3,
    stride: int = 1,
    groups: int = 1,
    act: str | None = "relu",
    norm: dict | None = None,
) -> str:
    """torchvision's Conv2dNormActivation: a bias-free convolution padded to keep the size (÷ stride),
    batch norm, then the activation (none for the linear projections of inverted residuals)."""
    x = b.add(
        "conv2d",
        f"{name}.0",
        x,
        out_channels=out,
        kernel_size=kernel,
        stride=stride,
        padding=(kernel - 1) // 2,
        groups=groups,
        bias=False,
    )
    x = b.add("batchnorm2d", f"{name}.1", x, **(norm or {}))
    return b.add(act, f"{name}.2", x) if act else x
