"""Autosave timing: a pause writes the recovery file, and so does a deadline that edits cannot push back."""

from __future__ import annotations

import itertools

from cnnstudio.gui.project.recovery import DEBOUNCE_MS, MAX_WAIT_MS, read_entry


def test_the_recovery_file_is_written_within_the_max_wait_however_fast_the_edits_come(qtbot, window):
    saver = window.autosaver
    assert (saver.timer.interval(), saver.deadline.interval()) == (DEBOUNCE_MS, MAX_WAIT_MS) == (1500, 5000)
    saver.timer.setInterval(3_600_000)  # the user never pauses: only the deadline can write
    saver.deadline.setInterval(300)
    conv = window.doc.graph.by_name("conv1").id
    widths = itertools.count(7)
    written: list[int] = []

    def edit_then_look() -> bool:  # an edit at every look, each one restarting the pause timer
        written.append(next(widths))
        window.doc.set_param(conv, "out_channels", written[-1])
        assert saver.timer.isActive() and saver.deadline.isActive()
        return saver.file.is_file()

    assert not saver.file.exists()
    # were the deadline restarted by edits as the pause timer is, this would never become true
    qtbot.waitUntil(lambda: saver.file.is_file() or edit_then_look(), timeout=60_000)
    entry = read_entry(saver.file)
    assert entry.graph.by_name("conv1").params["out_channels"] in written  # the edits, as they stood
    assert len(written) >= 2 and window.isWindowModified()


def test_the_deadline_starts_with_the_first_unsaved_edit_and_stops_when_saved(qtbot, window, tmp_path):
    saver = window.autosaver
    fc = window.doc.graph.by_name("fc1").id
    assert not saver.deadline.isActive()
    window.doc.set_param(fc, "out_features", 100)
    assert saver.deadline.isActive() and saver.timer.isActive()

    assert saver.save_now() and saver.file.is_file()
    assert not saver.deadline.isActive() and not saver.timer.isActive()
    window.doc.set_param(fc, "out_features", 102)
    assert saver.deadline.isActive()  # the next unsaved edit starts a new deadline
    assert window.files.save_as(str(tmp_path / "saved.cnn.json"))
    assert not saver.deadline.isActive() and not saver.file.exists()  # saved: nothing to recover
