"""torch modules for blocks that are more than one layer. Imported only by ``build`` and the code exporter.

Their submodule names follow torchvision (``conv1``, ``bn1``, ``downsample.0``, ``branch2.1.conv``), so a
residual or inception node named ``layer1.0`` or ``inception3a`` loads torchvision's weights unchanged.

The exported Python file contains these very classes (``inspect.getsource``; see ``EXPORTED``): keep each one
self-contained (torch and nn only), within 88 columns and as ``ruff format`` writes it at that width.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from cnnstudio.core.formulas import pair

from .conv import INIT_CALLS
from .mobile_modules import (  # noqa: F401  (EXPORTED)
    Conv2dNormActivation,
    InvertedResidual,
    ShuffleUnit,
    SqueezeExcitation,
)
from .norm_modules import BatchNormAct2d, FrozenBatchNorm2d  # noqa: F401  (EXPORTED)
from .timm_modules import ConvNeXtBlock, Mlp  # noqa: F401  (EXPORTED)


def conv_padding(p: dict):
    padding = p["padding"]
    return padding if isinstance(padding, str) else pair(padding)


def make_conv2d(in_channels: int, p: dict) -> nn.Conv2d:
    conv = nn.Conv2d(
        in_channels,
        p["out_channels"],
        pair(p["kernel_size"]),
        pair(p["stride"]),
        conv_padding(p),
        pair(p["dilation"]),
        p["groups"],
        p["bias"],
    )
    init = p.get("init", "default")
    if init != "default":
        func, kwargs = INIT_CALLS[init]
        getattr(nn.init, func)(conv.weight, **kwargs)
        if conv.bias is not None:
            nn.init.zeros_(conv.bias)
    return conv


# exported as they are ----------------------------------------------------------------------------
class GlobalAvgPool2d(nn.Module):
    """Global average pooling: one mean per channel, N x C x H x W -> N x C."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.mean(dim=(2, 3))


class BasicConv2d(nn.Module):
    """Convolution without bias, batch norm, ReLU (GoogLeNet's building block)."""

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        eps: float = 0.001,
        **kwargs,
    ) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=eps)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.bn(self.conv(x)))


class Inception(nn.Module):
    """GoogLeNet's inception module: four branches concatenated on channels."""

    def __init__(
        self,
        in_channels: int,
        ch1x1: int,
        ch3x3red: int,
        ch3x3: int,
        ch5x5red: int,
        ch5x5: int,
        pool_proj: int,
        ch5x5_kernel: int = 3,  # torchvision's "5x5" branch is a 3x3
    ) -> None:
        super().__init__()
        self.branch1 = BasicConv2d(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, kernel_size=1),
            BasicConv2d(ch3x3red, ch3x3, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, kernel_size=1),
            BasicConv2d(
                ch5x5red,
                ch5x5,
                kernel_size=ch5x5_kernel,
                padding=ch5x5_kernel // 2,
            ),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True),
            BasicConv2d(in_channels, pool_proj, kernel_size=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branches = [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]
        return torch.cat(branches, 1)


def downsample(inplanes: int, outplanes: int, stride: int) -> nn.Sequential | None:
    """The projection shortcut (1x1 conv + batch norm) when stride or width change."""
    if stride == 1 and inplanes == outplanes:
        return None
    return nn.Sequential(
        nn.Conv2d(inplanes, outplanes, kernel_size=1, stride=stride, bias=False),
        nn.BatchNorm2d(outplanes),
    )


class BasicBlock(nn.Module):
    """ResNet's basic residual module: two 3x3 convolutions plus the shortcut."""

    expansion = 1

    def __init__(self, inplanes: int, planes: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample(inplanes, planes, stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """ResNet's bottleneck module: 1x1 reduce, 3x3 (with the stride), 1x1 expand x4.

    ResNeXt: the 3x3 is split into ``groups`` groups of ``width_per_group`` channels (per 64 planes).
    """

    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1, groups: int = 1, width_per_group: int = 64) -> None:
        super().__init__()
        width = int(planes * (width_per_group / 64.0)) * groups
        out = planes * self.expansion
        self.conv1 = nn.Conv2d(inplanes, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, groups=groups, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample(inplanes, out, stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class LayerNorm2d(nn.LayerNorm):
    """Layer norm over the channels of each pixel (ConvNeXt): N x C x H x W in and out."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 2, 3, 1)
        shape, eps = self.normalized_shape, self.eps
        x = nn.functional.layer_norm(x, shape, self.weight, self.bias, eps)
        return x.permute(0, 3, 1, 2)


class StochasticDepth(nn.Module):
    """Drops the residual branch of random samples while training (torchvision.ops)."""

    def __init__(self, p: float, mode: str = "row") -> None:
        super().__init__()
        self.p = p
        self.mode = mode

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        survival = 1.0 - self.p
        size = [x.shape[0]] + [1] * (x.ndim - 1) if self.mode == "row" else [1] * x.ndim
        noise = torch.empty(size, dtype=x.dtype, device=x.device).bernoulli_(survival)
        if survival > 0.0:
            noise.div_(survival)
        return x * noise


class Permute(nn.Module):
    """Reorders the dimensions (torchvision.ops.misc.Permute): channels last and back."""

    def __init__(self, dims: list[int]) -> None:
        super().__init__()
        self.dims = dims

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.permute(x, self.dims)


class CNBlock(nn.Module):
    """ConvNeXt's block: 7x7 depthwise conv, layer norm, 4x MLP, layer scale, + input."""

    def __init__(
        self,
        dim: int,
        layer_scale: float = 1e-6,
        stochastic_depth_prob: float = 0.0,
        eps: float = 1e-6,
    ) -> None:
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(dim, dim, kernel_size=7, padding=3, groups=dim, bias=True),
            Permute([0, 2, 3, 1]),
            nn.LayerNorm(dim, eps=eps),
            nn.Linear(dim, 4 * dim),
            nn.GELU(),
            nn.Linear(4 * dim, dim),
            Permute([0, 3, 1, 2]),
        )
        self.layer_scale = nn.Parameter(torch.ones(dim, 1, 1) * layer_scale)
        self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        result = self.layer_scale * self.block(x)
        result = self.stochastic_depth(result)
        result += x
        return result


class SampleGaussian(nn.Module):
    """The VAE reparameterisation: mu + exp(logvar / 2) * eps while training, mu in eval.

    ``generator`` (a torch.Generator) makes the noise reproducible without touching the global seed.
    """

    def __init__(self) -> None:
        super().__init__()
        self.generator: torch.Generator | None = None

    def forward(self, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return mu
        eps = torch.randn(mu.shape, generator=self.generator, device=mu.device, dtype=mu.dtype)
        return mu + torch.exp(0.5 * logvar) * eps


# what a generated file may copy, in the order it must define them (a class after what it uses)
EXPORTED = (
    "CenterNetDecode",
    "GlobalAvgPool2d",
    "BasicConv2d",
    "Inception",
    "downsample",
    "BasicBlock",
    "Bottleneck",
    "LayerNorm2d",
    "StochasticDepth",
    "Permute",
    "CNBlock",
    "SqueezeExcitation",
    "Conv2dNormActivation",
    "InvertedResidual",
    "ShuffleUnit",
    "SampleGaussian",
    "FrozenBatchNorm2d",
    "BatchNormAct2d",
    "Mlp",
    "ConvNeXtBlock",
)


class CenterNetDecode(nn.Module):
    """CenterNet's head map -> boxes. Training: the raw map (for the loss). Eval: NxKx6.

    Per grid cell the input has num_classes + 4 channels: a heat-map logit per
    class, box width and height (log of the size in cells), the centre's offset.
    Eval returns rows (x1, y1, x2, y2, score, class), corners as fractions of the image,
    for the K best peaks (a cell beating its 3x3 neighbours: CenterNet's NMS); a row
    below the score threshold is zeros. Fixed shapes: ONNX and torch.export keep it.
    """

    def __init__(self, num_classes: int, max_detections=100, score_threshold=0.05):
        super().__init__()
        self.num_classes = num_classes
        self.max_detections = max_detections
        self.score_threshold = score_threshold

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.training:
            return x
        n, c, h, w = x.shape
        heat = torch.sigmoid(x[:, : self.num_classes])
        is_peak = nn.functional.max_pool2d(heat, 3, stride=1, padding=1) == heat
        peaks = heat * is_peak.to(heat.dtype)
        k = min(self.max_detections, self.num_classes * h * w)
        scores, index = peaks.flatten(1).topk(k)  # N x K, over classes and cells
        label = index // (h * w)
        cell = index % (h * w)
        size = x[:, c - 4 : c - 2].flatten(2).exp()  # N x 2 x hw, in cells
        offset = x[:, c - 2 :].flatten(2)
        at = cell.unsqueeze(1).expand(n, 2, k)
        bw, bh = size.gather(2, at).unbind(1)
        ox, oy = offset.gather(2, at).unbind(1)
        cx = ((cell % w).to(x.dtype) + ox) / w
        cy = (torch.div(cell, w, rounding_mode="floor").to(x.dtype) + oy) / h
        half_w, half_h = bw / (2 * w), bh / (2 * h)
        box = [cx - half_w, cy - half_h, cx + half_w, cy + half_h]
        rows = torch.stack([*box, scores, label.to(x.dtype)], 2)
        rows = rows * (scores >= self.score_threshold).unsqueeze(2).to(x.dtype)
        if k < self.max_detections:  # fewer cells than detections: pad with empty rows
            rows = nn.functional.pad(rows, (0, 0, 0, self.max_detections - k))
        return rows
