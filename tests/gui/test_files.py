"""Files: save and reopen, the unsaved-changes prompt, bad files, recent files, drops, settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from cnnstudio import presets
from cnnstudio.core.project_file import load


def edit_something(window) -> None:
    conv = window.doc.graph.by_name("conv1")
    window.doc.set_param(conv.id, "out_channels", 10)


def test_save_and_reopen_gives_the_same_graph(qtbot, window, tmp_path, script):
    assert window.windowTitle() == "lenet5[*] — CNN Studio" and not window.isWindowModified()
    edit_something(window)
    assert window.isWindowModified()
    target = tmp_path / "mine"
    script.expect("save_path", str(target))
    window.act_save.trigger()  # a preset has no file yet: Save asks where
    saved = tmp_path / "mine.cnn.json"
    assert window.doc.path == saved and not window.isWindowModified()
    assert window.windowTitle() == "mine.cnn.json[*] — CNN Studio"
    assert load(saved).snapshot() == window.doc.graph.snapshot()
    snapshot = window.doc.graph.snapshot()

    window.files.new_blank()
    assert not window.doc.graph.nodes
    assert window.files.open(str(saved))
    assert window.doc.graph.snapshot() == snapshot
    assert window.files.recent_files()[0] == str(saved.resolve())
    assert window.recent_menu.actions()[0].text() == str(saved.resolve())

    edit_something(window)  # 10 -> 10 is no change; make a real one
    window.doc.set_param(window.doc.graph.by_name("fc1").id, "out_features", 100)
    window.act_save.trigger()  # has a path now: no dialog
    assert load(saved).by_name("fc1").params["out_features"] == 100


def test_unsaved_changes_prompt_can_cancel_close_and_new(qtbot, window, script):
    edit_something(window)
    script.expect("ask_save_changes", "cancel")
    assert not window.close()
    assert window.isVisible()
    script.expect("ask_save_changes", "cancel")
    assert not window.files.new_blank()
    assert window.doc.graph.by_name("conv1").params["out_channels"] == 10
    script.expect("ask_save_changes", "discard")
    assert window.files.new_blank()
    assert not window.doc.graph.nodes and not window.isWindowModified()


def test_a_bad_file_is_reported_in_one_line_and_nothing_is_lost(qtbot, window, tmp_path, script):
    bad = tmp_path / "broken.cnn.json"
    bad.write_text('{"format": "cnnstudio.project", "version": 1, "nodes": [')
    edit_something(window)
    before = window.doc.graph.snapshot()
    assert not window.files.open(str(bad))
    (name, message) = script.calls[-1]
    assert name == "show_error" and str(bad) in message and "\n" not in message and "not valid JSON" in message
    assert window.doc.graph.snapshot() == before
    assert not window.files.open(str(tmp_path / "gone.cnn.json"))  # a recent file deleted since, say
    assert [call[0] for call in script.calls] == ["show_error", "show_error"]  # said first: no "Save changes?"
    assert window.doc.graph.snapshot() == before and window.doc.modified


def test_saving_never_overwrites_the_shipped_preset(qtbot, window, tmp_path, script):
    shipped = presets.path("lenet5")
    original = shipped.read_bytes()
    assert window.files.open(str(shipped))
    edit_something(window)
    script.expect("save_path", str(tmp_path / "copy.cnn.json"))
    window.act_save.trigger()
    assert shipped.read_bytes() == original
    assert window.doc.path == tmp_path / "copy.cnn.json"


def test_dropping_a_project_file_opens_it(qtbot, window, tmp_path):
    from cnnstudio.core.project_file import save

    path = tmp_path / "drop.cnn.json"
    save(presets.build("autoencoder"), path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.view.dropEvent(event)
    assert window.doc.path == path
    assert window.doc.graph.snapshot() == load(path).snapshot()
    assert len(window.scene.nodes) == len(window.doc.graph.nodes)


def test_dock_layout_and_batch_size_persist_in_the_test_settings(qtbot, make_window, ctx):
    first = make_window()
    first.summary_dock.hide()
    first.status.batch.setValue(8)
    first.close()
    second = make_window()
    assert second.summary_dock.isHidden()
    assert second.status.batch.value() == 8
    assert Path(ctx.settings.fileName()).is_relative_to(ctx.recovery_dir.parent)
