"""Runs that outlive the app: one folder per training run beside the project, and reading them back.

A project ``net.cnn.json`` keeps its runs in ``runs/net/`` beside it (an unsaved project in the app's data
folder); each run is a folder named by its start time::

    runs/net/20261130-041502/        (a second run started in the same second: ...-041502-2)
        run.json          its name, start time, status, epochs done and best validation metric
        project.cnn.json  the network and training settings this run trains
        events.jsonl      the worker's events without their pictures: the curves, read back to compare runs
        checkpoints/      last/best .safetensors with their .json sidecars (and a generator's samples/)

Everything here is written through ``safe_io`` (a crash leaves the old file or the new one) and read as an
untrusted file: a folder someone else put there, or one a crash left half made, is listed with a one-line
reason rather than breaking the list. Nothing here imports Qt or torch.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from cnnstudio.core.i18n import translate
from cnnstudio.core.safe_io import FileProblem, append_text, read_regular, write_text

RUN_FILE = "run.json"
EVENTS_FILE = "events.jsonl"
PROJECT_FILE = "project.cnn.json"
CHECKPOINTS = "checkpoints"
FORMAT = "cnnstudio.run"
MAX_RUN_FILE = 1 << 20
MAX_EVENTS_FILE = 256 << 20
MAX_NAME = 120
STATUSES = ("running", "finished", "stopped", "failed")
_DELETING = ".deleting-"  # a run being deleted is first renamed to this (one rename: listed whole or not at all)
# the events' pictures and per-class tables: the curves do not need them, and they would make the log huge
_HEAVY = ("samples", "reconstructions", "sample_grid", "box_samples", "confusion", "per_class_accuracy", "ap_per_class")
_KEPT_EVENTS = ("started", "batch", "epoch_end", "checkpoint", "stopped", "finished", "error")


def project_stem(project: str | os.PathLike) -> str:
    """``net`` for ``net.cnn.json`` (or ``net.json``): the name of the project's runs folder."""
    name = Path(project).name
    for suffix in (".cnn.json", ".json"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name or "untitled"


def runs_root(project: str | os.PathLike | None, unsaved: Path) -> Path:
    """Where a project's runs live: ``<dir>/runs/<stem>/`` beside a saved project, ``unsaved`` otherwise."""
    if project is None:
        return Path(unsaved)
    project = Path(project)
    return project.parent / "runs" / project_stem(project)


def new_run_folder(root: Path, now: float | None = None) -> Path:
    """Make (and return) a fresh folder ``root/YYYYmmdd-HHMMSS[-N]``; OSError when it cannot."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    root.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        folder = root / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            folder.mkdir()  # not exist_ok: two windows starting in the same second get different folders
            return folder
        except FileExistsError:
            continue
    raise FileExistsError(str(root / stamp))


@dataclass
class RunRecord:
    """One run folder as the Runs view lists it; ``problem`` is set (one line) when it cannot be used."""

    folder: Path
    name: str
    started: float | None = None  # seconds since the epoch
    status: str = "stopped"
    epochs_done: int = 0
    epochs: int = 0
    best_metric: str | None = None  # "accuracy", "map50" or "loss"
    best_value: float | None = None
    best_epoch: int | None = None
    problem: str | None = None

    @property
    def checkpoints(self) -> Path:
        return self.folder / CHECKPOINTS

    @property
    def project(self) -> Path:
        return self.folder / PROJECT_FILE

    def weights(self, which: str = "best") -> Path | None:
        """The run's ``best`` (else ``last``) weights file, or None when it wrote none."""
        for name in (which, "last") if which == "best" else (which,):
            path = self.checkpoints / f"{name}.safetensors"
            if path.is_file():
                return path
        return None

    @property
    def resumable(self) -> bool:
        return self.problem is None and (self.checkpoints / "last.json").is_file()


def _problem(folder: Path, text: str) -> RunRecord:
    return RunRecord(folder, folder.name, problem=text)


def read_run(folder: Path) -> RunRecord:
    """The run in ``folder``; never raises: a folder that is not a usable run has ``problem`` set."""
    try:
        raw = read_regular(folder / RUN_FILE, MAX_RUN_FILE)
    except FileProblem as exc:
        if not (folder / RUN_FILE).exists():
            return _problem(folder, translate("Runs", "not a training run (it has no run.json)"))
        return _problem(folder, translate("Runs", "run.json cannot be read: {reason}").format(reason=exc.problem))
    try:
        info = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _problem(folder, translate("Runs", "run.json is not valid JSON"))
    if not isinstance(info, dict) or info.get("format") != FORMAT:
        return _problem(folder, translate("Runs", "run.json is not a CNN Studio run"))
    name = info.get("name")
    status = info.get("status")
    best = info.get("best") if isinstance(info.get("best"), dict) else {}
    record = RunRecord(
        folder,
        name[:MAX_NAME] if isinstance(name, str) and name.strip() else folder.name,
        started=_timestamp(info.get("started")),
        status=status if status in STATUSES else "stopped",
        epochs_done=_count(info.get("epochs_done")),
        epochs=_count(info.get("epochs")),
        best_metric=best.get("metric") if best.get("metric") in ("accuracy", "map50", "loss") else None,
        best_value=_number(best.get("value")),
        best_epoch=_count(best.get("epoch")) or None,
    )
    if record.best_metric is None:
        record.best_value = None
    return record


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _timestamp(value) -> float | None:
    """Seconds since 1970 that a calendar can show (someone's run.json may hold 1e300 or -1e17)."""
    value = _number(value)
    return value if value is not None and 0 <= value < 2**33 else None


def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9 else 0


def list_runs(root: Path) -> list[RunRecord]:
    """Every run folder under ``root``, newest first; broken and foreign folders included, with a reason."""
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return []
    except OSError:
        return []
    runs = []
    for entry in entries:
        if entry.name.startswith(_DELETING):  # a delete a crash interrupted: finish it
            shutil.rmtree(entry.path, ignore_errors=True)
            continue
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        runs.append(read_run(Path(entry.path)))
    runs.sort(key=lambda r: (r.started or 0.0, r.folder.name), reverse=True)
    return runs


# writing ---------------------------------------------------------------------------------------
def rename_run(folder: Path, name: str) -> None:
    """Give a run another display name (its folder keeps its name); FileProblem when it cannot."""
    name = " ".join(name.split())[:MAX_NAME]
    if not name:
        raise FileProblem(folder, translate("Runs", "a run needs a name"))
    record = read_run(folder)
    if record.problem:
        raise FileProblem(folder, record.problem)
    info = json.loads(read_regular(folder / RUN_FILE, MAX_RUN_FILE).decode("utf-8"))
    info["name"] = name
    write_text(folder / RUN_FILE, json.dumps(info, indent=1))


def delete_run(folder: Path) -> None:
    """Remove a run: one rename out of the list first, so no half-deleted run is ever listed."""
    hidden = folder.parent / f"{_DELETING}{folder.name}-{os.getpid()}"
    try:
        os.replace(folder, hidden)
    except OSError as exc:
        raise FileProblem(
            folder, translate("Runs", "cannot be deleted: {reason}").format(reason=exc.strerror)
        ) from None
    shutil.rmtree(hidden, ignore_errors=True)  # what a failure leaves, the next listing removes


@dataclass
class RunLog:
    """What one run writes while it trains: ``run.json`` (rewritten atomically) and ``events.jsonl``.

    The events are appended at each epoch's end and when the run ends, only the lines since the last write: a
    run of hours never rewrites its whole log on the GUI thread. A crash can cut only the log's last line, which
    ``read_events`` skips.
    """

    folder: Path
    info: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # events not yet written

    @classmethod
    def create(cls, folder: Path, project: str | None, epochs: int, now: float | None = None) -> RunLog:
        log = cls(folder)
        log.info = {
            "format": FORMAT,
            "version": 1,
            "name": folder.name,
            "started": time.time() if now is None else now,
            "project": project,
            "status": "running",
            "epochs_done": 0,
            "epochs": epochs,
            "best": None,
        }
        write_text(folder / EVENTS_FILE, "", fsync=False)  # a fresh log, whatever a crash left
        # not flushed to the disk: pressing Train must not wait ~10 ms for it; the run's end writes it durably
        log.save(fsync=False)
        return log

    @classmethod
    def reopen(cls, folder: Path, epochs: int) -> RunLog:
        """Continue a run's log (a resume); a missing or broken log starts over with what can be read."""
        record = read_run(folder)
        log = cls(folder)
        if record.problem:
            return cls.create(folder, None, epochs)
        log.info = json.loads(read_regular(folder / RUN_FILE, MAX_RUN_FILE).decode("utf-8"))
        log.info.update(status="running", epochs=epochs)
        try:
            tail = read_regular(folder / EVENTS_FILE, MAX_EVENTS_FILE)[-1:]
        except FileProblem:
            tail = b"\n"
        if tail not in (b"", b"\n"):  # a line a crash cut short: the next event starts on a line of its own
            log.lines.append("\n")
        log.save()
        return log

    def add(self, event: dict) -> None:
        """Take in one worker event; writes the files when an epoch ended or the run did."""
        kind = event.get("event")
        if kind not in _KEPT_EVENTS:
            return
        light = {k: v for k, v in event.items() if k not in _HEAVY}
        try:
            self.lines.append(json.dumps(light, allow_nan=False) + "\n")
        except (TypeError, ValueError):
            return  # the worker sends no NaN (null instead); anything else unwritable is not a curve point
        if kind == "epoch_end":
            self.info["epochs_done"] = _count(event.get("epoch"))
            if event.get("best"):
                self.info["best"] = _best_of(event)
        elif kind in ("stopped", "finished", "error"):
            self.info["status"] = {"stopped": "stopped", "finished": "finished", "error": "failed"}[kind]
        if kind in ("started", "epoch_end", "stopped", "finished", "error"):
            # the GUI records from its own thread: "started" (in the record since create) waits on no disk flush
            self.save(fsync=kind != "started")

    def end(self) -> None:
        """The worker exited: a run that never said how it ended failed."""
        if self.info.get("status") == "running":
            self.info["status"] = "failed"
        self.save()

    def save(self, fsync: bool = True) -> None:
        """Write the record and the events since the last save; FileProblem when they cannot be written."""
        if self.lines:
            append_text(self.folder / EVENTS_FILE, "".join(self.lines))
            self.lines = []
        self.info["name"] = _written_name(self.folder) or self.info["name"]  # a Rename while it ran (or ended) stays
        write_text(self.folder / RUN_FILE, json.dumps(self.info, indent=1, allow_nan=False), fsync=fsync)


def _written_name(folder: Path) -> str | None:
    """The name in the run's record on disk (the user may rename a run while its log is still open)."""
    try:
        name = json.loads(read_regular(folder / RUN_FILE, MAX_RUN_FILE).decode("utf-8")).get("name")
    except (FileProblem, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name else None


def _best_of(e: dict) -> dict:
    if e.get("val_accuracy") is not None:
        return {"metric": "accuracy", "value": e["val_accuracy"], "epoch": e.get("epoch")}
    if e.get("val_map50") is not None:
        return {"metric": "map50", "value": e["val_map50"], "epoch": e.get("epoch")}
    return {"metric": "loss", "value": e.get("val_loss"), "epoch": e.get("epoch")}


# reading the curves back -------------------------------------------------------------------------
def read_events(folder: Path) -> list[dict]:
    """The events a run logged, in order; unreadable lines are skipped, a missing log is no events."""
    try:
        raw = read_regular(folder / EVENTS_FILE, MAX_EVENTS_FILE)
    except FileProblem:
        return []
    events = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("event") in _KEPT_EVENTS:
            events.append(event)
    return events


@dataclass
class RunCurves:
    """A run's curves as plain lists: training loss per step, validation figures per epoch."""

    loss: tuple[list[float], list[float]] = field(default_factory=lambda: ([], []))
    epochs: list[dict] = field(default_factory=list)  # the epoch_end figures, one per epoch, latest kept

    def per_epoch(self, key: str) -> tuple[list[float], list[float]]:
        rows = [e for e in self.epochs if _number(e.get(key)) is not None]
        return [float(e["epoch"]) for e in rows], [float(e[key]) for e in rows]


def curves_signature(folder: Path) -> tuple[int, int] | None:
    """What changes when a run's curves do: its log's size and time of change (None when it has none)."""
    try:
        info = os.stat(folder / EVENTS_FILE, follow_symlinks=False)
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns


def read_curves(folder: Path) -> RunCurves:
    """The curves of a run from its events (a resumed stretch replaces what it replayed)."""
    steps: dict[int, float] = {}
    epochs: dict[int, dict] = {}
    for e in read_events(folder):
        kind = e.get("event")
        if kind == "started" and e.get("resumed"):
            cut = _count(e.get("step"))
            steps = {s: v for s, v in steps.items() if s <= cut}
        elif kind == "batch":
            last, losses = _count(e.get("step")), e.get("losses")
            if not isinstance(losses, list):
                losses = [e.get("loss")]
            for i, value in enumerate(losses):
                number = _number(value)
                if number is not None:
                    steps[last - len(losses) + 1 + i] = number
        elif kind == "epoch_end" and _count(e.get("epoch")):
            epochs[_count(e["epoch"])] = e
    order = sorted(steps)
    return RunCurves(([float(s) for s in order], [steps[s] for s in order]), [epochs[k] for k in sorted(epochs)])
