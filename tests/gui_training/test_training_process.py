"""Training from the GUI with the real worker process: curves fill, Stop checkpoints, Resume continues."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from cnnstudio.gui.training.runner import TrainingRunner

from .conftest import WORKER_TIMEOUT_MS, tiny_classifier


def points(curve) -> int:
    """Points the curve was given (getData would count the downsampled, clipped view)."""
    return 0 if curve.xData is None else len(curve.xData)


def test_train_from_the_window_see_curves_stop_resume_and_close(window, qtbot, monkeypatch):
    # far more epochs than any machine finishes before the Stop click: the run ends only when stopped
    window.doc.replace(tiny_classifier(epochs=100_000), title="tiny")
    panel = window.training
    toolbar = window.findChild(QToolBar, "toolbar_main")
    qtbot.mouseClick(toolbar.widgetForAction(panel.act_start), Qt.MouseButton.LeftButton)
    assert panel.running and window.training_dock.isVisible()

    # shapes:60 → 48 training images, 6 batches of 8 an epoch: an epoch end arrives quickly; its checkpoint is
    # written after the epoch_end event, which a busy machine may delay by many GUI updates
    qtbot.waitUntil(
        lambda: (
            bool(panel.confusion.matrix) and points(panel.curves.epoch_val_loss) >= 1 and bool(panel.last_checkpoint)
        ),
        timeout=WORKER_TIMEOUT_MS,
    )
    assert panel.history.started["data"]["classes"][:2] == ["circle", "square"]
    assert points(panel.curves.raw_loss) >= 6
    x = panel.curves.raw_loss.xData  # all the points it was given (getData is what the view shows, downsampled)
    assert x.tolist() == list(range(1, len(x) + 1))  # every step, none twice
    assert len(panel.confusion.matrix) == 6 and sum(map(sum, panel.confusion.matrix)) == 12
    assert panel.samples.tiles
    # the bar shows the run's fraction (one epoch of 100,000 is 0 of 1000 ticks), the label where it stands
    progress = panel.history.progress
    assert progress.total_steps == 6 * 100_000 and progress.step >= 6
    assert panel.progress.value() == round(1000 * progress.step / progress.total_steps)
    assert panel.progress_label.text().startswith(f"epoch {progress.epoch}/100000 · batch ")
    assert panel.last_checkpoint and Path(panel.last_checkpoint).exists()
    if hasattr(os, "getpriority"):  # the worker yields the CPU to the editor
        pid = int(panel.runner.process.processId())
        assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10)

    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.running, timeout=WORKER_TIMEOUT_MS)
    assert panel.status_label.text().startswith("Stopped"), panel.error_label.text()
    assert not panel.error_label.isVisible()
    stopped_step = panel.history.progress.step
    # the stop's checkpoint is `last`; a stop that lands on an epoch end writes `best` after it, when it improved
    checkpoint = Path(panel.resume_dir) / "last.safetensors"
    assert Path(panel.last_checkpoint).name in ("last.safetensors", "best.safetensors")
    assert checkpoint.exists() and json.loads(checkpoint.with_suffix(".json").read_text())["step"] == stopped_step
    assert panel.act_resume.isEnabled() and panel.act_start.isEnabled()

    window.training.act_resume.trigger()
    qtbot.waitUntil(lambda: panel.history.progress.step > stopped_step, timeout=WORKER_TIMEOUT_MS)
    assert panel.history.started["resumed"] and panel.history.started["step"] == stopped_step
    x = panel.curves.raw_loss.xData  # all the points it was given (getData is what the view shows, downsampled)
    assert x.tolist() == list(range(1, len(x) + 1))  # the resumed curve continues the stopped one
    # closing the window while training stops the worker with a checkpoint; the app waits 5 s before it kills a
    # worker, which a niced worker on a saturated machine may need more than: this test is of the graceful path
    graceful = TrainingRunner.shutdown
    monkeypatch.setattr(TrainingRunner, "shutdown", lambda self, wait_ms=WORKER_TIMEOUT_MS: graceful(self, wait_ms))
    window.close()
    assert not panel.running and panel.status_label.text().startswith("Stopped")
    # the run lasts: its project copy, record and curves stay in its folder beside the checkpoints
    assert Path(panel.last_checkpoint).exists() and (Path(panel.run_folder) / "project.cnn.json").is_file()
    assert json.loads((Path(panel.run_folder) / "run.json").read_text())["status"] == "stopped"
    # an unsaved project's runs are kept in the app's data folder (here the test's), and the Runs view says so
    assert Path(panel.run_folder).parent == Path(window.ctx.recovery_dir).parent / "runs" / "untitled"
    assert window.runs_view.location.text().startswith("This project is not saved: its runs are kept in ")


def test_a_data_error_in_the_worker_is_one_line_in_the_panel(make_panel, qtbot, tmp_path):
    missing = tmp_path / "no-such-images"
    panel = make_panel(tiny_classifier(data=f"folder:{missing}"))
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=WORKER_TIMEOUT_MS)
    assert panel.error_label.text() == f"Training stopped: folder:{missing}: no such folder"
    assert panel.act_start.isEnabled() and not panel.act_resume.isEnabled()
