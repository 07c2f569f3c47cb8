"""The Feature maps dock in the main window: canvas selection, checkpoints, snapshots and layer health."""

from __future__ import annotations

import pytest
import torch
from PySide6.QtWidgets import QApplication
from safetensors.torch import save_file

from cnnstudio.gui import dialogs
from cnnstudio.gui.theme import apply_theme

from .conftest import UI_TIMEOUT_MS


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The main window showing LeNet-5 on temporary settings; no modal dialog can block."""
    apply_theme(QApplication.instance())
    for name in ("ask_save_changes", "ask_recover", "open_path", "save_path", "choose_preset"):
        monkeypatch.setattr(dialogs, name, lambda *args, _n=name: pytest.fail(f"unexpected dialog {_n}"))
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    win = MainWindow(AppContext.temporary(tmp_path / "app", persist=False))
    qtbot.addWidget(win, before_close_func=lambda w: (w.training.shutdown(), w.doc.undo_stack.setClean()))
    win.resize(1300, 850)
    win.files.open_preset("lenet5")
    win.show()
    qtbot.waitExposed(win, timeout=UI_TIMEOUT_MS)
    return win


def select(window, name: str) -> str:
    node_id = window.doc.graph.by_name(name).id
    window.scene.clearSelection()
    window.scene.nodes[node_id].setSelected(True)
    return node_id


def show_dock(window, qtbot) -> None:
    window.insight.dock.show()
    window.insight.dock.raise_()
    qtbot.waitUntil(lambda: window.insight.active, timeout=UI_TIMEOUT_MS)


def settle(window, qtbot) -> None:
    """Wait for the worker thread: the model compiled and every pass through it shown."""
    insight = window.insight
    qtbot.waitUntil(
        lambda: insight.panel is not None and not insight.stale and not insight.panel.busy.busy,
        timeout=3 * UI_TIMEOUT_MS,
    )


def test_the_hidden_dock_compiles_nothing_and_the_visible_one_shows_the_selection(window, qtbot):
    insight = window.insight
    select(window, "conv1")
    assert insight.panel is None and insight.stale  # behind the Inspector tab: the editor stays light
    show_dock(window, qtbot)
    settle(window, qtbot)
    features = insight.panel.features
    assert features.channel_count == 6 and tuple(features.maps.shape) == (6, 28, 28)
    assert "6 channels of 28×28" in features.header.text()
    assert "ntrained" in insight.note.text()
    assert insight.panel.dataset is not None and len(insight.panel.dataset[0]) > 0  # digits from the data source
    assert insight.panel.normalization is not None
    select(window, "conv2")
    settle(window, qtbot)
    assert features.channel_count == 16 and tuple(features.maps.shape) == (16, 10, 10)


def test_a_graph_edit_recompiles_on_next_use(window, qtbot):
    show_dock(window, qtbot)
    conv1 = select(window, "conv1")
    settle(window, qtbot)
    assert window.insight.panel.features.channel_count == 6
    assert window.doc.set_param(conv1, "out_channels", 4)
    qtbot.waitUntil(lambda: window.insight.panel.features.channel_count == 4, timeout=UI_TIMEOUT_MS)


def test_a_checkpoint_loads_its_weights_and_normalisation(window, qtbot, tmp_path):
    import json

    import cnnstudio

    show_dock(window, qtbot)
    select(window, "conv1")
    torch.manual_seed(5)
    trained = cnnstudio.compile_model(window.doc.graph)
    weights = tmp_path / "last.safetensors"
    save_file({k: v.contiguous() for k, v in trained.state_dict().items()}, str(weights))
    meta = {"data": {"classes": [str(i) for i in range(10)], "normalize": {"mean": [0.25], "std": [0.5]}}}
    (tmp_path / "last.json").write_text(json.dumps(meta))
    window.training.checkpoint_saved.emit(str(weights))
    settle(window, qtbot)
    panel = window.insight.panel
    assert panel.normalization == ([0.25], [0.5])
    torch.testing.assert_close(panel.model.state_dict()["conv1.weight"], trained.state_dict()["conv1.weight"])
    assert "last.safetensors" in window.insight.note.text()


def test_a_snapshot_event_updates_the_grid(window, qtbot, tmp_path):
    show_dock(window, qtbot)
    select(window, "conv1")
    settle(window, qtbot)
    maps = torch.arange(6 * 28 * 28, dtype=torch.float16).reshape(1, 6, 28, 28)
    path = tmp_path / "snapshot.safetensors"
    save_file({"conv1": maps}, str(path))
    window.training.event_received.emit({"event": "snapshot", "path": str(path)})
    torch.testing.assert_close(window.insight.panel.features.maps, maps[0].float())


def test_health_events_colour_the_blocks_and_the_toggle_restores_them(window, qtbot):
    insight = window.insight
    health = {
        "conv1": {"mean": 0.2, "std": 1.0, "dead": 0.1, "grad_norm": 0.5},
        "relu1": {"mean": 0.3, "std": 0.8, "dead": 0.9, "grad_norm": 0.1},
    }
    window.training.event_received.emit({"event": "health", "step": 10, "layers": health})
    items = window.scene.nodes
    conv1, relu1 = (window.doc.graph.by_name(n).id for n in ("conv1", "relu1"))
    assert all(item.health is None for item in items.values())  # the toggle is off
    insight.act_health.setChecked(True)
    assert items[conv1].health is not None and items[relu1].health is not None
    assert items[conv1].health != items[relu1].health  # 10 % vs 90 % dead
    assert sum(item.health is not None for item in items.values()) == 2
    assert insight.legend.isVisible() and insight.legend.scale.metric == "dead_fraction"
    grad = next(a for a in insight.metric_group.actions() if a.data() == "grad_norm")
    grad.trigger()
    assert insight.legend.scale.metric == "grad_norm"
    insight.act_health.setChecked(False)
    assert all(item.health is None for item in items.values())
    assert not insight.legend.isVisible()


def test_the_view_menu_offers_the_dock_the_checkpoint_and_layer_health(window, qtbot, tmp_path):
    import cnnstudio

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    texts = [a.text() for a in view.actions()]
    assert "Feature maps" in texts and "Load Checkpoint into Feature Maps…" in texts and "Layer &Health" in texts
    trained = cnnstudio.compile_model(window.doc.graph)
    weights = tmp_path / "plain.safetensors"  # a weights file without a training sidecar
    save_file({k: v.contiguous() for k, v in trained.state_dict().items()}, str(weights))
    select(window, "conv2")
    window.insight.choose_checkpoint(str(weights))
    qtbot.waitUntil(lambda: window.insight.active, timeout=UI_TIMEOUT_MS)
    settle(window, qtbot)
    assert window.insight.panel.features.channel_count == 16
    torch.testing.assert_close(
        window.insight.panel.model.state_dict()["conv2.weight"], trained.state_dict()["conv2.weight"]
    )
    assert window.insight.panel.normalization is not None  # the data source's own, as the feeder computes it


def test_the_dock_opens_a_video_whose_frames_the_keys_step_and_an_edit_keeps_it(window, qtbot, tmp_path):
    """LeNet-5 (grey 28×28) on a colour video: each frame is read as grey and fitted, as an image file would be;
    the predictions and conv1's maps are the compiled model's on the chosen frame."""
    import av
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from cnnstudio.insight import activations, fit_image, top_predictions
    from cnnstudio.insight.pixels import pixels

    from .test_video_frames import _write_video

    show_dock(window, qtbot)
    select(window, "conv1")
    settle(window, qtbot)
    panel = window.insight.panel
    path = tmp_path / "clip.mkv"
    _write_video(path, "libx264")
    with av.open(str(path)) as container:
        frames = [fit_image(pixels(f.to_image(), 1), (1, 28, 28)) for f in container.decode(video=0)]

    panel.load_file(str(path))
    qtbot.waitUntil(lambda: panel.strip.isVisible(), timeout=UI_TIMEOUT_MS)
    settle(window, qtbot)
    QTest.keyClick(panel.strip.slider, Qt.Key.Key_Right)
    settle(window, qtbot)
    assert panel.strip.label.text() == "frame 2 of 4 · 0.10 s"
    assert torch.equal(panel.image, frames[1])
    mean, std = (torch.tensor(v).view(-1, 1, 1) for v in panel.normalization)
    model_input = (frames[1] - mean) / std
    want = top_predictions(panel.model, model_input, 5, panel.class_names)
    table = panel.input.predictions.table
    shown = [(table.item(r, 0).text(), table.cellWidget(r, 1).format()) for r in range(table.rowCount())]
    assert shown == [(p.label, f"{p.probability * 100:.1f} %") for p in want]
    assert torch.equal(panel.features.maps, activations(panel.model, model_input, ["conv1"])["conv1"])

    assert window.doc.set_param(window.doc.graph.by_name("conv1").id, "out_channels", 4)  # the model changes
    qtbot.waitUntil(lambda: panel.features.channel_count == 4, timeout=UI_TIMEOUT_MS)
    settle(window, qtbot)
    assert panel.strip.isVisible() and panel.strip.frame == 1 and torch.equal(panel.image, frames[1])
