"""Cyclic garbage made anywhere is collected on the GUI thread, never on a worker's (where freeing a widget
deadlocks PySide6)."""

from __future__ import annotations

import gc
import threading

from cnnstudio.gui.app import collect_garbage_on_the_gui_thread


class Cycle:
    """Records the thread its collection ran on."""

    freed_on: list[str] = []

    def __init__(self):
        self.me = self

    def __del__(self):
        Cycle.freed_on.append(threading.current_thread().name)


def test_cycles_left_by_a_worker_are_freed_on_the_gui_thread(qtbot):
    was_enabled = gc.isenabled()
    gc.collect()
    Cycle.freed_on.clear()
    collector = collect_garbage_on_the_gui_thread(interval_s=0.05)
    try:
        kept = []

        def worker():
            Cycle()  # unreachable at once, a cycle: only the cyclic collector frees it
            kept.extend([] for _ in range(50_000))  # live containers past every generation's threshold

        thread = threading.Thread(target=worker, name="worker")
        thread.start()
        thread.join()
        assert Cycle.freed_on == []  # automatic collection did not run on the worker
        qtbot.waitUntil(lambda: Cycle.freed_on != [], timeout=60_000)
        assert Cycle.freed_on == [threading.current_thread().name]
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()


def test_what_start_up_made_is_left_out_of_full_collections(qtbot):
    was_enabled = gc.isenabled()
    kept = [[] for _ in range(10_000)]  # "start-up": objects alive when the collector starts
    collector = collect_garbage_on_the_gui_thread(interval_s=60)
    try:
        assert gc.get_freeze_count() >= len(kept)
        assert len(gc.get_objects(generation=2)) < len(kept)  # a full collection no longer walks them
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()
