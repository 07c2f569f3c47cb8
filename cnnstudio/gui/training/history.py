"""What the training panel has learned from the worker's events, as plain arrays (no Qt, no drawing).

The panel applies queued events here on its timer, then hands the arrays to the curves in one
``setData`` each: the events never touch a widget directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SMOOTHING = 0.9  # the EMA's weight on the past (debiased, so the curve starts at the first loss)


class Series:
    """A growable pair of float arrays (x, y): amortised O(1) appends, views without copies."""

    def __init__(self, capacity: int = 1024):
        self._x = np.empty(capacity, dtype=np.float64)
        self._y = np.empty(capacity, dtype=np.float64)
        self.size = 0

    def extend(self, xs, ys) -> None:
        n = len(xs)
        if self.size + n > len(self._x):
            capacity = max(2 * len(self._x), self.size + n)
            self._x = np.resize(self._x, capacity)
            self._y = np.resize(self._y, capacity)
        self._x[self.size : self.size + n] = xs
        self._y[self.size : self.size + n] = ys
        self.size += n

    def append(self, x: float, y: float) -> None:
        self.extend([x], [y])

    def truncate_after(self, x: float) -> None:
        """Drop the points past ``x`` (a resume from an earlier checkpoint replays them)."""
        self.size = int(np.searchsorted(self.x, x, side="right"))

    def clear(self) -> None:
        self.size = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.size]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.size]

    def __len__(self) -> int:
        return self.size


def _number(value) -> float:
    """JSON null (NaN/inf in the worker) → NaN, which pyqtgraph leaves as a gap."""
    return float("nan") if value is None else float(value)


@dataclass
class Progress:
    """Where the run stands, for the progress bar and its label."""

    epoch: int = 0  # 1-based epoch in progress
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    step: int = 0
    total_steps: int = 0
    images_per_s: float | None = None
    eta_s: float | None = None

    @property
    def fraction(self) -> float:
        return min(1.0, self.step / self.total_steps) if self.total_steps else 0.0


LOSS_PARTS = ("d_loss", "g_loss")  # a GAN's per-step losses (the batch events' parts)


class Smoothed:
    """A per-step curve and its debiased moving average."""

    def __init__(self):
        self.raw = Series()
        self.smooth = Series()
        self._ema = self._weight = 0.0

    def extend(self, steps, values) -> None:
        self.raw.extend(steps, values)
        self.smooth.extend(steps, [self._next(v) for v in values])

    def _next(self, value: float) -> float:
        if value != value:  # NaN: the curve shows the gap, the average keeps its last value
            return value
        self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * value
        self._weight = SMOOTHING * self._weight + (1 - SMOOTHING)
        return self._ema / self._weight

    def truncate_after(self, x: float) -> None:
        self.raw.truncate_after(x)
        self.smooth.truncate_after(x)
        self._ema = self._weight = 0.0
        for value in self.raw.y[-50:]:
            self._next(float(value))

    def clear(self) -> None:
        self.raw.clear()
        self.smooth.clear()
        self._ema = self._weight = 0.0


# a detector's epoch figures: mAP (the accuracy plot shows it) and the validation loss's parts
DETECTION = ("val_map50", "val_map", "val_loss_cls", "val_loss_box", "val_loss_offset")


@dataclass
class RunHistory:
    """Curves and latest results of the current (or last) run; a resume keeps the curves it continues."""

    loss: Series = field(default_factory=Series)  # per optimiser step
    smooth: Series = field(default_factory=Series)
    lr: Series = field(default_factory=Series)  # per batch event, at its step
    throughput: Series = field(default_factory=Series)  # images/s per batch event, at its step
    parts: dict[str, Smoothed] = field(default_factory=lambda: {k: Smoothed() for k in LOSS_PARTS})  # GAN: D, G
    epochs: list[dict] = field(default_factory=list)  # the epoch_end summaries, in order
    latest: dict | None = None  # the last epoch_end with its confusion matrix, samples, reconstructions
    started: dict | None = None
    progress: Progress = field(default_factory=Progress)
    _ema: float = 0.0
    _ema_weight: float = 0.0
    _eta_origin: tuple[float, int] | None = None  # (t, step) of this process's first batch event

    def clear(self) -> None:
        for series in (self.loss, self.smooth, self.lr, self.throughput, *self.parts.values()):
            series.clear()
        self.epochs = []
        self.latest = None
        self.started = None
        self.progress = Progress()
        self._ema = self._ema_weight = 0.0
        self._eta_origin = None

    # events ------------------------------------------------------------------------------------
    def apply(self, event: dict) -> str | None:
        """Take in one event; returns what changed: "curves", "epoch", "progress" or None."""
        kind = event.get("event")
        handler = getattr(self, f"_on_{kind}", None)
        return handler(event) if handler else None

    def _on_started(self, e: dict) -> str:
        step = int(e.get("step") or 0)
        if not e.get("resumed"):
            self.clear()
        else:  # continue the curves: drop whatever lies past the checkpoint, take its epoch history
            for series in (self.loss, self.smooth, self.lr, self.throughput, *self.parts.values()):
                series.truncate_after(step)
            self._restart_ema()
        self.started = e
        self.epochs = [dict(h) for h in e.get("history") or []]
        self.latest = None
        epochs, per_epoch = int(e.get("epochs") or 0), int(e.get("steps_per_epoch") or 0)
        self.progress = Progress(
            epoch=int(e.get("start_epoch") or 0) + 1,
            epochs=epochs,
            batch=int(e.get("start_batch") or 0),
            batches=per_epoch,
            step=step,
            total_steps=epochs * per_epoch,
        )
        self._eta_origin = None
        return "curves"

    def _on_batch(self, e: dict) -> str:
        losses = [_number(v) for v in e.get("losses") or [e.get("loss")]]
        last = int(e["step"])
        steps = np.arange(last - len(losses) + 1, last + 1, dtype=np.float64)
        self.loss.extend(steps, losses)
        self.smooth.extend(steps, [self._smoothed(v) for v in losses])
        for key, values in (e.get("parts") or {}).items():
            if key in self.parts and len(values) == len(steps):
                self.parts[key].extend(steps, [_number(v) for v in values])
        if e.get("lr") is not None:
            self.lr.append(last, float(e["lr"]))
        if e.get("images_per_s") is not None:
            self.throughput.append(last, float(e["images_per_s"]))
        p = self.progress
        p.epoch, p.epochs = int(e["epoch"]), int(e.get("epochs") or p.epochs)
        p.batch, p.batches, p.step = int(e["batch"]), int(e.get("batches") or p.batches), last
        p.total_steps = p.total_steps or p.epochs * p.batches
        p.images_per_s = e.get("images_per_s")
        self._update_eta(float(e.get("t") or 0.0), last)
        return "curves"

    def _on_epoch_end(self, e: dict) -> str:
        keep = ("epoch", "step", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr", "best", *DETECTION)
        keep += ("d_real", "d_fake")  # a GAN's discriminator: its mean verdicts on real and generated images
        self.epochs = [h for h in self.epochs if h["epoch"] < e["epoch"]] + [{k: e.get(k) for k in keep}]
        self.latest = e
        self._update_eta(float(e.get("t") or 0.0), int(e["step"]))
        return "epoch"

    def _on_finished(self, e: dict) -> str:
        self.progress.eta_s = 0.0
        self.progress.step = max(self.progress.step, int(e.get("step") or 0))
        return "progress"

    # helpers -----------------------------------------------------------------------------------
    def _smoothed(self, value: float) -> float:
        if value != value:  # NaN: the curve shows the gap, the average keeps its last value
            return value
        self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * value
        self._ema_weight = SMOOTHING * self._ema_weight + (1 - SMOOTHING)
        return self._ema / self._ema_weight

    def _restart_ema(self) -> None:
        self._ema = self._ema_weight = 0.0
        for value in self.loss.y[-50:]:
            self._smoothed(float(value))

    def _update_eta(self, t: float, step: int) -> None:
        """Seconds left from this process's own pace (validation included once an epoch has ended)."""
        p = self.progress
        if self._eta_origin is None:
            self._eta_origin = (t, step)
            return
        t0, s0 = self._eta_origin
        if step > s0 and t > t0 and p.total_steps:
            p.eta_s = (t - t0) / (step - s0) * max(0, p.total_steps - step)

    # views for the curves ------------------------------------------------------------------------
    def epoch_points(self, key: str, x: str = "step") -> tuple[np.ndarray, np.ndarray]:
        """One point per finished epoch: ``x`` is "step" (for the loss plot) or "epoch"."""
        rows = [h for h in self.epochs if h.get(key) is not None]
        return (
            np.array([float(h[x]) for h in rows], dtype=np.float64),
            np.array([float(h[key]) for h in rows], dtype=np.float64),
        )
