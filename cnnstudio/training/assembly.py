"""The pieces of a run that follow from its config: the device, the CPU threads, the feeder (and for a detector
its objective), and whether the network and the data want the same task.

Shared by session.py (``cnnstudio train``, the GUI's child process) and the exported ``train.py``, which
carries this file, so both put the same data on the same device in the same order.
"""

from __future__ import annotations

import os

import torch

from ..core.i18n import translate
from .config import TrainingConfig
from .context import RunContext
from .data.base import DataSplit
from .data.feeder import Feeder
from .errors import ConfigError, DataError


def default_threads() -> int:
    """All cores but one: the editor stays responsive, and oversubscribed OpenMP threads spin instead of work."""
    return max(1, (os.cpu_count() or 1) - 1)


def resolve_device(name: str) -> torch.device:
    """``auto`` → cuda, then mps, then cpu; ConfigError for a device this machine lacks."""
    mps = hasattr(torch.backends, "mps") and torch.backends.mps.is_available()
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "mps" if mps else "cpu")
    if name.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ConfigError(
                translate(
                    "Training", "device {name} is not available here (no usable NVIDIA GPU): use cpu or auto"
                ).format(name=name)
            )
        index = int(name[5:]) if ":" in name else 0
        if index >= torch.cuda.device_count():
            raise ConfigError(
                translate("Training", "device {name} does not exist: this machine has {gpus} GPU(s)").format(
                    name=name, gpus=torch.cuda.device_count()
                )
            )
    if name == "mps" and not mps:
        raise ConfigError(translate("Training", "device mps is not available here (Apple GPU): use cpu or auto"))
    return torch.device(name)


def check_task(model, split, spec: str) -> bool:
    """True for a detector on box data; DataError when the network and the data want different things."""
    detects = bool(model.heads) and model.heads[0].kind == "detection"
    if detects and split.task != "detection":
        raise DataError(
            translate(
                "Training",
                "the network detects objects but {spec} has no boxes: use shapes-boxes, coco:, voc: or yolo:",
            ).format(spec=spec)
        )
    if not detects and split.task == "detection":
        raise DataError(
            translate("Training", "{spec} is box data: it trains a network that ends in a Detection output").format(
                spec=spec
            )
        )
    if detects:
        num_classes = model.get_submodule(model.heads[0].name).num_classes
        if num_classes != len(split.classes):
            raise DataError(
                translate(
                    "Training",
                    "the detection head has num_classes {num_classes} but the data has {classes} classes ({names}{more}): set num_classes to {classes} and the convolution before it to {channels} channels",
                ).format(
                    num_classes=num_classes,
                    classes=len(split.classes),
                    names=", ".join(split.classes[:5]),
                    more=" …" if len(split.classes) > 5 else "",
                    channels=len(split.classes) + 4,
                )
            )
    return detects


def make_feeder(
    split: DataSplit, model: torch.nn.Module, config: TrainingConfig, device: torch.device, context: RunContext
) -> Feeder:
    """Batches of ``split`` fitted to ``model``'s input, as ``config`` says, for this process's share."""
    if split.task == "detection":
        return box_feeder(split, model, config, device, context)
    return Feeder(
        split,
        model.input_shape,
        batch_size=config.batch_size,
        seed=config.seed,
        normalize=config.normalize,
        augmentation=config.augment,
        device=device,
        workers=config.workers,
        reconstruct=any(h.kind == "reconstruction" for h in model.heads),
        rank=context.rank,
        world_size=context.world_size,
    )


def box_feeder(split: DataSplit, model: torch.nn.Module, config: TrainingConfig, device: torch.device, context):
    """A detection split's batches (detection/feeder.py: its augmentation moves the boxes with the pixels)."""
    from .detection.feeder import BoxFeeder

    return BoxFeeder(
        split,
        model.input_shape,
        batch_size=config.batch_size,
        seed=config.seed,
        normalize=config.normalize,
        augmentation=config.augment,
        device=device,
        rank=context.rank,
        world_size=context.world_size,
    )


def task_objective(model: torch.nn.Module, feeder):
    """The loop's objective for a detector (its loss parts, mAP); None: the engine's own (classification,
    reconstruction)."""
    if not model.heads or model.heads[0].kind != "detection":
        return None
    from .detection.objective import DetectionObjective

    return DetectionObjective(model, tuple(feeder.model_shape[-2:]))
