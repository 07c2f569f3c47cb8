"""Keeps the current run's folder up to date from the worker's events: its record (``run.json``) and its
curves (``events.jsonl``), so a run outlives the app and the Runs view can list and compare it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from cnnstudio.core.safe_io import FileProblem, write_bytes
from cnnstudio.training.run_records import EVENTS_FILE, PROJECT_FILE, RUN_FILE, RunLog

MAX_KEPT = 64 << 20  # a record or project bigger than this is not a run's


class RunRecorder:
    def __init__(self):
        self.log: RunLog | None = None
        self._failed = False  # said once per run: a full disk must not become a notice per event
        self._kept: dict = {}  # a resumed run's folder as it was, put back if the worker refuses the resume
        self._began = False

    def begin(self, folder: Path, project: Path | None, epochs: int) -> None:
        """A new run in ``folder``; FileProblem (an OSError) when its record cannot be written."""
        self._failed = False
        self.log = RunLog.create(folder, project.name if project else None, epochs)

    @staticmethod
    def snapshot(folder: Path) -> dict:
        """A run's record and project as they are, and its log's length: taken before a resume writes anything."""
        kept: dict = {}
        for name in (RUN_FILE, PROJECT_FILE):
            path = folder / name
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_KEPT:
                    kept[path] = path.read_bytes()
            except OSError:
                pass
        try:
            kept[folder / EVENTS_FILE] = (folder / EVENTS_FILE).stat().st_size
        except OSError:
            pass
        return kept

    def resume(self, folder: Path, epochs: int, kept: dict | None = None) -> None:
        """Continue ``folder``'s record; ``kept`` (``snapshot``) is put back if the worker refuses to resume."""
        self._failed = False
        self._kept, self._began = kept or {}, False
        self.log = RunLog.reopen(folder, epochs)

    def _put_back(self) -> None:
        """The resume never started (fewer epochs than done, another design): the run is as it was."""
        kept, self._kept = self._kept, {}
        for path, data in kept.items():
            if isinstance(data, bytes):
                write_bytes(path, data, fsync=False)
            elif path.is_file() and not path.is_symlink() and path.stat().st_size > data:
                os.truncate(path, data)  # the refusal's own lines

    def add(self, event: dict) -> str:
        """Record one event; returns a one-line problem the first time the folder cannot be written, else ""."""
        if self.log is None:
            return ""
        self._began |= event.get("event") == "started"
        try:
            if event.get("event") == "exited":
                self.log.end()
                self.log = None
                if self._kept and not self._began:
                    self._put_back()
            else:
                self.log.add(event)
        except (FileProblem, OSError) as exc:
            if self._failed:
                return ""
            self._failed = True
            return QCoreApplication.translate("Runs", "This run's record cannot be saved: {0}").format(exc)
        return ""
