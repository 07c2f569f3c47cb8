"""Python's cyclic garbage collection, run on the GUI thread only.

The collector runs on whichever thread happens to allocate; when a worker thread's collection frees a closed
widget, PySide6 destroys the QObject off the GUI thread and can deadlock on the GIL (seen in CI). So automatic
collection is off and a GUI-thread timer collects instead (pyqtgraph's GarbageCollector does the same), with
Python's own schedule: a generation is collected when its count passes the threshold, and the full collection
waits, as Python's does, until the objects moved to the oldest generation since the last one are a quarter of
those it kept: pyqtgraph's collector skips that rule, and its full collections, every ten or so of the middle
generation's, grew to 20-220 ms on the GUI thread while Feature maps compiled a ResNet-18 (measured).
Everything start-up made (modules, classes, the window) is frozen out of the collector first.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, interval_s: float, parent: QObject | None = None):
        super().__init__(parent)
        gc.freeze()
        self.threshold = gc.get_threshold()
        self.kept = len(gc.get_objects(generation=2))  # what the last full collection left
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(max(1, int(interval_s * 1000)))

    def check(self) -> None:
        young, middle, old = gc.get_count()
        t0, t1, t2 = self.threshold
        if young <= t0:
            return
        if middle <= t1:
            gc.collect(0)
        elif old > t2 and len(gc.get_objects(generation=2)) - self.kept > self.kept // 4:
            gc.collect(2)
            self.kept = len(gc.get_objects(generation=2))
        else:
            gc.collect(1)

    def stop(self) -> None:
        """Back to Python's automatic collection (tests)."""
        self.timer.stop()
        gc.unfreeze()
        gc.enable()
