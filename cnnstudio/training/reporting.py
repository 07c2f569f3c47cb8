"""The engine's events: what a run reports, field by field (the protocol worker.py documents).

Functions of the Trainer's state, kept apart from the loop so the loop reads as training and this file
as the protocol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .optim import current_lr

if TYPE_CHECKING:
    from .engine import Trainer

PROTOCOL = 1  # the version of the event protocol (see worker.py)


def report_started(trainer: Trainer, start_epoch: int, start_batch: int, step: int, resumed: bool) -> None:
    model, f = trainer.model, trainer.feeder
    trainer.events.emit(
        "started",
        protocol=PROTOCOL,
        device=str(trainer.device),
        config=trainer.config.to_dict(),
        model={
            "params": sum(p.numel() for p in model.parameters()),
            "trainable_params": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "input_shape": list(f.model_shape),
            "heads": [
                {"name": h.name, "kind": h.kind, "loss_weight": h.loss_weight, "auxiliary": h.auxiliary}
                for h in model.heads
            ],
        },
        data={
            "name": f.split.name,
            "classes": trainer.classes,
            "train_size": f.train_size,
            "val_size": f.val_size,
            "normalize": f.normalizer.to_dict(),
        },
        epochs=trainer.config.epochs,
        steps_per_epoch=f.steps_per_epoch,
        start_epoch=start_epoch,
        start_batch=start_batch,
        step=step,
        resumed=resumed,
        history=list(trainer.history),
        checkpoint_dir=str(trainer.checkpoint_dir) if trainer.checkpoint_dir else None,
        **trainer.info,
    )
    for event, extra in trainer.notices:
        trainer.events.emit(event, **extra)
    for message in f.split.warnings:
        trainer.events.emit("warning", message=message)


def report_batch(trainer: Trainer, epoch: int, number: int, step: int, losses: list[float], rate: float) -> None:
    """The losses of the steps since the last batch event (the throttle keeps these ≤ 20 a second)."""
    trainer.events.emit(
        "batch",
        epoch=epoch + 1,
        epochs=trainer.config.epochs,
        batch=number + 1,
        batches=trainer.feeder.steps_per_epoch,
        step=step,
        loss=losses[-1],
        losses=losses,
        lr=current_lr(trainer.optimizer),
        images_per_s=round(rate, 1),
        **_loss_parts(trainer),
    )


def _loss_parts(trainer: Trainer) -> dict:
    """A GAN's D and G losses of the same steps as ``losses`` (``parts``), when the objective keeps them."""
    take = getattr(trainer.objective, "take_parts", None)
    return {"parts": take()} if take is not None else {}


def report_epoch_end(trainer: Trainer, summary: dict, details: dict, seconds: float, rate: float, best: bool):
    trainer.events.emit(
        "epoch_end",
        epochs=trainer.config.epochs,
        **summary,
        seconds=seconds,
        images_per_s=rate,
        best=best,
        **details,
    )


def report_warnings(trainer: Trainer) -> None:
    warnings = trainer.feeder.warnings
    while warnings:
        trainer.events.emit("warning", message=warnings.pop(0))


def report_stopped(trainer: Trainer, epochs_done: int, batch: int, step: int, checkpoint: str | None) -> None:
    """``epoch`` is the epoch in progress (1-based), ``batch`` its batches done; resuming continues right there."""
    trainer.events.emit(
        "stopped",
        epoch=epochs_done + 1 if batch else epochs_done,
        batch=batch,
        step=step,
        reason=trainer.stop.reason,
        checkpoint=checkpoint,
    )


def report_finished(trainer: Trainer, step: int) -> None:
    last = trainer.history[-1] if trainer.history else {}
    trainer.events.emit(
        "finished",
        epochs=trainer.config.epochs,
        step=step,
        best=trainer.best,
        val_loss=last.get("val_loss"),
        val_accuracy=last.get("val_accuracy"),
        checkpoint=trainer.last_checkpoint,
    )
