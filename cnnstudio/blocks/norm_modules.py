"""torch modules of the normalisations other libraries write: torchvision's frozen batch norm, timm's norm + act.

Like ``modules.py`` (which re-exports them and lists them in ``EXPORTED``), each class is copied into exported
Python files by ``inspect.getsource``: self-contained (torch and nn only), formatted at 88 columns. Their
state_dict keys are the originals' (``weight``, ``bias``, ``running_mean``, ``running_var``), so checkpoints
of torchvision's detectors and of timm's networks load unchanged.
"""

from __future__ import annotations

import torch
import torch.nn as nn


class FrozenBatchNorm2d(nn.Module):
    """Batch norm with fixed statistics and affine (torchvision.ops): buffers only."""

    def __init__(self, num_features: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.register_buffer("weight", torch.ones(num_features))
        self.register_buffer("bias", torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # an ordinary batch norm's checkpoint has a counter this layer does not use
        state_dict.pop(prefix + "num_batches_tracked", None)
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        scale = self.weight * (self.running_var + self.eps).rsqrt()
        shift = self.bias - self.running_mean * scale
        return x * scale.reshape(1, -1, 1, 1) + shift.reshape(1, -1, 1, 1)


class BatchNormAct2d(nn.BatchNorm2d):
    """Batch norm, then dropout and an activation, as one layer (timm.layers)."""

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float = 0.1,
        affine: bool = True,
        act_layer: type[nn.Module] = nn.ReLU,
        drop: float = 0.0,
    ) -> None:
        super().__init__(num_features, eps=eps, momentum=momentum, affine=affine)
        self.drop = nn.Dropout(drop) if drop > 0 else nn.Identity()
        self.act = act_layer()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.drop(super().forward(x)))
