"""Autosave to a recovery file after edits, and find the files a crashed session left behind.

Each running window holds a lock (QLockFile) beside its recovery file; a file whose lock is free
belongs to a session that is gone without saving: that is what the next start offers to recover.

The write comes 1.5 s after the last edit (a pause), but never later than 5 s after the first unsaved
one: someone who keeps editing every second still has a recovery file a few seconds later.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from cnnstudio.core.graph import Graph
from cnnstudio.core.project_file import ProjectFileError, loads, to_dict
from cnnstudio.core.safe_io import FileProblem, remove_orphans, write_bytes

from .document import Document

SUFFIX = ".cnn-recovery.json"
FORMAT = "cnnstudio.recovery"
DEBOUNCE_MS = 1500  # written once the user pauses this long...
MAX_WAIT_MS = 5000  # ...or this long after the first unsaved edit, however fast the edits keep coming
_sessions = itertools.count()  # two windows opened in the same millisecond still get two files


@dataclass
class RecoveryEntry:
    file: Path
    title: str
    original: str | None  # the project's own path, if it had one
    saved_at: str
    graph: Graph


class Autosaver(QObject):
    failed = Signal(str)

    def __init__(
        self,
        doc: Document,
        directory: Path,
        delay_ms: int = DEBOUNCE_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.doc = doc
        self.directory = Path(directory)
        stamp = f"{os.getpid()}-{int(time.time() * 1000)}-{next(_sessions)}"
        self.file = self.directory / f"session-{stamp}{SUFFIX}"
        self.lock: QLockFile | None = None
        self.timer = QTimer(self, singleShot=True, interval=delay_ms, timeout=self.save_now)  # restarted by edits
        self.deadline = QTimer(self, singleShot=True, interval=max_wait_ms, timeout=self.save_now)  # is not
        doc.undo_stack.indexChanged.connect(self._schedule)
        doc.undo_stack.cleanChanged.connect(self._on_clean_changed)
        doc.reset.connect(self._on_reset)

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()
        else:
            self._schedule()

    def _on_reset(self) -> None:
        if self.doc.modified:
            self._schedule()
        else:
            self.discard()

    def _ensure_lock(self) -> bool:
        if self.lock is not None:
            return True
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.failed.emit(
                self.tr("Autosave is off: cannot create {0} ({1})").format(self.directory, exc.strerror or exc)
            )
            return False
        lock = QLockFile(str(self.file) + ".lock")
        lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, not its age
        if not lock.tryLock(0):
            self.failed.emit(self.tr("Autosave is off: cannot lock {0}").format(self.file))
            return False
        self.lock = lock
        return True

    def _schedule(self, *_args) -> None:
        if self.doc.modified:
            self.timer.start()
            if not self.deadline.isActive():
                self.deadline.start()

    def save_now(self) -> bool:
        """Write the recovery file now (atomically); drop it when there is nothing unsaved."""
        self.timer.stop()
        self.deadline.stop()
        if not self.doc.modified:
            self.discard()
            return False
        if not self._ensure_lock():
            return False
        data = {
            "format": FORMAT,
            "version": 1,
            "title": self.doc.title,
            "path": str(self.doc.path) if self.doc.path else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "project": to_dict(self.doc.graph),
        }
        try:
            write_bytes(self.file, json.dumps(data, ensure_ascii=False).encode())
        except FileProblem as exc:
            self.failed.emit(self.tr("Autosave failed: {0}").format(exc))
            return False
        return True

    def discard(self) -> None:
        self.timer.stop()
        self.deadline.stop()
        try:
            self.file.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.failed.emit(self.tr("Cannot remove the recovery file {0}: {1}").format(self.file, exc.strerror or exc))

    def close(self) -> None:
        """A clean exit: nothing to recover next time."""
        for signal, slot in (
            (self.doc.undo_stack.indexChanged, self._schedule),
            (self.doc.undo_stack.cleanChanged, self._on_clean_changed),
            (self.doc.reset, self._on_reset),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass  # already disconnected
        self.discard()
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def find_recoverable(directory: Path, skip: Path | None = None) -> list[RecoveryEntry]:
    """Recovery files of sessions that ended without cleaning up, newest first."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    remove_leftovers(directory)
    found = []
    for file in directory.glob(f"*{SUFFIX}"):
        if skip is not None and file == skip:
            continue
        lock = QLockFile(str(file) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # its window is still open
        lock.unlock()
        entry = read_entry(file)
        if entry is not None:
            found.append(entry)
    found.sort(key=lambda e: e.saved_at, reverse=True)
    return found


def read_entry(file: Path) -> RecoveryEntry | None:
    """A recovery file's contents, or None if it is unreadable (left in place for a person to look at)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        graph = loads(json.dumps(data["project"]), file)
    except (OSError, ValueError, KeyError, TypeError, ProjectFileError):
        return None
    title = data.get("title") if isinstance(data.get("title"), str) else file.name
    original = data.get("path") if isinstance(data.get("path"), str) else None
    return RecoveryEntry(file, title, original, str(data.get("saved_at", "")), graph)


def remove_entry(entry: RecoveryEntry) -> None:
    for path in (entry.file, Path(str(entry.file) + ".lock")):
        try:
            path.unlink()
        except OSError:
            pass


def remove_leftovers(directory: Path) -> list[Path]:
    """Remove what crashed sessions left in the recovery folder besides their work: half-written temps
    (of dead writers only) and locks whose owner is gone and that guard no recovery file."""
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(directory)]
    except OSError:
        return removed
    targets = {name[1 : name.index(".tmp-")] for name in names if name.startswith(".") and ".tmp-" in name}
    for target in targets:  # safe_io's temps: .<target>.tmp-<pid>-…; only dead pids' are removed
        removed += remove_orphans(directory / target)
    for name in names:
        stale_claim = name.startswith("open-") and name.endswith(".lock")  # file_claim's, of a dead window
        if stale_claim or name.endswith(f"{SUFFIX}.lock") and name.removesuffix(".lock") not in names:
            lock = QLockFile(str(directory / name))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):  # its owner is dead (a live one still holds it): unlock() deletes the file
                lock.unlock()
                removed.append(directory / name)
        elif SUFFIX in name and not name.endswith((SUFFIX, ".lock")) and not name.startswith("."):
            # QSaveFile's temps of older versions: <file>.XXXXXX, orphaned once their session's lock is free
            owner = name[: name.index(SUFFIX) + len(SUFFIX)]
            lock = QLockFile(str(directory / owner) + ".lock")
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                lock.unlock()
                try:
                    (directory / name).unlink()
                    removed.append(directory / name)
                except OSError:
                    pass
    return removed
