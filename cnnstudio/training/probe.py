"""What the GUI shows of the network while it trains: layer health and feature-map snapshots.

At each epoch end the engine looks at a fixed probe (the first validation images) with ``cnnstudio.insight``:
a ``health`` event ``{"layers": {node: {"mean", "std", "dead", "grad_norm"}}}`` colours the canvas, and a
``snapshot`` event names a safetensors file of the first probe image's feature maps (node → C×H×W, float16)
that the Feature maps dock shows. Both run in eval mode and draw no random numbers, so a resumed run's losses
stay exactly those of an uninterrupted one.

The activation statistics are the probe's; the gradient norms are those of the epoch's last training step,
still in ``.grad`` at its end: the gradients that actually moved the weights (every head, with its loss
weight, any task), and no second backward pass at each epoch end (a fifth of the trainer's overhead over a
plain loop on a small network, bench/trainer_overhead.py). The activation statistics need no forward pass of
their own either: HealthProbe measures them while the validation runs its first batch (the probe images are
that batch's first images).
"""

from __future__ import annotations

import os
from pathlib import Path

import torch

from cnnstudio.insight import HealthMeter, InsightError, activations, layer_health, param_grad_norms

from ..core.i18n import translate

PROBE_IMAGES = 16  # enough for activation statistics (the first of the first validation batch)
SNAPSHOT_CHANNELS = 64  # enough to look at; keeps the file small for wide layers
SNAPSHOT_NAME = "snapshot.safetensors"


def health_layers(model, images: torch.Tensor) -> dict[str, dict]:
    """Per node: activation mean/std and dead-unit fraction on ``images``, the gradient norm of its parameters
    from the last backward pass (None where a node has none, or nothing has been trained yet)."""
    return _layers(model, layer_health(model, images[:PROBE_IMAGES]))


def _layers(model, stats: dict) -> dict[str, dict]:
    grads = param_grad_norms(model, list(stats))
    return {
        name: {"mean": h.mean, "std": h.std, "dead": h.dead_fraction, "grad_norm": grads[name]}
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


class HealthProbe:
    """The engine's ``epoch_probe`` (one per run): ``health`` and, with a checkpoint folder, ``snapshot`` events.

    The engine runs the first validation batch through ``validation_forward(trainer)`` (the model's forward,
    measuring on the way), and calls the probe after the epoch's checkpoints; without a validation of the
    engine's own (a detector's), the probe runs its own forward on the probe images, as ``report_probe`` does.
    """

    def __init__(self):
        self._meter: HealthMeter | None = None

    def validation_forward(self, trainer) -> HealthMeter | None:
        if self._meter is None or self._meter.model is not trainer.model:
            try:
                self._meter = HealthMeter(trainer.model, first=PROBE_IMAGES)
            except InsightError:  # not a compiled graph: the probe's own forward says so when it reports
                return None
        self._meter.ran = False
        return self._meter

    def __call__(self, trainer, epoch: int, step: int) -> None:
        meter = self._meter
        if meter is None or not meter.ran or meter.model is not trainer.model:
            report_probe(trainer, epoch, step)
            return
        meter.ran = False
        trainer.events.emit("health", epoch=epoch + 1, step=step, layers=_layers(trainer.model, meter.health()))
        _report_snapshot(trainer, epoch, step)


def report_probe(trainer, epoch: int, step: int) -> None:
    """Emit ``health`` (and, with a checkpoint folder, ``snapshot``) for the first validation images."""
    batch = next(iter(trainer.feeder.val_batches()), None)
    if batch is None:
        return
    try:
        layers = health_layers(trainer.model, batch.x)
    except InsightError as exc:  # a view of the network, never a reason to stop training
        _warn(trainer, exc)
        return
    trainer.events.emit("health", epoch=epoch + 1, step=step, layers=layers)
    _report_snapshot(trainer, epoch, step, batch.x[0])


def _report_snapshot(trainer, epoch: int, step: int, image: torch.Tensor | None = None) -> None:
    if trainer.checkpoint_dir is None:
        return
    if image is None:
        batch = next(iter(trainer.feeder.val_batches()), None)
        if batch is None:
            return
        image = batch.x[0]
    try:
        path = write_snapshot(trainer.model, image, trainer.checkpoint_dir)
    except (InsightError, OSError) as exc:
        _warn(trainer, exc)
        return
    trainer.events.emit("snapshot", epoch=epoch + 1, step=step, path=str(path))


def _warn(trainer, exc: Exception) -> None:
    trainer.events.emit(
        "warning", message=translate("Training", "layer health not available: {reason}").format(reason=exc)
    )


__all__ = ["HealthProbe", "health_layers", "report_probe", "write_snapshot"]
