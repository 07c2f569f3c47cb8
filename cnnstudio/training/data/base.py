"""What every data source returns: a train and a validation set of labelled images, and the class names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import torch


class ImageSource(Protocol):
    """A labelled image set the batcher can read by index."""

    labels: torch.Tensor  # int64, one per image

    def __len__(self) -> int: ...


@dataclass
class ImageSet:
    """Images held in memory at the source's own size: N×C×H×W, uint8 (0–255) or float in [0, 1]."""

    images: torch.Tensor
    labels: torch.Tensor

    def __post_init__(self) -> None:
        if self.images.ndim != 4 or len(self.images) != len(self.labels):
            raise ValueError(f"ImageSet needs N×C×H×W images and N labels, got {tuple(self.images.shape)}")

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, indices: torch.Tensor) -> ImageSet:
        return ImageSet(self.images[indices], self.labels[indices])


@dataclass
class DataSplit:
    """A data source, split: ``train`` and ``val`` are ImageSets or lazily decoded folder sets (or BoxSets)."""

    name: str
    classes: list[str]
    train: ImageSource
    val: ImageSource
    warnings: list[str] = field(default_factory=list)  # shown to the user (e.g. skipped unreadable images)
    task: str = "classification"  # or "detection": train/val are BoxSets (images + boxes), no labels


def stratified_split(labels: torch.Tensor, val_share: float, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Train and val indices with the same class balance, the same for the same seed."""
    generator = torch.Generator().manual_seed(seed)
    train, val = [], []
    for cls in torch.unique(labels).tolist():
        members = torch.nonzero(labels == cls).flatten()
        members = members[torch.randperm(len(members), generator=generator)]
        n_val = min(len(members) - 1, round(len(members) * val_share)) if len(members) > 1 else 0
        val.append(members[:n_val])
        train.append(members[n_val:])
    return torch.cat(train).sort().values, torch.cat(val).sort().values


def split_set(images: ImageSet, val_share: float, seed: int) -> tuple[ImageSet, ImageSet]:
    train, val = stratified_split(images.labels, val_share, seed)
    return images.subset(train), images.subset(val)
