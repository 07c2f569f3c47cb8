"""Nothing lost without a word: files changed on disk, two windows on one file, saves that cannot happen."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio import presets
from cnnstudio.core.project_file import load, save

from .modal import ModalClicker

WAIT_MS = 60_000  # for the file watcher's events: a condition that must become true, so a long limit is free


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "net.cnn.json"
    save(presets.build("lenet5"), path)
    return path


@pytest.fixture
def clicker():
    c = ModalClicker()
    yield c
    c.stop()
    assert not c.wrong, c.wrong


def rename(window, old: str, new: str) -> None:
    """Select the block and type its new name in the inspector, as a user does."""
    window.reveal_node(window.doc.graph.by_name(old).id)
    field = window.inspector.name_edit
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, new)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.doc.graph.by_name(new) is not None


def press_save(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def names(path) -> set[str]:
    return {n.name for n in load(path).nodes.values()}


def test_two_windows_on_one_file_know_of_each_other_and_nothing_is_lost(
    qtbot, make_window, project, tmp_path, script, clicker
):
    script.use_real("ask_file_in_use", "ask_reload_changed", "ask_overwrite_changed")
    a = make_window(None)
    assert a.files.open(str(project))
    b = make_window(None)
    clicker.answer("Open Anyway")
    assert b.files.open(str(project))  # B opened earlier than A's save
    assert clicker.seen[-1] == ("File already open", "“net.cnn.json” is already open in another window.")

    rename(b, "pool1", "pool_b")  # B's unsaved edit
    rename(a, "conv1", "conv_a")
    press_save(qtbot, a)
    assert names(project) >= {"conv_a", "pool1"} and not a.isWindowModified()

    clicker.answer("Keep Mine")  # B notices at once: it has unsaved edits, so it asks
    qtbot.waitUntil(lambda: len(clicker.seen) == 2, timeout=WAIT_MS)
    assert clicker.seen[-1][1] == "“net.cnn.json” changed on disk, and you have unsaved changes."
    assert b.doc.graph.by_name("pool_b") and b.isWindowModified()

    clicker.answer("Save As…")  # B's Save would replace A's work: it asks again
    script.expect("save_path", str(tmp_path / "b.cnn.json"))
    press_save(qtbot, b)
    assert clicker.seen[-1][1] == "The file “net.cnn.json” changed on disk since you opened it."
    assert names(project) >= {"conv_a", "pool1"}  # A's work, untouched
    assert names(tmp_path / "b.cnn.json") >= {"conv1", "pool_b"}  # B's, beside it
    assert b.doc.path == tmp_path / "b.cnn.json" and not b.isWindowModified()


def test_a_save_checks_the_file_even_when_no_watcher_event_came(qtbot, window, project, script, clicker):
    script.use_real("ask_overwrite_changed")
    assert window.files.open(str(project))
    window.files.disk.watcher.blockSignals(True)  # a network folder may send no events at all
    rename(window, "fc1", "fc_mine")
    theirs = presets.build("lenet5")
    theirs.nodes[theirs.by_name("conv2").id].name = "conv_theirs"
    save(theirs, project)  # another program

    clicker.answer("Cancel")
    press_save(qtbot, window)
    assert "changed on disk since you opened it" in clicker.seen[-1][1]
    assert "conv_theirs" in names(project) and window.isWindowModified()

    clicker.answer("Overwrite")
    press_save(qtbot, window)
    assert len(clicker.seen) == 2 and "fc_mine" in names(project) and "conv_theirs" not in names(project)
    assert not window.isWindowModified()
    press_save(qtbot, window)  # now the file is what this window wrote: no question
    assert len(clicker.seen) == 2


def test_a_clean_document_reloads_quietly_each_time_another_program_saves(qtbot, window, project):
    assert window.files.open(str(project))
    for new_name in ("conv_one", "conv_two"):  # twice: the watch follows the file its atomic save replaced
        theirs = load(project)
        theirs.nodes[theirs.by_name("conv1" if new_name == "conv_one" else "conv_one").id].name = new_name
        save(theirs, project)
        qtbot.waitUntil(lambda n=new_name: window.doc.graph.by_name(n) is not None, timeout=WAIT_MS)
        assert window.doc.graph.snapshot() == load(project).snapshot()
        assert not window.isWindowModified() and window.doc.path == project
        assert window.status.currentMessage() == "Reloaded net.cnn.json: it changed on disk"


def test_reload_takes_the_file_and_drops_the_unsaved_edits_when_asked(qtbot, window, project, script, clicker):
    script.use_real("ask_reload_changed")
    assert window.files.open(str(project))
    rename(window, "fc2", "fc_lost")
    theirs = load(project)
    theirs.nodes[theirs.by_name("fc3").id].name = "fc_kept"
    save(theirs, project)
    clicker.answer("Reload")
    qtbot.waitUntil(lambda: window.doc.graph.by_name("fc_kept") is not None, timeout=WAIT_MS)
    assert window.doc.graph.by_name("fc_lost") is None and not window.isWindowModified()


def test_a_file_deleted_on_disk_leaves_the_window_holding_unsaved_work(qtbot, window, project):
    assert window.files.open(str(project))
    project.unlink()
    qtbot.waitUntil(window.isWindowModified, timeout=WAIT_MS)
    assert "was deleted or moved on disk" in window.status.currentMessage()
    press_save(qtbot, window)  # nothing there to overwrite: saved without a question
    assert project.is_file() and not window.isWindowModified()


HOLDER = """
import sys
from pathlib import Path
from cnnstudio.gui.project.file_claim import FileClaim
claim = FileClaim(None, Path(sys.argv[1]))
assert claim.claim(sys.argv[2]) is None
print("holding", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""


def test_a_file_open_in_another_process_is_said_and_can_be_opened_as_a_copy(
    qtbot, make_window, ctx, project, script, clicker
):
    script.use_real("ask_file_in_use")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(ctx.recovery_dir), str(project)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert other.stdout.readline() == "holding\n"
        window = make_window(None)
        clicker.answer("Open a Copy")
        assert window.files.open(str(project))
        title, text = clicker.seen[-1]
        assert text == f"“net.cnn.json” is already open in another CNN Studio (process {other.pid})."
        assert window.doc.path is None and window.doc.title == "net (copy)"  # Save asks for a new name
        assert window.doc.graph.snapshot() == load(project).snapshot()
    finally:
        other.communicate("", timeout=120)
    assert window.files.open(str(project))  # its process is gone: no question
    assert len(clicker.seen) == 1 and window.doc.path == project


def test_saving_over_something_that_is_not_a_regular_file_is_refused_in_one_line(window, tmp_path, script):
    pipe = tmp_path / "pipe.cnn.json"
    os.mkfifo(pipe)
    window.doc.set_param(window.doc.graph.by_name("conv1").id, "out_channels", 12)
    script.expect("save_path", str(pipe))
    window.act_save_as.trigger()
    (name, message) = script.calls[-1]
    assert name == "show_error" and "\n" not in message
    assert message == f"{pipe}: is not a regular file (a device or a pipe): refusing to replace it"
    assert window.isWindowModified() and window.doc.path is None
    assert pipe.is_fifo()


def test_a_full_disk_during_save_keeps_the_old_file_and_the_unsaved_state(qtbot, window, project, script, monkeypatch):
    assert window.files.open(str(project))
    before = project.read_bytes()
    window.doc.set_param(window.doc.graph.by_name("conv1").id, "out_channels", 12)

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    press_save(qtbot, window)
    (name, message) = script.calls[-1]
    assert name == "show_error" and message == f"{project}: cannot be written: No space left on device"
    assert project.read_bytes() == before and not list(project.parent.glob(".net.cnn.json*"))  # no temp left
    assert window.isWindowModified() and window.windowTitle() == "net.cnn.json[*] — CNN Studio"
