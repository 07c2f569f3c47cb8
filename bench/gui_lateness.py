"""GUI event-loop lateness while heavy work runs: Feature maps, Export to ONNX and pressing Train.

A 10 ms precise QTimer runs in the GUI process; each tick's lateness is how much later than 10 ms after the
previous tick it fired. Each scenario is measured beside an idle baseline taken in the same run, just
before it, on the same window (so a loaded machine shows in both):

  maps    open the Feature maps dock on ResNet-18 at 224 px with layer1.0 selected, until the
          model is compiled and its maps, predictions and Grad-CAM are shown (worker thread)
  export  File → Export… ResNet-50 to ONNX, until the file is written (child process)
  train   press Train on LeNet-5 / digits, until the first batch has trained (child process), then Stop
  select  the reference: click another block of ResNet-18 (inspector, canvas and Problems follow), no work
          beside it; what any action costs on this machine after a few idle seconds

Targets (issue 12): p99 ≤ 16 ms and max ≤ 50 ms during each scenario; printed as PASS/MISS with the
baseline's figures and the load average beside them. Exits 1 on a MISS or when a scenario fails.

The first line measures the host: reading one byte per 4 KiB page of a 256 MiB buffer again right after
reading it, and again after 2 s asleep. On a virtual machine that shares its caches with neighbours the
second is many times the first: every action after an idle baseline starts with cold caches, and its first
tick pays for it (the `select` reference shows how much on a trivial action).

    python bench/gui_lateness.py                 # all four
    python bench/gui_lateness.py maps export     # some
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10
P99_MS = 16.0
MAX_MS = 50.0
BASELINE_S = 3.0
LIMIT_S = 600.0


class LatenessProbe:
    """A 10 ms precise timer recording how late each tick fires."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.values: list[float] = []
        self.last = 0

    def start(self) -> None:
        self.values = []
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.values.append(max(0.0, (now - self.last) / 1e6 - TICK_MS))
        self.last = now

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.values


def spin_until(done: Callable[[], bool], limit_s: float) -> bool:
    """Run a real event loop until ``done()`` (checked every 50 ms); False when the limit passed first."""
    began = time.perf_counter()
    loop = QEventLoop()
    watcher = QTimer(interval=50)
    watcher.timeout.connect(lambda: (done() or time.perf_counter() - began > limit_s) and loop.quit())
    watcher.start()
    if not done():
        loop.exec()
    watcher.stop()
    return done()


def measure(action: Callable[[], None], done: Callable[[], bool]) -> tuple[list[float], list[float], float, bool]:
    """(idle baseline, during the action, the action's seconds, whether it finished)."""
    probe = LatenessProbe()
    probe.start()
    began = time.perf_counter()
    spin_until(lambda: time.perf_counter() - began >= BASELINE_S, BASELINE_S + 5)
    idle = probe.stop()
    probe.start()
    began = time.perf_counter()
    action()
    finished = spin_until(done, LIMIT_S)
    seconds = time.perf_counter() - began
    return idle, probe.stop(), seconds, finished


def cold_memory_ms(mib: int = 256, idle_s: float = 2.0) -> tuple[float, float]:
    """(warm, cold): ms to read one byte per 4 KiB page of a ``mib`` MiB buffer just after reading it, and
    after ``idle_s`` asleep."""
    import numpy as np

    pages = np.ones(mib * 1024 * 1024, dtype=np.uint8)[::4096]

    def read() -> float:
        began = time.perf_counter()
        int(pages.sum())
        return (time.perf_counter() - began) * 1000

    read()
    warm = read()
    time.sleep(idle_s)
    return warm, read()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def figures(values: list[float]) -> str:
    if not values:
        return "no ticks"
    return (
        f"{len(values):,} ticks · p50 {percentile(values, 0.5):.2f} · p99 {percentile(values, 0.99):.2f} · "
        f"max {max(values):.2f} ms"
    )


def report(name: str, idle: list[float], busy: list[float], seconds: float, finished: bool) -> bool:
    p99, worst = percentile(busy, 0.99), max(busy, default=0.0)
    ok = finished and p99 <= P99_MS and worst <= MAX_MS
    load = f" · load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"{name}: {seconds:.1f} s{'' if finished else ' (DID NOT FINISH)'}{load}")
    print(f"  idle baseline : {figures(idle)}")
    print(f"  during        : {figures(busy)}")
    print(
        f"  target p99 ≤ {P99_MS:g}: {'PASS' if p99 <= P99_MS else 'MISS'} · max ≤ {MAX_MS:g}: "
        f"{'PASS' if worst <= MAX_MS else 'MISS'} · p99 over baseline {p99 - percentile(idle, 0.99):+.2f} ms"
    )
    return ok


_COLLECTOR: list = []  # the app's garbage collection on the GUI thread, as `cnnstudio` runs it


def make_window(preset: str):
    from cnnstudio.gui.app import collect_garbage_on_the_gui_thread
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    window = MainWindow(AppContext.temporary(Path(tempfile.mkdtemp(prefix="cnnstudio-bench-")), persist=False))
    window.resize(1600, 1000)
    window.files.open_preset(preset)
    window.show()
    if not _COLLECTOR:
        _COLLECTOR.append(collect_garbage_on_the_gui_thread())
    for _ in range(5):
        QApplication.processEvents()
    return window


def close(window) -> None:
    window.doc.undo_stack.setClean()
    window.training.shutdown()
    window.close()


def select(window, name: str) -> None:
    window.scene.clearSelection()
    window.scene.nodes[window.doc.graph.by_name(name).id].setSelected(True)


def bench_maps() -> bool:
    """Twice: the first opening (the worker imports torch) and a recompile after an edit (torch loaded)."""
    window = make_window("resnet18")
    insight = window.insight
    select(window, "layer1.0")

    def open_dock() -> None:
        insight.dock.show()
        insight.dock.raise_()

    def shown() -> bool:
        panel = insight.panel
        return panel is not None and not insight.stale and not insight.busy.busy and panel.features.channel_count > 0

    title = "Feature maps on ResNet-18 at 224 px (compile, predictions, Grad-CAM, maps)"
    first = report(f"{title}, first opening", *measure(open_dock, shown))
    fc = window.doc.graph.by_name("fc").id
    edit = report(
        f"{title}, after an edit (fc without bias; torch already loaded)",
        *measure(lambda: window.doc.set_param(fc, "bias", False), shown),
    )
    close(window)
    return first and edit


def bench_export() -> bool:
    from cnnstudio.gui import dialogs
    from cnnstudio.gui.export_import import ExportDialog

    errors: list[str] = []
    dialogs.show_error = lambda parent, title, message: errors.append(message)
    window = make_window("resnet50")
    out = Path(tempfile.mkdtemp(prefix="cnnstudio-bench-export-")) / "resnet50.onnx"
    dialog = ExportDialog(window.host)
    dialog.format.setCurrentIndex(dialog.format.findData("onnx"))
    dialog.destination.setText(str(out))
    result = measure(dialog.export, lambda: hasattr(dialog, "task") and not dialog.task.running)
    ok = report("Export ResNet-50 to ONNX (child process)", *result) and out.exists() and not errors
    if errors or not out.exists():
        print(f"  FAILED: {errors[0] if errors else 'no file written'}")
    close(window)
    return ok


def bench_train() -> bool:
    from cnnstudio.gui.training.config_edit import config_edit

    window = make_window("lenet5")
    edit = config_edit(window.doc.graph, epochs=1, data="digits")
    if edit is not None:
        window.doc.push(edit)
    panel = window.training
    result = measure(panel.act_start.trigger, lambda: panel.history.progress.step > 0 or not panel.running)
    ok = (
        report("Pressing Train on LeNet-5 / digits (until the first batch)", *result)
        and panel.history.progress.step > 0
    )
    panel.act_stop.trigger()
    spin_until(lambda: not panel.running, 120)
    close(window)
    return ok


def bench_select() -> bool:
    """The reference: a click on another block after the same idle baseline; nothing runs beside it."""
    window = make_window("resnet18")
    select(window, "layer1.0")
    node = window.scene.nodes[window.doc.graph.by_name("layer3.0").id]
    view = window.view
    view.centerOn(node)
    for _ in range(5):
        QApplication.processEvents()

    def click() -> None:
        from PySide6.QtTest import QTest

        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(node.sceneBoundingRect().center())
        )

    began = [0.0]

    def settled() -> bool:  # the click's own repaints have had half a second
        return node.isSelected() and time.perf_counter() - began[0] > 0.5

    def act() -> None:
        began[0] = time.perf_counter()
        click()

    ok = report("Reference: click another block of ResNet-18 (no work beside it)", *measure(act, settled))
    close(window)
    return ok and node.isSelected()


SCENARIOS = {"maps": bench_maps, "export": bench_export, "train": bench_train, "select": bench_select}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "scenarios", nargs="*", metavar="SCENARIO", help=f"some of {', '.join(SCENARIOS)} (default: all)"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {unknown[0]!r}: choose from {', '.join(SCENARIOS)}")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from cnnstudio.gui.app import _quiet_platform_notes
    from cnnstudio.gui.theme import apply_theme

    _quiet_platform_notes()
    apply_theme(app)
    print(f"GUI event-loop lateness, 10 ms timer, offscreen, {os.cpu_count()} CPUs")
    warm, cold = cold_memory_ms()
    print(
        f"Host: one byte per page of 256 MiB read again {warm:.1f} ms warm, {cold:.1f} ms after 2 s asleep "
        f"(× {cold / max(warm, 1e-3):.0f})"
    )
    results = [SCENARIOS[name]() for name in args.scenarios or SCENARIOS]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
