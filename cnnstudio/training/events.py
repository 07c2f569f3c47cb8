"""Training events: one dict per event, fanned out to sinks (JSON lines, a progress bar, a list).

The event names and fields are the child-process protocol documented in ``worker.py``.
"""

from __future__ import annotations

import json
import math
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from ..core.i18n import translate

Sink = Callable[[dict], None]
BATCH_INTERVAL = 0.05  # seconds: at most 20 batch events a second


def clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become None (strict parsers, Qt's included, reject them)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def json_line(record: dict) -> str:
    """One event as a compact JSON line (with its newline)."""
    return json.dumps(clean(record), ensure_ascii=False, separators=(",", ":")) + "\n"


class EventLog:
    """Stamps events with ``t`` (seconds since the log started) and hands them to every sink.

    ``enabled`` is False on all but the first process of a distributed run, so one process reports.
    """

    def __init__(self, sinks: list[Sink] | None = None, enabled: bool = True):
        self.sinks = list(sinks or [])
        self.enabled = enabled
        self.start = time.monotonic()

    def emit(self, event: str, **fields) -> None:
        if not self.enabled:
            return
        record = {"event": event, "t": round(time.monotonic() - self.start, 3), **fields}
        for sink in self.sinks:
            sink(record)


class BatchThrottle:
    """Collects per-step losses and says when the next batch event is due (≤ 20 a second)."""

    def __init__(self, interval: float = BATCH_INTERVAL):
        self.interval = interval
        self.losses: list[float] = []
        self.images = 0
        self.last = time.perf_counter()

    def add(self, loss: float, images: int) -> bool:
        self.losses.append(loss)
        self.images += images
        return time.perf_counter() - self.last >= self.interval

    def take(self) -> tuple[list[float], float]:
        """The losses since the last event and the images per second over them."""
        now = time.perf_counter()
        rate = self.images / max(now - self.last, 1e-9)
        losses, self.losses, self.images, self.last = self.losses, [], 0, now
        return losses, rate


class JsonLines:
    """Writes each event as one JSON line and flushes it; ``on_broken`` runs if the reader went away."""

    def __init__(self, stream: IO[str], on_broken: Callable[[], None] | None = None, close: bool = False):
        self.stream = stream
        self.on_broken = on_broken
        self.broken = False
        self._close = close
        self._lock = threading.Lock()  # the worker's stdin thread reports too: whole lines only

    @classmethod
    def to_file(cls, path: str) -> JsonLines:
        return cls(open(path, "w", encoding="utf-8"), close=True)  # noqa: SIM115  (closed by close())

    def __call__(self, record: dict) -> None:
        if self.broken:
            return
        line = json_line(record)
        try:
            with self._lock:
                self.stream.write(line)
                self.stream.flush()
        except (BrokenPipeError, OSError, ValueError):  # ValueError: the stream was closed
            self.broken = True
            if self.on_broken:
                self.on_broken()

    def close(self) -> None:
        if self._close:
            self.stream.close()


class Recorder:
    """Keeps every event in a list (tests, benchmarks)."""

    def __init__(self):
        self.events: list[dict] = []

    def __call__(self, record: dict) -> None:
        self.events.append(record)

    def of(self, name: str) -> list[dict]:
        return [e for e in self.events if e["event"] == name]


def _percent(value) -> str:
    return "–" if value is None else f"{100 * value:.2f}%"


def _clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else f"{seconds // 60}:{seconds % 60:02d}"
    )


class ProgressPrinter:
    """Human-readable progress on stderr: a live bar on a terminal, one line per epoch otherwise."""

    def __init__(self, stream: IO[str] | None = None, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.total_steps = 0
        self.first: tuple[float, int] | None = None  # (t, step) of the first batch event: the ETA's origin
        self.dirty = False

    def _line(self, text: str) -> None:
        if self.dirty:
            self.stream.write("\r\033[K")
            self.dirty = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def __call__(self, e: dict) -> None:
        kind = e["event"]
        if kind == "started":
            self.total_steps = e["epochs"] * e["steps_per_epoch"]
            m, d = e["model"], e["data"]
            if e.get("processes"):
                where = translate("Training", "{device} × {processes} processes")
                where = where.format(device=e["device"], processes=e["processes"])
                plan = translate("Training", "{epochs} epochs of {batches} batches per process")
            else:
                where = e["device"]
                plan = translate("Training", "{epochs} epochs of {batches} batches")
            text = translate(
                "Training",
                "training {trainable:,} of {params:,} parameters on {where}; {data}: {train:,} training / {val:,} "
                "validation images, {classes} classes; {plan}",
            ).format(
                trainable=m["trainable_params"],
                params=m["params"],
                where=where,
                data=d["name"],
                train=d["train_size"],
                val=d["val_size"],
                classes=len(d["classes"]),
                plan=plan.format(epochs=e["epochs"], batches=e["steps_per_epoch"]),
            )
            if e.get("resumed"):
                text += translate("Training", " (resuming at epoch {epoch})").format(epoch=e["start_epoch"] + 1)
            self._line(text)
        elif kind == "batch" and self.live:
            self._bar(e)
        elif kind == "epoch_end":
            acc = f" acc {_percent(e['train_accuracy'])}" if e.get("train_accuracy") is not None else ""
            vacc = f" acc {_percent(e['val_accuracy'])}" if e.get("val_accuracy") is not None else ""
            if e.get("val_map50") is not None:  # a detector
                vacc = f" mAP@0.5 {e['val_map50']:.3f} mAP {e['val_map']:.3f}"
            quality = e.get("quality")
            if isinstance(quality, dict):  # a GAN scored by the classifier its config names
                vacc += translate(
                    "Training", " · samples: confidence {confidence:.2f}, {covered}/{classes} classes"
                ).format(
                    confidence=quality["mean_confidence"],
                    covered=quality["classes_covered"],
                    classes=quality["classes"],
                )
            text = translate(
                "Training",
                "epoch {epoch}/{epochs}: train loss {train_loss:.4f}{acc} · val loss {val_loss:.4f}{vacc} · {seconds:.1f} s",
            ).format(
                epoch=e["epoch"],
                epochs=e["epochs"],
                train_loss=e["train_loss"],
                acc=acc,
                val_loss=e["val_loss"],
                vacc=vacc,
                seconds=e["seconds"],
            )
            self._line(text + (translate("Training", " · best") if e.get("best") else ""))
        elif kind in ("warning", "weights"):
            text = e["message"]
            self._line(translate("Training", "warning: {message}").format(message=text) if kind == "warning" else text)
        elif kind == "stopped":
            if e["batch"]:
                at = translate("Training", "stopped in epoch {epoch} after batch {batch}")
            else:
                at = translate("Training", "stopped after epoch {epoch}")
            at = at.format(epoch=e["epoch"], batch=e["batch"])
            if e.get("checkpoint"):
                where = translate("Training", "; checkpoint {checkpoint}").format(checkpoint=e["checkpoint"])
            else:
                where = translate("Training", "; no checkpoint written")
            self._line(at + where)

    def _bar(self, e: dict) -> None:
        if self.first is None:
            self.first = (e["t"], e["step"])
        t0, s0 = self.first
        done = e["step"] - s0
        eta = (e["t"] - t0) / done * (self.total_steps - e["step"]) if done > 0 else None
        width = 24
        filled = int(width * e["batch"] / max(1, e["batches"]))
        self.stream.write(
            f"\r\033[Kepoch {e['epoch']}/{e['epochs']} [{'#' * filled}{'.' * (width - filled)}] "
            f"{e['batch']}/{e['batches']} loss {e['loss']:.4f} lr {e['lr']:.2e} {e['images_per_s']:,.0f} img/s"
            + (f" ETA {_clock(eta)}" if eta is not None else "")
        )
        self.stream.flush()
        self.dirty = True
