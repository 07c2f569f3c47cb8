"""Heavy work off the GUI thread: a function in a worker thread, or a ``cnnstudio`` command in a child process.

Both kinds of task report on the GUI thread, in the past tense: ``finished(result)``, ``failed(line)`` (one
line, never a traceback) or ``cancelled()``. After ``cancel()`` nothing else is reported: a result that
arrives later is dropped. Which kind to use:

- ``ThreadTask`` for work whose result is a Python object the GUI needs (a compiled model, feature maps, a
  traced graph). torch releases the GIL in its kernels, so the event loop keeps turning; Cancel cannot stop
  a kernel, so it drops the result (and the function may poll ``token.is_set()`` between steps).
- ``ProcessTask`` for work whose result is a file (export): the child owns the CPU time, the GIL and the
  memory, and Cancel kills it for real; the caller removes what the killed writer left (safe_io temps).

``BusyIndicator`` shows running tasks (an indeterminate bar, what runs, and Cancel).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from cnnstudio.core import i18n


def child_environment() -> QProcessEnvironment:
    """The environment of a child process (export, training): this one's, with the window's language, so the
    child's messages come in it too (a language chosen in the menu is not in this process's environment)."""
    env = QProcessEnvironment.systemEnvironment()
    env.insert(i18n.ENVIRONMENT_VARIABLE, i18n.language())
    env.insert("PYTHONIOENCODING", "utf-8")
    return env


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type's name when it has none)."""
    text = str(exc).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":  # a KeyError's 'key', quoted whole
        text = text[1:-1]
    return text.splitlines()[0] if text else type(exc).__name__


def limit_torch_threads() -> None:
    """Leave one core to the GUI thread: torch's intra-op threads would otherwise take them all."""
    import torch

    wanted = max(1, (os.cpu_count() or 2) - 1)
    if torch.get_num_threads() > wanted:
        torch.set_num_threads(wanted)


CHILD_NICE = 10  # how much lower a child process's CPU priority is than the editor's


class _Relay(QObject):
    """Carries the workers' outcomes to the GUI thread (a queued connection: it lives there). One for the
    process, never deleted: a relay per task was deleted with its task on the GUI thread while a worker was
    emitting it, and that crashed the process. A task is looked up by its key when its outcome arrives; one
    that is gone by then (its window closed) is simply not told."""

    done = Signal(object, object, object)  # (task key, result, error line or None)

    def __init__(self):
        super().__init__()
        self.waiting: dict[int, weakref.ref[ThreadTask]] = {}
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, key: int, result: object, error: str | None) -> None:
        ref = self.waiting.pop(key, None)
        task = ref() if ref is not None else None
        if task is not None:
            task._done(result, error)


_RELAY: list[_Relay] = []  # made on the GUI thread by the first task started there
_KEYS = itertools.count()


def _relay() -> _Relay:
    if not _RELAY:
        _RELAY.append(_Relay())
    return _RELAY[0]


class _Job(QRunnable):
    def __init__(self, work: Callable[[threading.Event], Any], token: threading.Event, key: int, relay: _Relay):
        super().__init__()
        self.work, self.token, self.key, self.relay = work, token, key, relay

    def run(self) -> None:
        if self.token.is_set():  # cancelled while it waited for the pool
            return
        try:
            outcome = (self.work(self.token), None)
        except Exception as exc:  # reported as one line on the GUI thread
            outcome = (None, first_line(exc))
        try:
            self.relay.done.emit(self.key, *outcome)
        except RuntimeError:  # the app is exiting and its relay is gone: nobody is waiting for this outcome
            pass


_QUEUED: list[tuple[QThreadPool, _Job]] = []  # jobs whose worker starts when the event loop next turns


def _launch_after_this_turn(pool: QThreadPool, job: _Job) -> None:
    """The worker starts once this turn's GUI work (layout, painting) is done: while a worker thread runs Python,
    the GUI thread's every Python callback waits its turn for the GIL. The queue holds no task (a timer owned by a
    task could be deleted with it while it fired)."""
    if not _QUEUED:
        QTimer.singleShot(0, _launch_queued)
    _QUEUED.append((pool, job))


def _launch_queued() -> None:
    jobs = list(_QUEUED)
    _QUEUED.clear()
    for pool, job in jobs:
        if job.token.is_set():  # cancelled in the turn that started it: it never reaches the worker
            continue
        try:
            pool.start(job)
        except RuntimeError:  # the pool went with its window meanwhile
            pass


class ThreadTask(QObject):
    """``work(token)`` in a worker thread; its result on the GUI thread unless cancelled first.

    ``pool=None`` runs the work at once on the calling thread (the same signals, in order): for panels used
    on their own, in demos and unit tests.
    """

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Callable[[threading.Event], Any], text: str = "", pool: QThreadPool | None = None):
        super().__init__()
        self.work, self.text, self.pool = work, text, pool
        self.token = threading.Event()
        self.running = False
        self._key: int | None = None  # the relay's key for its outcome, once started on a pool

    def start(self) -> ThreadTask:
        self.running = True
        if self.pool is None:
            try:
                result = self.work(self.token)
            except Exception as exc:
                self._done(None, first_line(exc))
            else:
                self._done(result, None)
        else:
            relay, self._key = _relay(), next(_KEYS)
            relay.waiting[self._key] = weakref.ref(self)
            _launch_after_this_turn(self.pool, _Job(self.work, self.token, self._key, relay))
        return self

    def cancel(self) -> None:
        if self.running:
            self.token.set()
            self.running = False
            if self._key is not None:
                _relay().waiting.pop(self._key, None)
            self.cancelled.emit()

    def _done(self, result: object, error: str | None) -> None:
        if not self.running:  # cancelled: the result is dropped
            return
        self.running = False
        if error is None:
            self.finished.emit(result)
        else:
            self.failed.emit(error)


_POOLS: weakref.WeakSet[QThreadPool] = weakref.WeakSet()  # every pool made here, for the exit


def serial_pool(parent: QObject | None = None) -> QThreadPool:
    """A pool of one thread: work on one model runs in order, never two passes at once."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)  # keep the thread: a new one per task would re-pay torch's thread set-up
    _POOLS.add(pool)
    return pool


def finish_background_work(timeout_ms: int = 10_000) -> None:
    """At the app's exit: cancel every task and wait for the workers to return. A worker still in torch while
    Python shut down crashed the process (2 exits in 70 with Feature maps compiling), and one that reported after
    the relay was gone printed a traceback (6 in 10)."""
    _QUEUED.clear()
    pools = list(_POOLS)
    for pool in pools:
        try:
            pool.clear()  # the jobs not started yet
        except RuntimeError:  # went with its window
            pass
    tasks = [ref() for ref in _RELAY[0].waiting.values()] if _RELAY else []
    for task in tasks:  # every token first: a worker freed by one must not start the next job uncancelled
        if task is not None:
            task.token.set()
    for task in tasks:
        if task is not None:
            task.cancel()
    for pool in pools:
        try:
            pool.waitForDone(timeout_ms)
        except RuntimeError:
            pass


class ProcessTask(QObject):
    """``python -m cnnstudio ARGS`` in a child process; stdout when it exits 0, its last stderr line otherwise."""

    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, args: list[str], text: str = "", on_cancel: Callable[[], None] | None = None):
        super().__init__()
        self.args, self.text, self.on_cancel = args, text, on_cancel
        self.running = False
        self._cancelling = False
        self.process = QProcess(self)
        self.process.setProcessEnvironment(child_environment())
        self.process.started.connect(self._lower_priority)
        self.process.finished.connect(self._exited)
        self.process.errorOccurred.connect(self._error)

    def start(self) -> ProcessTask:
        self.running = True
        self.process.start(sys.executable, ["-m", "cnnstudio", *self.args])
        return self

    def _lower_priority(self) -> None:
        """The child runs at nice +10 (as the training worker does): on a busy machine the editor's frames win
        the CPU, and an export of ResNet-50 no longer stalls the window when it competes with it for a core."""
        if not hasattr(os, "setpriority"):
            return
        try:
            pid = int(self.process.processId())
            os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + CHILD_NICE))
        except (OSError, ValueError):
            pass  # not allowed here, or it already ended: it only runs a little less politely

    def cancel(self) -> None:
        """Kill the child; ``cancelled`` comes once it is gone (and ``on_cancel`` has tidied up)."""
        if self.running and not self._cancelling:
            self._cancelling = True
            if self.process.state() == QProcess.ProcessState.Starting:
                self.process.waitForStarted(5000)  # fork/exec takes milliseconds; a kill before it is lost
            self.process.kill()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.running:
            self.running = False
            self.failed.emit(self.tr("cannot start {0}: {1}").format(sys.executable, self.process.errorString()))

    def _exited(self, code: int, status: QProcess.ExitStatus) -> None:
        if not self.running:
            return
        self.running = False
        if self._cancelling:
            if self.on_cancel is not None:
                self.on_cancel()
            self.cancelled.emit()
            return
        out = bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        err = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
        if code == 0 and status == QProcess.ExitStatus.NormalExit:
            self.finished.emit(out)
            return
        lines = [line.strip() for line in err.splitlines() if line.strip()]
        line = lines[-1] if lines else self.tr("the export process ended with code {0}").format(code)
        self.failed.emit(line.removeprefix("error: "))


class _Caption(QWidget):
    """One line of text, elided and painted: a new text repaints the row and never lays the window out again
    (a QLabel's new text re-lays out every ancestor up to the main window)."""

    def __init__(self):
        super().__init__()
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setToolTip(text)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 24, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)


class BusyIndicator(QWidget):
    """An indeterminate bar, what is running and Cancel; hidden when nothing runs.

    ``keep_space``: it keeps its row and only turns see-through when idle. Showing a widget lays out all its
    ancestors at once, up to the main window's docks, so over a panel of plots every show and hide cost
    25–100 ms on the GUI thread; fading it costs a repaint.
    """

    def __init__(self, parent: QWidget | None = None, keep_space: bool = False):
        super().__init__(parent)
        self.tasks: list[ThreadTask | ProcessTask] = []
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: no percentage to show
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.label = _Caption()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this work; its result is dropped"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.bar)
        row.addWidget(self.label, 1)
        row.addWidget(self.cancel_button)
        self._fade: QGraphicsOpacityEffect | None = None
        if keep_space:
            self._fade = QGraphicsOpacityEffect(self)
            self.setGraphicsEffect(self._fade)
        self._show_work(False)
        self.ensurePolished()  # styled now, not on its first showing beside a busy worker

    @property
    def busy(self) -> bool:
        return any(task.running for task in self.tasks)

    @property
    def showing(self) -> bool:
        """The bar, the text and Cancel are on screen (a kept row is there, but see-through, when idle)."""
        if self._fade is not None:
            return self.isEnabled() and self._fade.opacity() > 0
        return not self.isHidden()

    def run(self, task: ThreadTask | ProcessTask) -> ThreadTask | ProcessTask:
        """Start the task and show it while it runs (an inline task may end before this returns)."""
        self.tasks.append(task)
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(self._update)
        self.label.setText(task.text)
        self._show_work(True)  # before the start: a worker running Python makes the GUI thread share the GIL
        task.start()
        self._update()
        return task

    def cancel(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        self._update()

    def _update(self, *_args) -> None:
        self.tasks = [task for task in self.tasks if task.running]
        if self.tasks:
            self.label.setText(self.tasks[-1].text)
        self._show_work(bool(self.tasks))

    def _show_work(self, on: bool) -> None:
        if self._fade is None:
            self.setVisible(on)
            return
        self._fade.setOpacity(1.0 if on else 0.0)
        self.setEnabled(on)
        # the see-through row takes no clicks and shows no tooltips: the mouse reaches what lies behind it
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not on)
        self.bar.setRange(0, 0 if on else 1)  # an idle bar does not animate
