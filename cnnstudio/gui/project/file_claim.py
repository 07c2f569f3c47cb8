"""Two windows on one project file know of each other.

A window that opens a file claims it: in this process by a table of open files, across processes by a
QLockFile named after the file in the recovery folder (not beside the file: project folders may be
read-only or shared, and a stray lock there would puzzle people). The lock holds the owner's pid, and a
lock whose process is dead is stale at once, so a crash never leaves a file "open elsewhere" for good.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLockFile, QObject

PREFIX = "open-"
_open_here: dict[str, QObject] = {}  # resolved path -> the object that claimed it in this process


def key_of(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())


class FileClaim:
    """What ``owner`` (one window's file controller) has open; ``directory`` None keeps no lock files."""

    def __init__(self, owner: QObject, directory: Path | None):
        self.owner = owner
        self.directory = Path(directory) if directory is not None else None
        self.key: str | None = None
        self.lock: QLockFile | None = None

    def other_window(self, path: str | Path) -> QObject | None:
        """Another window of this process that has ``path`` open."""
        other = _open_here.get(key_of(path))
        if other is None or other is self.owner or not shiboken6.isValid(other):
            return None
        return other

    def claim(self, path: str | Path | None) -> str | None:
        """Hold ``path`` for this window (releasing the previous one); returns who else has it open, if anyone."""
        key = key_of(path) if path is not None else None
        if key == self.key:
            return None
        self.release()
        if key is None:
            return None
        self.key = key
        other = self.other_window(key)
        if other is None:
            _open_here[key] = self.owner
        if self.directory is None:
            return QCoreApplication.translate("FileClaim", "another window") if other is not None else None
        lock = QLockFile(str(self._lock_path(key)))
        lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # no recovery folder: windows of this process still know of each other
        if lock.tryLock(0):
            self.lock = lock
            return QCoreApplication.translate("FileClaim", "another window") if other is not None else None
        return QCoreApplication.translate("FileClaim", "another window") if other is not None else self.holder_of(key)

    def holder_of(self, path: str | Path) -> str | None:
        """Who holds ``path`` open, in words, without claiming it; None when nobody else does."""
        if self.other_window(path) is not None:
            return QCoreApplication.translate("FileClaim", "another window")
        if self.directory is None or key_of(path) == self.key and self.lock is not None:
            return None
        lock = QLockFile(str(self._lock_path(key_of(path))))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            lock.unlock()
            return None
        if lock.error() != QLockFile.LockError.LockFailedError:  # no folder, no permission: not "held"
            return None
        info = lock.getLockInfo()
        pid = info[0] if isinstance(info, tuple) and info and isinstance(info[0], int) else None
        return (
            QCoreApplication.translate("FileClaim", "another CNN Studio (process {0})").format(pid)
            if pid
            else QCoreApplication.translate("FileClaim", "another CNN Studio")
        )

    def release(self) -> None:
        if self.key is not None and _open_here.get(self.key) is self.owner:
            del _open_here[self.key]
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        self.key = None

    def _lock_path(self, key: str) -> Path:
        return self.directory / f"{PREFIX}{hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:20]}.lock"
