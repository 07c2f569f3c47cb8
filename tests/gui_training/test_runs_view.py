"""Runs that last: two runs trained from the window are listed again after a restart, their curves compare,
one resumes, its weights are kept, used for Feature maps and Export, renamed and deleted — all by real input."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QToolBar

import cnnstudio
from cnnstudio.gui import dialogs
from cnnstudio.gui.theme import apply_theme
from cnnstudio.gui.training import runs_view as runs_view_module
from tests.gui.modal import ModalClicker

from .conftest import UI_TIMEOUT_MS, WORKER_TIMEOUT_MS, tiny_classifier


@pytest.fixture
def open_window(qtbot, tmp_path, errors, monkeypatch):
    """A main window on the project file ``path``, with its own temporary settings; no stray dialog blocks."""
    apply_theme(QApplication.instance())
    for name in ("ask_save_changes", "ask_recover", "open_path", "save_path", "choose_preset"):
        monkeypatch.setattr(dialogs, name, lambda *args, _n=name: pytest.fail(f"unexpected dialog {_n}"))
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    def make(path: Path):
        win = MainWindow(AppContext.temporary(tmp_path / "app", persist=False))
        qtbot.addWidget(win, before_close_func=lambda w: w.doc.undo_stack.setClean())
        win.resize(1300, 850)
        assert win.files.open(str(path))
        win.show()
        qtbot.waitExposed(win, timeout=UI_TIMEOUT_MS)
        return win

    return make


def _train_once(window, qtbot) -> None:
    panel = window.training
    toolbar = window.findChild(QToolBar, "toolbar_main")
    qtbot.mouseClick(toolbar.widgetForAction(panel.act_start), Qt.MouseButton.LeftButton)
    assert panel.running
    qtbot.waitUntil(lambda: not panel.running, timeout=WORKER_TIMEOUT_MS)
    assert panel.status_label.text().startswith("Finished at epoch 1"), panel.error_label.text()


def _click_row(view, qtbot, index: int) -> None:
    """Click a run's name (column 0, where its box and its name are)."""
    item = view.tree.topLevelItem(index)
    rect = view.tree.visualItemRect(item)
    rect.setWidth(view.tree.header().sectionSize(0))
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.tree.currentItem() is item and view.tree.currentColumn() == 0


def _tick(view, qtbot, index: int) -> None:
    """Select a row and press Space: its box toggles, as a keyboard user ticks it."""
    _click_row(view, qtbot, index)
    QTest.keyClick(view.tree.viewport(), Qt.Key.Key_Space)


def test_runs_last_across_a_restart_compare_resume_and_keep_weights(open_window, qtbot, tmp_path, monkeypatch):
    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    saved = project.read_bytes()
    first = open_window(project)
    _train_once(first, qtbot)
    _train_once(first, qtbot)
    root = tmp_path / "runs" / "net"
    assert len([p for p in root.iterdir() if p.is_dir()]) == 2  # beside the project, not in a temporary folder
    assert project.read_bytes() == saved  # the user's file is never written by training
    first.close()

    window = open_window(project)  # a new window: it knows the runs only from their folders
    view = window.runs_view
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.runs_dock.isVisible(), timeout=UI_TIMEOUT_MS)
    assert view.tree.topLevelItemCount() == 2
    for index in range(2):
        item = view.tree.topLevelItem(index)
        assert item.text(2) == "1/1" and item.text(4) == "finished"
        assert item.text(3).startswith("accuracy ")
    assert str(root) in view.location.text()

    _tick(view, qtbot, 0)
    _tick(view, qtbot, 1)
    assert len(view.plot.curves) == 2  # one curve per checked run, each in its own colour, named in the legend
    colours = {curve.opts["pen"].color().name() for curve in view.plot.curves.values()}
    assert len(colours) == 2 and len(view.plot.legend.items) == 2
    view.metric_box.setCurrentIndex(view.metric_box.findData("loss"))
    assert len(view.plot.curves) == 2 and all(len(c.xData) == 6 for c in view.plot.curves.values())

    # Save trained weights as…: a file the user chooses, loadable on its own
    kept = tmp_path / "kept.safetensors"
    monkeypatch.setattr(runs_view_module, "choose_weights_path", lambda parent, suggested: str(kept))
    copied_on_main = []
    copy = runs_view_module.copy_weights
    monkeypatch.setattr(
        runs_view_module,
        "copy_weights",
        lambda *a: copied_on_main.append(threading.current_thread() is threading.main_thread()) or copy(*a),
    )
    _click_row(view, qtbot, 1)
    resumed_folder = view.selected().folder
    qtbot.mouseClick(view.buttons[view.act_save], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.status.currentMessage().startswith("Saved the weights"), timeout=UI_TIMEOUT_MS)
    assert not window.host.busy.busy and copied_on_main == [False]  # a big file: copied by a worker thread
    from safetensors.torch import load_file

    weights = load_file(str(kept))
    assert weights["conv1.weight"].shape == (4, 3, 3, 3) and weights["fc.weight"].shape[0] == 6

    # Use for Feature maps: the insight view now shows this run's weights
    qtbot.mouseClick(view.buttons[view.act_feature_maps], Qt.MouseButton.LeftButton)
    assert window.insight.checkpoint == str(resumed_folder / "checkpoints" / "best.safetensors")

    # Use for Export: the export dialog opens with this run's weights
    from cnnstudio.gui.export_import import ExportDialog

    offered: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: offered.append(dialog.weights.text()) or 0)
    qtbot.mouseClick(view.buttons[view.act_export], Qt.MouseButton.LeftButton)
    assert offered == [str(resumed_folder / "checkpoints" / "best.safetensors")]

    # Resume after the restart: two epochs now, the run continues at epoch 2 with its stored curves
    window.training.form.epochs.setValue(2)
    qtbot.mouseClick(view.buttons[view.act_resume], Qt.MouseButton.LeftButton)
    panel = window.training
    assert panel.running
    qtbot.waitUntil(lambda: not panel.running, timeout=WORKER_TIMEOUT_MS)
    assert panel.history.started["resumed"] and panel.history.started["start_epoch"] == 1
    assert [e["epoch"] for e in panel.history.epochs] == [1, 2]
    assert panel.curves.raw_loss.xData.tolist() == list(range(1, 13))  # the stored epoch, then the new one
    record = json.loads((resumed_folder / "run.json").read_text(encoding="utf-8"))
    assert (record["epochs_done"], record["status"]) == (2, "finished")
    qtbot.waitUntil(lambda: any(view.tree.topLevelItem(i).text(2) == "2/2" for i in range(2)), timeout=UI_TIMEOUT_MS)

    # Rename in place (F2), then Delete with its confirmation: nothing of the run is left
    index = next(
        i for i in range(2) if view.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == str(resumed_folder)
    )
    _click_row(view, qtbot, index)
    qtbot.mouseClick(view.buttons[view.act_rename], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tree.findChild(QLineEdit) is not None, timeout=UI_TIMEOUT_MS)
    editor = view.tree.findChild(QLineEdit)  # the name's editor in the list
    editor.selectAll()
    qtbot.keyClicks(editor, "two epochs")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: json.loads((resumed_folder / "run.json").read_text())["name"] == "two epochs", timeout=UI_TIMEOUT_MS
    )
    assert any(view.tree.topLevelItem(i).text(0) == "two epochs" for i in range(2))
    index = next(i for i in range(2) if view.tree.topLevelItem(i).text(0) == "two epochs")
    _click_row(view, qtbot, index)
    clicker = ModalClicker()
    clicker.answer("&Yes")
    try:
        qtbot.mouseClick(view.buttons[view.act_delete], Qt.MouseButton.LeftButton)
    finally:
        clicker.stop()
    assert not clicker.wrong and clicker.seen
    assert not resumed_folder.exists() and view.tree.topLevelItemCount() == 1
    assert len(view.plot.curves) == 1


def test_a_broken_runs_folder_is_listed_with_its_reason(open_window, qtbot, tmp_path):
    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    broken = tmp_path / "runs" / "net" / "20260101-000000"
    broken.mkdir(parents=True)
    (broken / "run.json").write_text("{ not json", encoding="utf-8")
    window = open_window(project)
    view = window.runs_view
    assert view.tree.topLevelItemCount() == 1
    item = view.tree.topLevelItem(0)
    assert item.text(4) == "cannot be used: run.json is not valid JSON"
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)  # the Runs tab to the front
    _click_row(view, qtbot, 0)
    assert not view.act_resume.isEnabled() and not view.act_save.isEnabled() and view.act_delete.isEnabled()


def test_a_run_event_while_a_name_is_typed_keeps_the_edit(open_window, qtbot, tmp_path):
    """A refresh (a run's event, a finished run) while the user renames waits for the edit instead of dropping it."""
    from cnnstudio.training.run_records import RunLog

    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    folder = tmp_path / "runs" / "net" / "20260101-000000"
    folder.mkdir(parents=True)
    log = RunLog.create(folder, str(project), epochs=1)
    log.add({"event": "started", "t": 0, "resumed": False, "step": 0, "epochs": 1})
    log.add({"event": "finished", "t": 1, "step": 1})
    log.save()
    window = open_window(project)
    view = window.runs_view
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.runs_dock.isVisible(), timeout=UI_TIMEOUT_MS)
    assert view.tree.topLevelItemCount() == 1
    assert view.tree.topLevelItem(0).text(4) == "finished", view.tree.topLevelItem(0).text(4)
    _click_row(view, qtbot, 0)
    qtbot.mouseClick(view.buttons[view.act_rename], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tree.findChild(QLineEdit) is not None, timeout=UI_TIMEOUT_MS)
    editor = view.tree.findChild(QLineEdit)  # the name's editor in the list
    editor.selectAll()
    qtbot.keyClicks(editor, "typed")
    view.refresh()  # what a training event does meanwhile
    qtbot.keyClicks(editor, " name")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: json.loads((folder / "run.json").read_text())["name"] == "typed name", timeout=UI_TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: view.tree.topLevelItem(0).text(0) == "typed name", timeout=UI_TIMEOUT_MS)


def test_f2_and_a_double_click_on_any_column_rename_the_run_and_delete_asks(open_window, qtbot, tmp_path):
    """They edited the clicked cell: F2 on "Best validation" opened its text, and the run kept its name."""
    from cnnstudio.training.run_records import RunLog

    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    folder = tmp_path / "runs" / "net" / "20260101-000000"
    folder.mkdir(parents=True)
    log = RunLog.create(folder, str(project), epochs=1)
    log.add({"event": "started", "t": 0, "resumed": False, "step": 0, "epochs": 1})
    log.add({"event": "finished", "t": 1, "step": 1})
    log.save()
    window = open_window(project)
    view = window.runs_view
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 1 and not view.reading, timeout=UI_TIMEOUT_MS)
    tree, item = view.tree, view.tree.topLevelItem(0)
    window.activateWindow()  # the list's keys act when it has the focus in the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=UI_TIMEOUT_MS)
    for name, start in (("by key", "f2"), ("by mouse", "double")):
        rect = tree.visualItemRect(item)
        cell = rect.adjusted(sum(tree.header().sectionSize(c) for c in range(3)), 0, 0, 0)  # "Best validation"
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=cell.topLeft() + QPoint(8, 4))
        if start == "f2":
            tree.setFocus()
            qtbot.waitUntil(tree.hasFocus, timeout=UI_TIMEOUT_MS)
            QTest.keyClick(tree, Qt.Key.Key_F2)
        else:
            QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=cell.topLeft() + QPoint(8, 4))
        qtbot.waitUntil(lambda: tree.findChild(QLineEdit) is not None, timeout=UI_TIMEOUT_MS)
        editor = tree.findChild(QLineEdit)
        assert editor.text() == item.text(0)  # the name, not the cell clicked
        editor.selectAll()
        qtbot.keyClicks(editor, name)
        QTest.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda name=name: json.loads((folder / "run.json").read_text())["name"] == name, timeout=UI_TIMEOUT_MS
        )
        qtbot.waitUntil(
            lambda: tree.findChild(QLineEdit) is None or not tree.findChild(QLineEdit).isVisible(),
            timeout=UI_TIMEOUT_MS,
        )
        item = tree.topLevelItem(0)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus, timeout=UI_TIMEOUT_MS)
    clicker = ModalClicker()
    clicker.answer("&No")
    try:
        QTest.keyClick(tree, Qt.Key.Key_Delete)
    finally:
        clicker.stop()
    assert clicker.seen and folder.exists()  # asked, and kept on No


def test_save_weights_copies_only_a_safetensors_file_inside_the_run(tmp_path):
    """A run folder may be someone else's: random bytes, a pickle, or a link to a private file elsewhere are
    refused with one line, and nothing is written."""
    import pickle

    import torch
    from safetensors.torch import save_file

    from cnnstudio.compiler.weights import WeightsError
    from cnnstudio.core.safe_io import FileProblem

    run = tmp_path / "run"
    (run / "checkpoints").mkdir(parents=True)
    weights = run / "checkpoints" / "best.safetensors"
    target = tmp_path / "kept.safetensors"
    private = tmp_path / "private.txt"
    private.write_text("secret", encoding="utf-8")
    cases = [
        (lambda: weights.write_bytes(b"\x80" + bytes(range(256)) * 8), WeightsError, "not a safetensors file"),
        (lambda: weights.write_bytes(pickle.dumps({"w": [1.0]})), WeightsError, "not a safetensors file"),
        (lambda: weights.symlink_to(private), FileProblem, "outside its run's folder"),
    ]
    for make, error, words in cases:
        weights.unlink(missing_ok=True)
        make()
        with pytest.raises(error, match=words):
            runs_view_module.copy_weights(weights, run, str(target))
        assert not target.exists()
    weights.unlink()
    save_file({"fc.weight": torch.ones(2, 3)}, str(weights))
    runs_view_module.copy_weights(weights, run, str(target))
    assert target.read_bytes() == weights.read_bytes()


def test_a_long_run_name_leaves_the_other_columns_in_sight(open_window, qtbot, tmp_path):
    from cnnstudio.training.run_records import RunLog, rename_run

    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    folder = tmp_path / "runs" / "net" / "20260101-000000"
    folder.mkdir(parents=True)
    RunLog.create(folder, str(project), epochs=1).save()
    name = "a run with a name far longer than any column should be " * 2
    rename_run(folder, name.strip())
    window = open_window(project)
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    view = window.runs_view
    tree = view.tree
    assert tree.topLevelItem(0).text(0) == name.strip() and name.strip() in tree.topLevelItem(0).toolTip(0)
    qtbot.waitUntil(lambda: tree.viewport().width() > 300, timeout=UI_TIMEOUT_MS)
    assert tree.columnWidth(0) <= tree.fontMetrics().horizontalAdvance("x") * 32
    assert tree.header().sectionViewportPosition(3) < tree.viewport().width()  # Best validation in sight


def test_a_resume_the_worker_refuses_leaves_the_run_as_it_was(tmp_path):
    """Fewer epochs than done, or another design: the worker says no before it starts, and the run's record,
    project copy and log are what they were (not 'failed', not '104/3', not the new design)."""
    from cnnstudio.gui.training.run_recorder import RunRecorder
    from cnnstudio.training.run_records import PROJECT_FILE, RunLog, read_run

    folder = tmp_path / "runs" / "net" / "20260101-000000"
    folder.mkdir(parents=True)
    log = RunLog.create(folder, "net.cnn.json", epochs=4)
    log.add({"event": "started", "t": 0, "resumed": False, "step": 0, "epochs": 4})
    log.add({"event": "finished", "t": 1, "step": 8})
    log.end()
    (folder / PROJECT_FILE).write_text('{"the": "design it trained"}', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}

    recorder = RunRecorder()
    kept = recorder.snapshot(folder)
    (folder / PROJECT_FILE).write_text('{"another": "design"}', encoding="utf-8")  # as the resume writes it
    recorder.resume(folder, epochs=2, kept=kept)
    assert read_run(folder).status == "running"
    recorder.add({"event": "error", "message": "last.json does not fit this network"})
    recorder.add({"event": "exited", "code": 2, "crashed": False})
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert read_run(folder).status == "finished"

    kept = recorder.snapshot(folder)  # one that starts is the run's own from then on
    recorder.resume(folder, epochs=6, kept=kept)
    recorder.add({"event": "started", "t": 2, "resumed": True, "step": 8, "epochs": 6})
    recorder.add({"event": "exited", "code": 0, "crashed": False})
    assert read_run(folder).epochs == 6


def test_a_hidden_runs_list_is_read_again_when_it_comes_to_the_front(open_window, qtbot, tmp_path, monkeypatch):
    """Each epoch's end re-reads the runs folder (seconds with thousands of runs): not while the list is behind
    another tab, but once when it comes to the front."""
    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    window = open_window(project)
    reads, threads = [], []
    real = runs_view_module.list_runs

    def list_runs(root):
        reads.append(root)
        threads.append(threading.current_thread() is threading.main_thread())
        return real(root)

    monkeypatch.setattr(runs_view_module, "list_runs", list_runs)
    runs_dock = window.host.docks["runs"]
    window.problems_dock.raise_()
    qtbot.waitUntil(lambda: window.runs_view.visibleRegion().isEmpty(), timeout=UI_TIMEOUT_MS)
    for _ in range(3):
        window.training.runs_changed.emit()
    assert reads == []
    runs_dock.raise_()
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=UI_TIMEOUT_MS)
    window.training.runs_changed.emit()  # in sight: read at once, by a worker thread
    qtbot.waitUntil(lambda: len(reads) == 2 and not window.runs_view.reading, timeout=UI_TIMEOUT_MS)
    assert threads == [True, False]  # the tab raised by the user: read before it shows; an epoch end: not


def test_a_ticked_runs_curves_are_read_again_only_when_its_log_changed(open_window, qtbot, tmp_path, monkeypatch):
    """A 57 MB log was read again at every epoch end of another run, on the GUI thread, for seconds."""
    from cnnstudio.training.run_records import RunLog

    project = tmp_path / "net.cnn.json"
    cnnstudio.save(tiny_classifier(epochs=1), project)
    folder = tmp_path / "runs" / "net" / "20260101-000000"
    folder.mkdir(parents=True)
    log = RunLog.create(folder, str(project), epochs=2)
    log.add({"event": "epoch_end", "epoch": 1, "val_accuracy": 0.5, "train_loss": 1.0})
    window = open_window(project)
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    view = window.runs_view
    reads = []
    real = runs_view_module.read_curves
    monkeypatch.setattr(runs_view_module, "read_curves", lambda f: reads.append(f) or real(f))
    view.set_checked([folder])
    assert reads == [folder]
    for _ in range(2):  # other runs' epochs end: this log is as it was
        window.training.runs_changed.emit()
        qtbot.waitUntil(lambda: not view.reading, timeout=UI_TIMEOUT_MS)
    assert reads == [folder]
    log.add({"event": "epoch_end", "epoch": 2, "val_accuracy": 0.75, "train_loss": 0.5})
    window.training.runs_changed.emit()
    qtbot.waitUntil(lambda: len(reads) == 2 and not view.reading, timeout=UI_TIMEOUT_MS)
    (curve,) = view.plot.curves.values()
    assert list(curve.getData()[1]) == [50.0, 75.0]


def test_the_compare_plot_says_when_the_ticked_runs_lack_the_figure(qtbot, tmp_path):
    """A classifier's runs compared on mAP: not "tick runs", which they are, but that they have no such figure."""
    from cnnstudio.gui.training.runs_plot import RunsPlot
    from cnnstudio.training.run_records import read_curves

    plot = RunsPlot()
    qtbot.addWidget(plot)
    plot.show_runs([], "val_map50")
    assert plot.empty.textItem.toPlainText() == "Tick runs in the list to compare their curves"
    plot.show_runs([("a", "run a", read_curves(tmp_path))], "val_map50")
    assert plot.empty.isVisible() and plot.empty.textItem.toPlainText().startswith("The ticked runs have no ")
