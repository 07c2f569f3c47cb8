"""Batches of a detection split for the engine: images in [0, 1] on the device, one target dict per image.

The same interface as ``data.Feeder`` (train_batches, val_batches, steps_per_epoch…), so the engine's loop,
checkpoints and resume work unchanged; ``Batch.y`` is the list of targets (``len`` is the batch size).
Training batches are augmented by ``augment_boxes`` (flip, scale, shift: the boxes move with the pixels),
each batch from its own seed, so a resumed run draws exactly what an uninterrupted one would. Under torchrun
each process takes its share of every epoch's order and of the validation set, as ``data.Feeder`` deals them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch

from ...core.i18n import translate
from ..config import Augmentation
from ..data.base import DataSplit
from ..data.boxes import BoxAugment, augment_boxes
from ..data.feeder import batch_chunks, epoch_order, mix_seed, shard_order
from ..data.fit import Normalizer
from ..errors import DataError


@dataclass
class BoxBatch:
    x: torch.Tensor  # N×C×H×W, normalised, on the device
    y: list[dict[str, torch.Tensor]]  # per image: boxes (xyxy pixels) and labels, on the device
    index: torch.Tensor  # positions in the split


def box_augment(augmentation: Augmentation, size: tuple[int, int]) -> BoxAugment | None:
    """The training config's augmentation in box terms: hflip, scale, and crop_padding as a shift."""
    if not augmentation.active:
        return None
    shift = augmentation.crop_padding / max(size)
    return BoxAugment(flip=0.5 if augmentation.hflip else 0.0, scale=augmentation.scale, translate=shift)


class BoxFeeder:
    """Turns a detection DataSplit (BoxSets at the model's input size) into device batches."""

    def __init__(
        self,
        split: DataSplit,
        input_shape: tuple[int, ...],
        *,
        batch_size: int,
        seed: int,
        normalize: str = "auto",
        augmentation: Augmentation | None = None,
        device: torch.device | str = "cpu",
        rank: int = 0,
        world_size: int = 1,
    ):
        if not 0 <= rank < world_size:
            raise ValueError(f"rank {rank} is not one of {world_size} processes")
        if len(split.train) < 2:
            raise DataError(
                translate("Data", "{name}: needs at least 2 training images, has {count}").format(
                    name=split.name, count=len(split.train)
                )
            )
        if len(split.val) < 1:
            raise DataError(translate("Data", "{name}: has no validation images").format(name=split.name))
        if tuple(split.train.image_size) != tuple(input_shape):
            raise DataError(
                translate("Data", "{name}: images are {image_size}, the network takes {input_shape}").format(
                    name=split.name, image_size=split.train.image_size, input_shape=input_shape
                )
            )
        self.split = split
        self.model_shape = self.chw = tuple(input_shape)
        self.batch_size = batch_size
        self.seed = seed
        self.device = torch.device(device)
        self.rank, self.world_size = rank, world_size
        self.warnings: list[str] = []
        # auto keeps [0, 1] pixels: the exported detector then takes an image as it is, as `detect` gives it
        mode = "none" if normalize == "auto" else normalize
        sample = split.train.images[:5000].float() / 255 if mode == "standardize" else None
        self.normalizer = Normalizer.choose(mode, self.chw[0], sample)
        self.augment = box_augment(augmentation or Augmentation(), self.chw[1:])

    @property
    def train_size(self) -> int:
        return len(self.split.train)

    @property
    def val_size(self) -> int:
        return len(self.split.val)

    @property
    def shard_size(self) -> int:
        """The training images this process sees per epoch (all of them in a single process)."""
        return -(-self.train_size // self.world_size)

    @property
    def steps_per_epoch(self) -> int:
        n, b = self.shard_size, self.batch_size
        return n // b + (1 if n % b > 1 else 0)

    def train_batches(self, epoch: int, start: int = 0) -> Iterator[tuple[int, BoxBatch]]:
        order = epoch_order(self.train_size, self.seed, epoch)
        distributed = self.world_size > 1
        if distributed:
            order = shard_order(order, self.rank, self.world_size)
        chunks = batch_chunks(order, self.batch_size)
        for number in range(start, len(chunks)):
            idx = chunks[number]
            images = self.split.train.images[idx]
            targets = [self.split.train.targets[i] for i in idx.tolist()]
            if self.augment is not None:
                parts = (self.seed, epoch, number, self.rank) if distributed else (self.seed, epoch, number)
                generator = torch.Generator().manual_seed(mix_seed(*parts))
                images, targets = augment_boxes(images, targets, self.augment, generator)
            yield number, self._batch(images, targets, idx)

    def val_batches(self) -> Iterator[BoxBatch]:
        positions = torch.arange(self.val_size)
        if self.world_size > 1:  # a share may be empty (fewer validation images than processes): no batch then
            positions = positions[self.rank :: self.world_size]
        for idx in (c for c in positions.split(2 * self.batch_size) if len(c)):
            targets = [self.split.val.targets[i] for i in idx.tolist()]
            yield self._batch(self.split.val.images[idx], targets, idx)

    def _batch(self, images: torch.Tensor, targets: list[dict], idx: torch.Tensor) -> BoxBatch:
        x = self.normalizer(images.to(self.device).float().div_(255))
        y = [{k: v.to(self.device) for k, v in t.items()} for t in targets]
        return BoxBatch(x, y, idx)

    def val_images(self, indices: list[int]) -> torch.Tensor:
        """Validation images as [0, 1] C×H×W floats on the CPU (for the box grid)."""
        return self.split.val.images[torch.tensor(indices, dtype=torch.long)].float() / 255

    def to_display(self, x: torch.Tensor) -> torch.Tensor:
        return self.normalizer.undo(x.detach().float()).cpu()
