"""A request to stop training, safe to make from signal handlers and other threads (no torch here)."""

from __future__ import annotations

import threading


class StopToken:
    """A thread-safe request to stop after the current batch (signals, a stdin ``stop``, the GUI)."""

    def __init__(self):
        self._event = threading.Event()
        self.reason = ""

    def request(self, reason: str = "requested") -> None:
        if not self._event.is_set():
            self.reason = reason
            self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()
