"""The panel applies worker events on its timer: curves, confusion matrix, samples, errors, notices, settings."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from cnnstudio.core.edits import SetParam
from cnnstudio.core.project_file import load
from cnnstudio.gui.training.runner import RunRequest, TrainingRunner

from . import events as ev
from .conftest import UI_TIMEOUT_MS, WORKER_TIMEOUT_MS, tiny_classifier


def points(curve) -> int:
    x, _ = curve.getData()
    return 0 if x is None else len(x)


def feed(panel, *events) -> None:
    panel.runner.queue.extend(events)
    panel.runner.events_arrived.emit()


def test_queued_events_reach_the_curves_one_plot_per_update(make_panel, qtbot, monkeypatch):
    panel = make_panel()
    alive = [True]  # a worker that is still running: no catching up at once
    monkeypatch.setattr(TrainingRunner, "running", property(lambda self: alive[0]))
    redraws = []
    original = panel.curves.refresh
    monkeypatch.setattr(
        panel.curves, "refresh", lambda history, plots: (redraws.append(plots), original(history, plots))
    )
    feed(panel, ev.started(), *[ev.batch(s) for s in range(1, 26)])
    assert panel.timer.isActive() and points(panel.curves.raw_loss) == 0  # nothing drawn on arrival
    qtbot.waitUntil(lambda: points(panel.curves.speed_curve) == 25, timeout=UI_TIMEOUT_MS)
    # 26 events: the loss, learning-rate and speed plots each redrawn once, one per timer update
    assert redraws == [("loss",), ("lr",), ("speed",)]
    x, y = panel.curves.smooth_loss.getData()
    assert x.tolist() == list(range(1, 26)) and y[0] == 2.0
    assert points(panel.curves.raw_loss) == 25 and points(panel.curves.lr_curve) == 25
    assert panel.curves.raw_loss.opts["autoDownsample"] and panel.curves.raw_loss.opts["clipToView"]
    x_range, y_range = panel.curves.loss_plot.viewRange()
    assert x_range[0] < 0 and 30 < x_range[1] < 31 and 2 < y_range[1] < 2.1  # the whole run: 30 steps, loss ≤ 2
    assert panel.progress.value() == round(1000 * 25 / 30)
    assert panel.progress_label.text().startswith("epoch 3/3 · batch 5/10 · 500 img/s")
    assert panel.body.currentWidget() is panel.split
    redraws.clear()
    feed(panel, ev.batch(26), ev.classification_end(epoch=3, step=26))
    alive[0] = False  # it ended: every stale plot catches up in one update
    qtbot.waitUntil(lambda: not panel.timer.isActive(), timeout=UI_TIMEOUT_MS)
    assert redraws == [("loss", "accuracy", "lr", "speed")]
    assert points(panel.curves.val_accuracy) == 1 and points(panel.curves.raw_loss) == 26


def test_epoch_end_shows_confusion_per_class_accuracy_and_mistakes_first(make_panel, qtbot):
    panel = make_panel()
    feed(panel, ev.started(), *[ev.batch(s) for s in range(1, 11)], ev.classification_end())
    qtbot.waitUntil(lambda: bool(panel.confusion.matrix), timeout=UI_TIMEOUT_MS)
    assert panel.confusion.matrix == [[3, 0], [1, 2]] and panel.confusion.classes == ["circle", "square"]
    assert panel.confusion.per_class == [1.0, 2 / 3]
    first, second = panel.samples.tiles
    assert first.wrong and first.caption == "circle" and first.detail == "true square"
    assert not second.wrong and second.detail == "90%"
    assert first.images[0].width() == 12 and not first.images[0].isNull()
    x, y = panel.curves.val_accuracy.getData()
    assert x.tolist() == [1.0] and round(y[0], 3) == 83.333
    assert "val accuracy 83.3%" in panel.status_label.text()
    assert not panel.grab().isNull()  # the matrix and tiles paint


def test_reconstruction_heads_show_input_output_pairs_and_no_accuracy(make_panel, qtbot):
    panel = make_panel()
    pairs = [{"index": i, "input": ev.png(50 * i), "output": ev.png(50 * i + 10)} for i in range(3)]
    end = ev.epoch_end(train_accuracy=None, val_accuracy=None, reconstructions=pairs)
    feed(panel, ev.started(kind="reconstruction", classes=()), ev.batch(1), end)
    qtbot.waitUntil(lambda: len(panel.samples.tiles) == 3, timeout=UI_TIMEOUT_MS)
    assert all(len(tile.images) == 2 for tile in panel.samples.tiles)
    assert panel.confusion.isHidden()
    assert panel.curves.no_accuracy.isVisible() and points(panel.curves.val_accuracy) == 0
    assert points(panel.curves.epoch_val_loss) == 1
    assert not panel.grab().isNull()


def test_a_worker_error_shows_its_line_and_the_editor_keeps_working(make_panel, qtbot):
    panel = make_panel()
    message = "the loss became nan at step 7 (epoch 1, batch 7 of 10). The learning rate 1 is probably too high"
    feed(panel, ev.started(), ev.batch(6), {"event": "error", "kind": "nan_loss", "message": message})
    feed(panel, {"event": "exited", "code": 2, "crashed": False})
    qtbot.waitUntil(lambda: panel.error_label.isVisible(), timeout=UI_TIMEOUT_MS)
    assert panel.error_label.text() == f"Training stopped: {message}"
    assert panel.status_label.text() == ""  # not "Training … parameters on cpu…" beside it
    assert panel.act_start.isEnabled()
    fc = panel.doc.graph.by_name("fc")
    assert panel.doc.push(SetParam(fc.id, "out_features", 7))
    assert panel.doc.inference.info[fc.id].shape == (7,)


def test_a_crashing_worker_process_reports_its_last_stderr_line(make_panel, qtbot, monkeypatch):
    crash = "import sys; sys.stderr.write('Traceback...\\nMemoryError: cannot allocate 4 GB\\n'); sys.exit(1)"
    monkeypatch.setattr(RunRequest, "arguments", lambda self: ["-c", crash])
    panel = make_panel()
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.running and not panel.act_start.isEnabled() and panel.act_stop.isEnabled()
    qtbot.waitUntil(lambda: not panel.running and panel.error_label.isVisible(), timeout=WORKER_TIMEOUT_MS)
    text = panel.error_label.text()
    assert text == "Training stopped: the training process ended with exit code 1: MemoryError: cannot allocate 4 GB"
    assert panel.act_start.isEnabled() and not panel.act_stop.isEnabled()


def test_stop_twice_ends_a_worker_that_does_not_answer(make_panel, qtbot, monkeypatch):
    monkeypatch.setattr(RunRequest, "arguments", lambda self: ["-c", "import time; time.sleep(60)"])
    panel = make_panel()
    panel.start()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    assert panel.act_stop.text() == "Force Stop" and panel.running
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.running, timeout=UI_TIMEOUT_MS)
    assert not panel.error_label.isVisible()  # asked for: not reported as a crash


def test_notice_when_the_graph_changes_after_training_started(make_panel, qtbot, monkeypatch):
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: None)
    panel = make_panel()
    assert panel.start()
    fc = panel.doc.graph.by_name("fc")
    panel.doc.push(SetParam(fc.id, "out_features", 9))
    assert panel.changed_label.isVisible() and "has changed since this training started" in panel.changed_label.text()
    panel.doc.undo_stack.undo()
    assert not panel.changed_label.isVisible()
    panel.doc.graph.set_pos(fc.id, (500.0, 40.0))  # moving a block changes nothing that trains
    panel.doc.refresh()
    assert not panel.changed_label.isVisible()


def test_start_trains_a_copy_of_the_unsaved_graph(make_panel, monkeypatch, tmp_path):
    requests = []
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: requests.append(request))
    panel = make_panel()
    fc = panel.doc.graph.by_name("fc")
    panel.doc.push(SetParam(fc.id, "out_features", 6))
    panel.doc.set_param(fc.id, "bias", False)  # unsaved
    assert panel.start()
    (request,) = requests
    copy = load(request.project)
    assert copy.snapshot() == panel.doc.graph.snapshot() and copy.meta == panel.doc.graph.meta
    assert request.project.parent.parent == tmp_path / "runs" and panel.doc.path is None
    args = request.arguments()
    assert args[:3] == ["-m", "cnnstudio.training.worker", str(request.project)]
    assert "--checkpoint-dir" in args and "--weights" not in args and "--resume" not in args
    assert sys.executable == panel.runner.program


def test_start_refuses_a_broken_network_or_config_with_one_line(make_panel, monkeypatch):
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: _must_not_start())
    panel = make_panel()
    panel.doc.graph.meta["training"] = {"optimizer": "rmsprop"}
    assert not panel.start()
    assert panel.error_label.text().startswith("Cannot train: training config: optimizer must be one of")
    del panel.doc.graph.meta["training"]
    pool = panel.doc.graph.by_name("pool1")
    panel.doc.push(SetParam(pool.id, "kernel_size", 20))
    assert not panel.start()
    assert panel.error_label.text().startswith("Cannot train yet: pool1:")


def _must_not_start():
    raise AssertionError("the worker must not start")


def test_settings_are_undoable_edits_of_the_project(make_panel, qtbot, monkeypatch):
    panel = make_panel(tiny_classifier(epochs=2))
    form, doc = panel.form, panel.doc
    assert not doc.modified and form.epochs.value() == 2
    form.epochs.setValue(7)
    assert doc.graph.meta["training"]["epochs"] == 7 and doc.modified
    assert doc.undo_stack.undoText() == "Set epochs to 7"
    form.lr.setText("1e-3")
    form.lr.editingFinished.emit()
    form.optimizer.setCurrentIndex(form.optimizer.findData("sgd"))
    form.optimizer.activated.emit(form.optimizer.currentIndex())
    assert doc.graph.meta["training"]["lr"] == 0.001 and doc.graph.meta["training"]["optimizer"] == "sgd"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert form.lr.text() == "0.002" and form.optimizer.currentData() == "adam"
    doc.undo_stack.undo()
    assert form.epochs.value() == 2 and doc.graph.meta["training"]["epochs"] == 2 and not doc.modified

    form.lr.setText("fast")
    form.lr.editingFinished.emit()
    assert form.lr.text() == "0.002" and "'fast' is not a number" in panel.form_label.text()
    assert panel.form_label.text().endswith("— kept 0.002") and not panel.form_label.isHidden()
    assert doc.graph.meta["training"]["lr"] == 0.002
    form.lr.setText("0")
    form.lr.editingFinished.emit()  # a number the config refuses: the reason stays in sight
    assert form.lr.text() == "0.002" and "lr must be a number > 0" in panel.form_label.text()
    assert doc.graph.meta["training"]["lr"] == 0.002

    from cnnstudio.gui.training import config_form

    monkeypatch.setattr(config_form, "choose_folder", lambda parent, title, start: None)
    form.data.activated.emit(form.data.findData("folder"))  # cancelled: still shapes
    assert doc.graph.meta["training"]["data"] == "shapes:60" and form.data.currentData() == "shapes"
    monkeypatch.setattr(config_form, "choose_folder", lambda parent, title, start: "/data/pets")
    form.data.setCurrentIndex(form.data.findData("folder"))
    form.data.activated.emit(form.data.currentIndex())
    assert doc.graph.meta["training"]["data"] == "folder:/data/pets"
    assert form.data.currentText() == "Image folder: pets"


def test_opening_another_project_forgets_the_last_run_weights_and_resume(make_panel, monkeypatch, tmp_path):
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: None)
    panel = make_panel()
    panel.set_initial_weights(tmp_path / "w.safetensors")
    checkpoint = {"event": "checkpoint", "kind": "last", "path": str(tmp_path / "ck" / "last.safetensors")}
    feed(panel, checkpoint, {"event": "exited", "code": 0, "crashed": False})
    panel.drain()
    assert panel.act_resume.isEnabled() and panel.weights is not None
    panel.doc.replace(tiny_classifier(classes=3), title="other")
    assert not panel.act_resume.isEnabled() and panel.weights is None and not panel.weights_label.isVisible()


def test_a_generator_shows_each_epochs_grid_from_fixed_noise_and_the_slider_looks_back(make_panel, qtbot):
    panel = make_panel()
    ends = [
        ev.epoch_end(
            epoch=k,
            train_accuracy=None,
            val_accuracy=None,
            sample_grid=ev.png(40 * k, size=20 + k),
            d_real=0.9 - 0.1 * k,
            d_fake=0.1 * k,
        )  # fmt: skip
        for k in (1, 2, 3)
    ]
    started = ev.started(kind="generated_image", classes=())
    started["model"]["heads"].append({"name": "discriminator.output", "kind": "real_fake"})
    feed(panel, started, ev.batch(1), *ends)
    view = panel.generated
    qtbot.waitUntil(lambda: len(view.grids) == 3, timeout=UI_TIMEOUT_MS)
    assert view.isVisible() and panel.samples.isHidden()
    assert view.shown_epoch == 3 and view.picture.pixmap.width() == 23  # the newest, as it arrived
    assert "epoch 3 of 3" in view.header.text() and "D(real) 0.60, D(fake) 0.30" in view.header.text()
    qtbot.waitUntil(lambda: points(panel.curves.d_real) == 3, timeout=UI_TIMEOUT_MS)
    assert panel.curves.d_fake.getData()[1].tolist() == pytest.approx([10.0, 20.0, 30.0])
    assert "Discriminator" in panel.curves.accuracy_plot.titleLabel.text and not panel.curves.no_accuracy.isVisible()
    view.slider.setFocus()
    qtbot.keyClick(view.slider, Qt.Key.Key_Home)  # back to the first epoch
    assert view.shown_epoch == 1 and view.picture.pixmap.width() == 21
    assert "epoch 1 of 3" in view.header.text() and "D(real) 0.80" in view.header.text()
    feed(panel, ev.epoch_end(epoch=4, train_accuracy=None, val_accuracy=None, sample_grid=ev.png(200, size=30)))
    qtbot.waitUntil(lambda: len(view.grids) == 4, timeout=UI_TIMEOUT_MS)
    assert view.shown_epoch == 1  # looking back: a new epoch does not pull the slider away
    qtbot.keyClick(view.slider, Qt.Key.Key_End)
    assert view.shown_epoch == 4 and view.picture.pixmap.width() == 30
    assert not panel.grab().isNull()
    feed(panel, ev.started())  # a new run: the view goes, the samples come back
    qtbot.waitUntil(lambda: view.isHidden(), timeout=UI_TIMEOUT_MS)
    assert not view.grids and not panel.samples.isHidden()


def test_a_scored_runs_classifier_verdict_shows_under_each_epochs_grid(make_panel, qtbot):
    panel = make_panel()
    quality = {"mean_confidence": 0.8123, "classes_covered": 9, "classes": 10, "largest_share": 0.2, "samples": 64}
    scored = ev.epoch_end(epoch=1, train_accuracy=None, val_accuracy=None, sample_grid=ev.png(40), quality=quality)
    unscored = ev.epoch_end(epoch=2, train_accuracy=None, val_accuracy=None, sample_grid=ev.png(80))
    feed(panel, ev.started(kind="generated_image", classes=()), scored, unscored)
    view = panel.generated
    qtbot.waitUntil(lambda: len(view.grids) == 2, timeout=UI_TIMEOUT_MS)
    assert view.shown_epoch == 2 and view.quality.isHidden()  # the epoch without a score shows no line
    view.slider.setFocus()
    qtbot.keyClick(view.slider, Qt.Key.Key_Home)
    assert view.shown_epoch == 1 and view.quality.isVisible()
    assert view.quality.text() == "Classifier's verdict: mean confidence 0.81, 9 of 10 classes, largest class 20%"
    feed(panel, ev.started())  # a new run: no line left over
    qtbot.waitUntil(lambda: view.isHidden(), timeout=UI_TIMEOUT_MS)
    assert view.quality.isHidden() and not view.grids


@pytest.fixture(scope="module")
def gan_run(tmp_path_factory):
    """A 16×16 DCGAN trained one epoch on shapes: (project, its last checkpoint); trained once per module."""
    from cnnstudio import presets
    from cnnstudio.core.project_file import save
    from cnnstudio.training.events import EventLog
    from cnnstudio.training.session import RunOptions, run

    folder = tmp_path_factory.mktemp("gan_run")
    graph = presets.build("dcgan", input_shape=(1, 16, 16))
    graph.meta["training"] = {"data": "shapes:48", "epochs": 1, "batch_size": 16}
    project = folder / "gan.cnn.json"
    save(graph, project)
    run(RunOptions(str(project), checkpoint_dir=str(folder / "ck"), threads=1), EventLog())
    return project, folder / "ck" / "last.safetensors"


def _generated_view_after_a_checkpoint(make_panel, qtbot, gan_run):
    project, last = gan_run
    panel = make_panel()
    panel.run_project = project
    view = panel.generated
    view.pool = None  # the drawing on this thread: no wait on a worker
    assert not view.walk_button.isEnabled() and not view.samples_button.isEnabled()
    end = ev.epoch_end(train_accuracy=None, val_accuracy=None, sample_grid=ev.png(90))
    checkpoint = {"event": "checkpoint", "kind": "last", "path": str(last)}
    feed(panel, ev.started(kind="generated_image", classes=()), end, checkpoint)
    qtbot.waitUntil(view.walk_button.isEnabled, timeout=UI_TIMEOUT_MS)
    return view


def test_a_latent_walk_draws_a_strip_with_the_runs_newest_checkpoint(make_panel, qtbot, gan_run):
    view = _generated_view_after_a_checkpoint(make_panel, qtbot, gan_run)
    view.walk_to.selectAll()
    qtbot.keyClicks(view.walk_to, "7")
    assert view.walk_to.value() == 7
    qtbot.mouseClick(view.walk_button, Qt.MouseButton.LeftButton)
    assert view.walk_strip.isVisible()
    assert (view.walk_strip.pixmap.width(), view.walk_strip.pixmap.height()) == (8 * 18 + 2, 18 + 2)
    assert view.walk_button.isEnabled()


def test_new_samples_draw_a_fresh_grid_from_the_seed_with_the_runs_newest_checkpoint(make_panel, qtbot, gan_run):
    view = _generated_view_after_a_checkpoint(make_panel, qtbot, gan_run)
    assert view.samples_button.isEnabled() and "epoch 1 of 1" in view.header.text()

    def draw(seed: str):
        view.seed.selectAll()
        qtbot.keyClicks(view.seed, seed)
        qtbot.mouseClick(view.samples_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(view.samples_button.isEnabled, timeout=UI_TIMEOUT_MS)
        return view.picture.pixmap.toImage()

    first = draw("5")
    assert view.seed.value() == 5 and "New samples from seed 5" in view.header.text()
    assert (first.width(), first.height()) == (8 * 18 + 2, 8 * 18 + 2)  # 64 images of 16×16, 8 a row
    assert draw("5") == first  # the same seed draws the same images
    assert draw("6") != first and "seed 6" in view.header.text()
    assert view.walk_button.isEnabled()


def test_a_gans_batches_draw_its_discriminator_and_generator_losses_per_step(make_panel, qtbot):
    panel = make_panel()
    started = ev.started(kind="generated_image", classes=())
    started["model"]["heads"].append({"name": "discriminator.output", "kind": "real_fake"})
    batches = []
    for step in range(1, 13, 3):  # throttled: three steps per event
        event = ev.batch(step + 2)
        d, g = [1.0 + 0.01 * s for s in range(step, step + 3)], [-0.5 - 0.01 * s for s in range(step, step + 3)]
        event["losses"] = [a + b for a, b in zip(d, g)]
        event["parts"] = {"d_loss": d, "g_loss": g}
        batches.append(event)
    feed(panel, started, *batches)
    curves = panel.curves
    raw_d, smooth_d = curves.part_curves["d_loss"]
    raw_g, _smooth_g = curves.part_curves["g_loss"]
    qtbot.waitUntil(lambda: points(raw_g) == 12, timeout=UI_TIMEOUT_MS)
    x, y = raw_d.getData()
    assert x.tolist() == list(range(1, 13)) and y.tolist() == pytest.approx([1.0 + 0.01 * s for s in range(1, 13)])
    assert raw_g.getData()[1][-1] == pytest.approx(-0.62) and points(smooth_d) == 12
    assert "discriminator" in curves.loss_plot.titleLabel.text and "generator" in curves.loss_plot.titleLabel.text
    assert curves.loss_plot.viewRange()[1][0] < -0.5  # a hinge generator loss below zero stays in view
    feed(panel, ev.started())  # a classifier's run: no D and G curves, the usual legend
    qtbot.waitUntil(lambda: points(raw_d) == 0, timeout=UI_TIMEOUT_MS)
    assert "discriminator" not in curves.loss_plot.titleLabel.text


def test_a_new_run_empties_the_last_runs_plots_before_its_first_event_is_drawn(make_panel, qtbot, monkeypatch):
    monkeypatch.setattr(TrainingRunner, "start", lambda self, request, arguments=None: None)
    panel = make_panel()
    feed(panel, ev.started(), *[ev.batch(s) for s in range(1, 6)])  # a last run, drawn
    qtbot.waitUntil(lambda: points(panel.curves.raw_loss) == 5, timeout=UI_TIMEOUT_MS)
    assert panel.start()
    # the new run's first events arrive before the panel had a turn of its own: they are drawn alone
    feed(panel, ev.started(), ev.batch(1), ev.batch(2))
    panel.drain()
    qtbot.waitUntil(lambda: points(panel.curves.raw_loss) == 2, timeout=UI_TIMEOUT_MS)
    qtbot.wait(50)  # the clear the press scheduled has run by now: it found nothing left to do
    assert points(panel.curves.raw_loss) == 2


def test_the_curves_are_drawn_once_off_screen_one_axis_or_title_per_turn(make_panel, qtbot, monkeypatch):
    """The first drawing of each axis is the slowest; together, a plot's held the window ~100 ms."""
    from cnnstudio.gui.training.curves import TrainingCurves

    drawn: list[tuple[object, int]] = []
    draw = TrainingCurves.prerender_item
    monkeypatch.setattr(
        TrainingCurves,
        "prerender_item",
        staticmethod(lambda item: (drawn.append((item, len(panel.reveal.stages._steps))), draw(item))),
    )
    panel = make_panel()
    items = [item for plot in panel.curves.plots for item in panel.curves.paint_items(plot)]
    qtbot.waitUntil(lambda: len(drawn) == len(items) and not panel.reveal.stages.pending, timeout=UI_TIMEOUT_MS)
    assert [item for item, _ in drawn] == items
    assert [left for _, left in drawn] == list(range(len(items) - 1, -1, -1))  # one a turn
