"""Transfer learning in the GUI: Load Weights… shows the report, freezing counts, training starts from them."""

from __future__ import annotations

import torch
from PySide6.QtCore import QPointF, Qt

from cnnstudio import presets
from cnnstudio.compiler import compile_model, save_weights
from cnnstudio.core.project_file import load
from cnnstudio.gui.canvas.canvas_menu import build_menu
from cnnstudio.gui.training import weights_dialog
from cnnstudio.gui.training.runner import TrainingRunner
from cnnstudio.training.config import TrainingConfig

from .conftest import UI_TIMEOUT_MS

BACKBONE = ["input", "conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "fc1", "relu3", "fc2", "relu4"]


def menu_action(menu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def capture_starts(monkeypatch) -> list:
    requests = []
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: requests.append(request))
    return requests


def test_load_weights_reports_the_replaced_head_freezes_the_backbone_and_trains_from_them(
    window, qtbot, monkeypatch, tmp_path
):
    torch.manual_seed(0)
    path = tmp_path / "lenet5-digits.safetensors"
    save_weights(compile_model(presets.build("lenet5")), path)  # 10 classes
    doc = window.doc
    fc3 = doc.graph.by_name("fc3")
    doc.set_param(fc3.id, "out_features", 5)  # a new head: its weights cannot load
    assert window.status.params.text().endswith("(all trainable)")
    monkeypatch.setattr(weights_dialog, "choose_weights_file", lambda parent, folder: str(path))

    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    menu_action(file_menu, "Load Weights…").trigger()
    dialog = window.training.weights_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=UI_TIMEOUT_MS)
    assert dialog.keys("skipped") == ["fc3.weight", "fc3.bias"]
    assert dialog.groups["skipped"].child(0).text(1) == "10×84" and dialog.groups["skipped"].child(0).text(2) == "5×84"
    assert len(dialog.keys("matched")) == 8 and not dialog.keys("missing") and not dialog.keys("unexpected")
    assert "8 of this network's 10 tensors load" in dialog.heading.text()
    assert dialog.freeze.isEnabled() and dialog.freeze.isChecked()

    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert sorted(n.name for n in doc.graph.nodes.values() if not n.trainable) == sorted(BACKBONE)
    assert doc.inference.trainable_params == 84 * 5 + 5
    assert window.status.params.text() == "Params 61.28 k (trainable 425)"
    assert window.scene.nodes[doc.graph.by_name("conv1").id].look.frozen
    panel = window.training
    assert panel.weights == path and panel.weights_label.isVisible() and path.name in panel.weights_label.text()

    for name in ("a", "b", "c", "d", "e"):  # data with the new head's 5 classes, so the pre-flight has no objection
        (tmp_path / "five" / name).mkdir(parents=True)
    TrainingConfig(data=f"folder:{tmp_path / 'five'}").to_graph(doc.graph)
    requests = capture_starts(monkeypatch)
    assert panel.start()
    args = requests[0].arguments()
    assert args[args.index("--weights") + 1] == str(path)
    copy = load(requests[0].project)  # the worker trains the frozen flags too: only the head learns
    model = compile_model(copy)
    assert sum(p.numel() for p in model.parameters() if p.requires_grad) == 425

    doc.undo_stack.undo()  # the freeze was one undoable edit
    assert all(n.trainable for n in doc.graph.nodes.values())
    assert window.status.params.text().endswith("(all trainable)")
    qtbot.mouseClick(panel.clear_weights, Qt.MouseButton.LeftButton)
    assert panel.weights is None and not panel.weights_label.isVisible()


def test_weights_that_cannot_load_give_one_clear_message(window, errors, monkeypatch, tmp_path):
    garbage = tmp_path / "notes.safetensors"
    garbage.write_bytes(b"these are not weights")
    assert window.training.load_weights(str(garbage)) is None
    title, message = errors[-1]
    assert title == "Cannot use these weights" and message.startswith(f"{garbage}: is neither a safetensors file")
    other = tmp_path / "other.safetensors"
    save_weights({"encoder.weight": torch.zeros(3, 3)}, other)
    assert window.training.load_weights(str(other)) is None
    assert (
        errors[-1][1] == "other.safetensors: none of its 1 tensors fit this network by name and shape "
        "(the file has keys like 'encoder.weight')"
    )
    assert window.training.weights is None


def test_freeze_up_to_here_from_the_canvas_menu_updates_the_trainable_count(window, monkeypatch):
    doc = window.doc
    fc1 = doc.graph.by_name("fc1")
    menu = build_menu(window, window.canvas, QPointF(0, 0), window.scene.nodes[fc1.id])
    menu_action(menu, "Freeze up to here").trigger()
    frozen = 6 * 25 + 6 + 16 * 6 * 25 + 16 + 400 * 120 + 120  # conv1, conv2, fc1
    assert doc.inference.trainable_params == 61_706 - frozen
    assert window.status.params.text() == "Params 61.71 k (trainable 11.01 k)"
    menu = build_menu(window, window.canvas, QPointF(0, 0), window.scene.nodes[fc1.id])
    menu_action(menu, "Unfreeze up to here").trigger()
    assert window.status.params.text() == "Params 61.71 k (all trainable)"
    train_menu = window.train_menu
    texts = [a.text() for a in train_menu.actions() if a.text()]
    assert texts[:5] == ["Train", "Stop", "Resume", "Runs", "Load &Weights…"]
