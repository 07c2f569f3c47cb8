"""Heavy work runs off the GUI thread: the window keeps turning, shows it is busy, and Cancel means it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from cnnstudio.gui.background import ThreadTask
from cnnstudio.gui.export_import import ExportDialog

LONG = 120_000  # ms: generous, the machine may be loaded; every wait is on a condition


def select(window, name: str) -> str:
    node_id = window.doc.graph.by_name(name).id
    window.scene.clearSelection()
    window.scene.nodes[node_id].setSelected(True)
    return node_id


def open_feature_maps(window) -> None:
    """View → Feature maps, brought to the front of its tab group."""
    dock = window.insight.dock
    if not dock.isVisible():
        dock.toggleViewAction().trigger()
    dock.raise_()


def settled(window) -> bool:
    insight = window.insight
    return insight.panel is not None and not insight.stale and not insight.busy.busy


class TickCounter:
    """A 10 ms timer on the GUI thread: counts the ticks that fire while ``busy()`` holds."""

    def __init__(self, busy):
        self.busy, self.ticks = busy, 0
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if self.busy():
            self.ticks += 1


def test_opening_feature_maps_shows_a_busy_state_then_the_maps_while_the_loop_keeps_turning(window, qtbot):
    insight = window.insight
    select(window, "conv1")
    counter = TickCounter(lambda: insight.busy.busy)
    open_feature_maps(window)
    busy = insight.busy
    assert busy.busy and busy.showing  # compiling in the worker: shown at once
    assert "Compiling" in busy.label.text()
    qtbot.waitUntil(lambda: settled(window) and insight.panel.features.channel_count == 6, timeout=LONG)
    counter.timer.stop()
    assert counter.ticks > 0  # the event loop turned while the model compiled and ran
    assert not busy.showing
    assert tuple(insight.panel.features.maps.shape) == (6, 28, 28)
    select(window, "conv2")  # another block: its maps are computed off the GUI thread too
    qtbot.waitUntil(lambda: settled(window) and insight.panel.features.channel_count == 16, timeout=LONG)


def test_a_model_compiled_before_a_graph_edit_is_dropped(window, qtbot, monkeypatch):
    from cnnstudio.gui.insight.feature_panel import FeatureMapPanel

    insight = window.insight
    shown = []
    original = FeatureMapPanel.set_model
    monkeypatch.setattr(
        FeatureMapPanel, "set_model", lambda self, model, *a, **k: (shown.append(model), original(self, model, *a, **k))
    )
    conv1 = select(window, "conv1")
    open_feature_maps(window)
    assert insight.compiling is not None and insight.compiling.running  # its result has not arrived yet
    assert window.doc.set_param(conv1, "out_channels", 4)  # the graph changes under the running compile
    qtbot.waitUntil(lambda: settled(window) and insight.panel.features.channel_count == 4, timeout=LONG)
    assert shown and all(model.conv1.out_channels == 4 for model in shown)  # the 6-channel model never showed


def test_cancel_in_the_feature_maps_dock_drops_the_model(window, qtbot):
    insight = window.insight
    select(window, "conv1")
    open_feature_maps(window)
    task = insight.compiling
    assert task is not None and task.running
    qtbot.mouseClick(insight.busy.cancel_button, Qt.MouseButton.LeftButton)
    assert not task.running and not insight.busy.showing
    assert "Cancelled" in insight.note.text()
    qtbot.waitUntil(lambda: insight.pool.activeThreadCount() == 0, timeout=LONG)  # the dropped work has ended
    assert insight.panel is None or insight.panel.model is None  # its result was dropped


def _ink_columns(image, left: int, right: int) -> int:
    """How many pixel columns in [left, right) hold text-dark pixels."""
    return sum(any(image.pixelColor(x, y).lightness() < 120 for y in range(image.height())) for x in range(left, right))


def test_status_messages_use_the_bar_up_to_its_counters_and_work_lies_over_them(make_window, qtbot):
    """The busy indicator is not in the bar's layout: idle, it leaves a long "why" the whole room left of the
    counters (a row kept for it cut messages off after 255 px); busy, it shows there, with Cancel."""
    window = make_window("resnet18")
    status = window.statusBar()
    counters = min(w.x() for w in (status.params, status.macs, status.memory))
    assert counters > 500
    status.showMessage("refused because " * 40)
    qtbot.waitUntil(lambda: _ink_columns(status.grab().toImage(), 300, counters - 10) > 100, timeout=LONG)

    busy = window.busy
    task = busy.run(ThreadTask(lambda token: token.wait(600), "Waiting to be cancelled", pool=window.host.pool))
    try:
        assert busy.showing and busy.isVisible() and busy.cancel_button.isVisible()
        assert busy.geometry().right() < counters and status.rect().contains(busy.geometry())
        with qtbot.waitSignal(task.cancelled, timeout=LONG):
            qtbot.mouseClick(busy.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        task.cancel()
    assert not busy.showing


def test_cancel_of_an_export_leaves_no_file(make_window, qtbot, tmp_path, script):
    window = make_window("resnet18")
    out = tmp_path / "exports" / "resnet18.onnx"
    out.parent.mkdir()
    dialog = ExportDialog(window.host)
    dialog.format.setCurrentIndex(dialog.format.findData("onnx"))
    dialog.destination.setText(str(out))
    assert dialog.export()
    task = dialog.task
    assert task.running and window.busy.showing
    select(window, "conv1")  # the editor stays usable while the child exports
    assert window.scene.selected_node_ids() == [window.doc.graph.by_name("conv1").id]
    with qtbot.waitSignal(task.cancelled, timeout=LONG):
        qtbot.mouseClick(window.busy.cancel_button, Qt.MouseButton.LeftButton)
    assert not out.exists() and list(out.parent.iterdir()) == []  # nothing, not even a writer's temp file
    assert not window.busy.showing
    assert not [call for call in script.calls if call[0] == "show_error"]


def test_a_child_process_runs_below_the_editors_priority(qtbot):
    """Export and import children yield the CPU to the window's frames on a busy machine (POSIX nice)."""
    import os

    import pytest

    from cnnstudio.gui.background import CHILD_NICE, ProcessTask

    if not hasattr(os, "getpriority"):
        pytest.skip("no POSIX priorities here")
    task = ProcessTask(["presets"])
    seen = []
    task.process.started.connect(lambda: seen.append(os.getpriority(os.PRIO_PROCESS, int(task.process.processId()))))
    with qtbot.waitSignal(task.finished, timeout=LONG):
        task.start()
    assert seen == [min(19, os.getpriority(os.PRIO_PROCESS, 0) + CHILD_NICE)]


def test_a_kept_busy_row_never_moves_what_lies_below_it(qtbot):
    """The Feature maps dock keeps its busy row: showing and hiding the work must not re-lay out the panel
    below it (each re-layout resized every plot in the panel on the GUI thread)."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from cnnstudio.gui.background import BusyIndicator, ThreadTask

    box = QWidget()
    layout = QVBoxLayout(box)
    busy = BusyIndicator(keep_space=True)
    below = QLabel("the panel")
    layout.addWidget(busy)
    layout.addWidget(below, 1)
    qtbot.addWidget(box)
    box.resize(400, 300)
    box.show()
    qtbot.waitExposed(box)
    where = below.geometry()
    assert not busy.showing and not busy.cancel_button.isEnabled()  # idle: see-through, takes no clicks
    assert busy.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # nor tooltips
    task = ThreadTask(lambda _token: None, "Compiling the network…")  # no pool: runs at once, inline
    started = []
    busy._show_work = lambda on, show=busy._show_work: (show(on), started.append((on, busy.showing, below.geometry())))
    busy.run(task)
    assert started[0][:2] == (True, True) and started[-1][:2] == (False, False)  # shown for the work, then idle
    assert not task.running and busy.label.text() == "Compiling the network…"
    QApplication.processEvents()
    assert all(entry[2] == where for entry in started) and below.geometry() == where  # nothing moved


def test_a_thread_task_starts_its_worker_after_the_turn_that_started_it(qtbot):
    """The GUI work of the turn that starts a task (layout, painting) is done before the worker competes with it
    for the GIL; a task cancelled in that same turn never reaches the worker."""
    from PySide6.QtCore import QThreadPool

    from cnnstudio.gui.background import ThreadTask

    pool = QThreadPool()
    ran = []
    kept = ThreadTask(lambda _token: ran.append("kept") or 1, pool=pool).start()
    dropped = ThreadTask(lambda _token: ran.append("dropped"), pool=pool).start()
    assert ran == [] and pool.activeThreadCount() == 0  # nothing runs before the event loop turns
    dropped.cancel()
    with qtbot.waitSignal(kept.finished, timeout=LONG) as outcome:
        pass
    assert outcome.args == [1]
    pool.waitForDone()
    assert ran == ["kept"]


def test_the_feature_maps_dock_takes_its_width_when_raised_not_again_when_the_maps_arrive(window, qtbot):
    """The panel (input column beside the maps) is wider than the dock's default: the dock widens in the turn
    that raises it, so the canvas is not squeezed a second time, turns later, when the panel arrives."""
    insight, view = window.insight, window.view
    select(window, "conv1")
    open_feature_maps(window)
    QApplication.processEvents()
    widths = (insight.dock.width(), view.width())
    qtbot.waitUntil(lambda: settled(window) and insight.panel.features.channel_count == 6, timeout=LONG)
    QApplication.processEvents()
    assert insight.panel.minimumSizeHint().width() <= insight.dock.width()
    assert (insight.dock.width(), view.width()) == widths
    # a short dock scrolls the panel: the window still fits a 1366×768 laptop screen (it needed 737 px)
    assert insight.panel.minimumSizeHint().height() > 300 and window.minimumSizeHint().height() < 600


def test_the_exit_cancels_the_workers_and_waits_for_them(qtbot):
    """A worker still in torch while Python shut down crashed the app now and then; one reporting after the
    relay was gone printed a traceback."""
    import threading

    from cnnstudio.gui.background import finish_background_work, serial_pool

    pool = serial_pool()
    started, returned = threading.Event(), []

    def work(token):
        started.set()
        token.wait(30)  # long work that looks at its token between steps
        returned.append(token.is_set())

    task = ThreadTask(work, pool=pool).start()
    waiting = ThreadTask(lambda token: returned.append("never"), pool=pool).start()
    told = []
    task.finished.connect(told.append)
    qtbot.waitUntil(started.is_set, timeout=60_000)
    finish_background_work(timeout_ms=60_000)
    assert returned == [True] and pool.activeThreadCount() == 0  # cancelled, returned, and the queue dropped
    assert not task.running and not waiting.running
    QApplication.processEvents()
    assert told == []


def test_a_child_process_speaks_the_windows_language(qapp):
    """A language chosen in the menu is not in the process's environment: the export and training children
    got none and wrote English into a Japanese window."""
    from cnnstudio.core import i18n
    from cnnstudio.gui.background import ProcessTask, child_environment

    spoken = i18n.language()
    try:
        i18n.set_language("ja")
        assert child_environment().value(i18n.ENVIRONMENT_VARIABLE) == "ja"
        assert ProcessTask(["--version"]).process.processEnvironment().value(i18n.ENVIRONMENT_VARIABLE) == "ja"
    finally:
        i18n.set_language(spoken)


def test_the_first_line_of_an_error_keeps_its_quotes():
    from cnnstudio.gui.background import first_line

    assert first_line(AttributeError("torchvision.models has no attribute 'nope'")) == (
        "torchvision.models has no attribute 'nope'"
    )
    assert first_line(ModuleNotFoundError("No module named 'nosuchmod'")) == "No module named 'nosuchmod'"
    assert first_line(KeyError("fc.weight")) == "fc.weight"  # a KeyError quotes itself whole
    assert first_line(ValueError("")) == "ValueError"
