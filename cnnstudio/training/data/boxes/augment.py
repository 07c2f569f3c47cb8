"""Augmentation that moves the boxes with the pixels: a horizontal flip and a scale/translate (zooming in
crops the edges, zooming out leaves a black border), by torchvision.transforms.v2's functional ops on the
image and on a ``tv_tensors.BoundingBoxes``, then ``SanitizeBoundingBoxes`` drops boxes pushed out of view.

v2's random transforms draw from torch's global generator; here every image's parameters are drawn from the
caller's ``torch.Generator`` instead, so a run is the same for the same seed whatever else uses torch."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torchvision import tv_tensors
from torchvision.transforms import InterpolationMode, v2
from torchvision.transforms.v2 import functional as TF


@dataclass(frozen=True)
class BoxAugment:
    """What ``augment_boxes`` may do to an image: flip with probability ``flip``, scale by a factor drawn from
    ``scale``, shift by up to ``translate`` of the image's size; boxes under ``min_size`` px after are dropped."""

    flip: float = 0.5
    scale: tuple[float, float] = (0.75, 1.25)
    translate: float = 0.1
    min_size: float = 2.0


def augment_boxes(
    images: torch.Tensor,
    targets: list[dict[str, torch.Tensor]],
    config: BoxAugment | None = None,
    generator: torch.Generator | None = None,
) -> tuple[torch.Tensor, list[dict[str, torch.Tensor]]]:
    """A batch (N×C×H×W, uint8 or float) and its targets, each image moved by its own random draw."""
    config = config or BoxAugment()
    generator = generator if generator is not None else torch.Generator().manual_seed(0)
    sanitize = v2.SanitizeBoundingBoxes(min_size=config.min_size)
    height, width = images.shape[-2:]
    draws = torch.rand(len(images), 4, generator=generator)
    out_images, out_targets = [], []
    for image, target, (flip, scale, tx, ty) in zip(images, targets, draws.tolist()):
        boxes = tv_tensors.BoundingBoxes(target["boxes"], format="XYXY", canvas_size=(height, width))
        if flip < config.flip:
            image, boxes = TF.horizontal_flip(image), TF.horizontal_flip(boxes)
        lo, hi = config.scale
        factor = lo + (hi - lo) * scale
        shift = [(2 * tx - 1) * config.translate * width, (2 * ty - 1) * config.translate * height]
        if factor != 1.0 or shift != [0.0, 0.0]:
            affine = dict(angle=0.0, translate=shift, scale=factor, shear=[0.0, 0.0], center=None)
            image = TF.affine(image, **affine, interpolation=InterpolationMode.BILINEAR, fill=0)
            boxes = TF.affine(boxes, **affine)
        kept = sanitize({"image": image, "boxes": boxes, "labels": target["labels"]})
        out_images.append(kept["image"])
        out_targets.append({"boxes": kept["boxes"].as_subclass(torch.Tensor).float(), "labels": kept["labels"]})
    return torch.stack(out_images), out_targets
