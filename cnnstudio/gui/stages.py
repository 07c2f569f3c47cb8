"""Work that would stall the window if done at once, done as steps in separate event-loop turns.

Pressing Train shows the Training dock, grows it, raises its tab and shows the results page; the first
compiled model makes the Feature maps panel, fits its image and starts its passes: each of those re-lays out
and repaints part of the window, and together in one turn they held the window > 50 ms on a busy machine. Each step runs on a timer a little after the last one, so the layout and paint a step causes
(posted events) are done, and input and other timers get a turn, before the next step begins.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

STEP_MS = 16  # a frame between steps: the window answers in between


class Stages(QObject):
    """Runs queued steps one per timer turn (a step that returns False did nothing: the next runs at once);
    ``run`` replaces what was still queued."""

    def __init__(self, parent: QObject, step_ms: int = STEP_MS):
        super().__init__(parent)
        self._steps: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self, singleShot=True, interval=step_ms)
        self._timer.timeout.connect(self._next)

    @property
    def pending(self) -> bool:
        return bool(self._steps)

    def run(self, steps: Iterable[Callable[[], object]]) -> None:
        self._steps = deque(steps)
        if self._steps:
            self._timer.start()

    def _next(self) -> None:
        while self._steps and self._steps.popleft()() is False:
            pass
        if self._steps:
            self._timer.start()
