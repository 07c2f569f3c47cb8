"""torch modules of timm's building blocks that CNN Studio holds whole, with timm's submodule and weight names.

Like ``modules.py`` (which re-exports them and lists them in ``EXPORTED``), each class is copied into exported
Python files by ``inspect.getsource``: self-contained (torch and nn only), formatted at 88 columns.
"""

from __future__ import annotations

import torch
import torch.nn as nn


class Mlp(nn.Module):
    """Two layers with GELU between (timm.layers.Mlp): 1x1 convolutions or Linear."""

    def __init__(self, channels: int, hidden: int, conv: bool) -> None:
        super().__init__()
        layer = nn.Conv2d if conv else nn.Linear
        self.fc1 = layer(channels, hidden, 1) if conv else layer(channels, hidden)
        self.act = nn.GELU()
        self.fc2 = layer(hidden, channels, 1) if conv else layer(hidden, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


class ConvNeXtBlock(nn.Module):
    """timm's ConvNeXt block: depthwise conv, layer norm, MLP, gamma scale, + input."""

    def __init__(
        self,
        channels: int,
        kernel_size: int = 7,
        mlp_ratio: int = 4,
        conv_mlp: bool = False,
        ls_init_value: float = 1e-6,
        eps: float = 1e-6,
    ) -> None:
        super().__init__()
        self.use_conv_mlp = conv_mlp
        k = kernel_size
        self.conv_dw = nn.Conv2d(channels, channels, k, padding=k // 2, groups=channels)
        self.norm = nn.LayerNorm(channels, eps=eps)
        self.mlp = Mlp(channels, mlp_ratio * channels, conv_mlp)
        self.gamma = nn.Parameter(ls_init_value * torch.ones(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x
        x = self.conv_dw(x).permute(0, 2, 3, 1)  # channels last for the norm
        x = self.norm(x)
        if self.use_conv_mlp:
            x = self.mlp(x.permute(0, 3, 1, 2))
        else:
            x = self.mlp(x).permute(0, 3, 1, 2)
        return x.mul(self.gamma.reshape(1, -1, 1, 1)) + shortcut
