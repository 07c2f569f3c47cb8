"""The training loop: one engine for the command line, the GUI's child process, torchrun and exported train.py.

It owns no globals. Everything it reports goes through an EventLog (reporting.py says what); where it stands
in a distributed run is a RunContext (context.py; distributed.py: the model wrapped in DistributedDataParallel,
metrics summed over the processes, stops and diverged losses agreed by all, rank 0 reports and writes
checkpoints while the others wait for it); a StopToken asks it to stop after the current batch, with a
checkpoint (resume.py: what a checkpoint holds and how a run continues from one); a DivergenceWatch stops it
when the loss blows up (divergence.py).

The exported ``train.py`` carries this file and the ones it imports, word for word (see
cnnstudio/compiler/train_script.py): keep them free of imports from outside cnnstudio.training but for torch,
torchvision, numpy, PIL and safetensors, and keep their top-level names distinct.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch

from .checkpoint import Checkpoint
from .config import TrainingConfig
from .context import RunContext
from .data.feeder import Feeder, mix_seed
from .divergence import DivergenceWatch, diverged_error
from .evaluate import evaluate
from .events import BatchThrottle, EventLog
from .losses import make_objective
from .optim import build_optimizer, build_scheduler, current_lr
from .reporting import (
    report_batch,
    report_epoch_end,
    report_finished,
    report_started,
    report_stopped,
    report_warnings,
)
from .resume import restore, write_checkpoint
from .stop import StopToken

__all__ = ["RunContext", "StopToken", "TrainResult", "Trainer"]


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
    """Trains ``model`` on ``feeder``'s batches as ``config`` says, reporting to ``events``.

    ``epoch_probe(trainer, epoch, step)`` runs on rank 0 after each epoch's checkpoint (the GUI's layer
    health, probe.py); it must draw no random numbers, so that it cannot change the losses. One with a
    ``validation_forward(trainer)`` gives the forward that runs the model on the first validation batch.
    """

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
        epoch_probe: Callable[[Trainer, int, int], None] | None = None,
        objective=None,
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
        self.epoch_probe = epoch_probe
        self.classes = feeder.split.classes
        # another task's loop (detection) comes from the caller: train.py carries only the engine's own
        self.objective = objective or make_objective(model, feeder, config)
        self.device = feeder.device
        model.to(self.device)
        # what the training steps call; self.model is what is saved (a GAN wraps its two networks itself)
        own_wrap = getattr(self.objective, "wrap", None)
        self.net = own_wrap(self.context) if own_wrap is not None else self.context.wrap(model)
        self._agreed_stop = False  # distributed: the stop decision all processes took at the last step
        self.optimizer = build_optimizer(model, config)
        self.scheduler = None
        self.watch = DivergenceWatch()
        self.history: list[dict] = []
        self.best: dict | None = None
        self.last_checkpoint: str | None = None
        self.losses: list[float] = []

    # the run ---------------------------------------------------------------------------------
    def run(self, resume: Checkpoint | None = None) -> TrainResult:
        config, steps = self.config, self.feeder.steps_per_epoch
        start_epoch, start_batch, step, progress = 0, 0, 0, None
        if resume is not None:
            start_epoch, start_batch, step, progress = restore(self, resume, steps)
        else:
            self.scheduler = build_scheduler(self.optimizer, config, steps)
            torch.manual_seed(self.rng_seed(1))  # dropout and friends start from the seed too
        report_started(self, start_epoch, start_batch, step, resume is not None)
        if self.context.any(self.stop.requested):  # asked while the data was loading: nothing trained or saved
            return self._stopped(start_epoch, start_batch, step, self.last_checkpoint)
        throttle = BatchThrottle()
        for epoch in range(start_epoch, config.epochs):
            began = time.perf_counter()
            first = start_batch if epoch == start_epoch else 0
            step, totals, done = self._train_epoch(epoch, first, step, progress or (0.0, 0, 0), throttle)
            progress = None
            if done < steps:  # stopped mid-epoch
                path = write_checkpoint(self, "last", epoch, done, step, totals)
                return self._stopped(epoch, done, step, path)
            self._end_epoch(epoch, step, *totals, began)
            if self.context.any(self.stop.requested) and epoch + 1 < config.epochs:  # asked in validation: stop
                return self._stopped(epoch + 1, 0, step, self.last_checkpoint)
        report_finished(self, step)
        return self._result("finished", config.epochs, step, self.last_checkpoint)

    def _train_epoch(self, epoch: int, first: int, step: int, totals: tuple, throttle: BatchThrottle):
        """Batches ``first``… of ``epoch`` until the end or a stop: (step, (loss sum, correct, seen), batches done)."""
        self.net.train()
        feeder, steps, hook = self.feeder, self.feeder.steps_per_epoch, self.step_hook
        classifier, world = self.objective.classifier, self.context.world_size
        loss_sum, correct, seen = totals
        # each step's predictions and labels, on the device: no sync per step, one comparison at the end
        guesses, labels = [], []
        done = first
        for number, batch in feeder.train_batches(epoch, first):
            if feeder.warnings:
                report_warnings(self)
            value, shown, outs = self._step(batch, step, epoch, number, steps)
            step, done = step + 1, number + 1
            n = len(batch.y)
            loss_sum += value * n  # this process's sums: added up over all processes at the epoch's end
            seen += n
            if classifier is not None:
                guesses.append(outs[classifier].argmax(1))
                labels.append(batch.y)
            if throttle.add(shown, n * world):
                report_batch(self, epoch, number, step, *throttle.take())
            if hook is not None:
                hook(step, shown)
            if done < steps and self._stopping():
                break
        if throttle.losses:  # the curve is complete at every epoch end and stop
            report_batch(self, epoch, done - 1, step, *throttle.take())
        if guesses:
            correct += int((torch.cat(guesses) == torch.cat(labels)).sum())
        return step, (loss_sum, correct, seen), done if done < steps and self._stopping() else steps

    def _step(self, batch, step: int, epoch: int, number: int, steps: int):
        """One optimiser step: (this process's loss, the loss over all processes, the outputs)."""
        self.optimizer.zero_grad(set_to_none=True)
        own_step = getattr(self.objective, "train_step", None)
        if own_step is not None:  # an objective with updates of its own (a GAN: its two networks' steps)

            def check(value: float) -> float:  # before each backward, as below: the mean over all processes
                if self.context.distributed:
                    value, _ = self.context.agree_step(value, len(batch.x), False)
                if self.watch.diverged(value):
                    bad_input = self.context.any(not bool(torch.isfinite(batch.x).all()))
                    raise self._diverged(value, step + 1, epoch, number, steps, bad_input)
                return value

            value, outs = own_step(self.net, self.optimizer, batch, check)
            shown = value
            if self.context.distributed:
                shown, self._agreed_stop = self.context.agree_step(value, len(batch.x), self.stop.requested)
            if self.scheduler is not None:
                self.scheduler.step()
            self.losses.append(shown)
            return value, shown, outs
        loss, outs = self.objective.train_loss(self.net(batch.x), batch.x, batch.y)
        value = shown = loss.item()
        if self.context.distributed:  # agreed before backward: a process that raised alone would hang the rest
            shown, self._agreed_stop = self.context.agree_step(value, len(batch.y), self.stop.requested)
        if self.watch.diverged(shown):  # before backward: the weights stay those of the last good step
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

    def rng_seed(self, *parts: int) -> int:
        # each process draws its own dropout masks for its own images
        extra = (self.context.rank,) if self.context.distributed else ()
        return mix_seed(self.config.seed, *parts, *extra)

    def _end_epoch(self, epoch: int, step: int, loss_sum: float, correct: int, seen: int, began: float) -> None:
        train_seconds = time.perf_counter() - began
        totals = self.context.reduce_sum(torch.tensor([loss_sum, correct, seen], dtype=torch.float64))
        loss_sum, correct, seen = totals.tolist()
        self.context.sync_buffers(self.model)
        own_validation = getattr(self.objective, "validate", None)
        if own_validation is not None:  # a detector (mAP, AP per class), a GAN (D's verdicts, a sample grid)
            val = own_validation(self.model, self.feeder, self.classes, self.context, epoch=epoch + 1)
        else:
            first = self._probe_forward()
            val = evaluate(self.model, self.feeder, self.objective, self.classes, self.context, first_forward=first)
        if self.watch.diverged(val["val_loss"]):  # weights blown up (or bad validation images): keep the checkpoint
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
        kept = getattr(self.objective, "history_keys", ("val_map50", "val_map"))  # a detector's, a GAN's parts
        summary |= {key: val[key] for key in kept if key in val}
        improved = self.objective.primary is not None and self._improves(summary)  # None: no "best" (a GAN)
        if improved:
            self.best = {"epoch": epoch + 1, "metric": self.objective.primary, "value": self._score(summary)}
        self.history.append(summary)
        details = {k: v for k, v in val.items() if k not in summary}
        seconds = time.perf_counter() - began
        report_epoch_end(self, summary, details, seconds, seen / max(train_seconds, 1e-9), improved)
        write_checkpoint(self, "last", epoch + 1, 0, step, None)
        if improved:
            write_checkpoint(self, "best", epoch + 1, 0, step, None)
        self._probe(epoch, step)

    def _probe_forward(self):
        """The probe's forward for the first validation batch (it measures on the way), or None."""
        ask = getattr(self.epoch_probe, "validation_forward", None)
        return ask(self) if ask is not None and self.context.is_main else None

    def _probe(self, epoch: int, step: int) -> None:
        if self.epoch_probe is not None and self.context.is_main:
            self.epoch_probe(self, epoch, step)

    # helpers ---------------------------------------------------------------------------------
    def _score(self, summary: dict) -> float:
        if self.objective.primary == "loss":
            return summary["val_loss"]
        value = summary.get(f"val_{self.objective.primary}")  # accuracy, map50 (None: nothing to detect)
        return -1.0 if value is None else value

    def _improves(self, summary: dict) -> bool:
        if self.best is None:
            return True
        score = self._score(summary)
        return score < self.best["value"] if self.objective.primary == "loss" else score > self.best["value"]

    def _diverged(self, value: float, step: int, epoch: int, number: int, steps: int, bad_input: bool):
        """The error for a diverged loss at a training step (``steps`` 0: in the validation after ``epoch``)."""
        return diverged_error(
            self.watch,
            value,
            step=step,
            epoch=epoch,
            number=number,
            steps=steps,
            lr=self.config.lr,
            bad_input=bad_input,
            checkpoint=self.last_checkpoint,
        )

    def _stopped(self, epochs_done: int, batch: int, step: int, checkpoint: str | None) -> TrainResult:
        report_stopped(self, epochs_done, batch, step, checkpoint)
        return self._result("stopped", epochs_done, step, checkpoint)

    def _result(self, status: str, epochs_done: int, step: int, checkpoint: str | None) -> TrainResult:
        return TrainResult(status, epochs_done, step, self.history, self.best, self.losses, checkpoint)
