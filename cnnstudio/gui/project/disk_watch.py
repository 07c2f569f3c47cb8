"""Notice when the open project's file changes on disk: another window, another program, a sync tool.

The document remembers a fingerprint (SHA-256 of the bytes) of the file as it last read or wrote it.
A QFileSystemWatcher on the file *and its folder* says when to look again: an atomic save by another
program replaces the file (a new inode), which a watch on the file alone stops seeing after the first time.
Content, not mtime, decides: a touch is no change, and a rewrite within one mtime tick still is.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from cnnstudio.core.graph import Graph
from cnnstudio.core.project_file import MAX_BYTES, ProjectFileError, loads
from cnnstudio.core.safe_io import FileProblem, read_regular

MISSING = "missing"  # fingerprints that are not a digest: the file is gone...
UNREADABLE = "unreadable"  # ...or cannot be read now (permissions, a folder in its place)
SETTLE_MS = 200  # a burst of events (temp written, renamed, folder changed) is looked at once


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(path: Path) -> str:
    """The file's digest, MISSING or UNREADABLE."""
    try:
        return digest(read_regular(path, MAX_BYTES, "project file"))
    except FileProblem:
        return UNREADABLE if os.path.lexists(path) else MISSING


def read_project(path: str | os.PathLike) -> tuple[Graph, str]:
    """Load a project and the fingerprint of exactly the bytes it was loaded from."""
    try:
        raw = read_regular(path, MAX_BYTES, "project file")
    except FileProblem as exc:
        raise ProjectFileError(path, exc.problem) from None
    return loads(raw, path), digest(raw)


class DiskWatcher(QObject):
    """Watches one file; ``changed(fingerprint)`` when its content differs from the known one.

    Each different content is reported once: a "keep my version" answer is not asked again on the next
    unrelated event in the folder, but a further change is reported.
    """

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None, settle_ms: int = SETTLE_MS):
        super().__init__(parent)
        self.path: Path | None = None
        self.known: str | None = None  # fingerprint of what the document was read from or last wrote
        self._reported: str | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)
        self.timer = QTimer(self, singleShot=True, interval=settle_ms, timeout=self.check)
        self.paused = False  # while a question about this file is open: look again when it is answered

    def track(self, path: Path | None, known: str | None) -> None:
        """Follow ``path`` (None: nothing), whose content the document now matches ``known``."""
        self.timer.stop()
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self.path, self.known, self._reported = (Path(path) if path else None), known, None
        if self.path is not None:
            self._watch()

    def _watch(self) -> None:
        wanted = [str(p) for p in (self.path, self.path.parent) if p.exists()]
        missing = [p for p in wanted if p not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def current(self) -> str:
        return fingerprint(self.path) if self.path is not None else MISSING

    def differs(self) -> str | None:
        """The file's fingerprint when it holds something other than what the document last saw."""
        if self.path is None or self.known is None:
            return None
        now = self.current()
        return now if now != self.known else None

    @contextlib.contextmanager
    def asking(self, now: str) -> Iterator[None]:
        """While a question about content ``now`` is open: no second question about it, a look afterwards."""
        self.paused, self._reported = True, now
        try:
            yield
        finally:
            self.paused = False
            if self.path is not None:
                self.timer.start()  # a change made while the question was open is not missed

    def _poke(self, *_args) -> None:
        if self.path is not None:
            self._watch()  # a replaced file drops out of the watch: follow the new one
            self.timer.start()

    def check(self) -> None:
        if self.paused:
            return
        now = self.differs()
        if now is not None and now != self._reported:
            self._reported = now
            self.changed.emit(now)
