"""Make any images fit the network's input: resize, grayscale↔RGB, and normalise."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ...core.i18n import translate
from ..errors import DataError

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
_LUMA = (0.299, 0.587, 0.114)  # ITU-R 601, what PIL's convert("L") uses


def image_layout(input_shape: tuple[int, ...]) -> tuple[tuple[int, int, int], tuple[int, ...]]:
    """The image size (C, H, W) to produce, and the tensor shape the model takes (C,H,W, H,W or a vector)."""
    shape = tuple(int(v) for v in input_shape)
    if len(shape) == 3:
        return (shape[0], shape[1], shape[2]), shape
    if len(shape) == 2:
        return (1, shape[0], shape[1]), shape
    if len(shape) == 1:  # a vector input: a square image flattened (L = s² grayscale or 3·s² colour)
        length = shape[0]
        for channels in (1, 3):
            side = math.isqrt(length // channels)
            if channels * side * side == length:
                return (channels, side, side), shape
        raise DataError(
            translate(
                "Data",
                "the network's input is a vector of {length} values, which is not a flattened square image (1·s·s or 3·s·s): give the Input block an image shape C,H,W",
            ).format(length=length)
        )
    raise DataError(
        translate("Data", "the network's input shape {shape} is not an image (C,H,W)").format(shape=list(shape))
    )


def to_float(images: torch.Tensor) -> torch.Tensor:
    """uint8 0–255 or float images as float32 in [0, 1]."""
    if images.dtype == torch.uint8:
        return images.float().div_(255.0)
    return images.float()


def fit_channels(images: torch.Tensor, channels: int) -> torch.Tensor:
    have = images.shape[1]
    if have == 4:  # RGBA: drop alpha
        images, have = images[:, :3], 3
    if have == channels:
        return images
    if have == 1 and channels == 3:
        return images.expand(-1, 3, -1, -1).contiguous()
    if have == 3 and channels == 1:
        weights = torch.tensor(_LUMA, dtype=images.dtype, device=images.device).view(1, 3, 1, 1)
        return (images * weights).sum(1, keepdim=True)
    raise DataError(
        translate("Data", "the network's input has {channels} channels; the images have {have} (use 1 or 3)").format(
            channels=channels, have=have
        )
    )


def fit_size(images: torch.Tensor, height: int, width: int) -> torch.Tensor:
    h, w = images.shape[-2:]
    if (h, w) == (height, width):
        return images
    shrinking = height < h or width < w  # antialias only when shrinking: it blurs nothing when enlarging
    resized = F.interpolate(images, size=(height, width), mode="bilinear", align_corners=False, antialias=shrinking)
    return resized.clamp_(0.0, 1.0)


def fit_images(images: torch.Tensor, chw: tuple[int, int, int]) -> torch.Tensor:
    """N×C×H×W images (uint8 or [0, 1] floats) as float32 [0, 1] images of size ``chw``."""
    return fit_size(fit_channels(to_float(images), chw[0]), chw[1], chw[2])


def channel_stats(images: torch.Tensor) -> tuple[list[float], list[float]]:
    """Per-channel mean and standard deviation of [0, 1] images (std never below 1e-3)."""
    flat = images.transpose(0, 1).reshape(images.shape[1], -1).double()
    return flat.mean(1).tolist(), flat.std(1).clamp_min(1e-3).tolist()


class Normalizer:
    """``(x - mean) / std`` per channel, and back for display; identity for ``normalize='none'``."""

    def __init__(self, mean: list[float], std: list[float]):
        self.mean, self.std = list(mean), list(std)

    @classmethod
    def choose(cls, mode: str, channels: int, sample: torch.Tensor | None) -> Normalizer:
        """``sample``: [0, 1] training images for ``standardize``."""
        if mode == "none":
            return cls([0.0] * channels, [1.0] * channels)
        if mode == "imagenet":
            if channels != 3:
                raise DataError(
                    translate("Data", "normalize=imagenet needs 3-channel input, the network takes {channels}").format(
                        channels=channels
                    )
                )
            return cls(list(IMAGENET_MEAN), list(IMAGENET_STD))
        if sample is None or len(sample) == 0:
            raise DataError(translate("Data", "no training images to compute the normalisation from"))
        return cls(*channel_stats(sample))

    @property
    def identity(self) -> bool:
        return all(m == 0.0 for m in self.mean) and all(s == 1.0 for s in self.std)

    def _view(self, values: list[float], like: torch.Tensor) -> torch.Tensor:
        return torch.tensor(values, dtype=like.dtype, device=like.device).view(1, -1, 1, 1)

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        if self.identity:
            return images
        return (images - self._view(self.mean, images)) / self._view(self.std, images)

    def undo(self, images: torch.Tensor) -> torch.Tensor:
        """Back to [0, 1] for display (clamped: a reconstruction can overshoot)."""
        if not self.identity:
            images = images * self._view(self.std, images) + self._view(self.mean, images)
        return images.clamp(0.0, 1.0)

    @property
    def zero(self) -> list[float]:
        """What a black pixel becomes: the fill for padding and rotation."""
        return [-m / s for m, s in zip(self.mean, self.std)]

    def to_dict(self) -> dict:
        return {"mean": self.mean, "std": self.std}
