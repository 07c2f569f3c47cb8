"""Pre-flight in the Training panel: a mismatch is shown with fix buttons before any worker starts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio import presets
from cnnstudio.core import project_file
from cnnstudio.gui.training import head_dialog
from cnnstudio.gui.training.runner import TrainingRunner
from cnnstudio.training.config import TrainingConfig

from .conftest import UI_TIMEOUT_MS
from .test_panel_events import feed


def capture_starts(monkeypatch) -> list:
    requests = []
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: requests.append(request))
    return requests


def click(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_train_with_mismatched_data_shows_fixes_and_the_fixes_start_the_run(make_panel, monkeypatch):
    graph = presets.build("lenet5")  # 1×28×28 input, 10 classes
    TrainingConfig(data="shapes:60", epochs=1).to_graph(graph)  # 6 classes of 3×32×32 images
    panel = make_panel(graph)
    original = project_file.dumps(panel.doc.graph)
    requests = capture_starts(monkeypatch)

    click(panel.start_button)
    assert requests == [] and panel.preflight_box.isVisible()
    assert [f.code for f in panel.preflight_box.findings] == ["classes", "channels"]
    assert "Starting" not in panel.status_label.text()
    assert set(panel.preflight_box.buttons) == {
        "Replace head with 6 classes",
        "Train with 10 outputs",
        "Set Input to 3×32×32",
        "Train with 1×28×28",
    }
    assert "converted to grayscale" in panel.preflight_box.findings[1].message

    click(panel.preflight_box.buttons["Replace head with 6 classes"])
    assert panel.doc.graph.by_name("fc3").params["out_features"] == 6
    assert requests == []  # the channels still need an answer
    assert [f.code for f in panel.preflight_box.findings] == ["channels"]

    click(panel.preflight_box.buttons["Set Input to 3×32×32"])
    assert panel.doc.graph.by_name("input").params["shape"] == [3, 32, 32]
    assert len(requests) == 1 and not panel.preflight_box.isVisible()
    trained = project_file.load(requests[0].project)
    assert trained.by_name("fc3").params["out_features"] == 6  # the worker trains the fixed network

    panel.doc.undo_stack.undo()
    panel.doc.undo_stack.undo()  # each fix was one undo step
    assert project_file.dumps(panel.doc.graph) == original


def test_train_anyway_is_remembered_and_notes_do_not_block(make_panel, monkeypatch, qtbot):
    graph = presets.build("lenet5")
    TrainingConfig(data="shapes:60", epochs=1).to_graph(graph)
    graph.by_name("fc3").params["out_features"] = 6
    panel = make_panel(graph)
    requests = capture_starts(monkeypatch)
    click(panel.start_button)
    assert requests == [] and list(panel.preflight_box.buttons) == ["Set Input to 3×32×32", "Train with 1×28×28"]
    click(panel.preflight_box.buttons["Train with 1×28×28"])
    assert len(requests) == 1 and not panel.preflight_box.isVisible()

    digits = presets.build("lenet5")  # digits: 10 classes of 1×8×8, only enlarged: said, not asked
    panel.doc.replace(digits, title="digits")
    click(panel.start_button)
    assert len(requests) == 2
    # said with the run's results, a few event-loop turns after the worker started (see TrainingPanel._launch)
    qtbot.waitUntil(panel.preflight_box.isVisible, timeout=UI_TIMEOUT_MS)
    assert panel.preflight_box.buttons == {} and "enlarged to 28×28" in panel.preflight_box.findings[0].message


def test_an_error_before_the_run_started_replaces_the_starting_line(make_panel, monkeypatch):
    panel = make_panel()
    capture_starts(monkeypatch)
    monkeypatch.setattr(TrainingRunner, "running", property(lambda self: False))
    assert panel.start() and panel.status_label.text() == "Starting the training process…"
    feed(panel, {"event": "error", "message": "the data cannot be read"})
    panel.drain()
    assert panel.status_label.text() == "Training did not start."
    assert "the data cannot be read" in panel.error_label.text()


def test_replace_head_from_the_edit_menu_and_the_canvas_menu(window, monkeypatch):
    doc = window.doc
    original = project_file.dumps(doc.graph)
    asked = []
    monkeypatch.setattr(head_dialog, "ask_classes", lambda parent, current: asked.append(current) or 4)
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    action = next(a for a in edit_menu.actions() if a.text() == "Replace &Head…")
    assert action is window.act_replace_head
    action.trigger()
    assert asked == [10] and doc.graph.by_name("fc3").params["out_features"] == 4
    assert doc.undo_stack.undoText().startswith("Replace head (fc3) with 4 classes")
    doc.undo_stack.undo()
    assert project_file.dumps(doc.graph) == original

    from cnnstudio.gui.canvas.canvas_menu import build_menu

    conv = window.scene.nodes[doc.graph.by_name("conv1").id]  # any block offers it
    menu = build_menu(window.view, window.canvas, conv.scenePos(), conv)
    entry = next(a for a in menu.actions() if a.text() == "Replace head…")
    monkeypatch.setattr(head_dialog, "ask_classes", lambda parent, current: 7)
    entry.trigger()
    assert doc.graph.by_name("fc3").params["out_features"] == 7
    assert window.doc.inference.info[doc.graph.by_name("output").id].shape == (7,)


def test_train_from_the_toolbar_brings_the_question_and_its_fixes_to_the_front(window, monkeypatch, qtbot):
    """The Training tab behind Problems: its fix buttons must come into view, not only a status-bar line."""
    from PySide6.QtWidgets import QToolBar

    TrainingConfig(data="shapes:60", epochs=1).to_graph(window.doc.graph)  # LeNet-5: 10 classes, 1×28×28
    requests = capture_starts(monkeypatch)
    window.problems_dock.raise_()
    panel = window.training
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty(), timeout=UI_TIMEOUT_MS)
    toolbar = window.findChild(QToolBar, "toolbar_main")
    click(toolbar.widgetForAction(panel.act_start))
    assert requests == []
    button = panel.preflight_box.buttons["Replace head with 6 classes"]
    qtbot.waitUntil(lambda: not button.visibleRegion().isEmpty(), timeout=UI_TIMEOUT_MS)
    click(button)
    assert window.doc.graph.by_name("fc3").params["out_features"] == 6


def test_with_a_frozen_layer_the_first_input_fix_keeps_the_input(make_panel, monkeypatch):
    """Transfer learning (layers frozen up to conv2): a new Input shape would re-initialise conv1 and fc1."""
    graph = presets.build("lenet5")
    TrainingConfig(data="shapes:60", epochs=1).to_graph(graph)
    graph.by_name("fc3").params["out_features"] = 6
    for name in ("conv1", "relu1", "pool1", "conv2"):
        graph.by_name(name).trainable = False
    panel = make_panel(graph)
    requests = capture_starts(monkeypatch)
    click(panel.start_button)
    assert requests == [] and list(panel.preflight_box.buttons) == ["Train with 1×28×28", "Set Input to 3×32×32"]
