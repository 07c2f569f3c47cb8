"""What the GUI shows of the network while it trains: layer health and feature-map snapshots.

At each epoch end the engine looks at a fixed probe (the first validation images) with ``cnnstudio.insight``:
a ``health`` event ``{"layers": {node: {"mean", "std", "dead", "grad_norm"}}}`` colours the canvas, and a
``snapshot`` event names a safetensors file of the first probe image's feature maps (node → C×H×W, float16)
that the Feature maps dock shows. Both run in eval mode and draw no random numbers, so a resumed run's losses
stay exactly those of an uninterrupted one.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch

from cnnstudio.insight import InsightError, activations, layer_health

from ..core.i18n import translate

PROBE_IMAGES = 16  # enough for activation statistics; its forward and backward run at every epoch end
SNAPSHOT_CHANNELS = 64  # enough to look at; keeps the file small for wide layers
SNAPSHOT_NAME = "snapshot.safetensors"


def health_layers(model, images: torch.Tensor, targets: torch.Tensor | None) -> dict[str, dict]:
    """Per node: activation mean/std, dead-unit fraction and (with targets) the gradient norm."""
    stats = layer_health(model, images[:PROBE_IMAGES], None if targets is None else targets[:PROBE_IMAGES])
    return {
        name: {"mean": h.mean, "std": h.std, "dead": h.dead_fraction, "grad_norm": h.grad_norm}
        for name, h in stats.items()
    }


def write_snapshot(model, image: torch.Tensor, folder: Path) -> Path:
    """The feature maps (C×H×W outputs) of one image, written atomically beside the checkpoints."""
    from safetensors.torch import save_file

    names = list(getattr(model, "fx_names", {}))
    maps = {
        name: value[:SNAPSHOT_CHANNELS].to(torch.float16).contiguous()
        for name, value in activations(model, image, names).items()
        if value.dim() == 3
    }
    target = folder / SNAPSHOT_NAME
    tmp = folder / f".{SNAPSHOT_NAME}.tmp"
    save_file(maps, str(tmp))
    os.replace(tmp, target)
    return target


def report_probe(trainer, epoch: int, step: int) -> None:
    """Emit ``health`` (and, with a checkpoint folder, ``snapshot``) for the first validation images."""
    batch = next(iter(trainer.feeder.val_batches()), None)
    if batch is None:
        return
    targets = batch.y if trainer.objective.classifier is not None else None
    try:
        layers = health_layers(trainer.model, batch.x, targets)
        trainer.events.emit("health", epoch=epoch + 1, step=step, layers=layers)
        if trainer.checkpoint_dir is not None:
            path = write_snapshot(trainer.model, batch.x[0], trainer.checkpoint_dir)
            trainer.events.emit("snapshot", epoch=epoch + 1, step=step, path=str(path))
    except (InsightError, OSError) as exc:  # a view of the network, never a reason to stop training
        trainer.events.emit(
            "warning", message=translate("Training", "layer health not available: {reason}").format(reason=exc)
        )


__all__ = ["health_layers", "report_probe", "write_snapshot"]
