"""What the engine keeps in a checkpoint and how a run picks up from one (checkpoint.py reads and writes the files).

A checkpoint's sidecar holds where the run stands (epochs done, batch, step, the epoch's partial sums), the
config, the data and its normalisation, the history and best result and the run's first loss (the yardstick
of divergence.py); with the optimiser state and the random generators it lets a resumed run go on with
exactly the losses of an uninterrupted one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from ..core.i18n import translate
from .checkpoint import Checkpoint, load_model_state, paths, restore_optimizer, restore_rng, save_checkpoint
from .divergence import DivergenceWatch
from .errors import TrainingError
from .optim import fast_forward

if TYPE_CHECKING:
    from .engine import Trainer


def write_checkpoint(trainer: Trainer, name: str, epochs_done: int, batch: int, step: int, progress) -> str | None:
    """Write a checkpoint (when the trainer has a folder); returns the weights path.

    In a distributed run rank 0 writes it (with the epoch's partial sums over all processes) while the
    others wait, so that it is complete, or has failed for all, when any of them goes on.
    """
    if trainer.checkpoint_dir is None:
        return None
    context = trainer.context
    if not context.distributed:
        return _write(trainer, name, epochs_done, batch, step, progress)
    if progress is not None:
        loss_sum, correct, seen = context.reduce_sum(torch.tensor(progress, dtype=torch.float64)).tolist()
        progress = (loss_sum, int(correct), int(seen))
    error = ""
    if context.is_main:
        try:
            _write(trainer, name, epochs_done, batch, step, progress)
        except TrainingError as exc:
            error = str(exc)
    if context.any(bool(error)):  # also the others' wait for rank 0
        raise TrainingError(error or "rank 0 could not write the checkpoint (its message says why)")
    path = str(paths(trainer.checkpoint_dir, name)[0])
    if name == "last":
        trainer.last_checkpoint = path
    return path


def _write(trainer: Trainer, name: str, epochs_done: int, batch: int, step: int, progress) -> str:
    f = trainer.feeder
    meta = {
        "kind": name,
        "epochs_done": epochs_done,
        "batch": batch,
        "step": step,
        "progress": None
        if progress is None
        else {"loss_sum": progress[0], "correct": progress[1], "seen": progress[2]},
        "config": trainer.config.to_dict(),
        "data": {
            "name": f.split.name,
            "classes": trainer.classes,
            "input_shape": list(f.model_shape),
            "normalize": f.normalizer.to_dict(),
        },
        "history": trainer.history,
        "best": trainer.best,
        "first_loss": trainer.watch.first,
        **trainer.info,
    }
    try:
        path = str(save_checkpoint(trainer.checkpoint_dir, name, trainer.model, trainer.optimizer, meta))
    except OSError as exc:
        raise TrainingError(
            translate("Training", "cannot write the checkpoint into {folder}: {reason}").format(
                folder=trainer.checkpoint_dir, reason=exc.strerror or exc
            )
        ) from None
    if name == "last":
        trainer.last_checkpoint = path
    trainer.events.emit("checkpoint", kind=name, path=path, epoch=epochs_done, batch=batch, step=step)
    return path


def restore(trainer: Trainer, checkpoint: Checkpoint, steps: int):
    """Load the weights, optimiser, schedule and generators; (start epoch, start batch, step, partial sums)."""
    m = checkpoint.meta
    load_model_state(trainer.model, checkpoint.weights, str(checkpoint.path))
    restore_optimizer(trainer.optimizer, checkpoint)
    config, context = trainer.config, trainer.context
    start_epoch, start_batch, step = int(m["epochs_done"]), int(m["batch"]), int(m["step"])
    if start_epoch >= config.epochs:
        raise TrainingError(
            translate(
                "Training",
                "{path} has already trained {start_epoch} of {epochs} epochs: ask for more epochs to continue",
            ).format(path=checkpoint.path, start_epoch=start_epoch, epochs=config.epochs)
        )
    processes = int(m.get("processes", 1))
    if processes != context.world_size:
        if start_batch:  # the batch number counts a share of the epoch that another process count deals
            raise TrainingError(
                translate(
                    "Training",
                    "{path} was stopped in the middle of epoch {epoch} of a run with {processes} process(es): resume it with {processes}, or from an epoch's end with any number",
                ).format(path=checkpoint.path, epoch=start_epoch + 1, processes=processes)
            )
        step = start_epoch * steps  # the schedule goes on as if every epoch had had this many steps
    trainer.history = list(m.get("history") or [])
    trainer.best = m.get("best")
    first = m.get("first_loss")
    if first is None and trainer.history:  # written before first_loss was kept: the first epoch's mean
        first = trainer.history[0].get("train_loss")
    if isinstance(first, (int, float)) and not isinstance(first, bool):
        trainer.watch = DivergenceWatch(float(first))
    trainer.scheduler = fast_forward(trainer.optimizer, config, steps, step)
    restore_rng(checkpoint)
    if context.distributed:  # rank 0's generator was saved: each process draws its own again
        torch.manual_seed(trainer.rng_seed(1, step))
    p = m.get("progress")
    progress = (p["loss_sum"], p["correct"], p["seen"]) if p and context.is_main else None  # counted once
    trainer.last_checkpoint = str(checkpoint.path.with_suffix(".safetensors")) if m.get("kind") == "last" else None
    return start_epoch, start_batch, step, progress
