"""The training loop: one engine for the command line, the GUI's child process and torchrun.

It owns no globals. Everything it reports goes through an EventLog; where it stands in a distributed
run is a RunContext (distributed.py: the model wrapped in DistributedDataParallel, metrics summed over
the processes, stops and NaN losses agreed by all, rank 0 reports and writes checkpoints while the others
wait for it); a StopToken asks it to stop after the current batch, with a checkpoint.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch

from .checkpoint import Checkpoint, load_model_state, paths, restore_optimizer, restore_rng, save_checkpoint
from .config import TrainingConfig
from .data import Feeder
from .data.feeder import mix_seed
from .errors import DivergedError, TrainingError
from .evaluate import evaluate
from .events import BatchThrottle, EventLog
from .losses import Objective
from .optim import build_optimizer, build_scheduler, current_lr, fast_forward
from .stop import StopToken

PROTOCOL = 1  # the version of the event protocol (see worker.py)


@dataclass
class RunContext:
    """This process's place in a run: a single process here; distributed.DistributedContext under torchrun.

    Every method is a collective in a distributed run: all processes call it at the same point.
    """

    rank: int = 0
    world_size: int = 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.world_size > 1

    def reduce_sum(self, values: torch.Tensor) -> torch.Tensor:
        """Sum a metric tensor over all processes (identity in a single process)."""
        return values

    def any(self, flag: bool) -> bool:
        """True on every process when it is true on any."""
        return flag

    def agree_step(self, loss: float, images: int, stop: bool) -> tuple[float, bool]:
        """A step's loss (the mean over all processes' images) and whether any process was asked to stop."""
        return loss, stop

    def wrap(self, model: torch.nn.Module) -> torch.nn.Module:
        """The module to train through (DistributedDataParallel when distributed)."""
        return model

    def sync_buffers(self, model: torch.nn.Module) -> None:
        """Give every process rank 0's buffers (batch-norm statistics) before evaluating and saving."""


@dataclass
class TrainResult:
    status: str  # "finished" | "stopped"
    epochs_done: int
    step: int
    history: list[dict]
    best: dict | None
    losses: list[float] = field(default_factory=list)  # every training step's loss, in order
    checkpoint: str | None = None

    @property
    def last(self) -> dict:
        return self.history[-1] if self.history else {}


class Trainer:
    """Trains ``model`` on ``feeder``'s batches as ``config`` says, reporting to ``events``."""

    def __init__(
        self,
        model: torch.nn.Module,
        feeder: Feeder,
        config: TrainingConfig,
        *,
        events: EventLog | None = None,
        checkpoint_dir: str | Path | None = None,
        stop: StopToken | None = None,
        context: RunContext | None = None,
        info: dict | None = None,
        step_hook: Callable[[int, float], None] | None = None,
        notices: list[tuple[str, dict]] | None = None,
    ):
        self.model = model
        self.feeder = feeder
        self.config = config
        self.events = events or EventLog()
        self.checkpoint_dir = Path(checkpoint_dir) if checkpoint_dir else None
        self.stop = stop or StopToken()
        self.context = context or RunContext()
        self.info = info or {}  # extra fields for the started event and checkpoints (project, data spec)
        self.step_hook = step_hook
        self.notices = list(notices or [])  # (event, fields) to report right after "started"
        self.classes = feeder.split.classes
        self.objective = Objective(model.heads, config.label_smoothing)
        self.device = feeder.device
        model.to(self.device)
        self.net = self.context.wrap(model)  # what the training steps call; self.model is what is saved
        self._agreed_stop = False  # distributed: the stop decision all processes took at the last step
        self.optimizer = build_optimizer(model, config)
        self.scheduler = None
        self.history: list[dict] = []
        self.best: dict | None = None
        self.last_checkpoint: str | None = None
        self.losses: list[float] = []

    # the run ---------------------------------------------------------------------------------
    def run(self, resume: Checkpoint | None = None) -> TrainResult:
        config, steps = self.config, self.feeder.steps_per_epoch
        start_epoch, start_batch, step, progress = 0, 0, 0, None
        if resume is not None:
            start_epoch, start_batch, step, progress = self._resume(resume, steps)
        else:
            self.scheduler = build_scheduler(self.optimizer, config, steps)
            torch.manual_seed(self._rng_seed(1))  # dropout and friends start from the seed too
        self._started(start_epoch, start_batch, step, resume is not None)
        if self.context.any(self.stop.requested):  # asked while the data was loading: nothing trained or saved
            return self._stopped(start_epoch, start_batch, step, self.last_checkpoint)
        throttle = BatchThrottle()
        for epoch in range(start_epoch, config.epochs):
            began = time.perf_counter()
            first = start_batch if epoch == start_epoch else 0
            step, totals, done = self._train_epoch(epoch, first, step, progress or (0.0, 0, 0), throttle)
            progress = None
            if done < steps:  # stopped mid-epoch
                path = self._checkpoint("last", epoch, done, step, totals)
                return self._stopped(epoch, done, step, path)
            self._end_epoch(epoch, step, *totals, began)
            if self.context.any(self.stop.requested) and epoch + 1 < config.epochs:  # asked in validation: stop
                return self._stopped(epoch + 1, 0, step, self.last_checkpoint)
        self.events.emit(
            "finished",
            epochs=config.epochs,
            step=step,
            best=self.best,
            val_loss=self.history[-1]["val_loss"] if self.history else None,
            val_accuracy=self.history[-1]["val_accuracy"] if self.history else None,
            checkpoint=self.last_checkpoint,
        )
        return self._result("finished", config.epochs, step, self.last_checkpoint)

    def _train_epoch(self, epoch: int, first: int, step: int, totals: tuple, throttle: BatchThrottle):
        """Batches ``first``… of ``epoch`` until the end or a stop: (step, (loss sum, correct, seen), batches done)."""
        self.net.train()
        steps = self.feeder.steps_per_epoch
        loss_sum, correct, seen = totals
        correct = torch.tensor(correct, device=self.device)  # summed on the device: no sync per step
        done = first
        for number, batch in self.feeder.train_batches(epoch, first):
            self._report_warnings()
            value, shown, outs = self._step(batch, step, epoch, number, steps)
            step, done = step + 1, number + 1
            n = len(batch.y)
            loss_sum += value * n  # this process's sums: added up over all processes at the epoch's end
            seen += n
            if self.objective.classifier is not None:
                correct += (outs[self.objective.classifier].argmax(1) == batch.y).sum()
            if throttle.add(shown, n * self.context.world_size):
                self._emit_batch(epoch, number, steps, step, *throttle.take())
            if self.step_hook:
                self.step_hook(step, shown)
            if self._stopping() and done < steps:
                break
        if throttle.losses:  # the curve is complete at every epoch end and stop
            self._emit_batch(epoch, done - 1, steps, step, *throttle.take())
        return step, (loss_sum, int(correct), seen), done if self._stopping() else steps

    def _step(self, batch, step: int, epoch: int, number: int, steps: int):
        """One optimiser step: (this process's loss, the loss over all processes, the outputs)."""
        self.optimizer.zero_grad(set_to_none=True)
        loss, outs = self.objective.train_loss(self.net(batch.x), batch.x, batch.y)
        value = loss.item()
        shown = value
        if self.context.distributed:  # agreed before backward: a process that raised alone would hang the rest
            shown, self._agreed_stop = self.context.agree_step(value, len(batch.y), self.stop.requested)
        if not math.isfinite(shown):
            bad_input = self.context.any(not bool(torch.isfinite(batch.x).all()))
            raise self._diverged(shown, step + 1, epoch, number, steps, bad_input)
        loss.backward()
        self.optimizer.step()
        if self.scheduler is not None:
            self.scheduler.step()
        self.losses.append(shown)
        return value, shown, outs

    def _stopping(self) -> bool:
        """Stop after this batch? In a distributed run: as all processes agreed at the step."""
        return self._agreed_stop if self.context.distributed else self.stop.requested

    def _rng_seed(self, *parts: int) -> int:
        # each process draws its own dropout masks for its own images
        extra = (self.context.rank,) if self.context.distributed else ()
        return mix_seed(self.config.seed, *parts, *extra)

    def _end_epoch(self, epoch: int, step: int, loss_sum: float, correct: int, seen: int, began: float) -> None:
        train_seconds = time.perf_counter() - began
        totals = self.context.reduce_sum(torch.tensor([loss_sum, correct, seen], dtype=torch.float64))
        loss_sum, correct, seen = totals.tolist()
        self.context.sync_buffers(self.model)
        val = evaluate(self.model, self.feeder, self.objective, self.classes, self.context)
        if not math.isfinite(val["val_loss"]):  # weights blown up (or bad validation images): stop, keep the checkpoint
            bad_input = self.context.any(any(not bool(torch.isfinite(b.x).all()) for b in self.feeder.val_batches()))
            raise self._diverged(val["val_loss"], step, epoch, self.feeder.steps_per_epoch - 1, 0, bad_input)
        summary = {
            "epoch": epoch + 1,
            "step": step,
            "train_loss": loss_sum / max(seen, 1),
            "train_accuracy": correct / seen if self.objective.classifier is not None and seen else None,
            "val_loss": val["val_loss"],
            "val_accuracy": val["val_accuracy"],
            "lr": current_lr(self.optimizer),
        }
        improved = self._improves(summary)
        if improved:
            self.best = {"epoch": epoch + 1, "metric": self.objective.primary, "value": self._score(summary)}
        self.history.append(summary)
        details = {k: v for k, v in val.items() if k not in summary}
        self.events.emit(
            "epoch_end",
            epochs=self.config.epochs,
            **summary,
            seconds=time.perf_counter() - began,
            images_per_s=seen / max(train_seconds, 1e-9),
            best=improved,
            **details,
        )
        self._checkpoint("last", epoch + 1, 0, step, None)
        if improved:
            self._checkpoint("best", epoch + 1, 0, step, None)
        self._probe(epoch, step)

    def _probe(self, epoch: int, step: int) -> None:
        """Layer health and a feature-map snapshot for the GUI (rank 0 only)."""
        if self.context.is_main:
            from .probe import report_probe

            report_probe(self, epoch, step)

    # helpers ---------------------------------------------------------------------------------
    def _score(self, summary: dict) -> float:
        return summary["val_accuracy"] if self.objective.primary == "accuracy" else summary["val_loss"]

    def _improves(self, summary: dict) -> bool:
        if self.best is None:
            return True
        score = self._score(summary)
        return score > self.best["value"] if self.objective.primary == "accuracy" else score < self.best["value"]

    def _emit_batch(self, epoch, number, steps, step, losses, rate) -> None:
        self.events.emit(
            "batch",
            epoch=epoch + 1,
            epochs=self.config.epochs,
            batch=number + 1,
            batches=steps,
            step=step,
            loss=losses[-1],
            losses=losses,
            lr=current_lr(self.optimizer),
            images_per_s=round(rate, 1),
        )

    def _report_warnings(self) -> None:
        while self.feeder.warnings:
            self.events.emit("warning", message=self.feeder.warnings.pop(0))

    def _started(self, start_epoch: int, start_batch: int, step: int, resumed: bool) -> None:
        params = sum(p.numel() for p in self.model.parameters())
        trainable = sum(p.numel() for p in self.model.parameters() if p.requires_grad)
        f = self.feeder
        self.events.emit(
            "started",
            protocol=PROTOCOL,
            device=str(self.device),
            config=self.config.to_dict(),
            model={
                "params": params,
                "trainable_params": trainable,
                "input_shape": list(f.model_shape),
                "heads": [
                    {"name": h.name, "kind": h.kind, "loss_weight": h.loss_weight, "auxiliary": h.auxiliary}
                    for h in self.model.heads
                ],
            },
            data={
                "name": f.split.name,
                "classes": self.classes,
                "train_size": f.train_size,
                "val_size": f.val_size,
                "normalize": f.normalizer.to_dict(),
            },
            epochs=self.config.epochs,
            steps_per_epoch=f.steps_per_epoch,
            start_epoch=start_epoch,
            start_batch=start_batch,
            step=step,
            resumed=resumed,
            history=list(self.history),
            checkpoint_dir=str(self.checkpoint_dir) if self.checkpoint_dir else None,
            **self.info,
        )
        for event, fields in self.notices:
            self.events.emit(event, **fields)
        for message in f.split.warnings:
            self.events.emit("warning", message=message)

    def _checkpoint(self, name: str, epochs_done: int, batch: int, step: int, progress) -> str | None:
        """Write a checkpoint (when a folder was given); returns the weights path.

        In a distributed run rank 0 writes it (with the epoch's partial sums over all processes) while the
        others wait, so that it is complete, or has failed for all, when any of them goes on.
        """
        if self.checkpoint_dir is None:
            return None
        if not self.context.distributed:
            return self._write_checkpoint(name, epochs_done, batch, step, progress)
        if progress is not None:
            loss_sum, correct, seen = self.context.reduce_sum(torch.tensor(progress, dtype=torch.float64)).tolist()
            progress = (loss_sum, int(correct), int(seen))
        error = ""
        if self.context.is_main:
            try:
                self._write_checkpoint(name, epochs_done, batch, step, progress)
            except TrainingError as exc:
                error = str(exc)
        if self.context.any(bool(error)):  # also the others' wait for rank 0
            raise TrainingError(error or "rank 0 could not write the checkpoint (its message says why)")
        path = str(paths(self.checkpoint_dir, name)[0])
        if name == "last":
            self.last_checkpoint = path
        return path

    def _write_checkpoint(self, name: str, epochs_done: int, batch: int, step: int, progress) -> str:
        """Save a checkpoint and report it; returns the weights path."""
        f = self.feeder
        meta = {
            "kind": name,
            "epochs_done": epochs_done,
            "batch": batch,
            "step": step,
            "progress": None
            if progress is None
            else {"loss_sum": progress[0], "correct": progress[1], "seen": progress[2]},
            "config": self.config.to_dict(),
            "data": {
                "name": f.split.name,
                "classes": self.classes,
                "input_shape": list(f.model_shape),
                "normalize": f.normalizer.to_dict(),
            },
            "history": self.history,
            "best": self.best,
            **self.info,
        }
        try:
            path = str(save_checkpoint(self.checkpoint_dir, name, self.model, self.optimizer, meta))
        except OSError as exc:
            raise TrainingError(
                f"cannot write the checkpoint into {self.checkpoint_dir}: {exc.strerror or exc}"
            ) from None
        if name == "last":
            self.last_checkpoint = path
        self.events.emit("checkpoint", kind=name, path=path, epoch=epochs_done, batch=batch, step=step)
        return path

    def _resume(self, checkpoint: Checkpoint, steps: int):
        m = checkpoint.meta
        load_model_state(self.model, checkpoint.weights, str(checkpoint.path))
        restore_optimizer(self.optimizer, checkpoint)
        start_epoch, start_batch, step = int(m["epochs_done"]), int(m["batch"]), int(m["step"])
        if start_epoch >= self.config.epochs:
            raise TrainingError(
                f"{checkpoint.path} has already trained {start_epoch} of {self.config.epochs} epochs: "
                "ask for more epochs to continue"
            )
        processes = int(m.get("processes", 1))
        if processes != self.context.world_size:
            if start_batch:  # the batch number counts a share of the epoch that another process count deals
                raise TrainingError(
                    f"{checkpoint.path} was stopped in the middle of epoch {start_epoch + 1} of a run with "
                    f"{processes} process(es): resume it with {processes}, or from an epoch's end with any number"
                )
            step = start_epoch * steps  # the schedule goes on as if every epoch had had this many steps
        self.history = list(m.get("history") or [])
        self.best = m.get("best")
        self.scheduler = fast_forward(self.optimizer, self.config, steps, step)
        restore_rng(checkpoint)
        if self.context.distributed:  # rank 0's generator was saved: each process draws its own again
            torch.manual_seed(self._rng_seed(1, step))
        p = m.get("progress")
        if p and self.context.is_main:  # the partial sums are over all processes: counted once
            progress = (p["loss_sum"], p["correct"], p["seen"])
        else:
            progress = None
        self.last_checkpoint = str(checkpoint.path.with_suffix(".safetensors")) if m.get("kind") == "last" else None
        return start_epoch, start_batch, step, progress

    def _diverged(self, value, step: int, epoch: int, number: int, steps: int, bad_input: bool) -> DivergedError:
        """The error for a NaN/inf loss at a training step (``steps`` 0: in the validation after ``epoch``)."""
        kept = (
            f"the last good checkpoint is {self.last_checkpoint}"
            if self.last_checkpoint
            else "no checkpoint had been written yet"
        )
        if bad_input:
            advice = "The input images contain NaN or infinite values: check the data."
        else:
            lower = f"{self.config.lr / 10:.0e}"
            advice = f"The learning rate {self.config.lr:g} is probably too high: try {lower} or lower."
        where = (
            f"the loss became {value} at step {step} (epoch {epoch + 1}, batch {number + 1} of {steps})"
            if steps
            else f"the validation loss became {value} after epoch {epoch + 1} (step {step})"
        )
        error = DivergedError(f"{where}; training stopped. {advice} {kept[0].upper()}{kept[1:]}.")
        error.details = {"step": step, "epoch": epoch + 1, "batch": number + 1, "checkpoint": self.last_checkpoint}
        return error

    def _stopped(self, epochs_done: int, batch: int, step: int, checkpoint: str | None) -> TrainResult:
        """Report a graceful stop. ``epoch`` in the event is the epoch in progress (1-based), ``batch`` its
        batches done; resuming from ``checkpoint`` continues right there."""
        self.events.emit(
            "stopped",
            epoch=epochs_done + 1 if batch else epochs_done,
            batch=batch,
            step=step,
            reason=self.stop.reason,
            checkpoint=checkpoint,
        )
        return self._result("stopped", epochs_done, step, checkpoint)

    def _result(self, status: str, epochs_done: int, step: int, checkpoint: str | None) -> TrainResult:
        return TrainResult(status, epochs_done, step, self.history, self.best, self.losses, checkpoint)
