"""A detection set in memory: images at one size and, per image, its boxes (xyxy pixels) and class labels."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch
import torch.nn.functional as F


def make_target(boxes, labels) -> dict[str, torch.Tensor]:
    """One image's target: ``boxes`` float32 K×4 xyxy in pixels, ``labels`` int64 K (K may be 0)."""
    return {
        "boxes": torch.as_tensor(boxes, dtype=torch.float32).reshape(-1, 4),
        "labels": torch.as_tensor(labels, dtype=torch.int64).reshape(-1),
    }


@dataclass
class BoxSet:
    """``images``: N×C×H×W uint8; ``targets``: one dict per image (see ``make_target``). No ``labels``:
    a detection image has no single class."""

    images: torch.Tensor
    targets: list[dict[str, torch.Tensor]]

    def __post_init__(self) -> None:
        if self.images.ndim != 4 or len(self.images) != len(self.targets):
            raise ValueError(f"BoxSet needs N×C×H×W images and N targets, got {tuple(self.images.shape)}")

    def __len__(self) -> int:
        return len(self.targets)

    @property
    def image_size(self) -> tuple[int, int, int]:
        return tuple(self.images.shape[1:])  # type: ignore[return-value]

    def subset(self, indices: torch.Tensor) -> BoxSet:
        return BoxSet(self.images[indices], [self.targets[i] for i in indices.tolist()])

    def resized(self, chw: tuple[int, int, int]) -> BoxSet:
        """The same set at ``chw`` (a plain stretch, no letterbox); boxes scale with the pixels."""
        channels, height, width = chw
        images = self.images
        if images.shape[1] != channels:
            images = _fit_channels(images, channels)
        h, w = images.shape[-2:]
        if (h, w) == (height, width):
            return BoxSet(images, self.targets)
        out = torch.empty(len(images), channels, height, width, dtype=torch.uint8)
        for start in range(0, len(images), 256):  # chunks keep the float copies small
            chunk = images[start : start + 256].float()
            shrink = height < h or width < w
            chunk = F.interpolate(chunk, size=(height, width), mode="bilinear", align_corners=False, antialias=shrink)
            out[start : start + 256] = chunk.round_().clamp_(0, 255).to(torch.uint8)
        scale = torch.tensor([width / w, height / h, width / w, height / h])
        targets = [make_target(t["boxes"] * scale, t["labels"]) for t in self.targets]
        return BoxSet(out, targets)

    def batches(
        self, batch_size: int, *, shuffle: bool = False, seed: int = 0
    ) -> Iterator[tuple[torch.Tensor, list[dict[str, torch.Tensor]]]]:
        """``(images float N×C×H×W in [0, 1], targets)`` batches; a shuffle is the same for the same seed."""
        order = torch.randperm(len(self), generator=torch.Generator().manual_seed(seed)) if shuffle else None
        for start in range(0, len(self), batch_size):
            idx = (
                order[start : start + batch_size]
                if order is not None
                else torch.arange(start, min(len(self), start + batch_size))
            )
            yield collate_boxes([(self.images[i], self.targets[i]) for i in idx.tolist()])


def collate_boxes(items) -> tuple[torch.Tensor, list[dict[str, torch.Tensor]]]:
    """``[(image C×H×W, target), …]`` → ``(float N×C×H×W in [0, 1], [target, …])``."""
    images = torch.stack([image for image, _ in items])
    images = images.float().div_(255.0) if images.dtype == torch.uint8 else images.float()
    return images, [target for _, target in items]


def split_boxes(boxes: BoxSet, val_share: float, seed: int) -> tuple[BoxSet, BoxSet]:
    """A seeded random train/val split (no strata: an image holds several classes)."""
    order = torch.randperm(len(boxes), generator=torch.Generator().manual_seed(seed))
    n_val = round(len(boxes) * val_share)
    if val_share > 0 and len(boxes) > 1:
        n_val = min(max(n_val, 1), len(boxes) - 1)
    return boxes.subset(order[n_val:].sort().values), boxes.subset(order[:n_val].sort().values)


def _fit_channels(images: torch.Tensor, channels: int) -> torch.Tensor:
    if images.shape[1] == 4:
        images = images[:, :3]
    if images.shape[1] == channels:
        return images
    if images.shape[1] == 1 and channels == 3:
        return images.expand(-1, 3, -1, -1).contiguous()
    if images.shape[1] == 3 and channels == 1:
        weights = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)
        return (images.float() * weights).sum(1, keepdim=True).round_().clamp_(0, 255).to(torch.uint8)
    raise ValueError(f"cannot turn {images.shape[1]}-channel images into {channels}-channel ones")
