"""Keeps the current run's folder up to date from the worker's events: its record (``run.json``) and its
curves (``events.jsonl``), so a run outlives the app and the Runs view can list and compare it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from cnnstudio.core.safe_io import FileProblem
from cnnstudio.training.run_records import RunLog


class RunRecorder:
    def __init__(self):
        self.log: RunLog | None = None
        self._failed = False  # said once per run: a full disk must not become a notice per event

    def begin(self, folder: Path, project: Path | None, epochs: int) -> None:
        """A new run in ``folder``; FileProblem (an OSError) when its record cannot be written."""
        self._failed = False
        self.log = RunLog.create(folder, project.name if project else None, epochs)

    def resume(self, folder: Path, epochs: int) -> None:
        self._failed = False
        self.log = RunLog.reopen(folder, epochs)

    def add(self, event: dict) -> str:
        """Record one event; returns a one-line problem the first time the folder cannot be written, else ""."""
        if self.log is None:
            return ""
        try:
            if event.get("event") == "exited":
                self.log.end()
                self.log = None
            else:
                self.log.add(event)
        except FileProblem as exc:
            if self._failed:
                return ""
            self._failed = True
            return QCoreApplication.translate("Runs", "This run's record cannot be saved: {0}").format(exc)
        return ""
