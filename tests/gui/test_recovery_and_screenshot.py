"""Autosave and crash recovery; the --screenshot command line."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from cnnstudio.gui.project.recovery import SUFFIX, find_recoverable


def test_autosave_is_offered_after_a_crash_and_restores_the_work(qtbot, make_window, ctx, script):
    first = make_window()
    conv = first.doc.graph.by_name("conv1")
    first.doc.set_param(conv.id, "out_channels", 32)
    assert first.autosaver.timer.isActive()  # written shortly after the edit
    assert first.autosaver.save_now()
    assert first.autosaver.file.is_file()
    assert find_recoverable(ctx.recovery_dir) == []  # its window is still open: not offered
    edited = first.doc.graph.snapshot()

    # a crash: the process dies holding nothing; the recovery file stays behind
    first.autosaver.lock.unlock()
    first.autosaver.lock = None
    first.autosaver.timer.stop()
    first.autosaver.deadline.stop()
    first.autosaver.file = first.autosaver.file.with_name("gone" + SUFFIX)  # this window no longer owns it

    second = make_window()
    script.expect("ask_recover", True)
    assert second.offer_recovery()
    assert second.doc.graph.snapshot() == edited
    assert second.isWindowModified() and second.doc.title == "lenet5"
    assert second.doc.path is None  # a preset stays unsaved: Save will ask where
    assert [p for p in ctx.recovery_dir.glob(f"*{SUFFIX}") if p != second.autosaver.file] == []
    assert second.autosaver.file.is_file()  # the recovered work is protected again at once


def test_declining_recovery_deletes_the_file_and_a_clean_close_leaves_nothing(qtbot, make_window, ctx, script):
    first = make_window()
    first.doc.set_param(first.doc.graph.by_name("fc1").id, "out_features", 99)
    first.autosaver.save_now()
    crashed = first.autosaver.file
    first.autosaver.lock.unlock()
    first.autosaver.lock = None
    first.autosaver.file = crashed.with_name("other" + SUFFIX)

    second = make_window()
    script.expect("ask_recover", False)
    assert not second.offer_recovery()
    assert not crashed.exists()
    second.doc.set_param(second.doc.graph.by_name("fc1").id, "out_features", 7)
    second.autosaver.save_now()
    assert second.autosaver.file.exists()
    script.expect("ask_save_changes", "discard")
    assert second.close()
    assert not second.autosaver.file.exists()


def test_saving_removes_the_recovery_file(qtbot, window, tmp_path, script):
    window.doc.set_param(window.doc.graph.by_name("fc1").id, "out_features", 50)
    window.autosaver.save_now()
    assert window.autosaver.file.exists()
    assert window.files.save_as(str(tmp_path / "saved.cnn.json"))
    assert not window.autosaver.file.exists()


def _cli(args, tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "cnnstudio", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_screenshot_writes_the_window_and_bad_files_exit_2(tmp_path):
    png = tmp_path / "shot.png"
    result = _cli(["--screenshot", str(png)], tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 1000)
    assert len({image.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 1000, 41)}) > 20  # not blank

    bad = tmp_path / "bad.cnn.json"
    bad.write_text("{}")
    result = _cli([str(bad), "--screenshot", str(tmp_path / "no.png")], tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "not a CNN Studio project" in lines[0]
    assert not (tmp_path / "no.png").exists()


def test_without_a_display_the_app_says_so_in_one_line(monkeypatch, capsys):
    from cnnstudio.gui import app

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app.sys, "platform", "linux")
    assert app.run(None) == 2  # returns before any Qt object exists, so the running test app is untouched
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "--screenshot" in lines[0]


CRASHING_SESSION = """
import os, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from cnnstudio.gui.context import AppContext
from cnnstudio.gui.main_window import MainWindow
window = MainWindow(AppContext.temporary(Path(sys.argv[1])))
window.files.open_preset("lenet5")
assert window.files.save_as(sys.argv[1] + "/crashed.cnn.json")  # claims the file: other windows would be told
window.doc.set_param(window.doc.graph.by_name("conv2").id, "out_channels", 20)
assert window.autosaver.save_now()
file = window.autosaver.file
(file.parent / f".{file.name}.tmp-{os.getpid()}-x1y2.json").write_text("{")  # killed mid-write: a temp
(file.parent / f"{file.name}.Ab12Cd").write_text("{")  # ...and one of QSaveFile in older versions
os._exit(3)  # dies without closing: the lock file names a process that no longer exists
"""


def test_recovery_after_a_real_crashed_process(qtbot, make_window, tmp_path, script):
    from cnnstudio.gui.context import AppContext

    folder = tmp_path / "shared"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, str(folder)], env=env, timeout=120, capture_output=True, text=True
    )
    assert crashed.returncode == 3, crashed.stderr
    recovery = folder / "recovery"
    assert len(list(recovery.glob(f"*{SUFFIX}.lock"))) == 1  # a stale lock was left behind
    assert len(list(recovery.glob(".*.tmp-*"))) == 1 and len(list(recovery.glob(f"*{SUFFIX}.??????"))) == 1
    live = recovery / f".session-live{SUFFIX}.tmp-{os.getpid()}-abcd.json"  # a running writer's temp
    live.write_text("{")

    window = make_window(context=AppContext.temporary(folder))
    script.expect("ask_recover", True)
    assert window.offer_recovery()
    assert window.doc.graph.by_name("conv2").params["out_channels"] == 20
    assert window.isWindowModified() and window.doc.path == folder / "crashed.cnn.json"
    assert window.files.claim.lock is not None  # the dead session's claim on the file was stale: ours now
    assert window.files.claim.holder_of(folder / "crashed.cnn.json") is None
    # what the dead session left half-written is gone; a live writer's temp is not touched
    assert sorted(p.name for p in recovery.iterdir() if p.name.startswith(".")) == [live.name]
    assert not list(recovery.glob(f"*{SUFFIX}.??????"))
