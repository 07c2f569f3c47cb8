"""Layer groups the modern presets share, written as nodes with torchvision's module names.

torchvision builds its mobile networks from ``Conv2dNormActivation`` (a Sequential: ``.0`` conv, ``.1`` norm,
``.2`` activation) and ``SqueezeExcitation``; the helpers below write those under the same dotted names
(single blocks, and the squeeze_excitation composite), so every state_dict key is torchvision's.
"""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder


def make_divisible(v: float, divisor: int = 8) -> int:
    """torchvision's ``_make_divisible``: round to a multiple of ``divisor``, never more than 10% down."""
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


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


def squeeze_excitation(
    b: GraphBuilder, name: str, x: str, squeeze: int, act: str = "relu", gate: str = "sigmoid"
) -> str:
    """torchvision.ops.SqueezeExcitation as one composite node (expand it to see avgpool, fc1, fc2, the gate)."""
    return b.add("squeeze_excitation", name, x, squeeze_channels=squeeze, activation=act, scale_activation=gate)
