"""Batches for the trainer: images fitted to the network's input, normalised, augmented, on the device.

The order of the training images in epoch ``e`` and the augmentation of its batch ``b`` come from
generators seeded with (seed, e) and (seed, e, b) alone, so the same seed gives the same batches and a
run resumed at batch b of epoch e sees exactly what an uninterrupted run would have seen.

In a distributed run (``rank``, ``world_size``) each process trains on its share of every epoch's order,
dealt as torch's DistributedSampler deals it (padded by wrapping round to a multiple of the process count,
then every ``world_size``-th image from ``rank``), so every process takes the same number of steps; the
validation set is split into disjoint shares (``rank::world_size``) whose sums make up the whole.

In-memory sources (digits, shapes, MNIST, ...) are fitted once and kept as one tensor (on the GPU when
small enough); folder sources are decoded and resized in DataLoader worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import torch

from ...core.i18n import translate
from ..config import Augmentation
from ..errors import DataError
from ..metrics import png_base64
from .augment import Augmenter
from .base import DataSplit, ImageSet
from .fit import Normalizer, fit_images, image_layout

CACHE_LIMIT = 512 * 2**20  # bytes of fitted float images kept in memory (and on the device)
STATS_SAMPLE = 5000  # images used to compute the normalisation
THUMBNAILS_KEPT = 1024  # encoded validation images kept for the sample grid (a few kB each)


@dataclass
class Batch:
    x: torch.Tensor  # normalised images in the model's input shape, on the device
    y: torch.Tensor  # class indices, on the device
    index: torch.Tensor  # positions in the split (for sample images)


def mix_seed(*parts: int) -> int:
    """One 63-bit seed from several numbers (a run seed, an epoch, a batch)."""
    value = 0
    for part in parts:
        value = (value * 1_000_003 + int(part) + 1) % (2**63 - 1)
    return value


def epoch_order(n: int, seed: int, epoch: int) -> torch.Tensor:
    """The shuffled order of ``n`` training images in ``epoch``."""
    return torch.randperm(n, generator=torch.Generator().manual_seed(mix_seed(seed, epoch)))


def shard_order(order: torch.Tensor, rank: int, world_size: int) -> torch.Tensor:
    """Process ``rank``'s share of an epoch's order, as DistributedSampler(shuffle, drop_last=False) deals it."""
    per_rank = -(-len(order) // world_size)
    padding = per_rank * world_size - len(order)
    if padding:  # the first images again, so every process has per_rank of them
        order = torch.cat([order, order.repeat(-(-padding // len(order)))[:padding]])
    return order[rank::world_size]


def batch_chunks(order: torch.Tensor, batch_size: int) -> list[torch.Tensor]:
    """Consecutive batches; a last batch of a single image is dropped (batch norm cannot train on one)."""
    chunks = list(order.split(batch_size))
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        chunks.pop()
    return chunks


class Feeder:
    """Turns a DataSplit into device batches shaped for the model."""

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
        workers: int = -1,
        reconstruct: bool = False,
        rank: int = 0,
        world_size: int = 1,
        normalizer: Normalizer | None = None,  # a trained model's own (evaluate): not recomputed from the data
    ):
        if not 0 <= rank < world_size:
            raise ValueError(f"rank {rank} is not one of {world_size} processes")
        self.split = split
        self.rank, self.world_size = rank, world_size
        self.chw, self.model_shape = image_layout(input_shape)
        self.batch_size = batch_size
        self.seed = seed
        self.device = torch.device(device)
        self.workers = _auto_workers() if workers < 0 else workers
        self.warnings: list[str] = []  # new problems for the trainer to report (drained by it)
        self._reported: set[str] = set()
        if len(split.train) < 2:
            raise DataError(
                translate("Data", "{name}: needs at least 2 training images, has {count}").format(
                    name=split.name, count=len(split.train)
                )
            )
        if len(split.val) < 1:
            raise DataError(translate("Data", "{name}: has no validation images").format(name=split.name))
        self._lazy = not isinstance(split.train, ImageSet)
        if self._lazy:
            split.train.set_target(self.chw)
            split.val.set_target(self.chw)
        mode = ("none" if reconstruct else "standardize") if normalize == "auto" else normalize
        if normalizer is None:
            sample = self._stats_sample() if mode == "standardize" else None
            normalizer = Normalizer.choose(mode, self.chw[0], sample)
        self.normalizer = normalizer
        self.augmenter = Augmenter(augmentation or Augmentation(), self.normalizer.zero)
        self._cache: dict[str, torch.Tensor] = {}
        self._thumbnails: dict[int, str] = {}  # validation position -> base64 PNG
        if not self._lazy:
            self._build_cache()

    # sizes -------------------------------------------------------------------------------
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

    # preparation -------------------------------------------------------------------------
    def _stats_sample(self) -> torch.Tensor:
        train = self.split.train
        take = torch.randperm(len(train), generator=torch.Generator().manual_seed(self.seed))[:STATS_SAMPLE]
        if not self._lazy:
            return fit_images(train.images[take], self.chw)
        images = [train[i][0] for i in take[:256].tolist()]  # decoding is slow: a smaller sample
        images = [img for img in images if img is not None]
        return torch.stack(images) if images else torch.empty(0, *self.chw)

    def _build_cache(self) -> None:
        """Fit and normalise every image once, if they fit in CACHE_LIMIT (else per batch)."""
        total = (self.train_size + self.val_size) * 4 * self.chw[0] * self.chw[1] * self.chw[2]
        if total > CACHE_LIMIT:
            return
        for name, part in (("train", self.split.train), ("val", self.split.val)):  # on the GPU too: no copies
            chunks = [self._prepare(part.images[i : i + 4096]) for i in range(0, len(part), 4096)]
            self._cache[name] = torch.cat(chunks).to(self.device)
            self._cache[name + "_y"] = part.labels.to(self.device)

    def _prepare(self, images: torch.Tensor) -> torch.Tensor:
        return self.normalizer(fit_images(images, self.chw))

    def cached_train(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The prepared training images and labels (in-memory sources), e.g. for a reference loop."""
        if "train" not in self._cache:
            raise DataError(f"{self.split.name}: not held in memory")
        return self._cache["train"].view(-1, *self.model_shape), self._cache["train_y"]

    # batches -----------------------------------------------------------------------------
    def train_batches(self, epoch: int, start: int = 0) -> Iterator[tuple[int, Batch]]:
        """(batch number, Batch) for ``epoch``, from batch ``start`` on."""
        order = epoch_order(self.train_size, self.seed, epoch)
        distributed = self.world_size > 1
        if distributed:
            order = shard_order(order, self.rank, self.world_size)
        chunks = batch_chunks(order, self.batch_size)
        augment, reshape = self.augmenter.aug.active, self.model_shape != self.chw
        for number, batch in self._batches("train", chunks, start):
            if augment:
                parts = (self.seed, epoch, number, self.rank) if distributed else (self.seed, epoch, number)
                batch.x = self.augmenter(batch.x, torch.Generator().manual_seed(mix_seed(*parts)))
            if reshape:  # a flat input (the images are C×H×W until here)
                batch.x = batch.x.view(-1, *self.model_shape)
            yield number, batch

    def val_batches(self) -> Iterator[Batch]:
        positions = torch.arange(self.val_size)
        if self.world_size > 1:  # a share may be empty (fewer validation images than processes): no batch then
            positions = positions[self.rank :: self.world_size]
        chunks = [c for c in positions.split(2 * self.batch_size) if len(c)]
        reshape = self.model_shape != self.chw
        for _, batch in self._batches("val", chunks, 0):
            if reshape:
                batch.x = batch.x.view(-1, *self.model_shape)
            yield batch

    def _batches(self, part: str, chunks: list[torch.Tensor], start: int) -> Iterator[tuple[int, Batch]]:
        if part in self._cache:
            images, labels = self._cache[part], self._cache[part + "_y"]
            for number in range(start, len(chunks)):
                idx = chunks[number].to(images.device)
                yield number, Batch(images[idx], labels[idx].to(self.device), chunks[number])
            return
        source = self.split.train if part == "train" else self.split.val
        if not self._lazy:  # in memory, but too large to keep fitted: fit each batch
            for number in range(start, len(chunks)):
                idx = chunks[number]
                x = self._prepare(source.images[idx]).to(self.device)
                yield number, Batch(x, source.labels[idx].to(self.device), idx)
            return
        yield from self._folder_batches(source, chunks, start)

    def _folder_batches(self, source, chunks, start) -> Iterator[tuple[int, Batch]]:
        from .folder import collate, skipped_warning

        loader = torch.utils.data.DataLoader(
            source,
            batch_sampler=[c.tolist() for c in chunks[start:]],
            num_workers=self.workers,
            collate_fn=collate,
            pin_memory=self.device.type == "cuda",
        )
        for number, (x, y, index, failed) in enumerate(loader, start):
            new = [f for f in failed if f not in self._reported]
            if new:
                self._reported.update(new)
                self.warnings.append(skipped_warning(new))
            if x is None:
                if self.world_size > 1 and source is self.split.train:
                    # skipping would leave this process a step behind the others, which wait for it forever
                    shown = "; ".join(failed[:3]) + (" …" if len(failed) > 3 else "")
                    raise DataError(
                        translate(
                            "Data",
                            "{name}: all {count} images of a training batch are unreadable ({shown}); under torchrun every process must take every step: remove the unreadable images",
                        ).format(name=self.split.name, count=len(failed), shown=shown)
                    )
                continue
            x = self.normalizer(x.to(self.device, non_blocking=True))
            yield number, Batch(x, y.to(self.device, non_blocking=True), index)

    # display -----------------------------------------------------------------------------
    def val_images(self, indices: list[int]) -> torch.Tensor:
        """Validation images as [0, 1] C×H×W floats on the CPU (for sample grids)."""
        if "val" in self._cache:
            return self.normalizer.undo(
                self._cache["val"][torch.tensor(indices, device=self._cache["val"].device)]
            ).cpu()
        source = self.split.val
        if not self._lazy:
            return fit_images(source.images[torch.tensor(indices)], self.chw)
        images = [source[i][0] for i in indices]
        return torch.stack([img if img is not None else torch.zeros(self.chw) for img in images])

    def val_thumbnails(self, indices: list[int]) -> list[str]:
        """Validation images as base64 PNGs for the sample grid.

        Each is encoded once: a validation image never changes during a run, and encoding the sixteen shown at
        every epoch end was a good part of the trainer's overhead over a plain loop (bench/trainer_overhead.py).
        """
        missing = [i for i in dict.fromkeys(indices) if i not in self._thumbnails]
        if missing:
            if len(self._thumbnails) + len(missing) > THUMBNAILS_KEPT:
                self._thumbnails.clear()
            self._thumbnails.update(zip(missing, map(png_base64, self.val_images(missing))))
        return [self._thumbnails[i] for i in indices]

    def to_display(self, x: torch.Tensor) -> torch.Tensor:
        """Model-shaped normalised tensors (inputs or reconstructions) as [0, 1] C×H×W images."""
        return self.normalizer.undo(x.detach().reshape(-1, *self.chw).float()).cpu()


def _auto_workers() -> int:
    return max(0, min(4, (os.cpu_count() or 1) - 1))
