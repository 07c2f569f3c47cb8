"""The training worker as a child QProcess: start it, queue its JSON-line events, stop it gracefully.

Reading happens on ``readyRead`` (cheap: split lines, parse JSON, append to a deque); nothing is drawn
here. The panel drains the queue on its own timer. When the process ends, a synthetic ``exited`` event
goes into the same queue, after everything the process said, so the panel sees the end in order. A
process that dies without an ``error`` event (a segfault, the OOM killer, an import failure) gets one
made up from its exit status and the last line of its stderr.
"""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from ..background import child_environment

WORKER_MODULE = "cnnstudio.training.worker"
STOP_GRACE_MS = 20_000  # after "stop": a batch, a checkpoint and the exit; then SIGTERM
TERMINATE_GRACE_MS = 5_000  # after SIGTERM: then kill
STDERR_LINES = 60
# The worker runs at a lower CPU priority (POSIX nice): when the machine is busy the editor wins, and the
# worker loses only the little time the editor uses. Linux priorities are per thread; the worker's threads
# (PyTorch's pool, the stdin reader) are created after its start, so they inherit it.
WORKER_NICE = 10


@dataclass
class RunRequest:
    """One run of the worker: the project copy to train and the options besides its saved config."""

    project: Path
    checkpoint_dir: Path | None = None
    resume: Path | None = None
    weights: Path | None = None
    epochs: int | None = None  # overrides the config (a resume that trains on for more epochs)
    threads: int | None = None
    extra: list[str] = field(default_factory=list)

    def arguments(self) -> list[str]:
        args = ["-m", WORKER_MODULE, str(self.project)]
        for flag, value in (
            ("--checkpoint-dir", self.checkpoint_dir),
            ("--resume", self.resume),
            ("--weights", self.weights),
            ("--epochs", self.epochs),
            ("--threads", self.threads),
        ):
            if value is not None:
                args += [flag, str(value)]
        return args + list(self.extra)


class TrainingRunner(QObject):
    """Owns at most one worker process. ``state`` is idle, running or stopping."""

    state_changed = Signal(str)
    events_arrived = Signal()  # something is queued (the panel's timer may be asleep)

    def __init__(self, parent: QObject | None = None, program: str | None = None):
        super().__init__(parent)
        self.program = program or sys.executable
        self.process: QProcess | None = None
        self.request: RunRequest | None = None
        self.queue: deque[dict] = deque()
        self.stderr_tail: deque[str] = deque(maxlen=STDERR_LINES)
        self.state = "idle"
        self._stdout = bytearray()
        self._stderr = bytearray()
        self._saw_error = False
        self._escalation = QTimer(self, singleShot=True)
        self._escalation.timeout.connect(self._escalate)

    # control -----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self, request: RunRequest, arguments: list[str] | None = None) -> None:
        """Start the worker (``arguments`` replaces the worker's command line: tests start other programs)."""
        if self.process is not None:
            raise RuntimeError("a training process is already running")
        self.request = request
        self._stdout.clear()
        self._stderr.clear()
        self.stderr_tail.clear()
        self._saw_error = False
        process = QProcess(self)
        env = child_environment()  # the window's language included: the worker's messages come in it
        env.insert("PYTHONUNBUFFERED", "1")
        process.setProcessEnvironment(env)
        process.setProgram(self.program)
        process.setArguments(arguments if arguments is not None else request.arguments())
        process.readyReadStandardOutput.connect(self._read_stdout)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_process_error)
        process.started.connect(self._lower_priority)
        self.process = process
        self._set_state("running")
        process.start()

    def stop(self) -> None:
        """Ask for a graceful stop (the worker checkpoints and exits); a second call kills it."""
        if self.process is None:
            return
        if self.state == "stopping":
            self.process.kill()
            return
        self._set_state("stopping")
        self.process.write(b"stop\n")
        self._escalation.start(STOP_GRACE_MS)

    def shutdown(self, wait_ms: int = 5_000) -> None:
        """The app is closing: stop gracefully if it can within ``wait_ms``, else kill. Blocks."""
        process = self.process
        if process is None:
            return
        process.write(b"stop\n")
        process.closeWriteChannel()  # the worker also stops on the end of its stdin
        if not process.waitForFinished(wait_ms):
            process.kill()
            process.waitForFinished(2_000)

    def take_events(self) -> list[dict]:
        events = list(self.queue)
        self.queue.clear()
        return events

    # process I/O -------------------------------------------------------------------------------
    def _read_stdout(self) -> None:
        if self.process is None:
            return
        self._stdout += bytes(self.process.readAllStandardOutput())
        *lines, rest = self._stdout.split(b"\n")
        self._stdout = bytearray(rest)
        added = False
        for line in lines:
            added |= self._parse(bytes(line))
        if added:
            self.events_arrived.emit()

    def _parse(self, line: bytes) -> bool:
        text = line.decode("utf-8", errors="replace").strip()
        if not text:
            return False
        try:
            event = json.loads(text)
        except ValueError:
            event = None
        if not isinstance(event, dict) or "event" not in event:
            self.stderr_tail.append(text)  # not the protocol: keep it for a crash report, never fail on it
            return False
        if event["event"] == "error":
            self._saw_error = True
        self.queue.append(event)
        return True

    def _read_stderr(self) -> None:
        if self.process is None:
            return
        self._stderr += bytes(self.process.readAllStandardError())
        *lines, rest = self._stderr.split(b"\n")
        self._stderr = bytearray(rest[-4096:])
        for line in lines:
            text = line.decode("utf-8", errors="replace").rstrip()
            if text:
                self.stderr_tail.append(text)

    def _lower_priority(self) -> None:
        if self.process is None or not hasattr(os, "setpriority"):
            return
        try:
            pid = int(self.process.processId())
            os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + WORKER_NICE))
        except (OSError, ValueError):
            pass  # not allowed here, or it already ended: it only trains a little less politely

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            message = self.tr("could not start the training process ({0}): {1}").format(
                self.program, self.process.errorString()
            )
            self.queue.append({"event": "error", "kind": "internal", "message": message})
            self.queue.append({"event": "exited", "code": None, "crashed": True})
            self._finish()

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self.process is None:
            return
        self._read_stdout()
        self._read_stderr()
        if self._stdout.strip():
            self._parse(bytes(self._stdout))
        if self._stderr.strip():
            self.stderr_tail.append(self._stderr.decode("utf-8", errors="replace").strip())
        crashed = status == QProcess.ExitStatus.CrashExit
        if not self._saw_error and (crashed or code != 0) and self.state != "stopping":
            self.queue.append({"event": "error", "kind": "crash", "message": self._crash_message(code, crashed)})
        self.queue.append({"event": "exited", "code": None if crashed else code, "crashed": crashed})
        self._finish()

    def _crash_message(self, code: int, crashed: bool) -> str:
        how = self.tr("crashed") if crashed else self.tr("ended with exit code {0}").format(code)
        last = next((line for line in reversed(self.stderr_tail) if line.strip()), "")
        hint = f": {last.strip()[:200]}" if last else self.tr(" (it may have run out of memory)")
        return self.tr("the training process {0}{1}").format(how, hint)

    def _finish(self) -> None:
        self._escalation.stop()
        process, self.process = self.process, None
        if process is not None:
            process.deleteLater()
        self._set_state("idle")
        self.events_arrived.emit()

    def _escalate(self) -> None:
        """The worker did not stop in time: SIGTERM (also graceful), then kill."""
        if self.process is None:
            return
        if self.process.property("terminated"):
            self.process.kill()
            return
        self.process.setProperty("terminated", True)
        self.process.terminate()
        self._escalation.start(TERMINATE_GRACE_MS)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
