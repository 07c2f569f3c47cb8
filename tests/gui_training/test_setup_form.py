"""The Setup page: every TrainingConfig field set through its real widget, one undo step each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cnnstudio import presets
from cnnstudio.training.config import META_KEY, TrainingConfig

from .conftest import UI_TIMEOUT_MS


def type_into(qtbot, widget, text: str) -> None:
    """Click into a field, replace its text by typing, press Enter (what a user does)."""
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    QTest.mouseClick(line, Qt.MouseButton.LeftButton)
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def saved(panel) -> dict:
    return panel.doc.graph.meta[META_KEY]


@pytest.fixture
def panel(make_panel):
    graph = presets.build("lenet5")
    TrainingConfig(epochs=6, data="shapes:60").to_graph(graph)
    return make_panel(graph)


def test_every_field_edits_the_project_and_undoes(panel, qtbot):
    setup = panel.setup
    assert panel.body.currentWidget() is panel.setup_scroll and panel.setup_button.isChecked()
    original = dict(saved(panel), augment=dict(saved(panel)["augment"]))
    steps = [
        (lambda: type_into(qtbot, setup.weight_decay, "5e-4"), "weight_decay", 5e-4),
        (lambda: type_into(qtbot, setup.seed, "7"), "seed", 7),
        (lambda: type_into(qtbot, setup.val_split, "30"), "val_split", 0.3),
        (lambda: type_into(qtbot, setup.label_smoothing, "0.1"), "label_smoothing", 0.1),
        (lambda: type_into(qtbot, setup.workers, "2"), "workers", 2),
        (lambda: QTest.keyClick(setup.normalize, Qt.Key.Key_Down), "normalize", "standardize"),
        (lambda: QTest.keyClick(setup.device, Qt.Key.Key_Down), "device", "cpu"),
        (lambda: QTest.keyClick(setup.schedule, Qt.Key.Key_Down), "schedule", "step"),
        (lambda: type_into(qtbot, setup.step_epochs, "2"), "step_epochs", 2),
        (lambda: type_into(qtbot, setup.gamma, "0.5"), "gamma", 0.5),
        (lambda: type_into(qtbot, setup.crop_padding, "4"), "augment.crop_padding", 4),
        (lambda: QTest.mouseClick(setup.hflip, Qt.MouseButton.LeftButton), "augment.hflip", True),
        (lambda: type_into(qtbot, setup.rotation, "20"), "augment.rotation", 20.0),
        (lambda: type_into(qtbot, setup.scale_hi, "1.2"), "augment.scale", [1.0, 1.2]),
        (lambda: type_into(qtbot, setup.scale_lo, "0.8"), "augment.scale", [0.8, 1.2]),
    ]
    stack = panel.doc.undo_stack
    for act, key, value in steps:
        before = stack.index()
        act()
        section, _, field = key.rpartition(".")
        where = saved(panel)[section] if section else saved(panel)
        assert where[field] == value, key
        assert stack.index() == before + 1, f"{key}: one undo step"
    assert not setup.momentum.isEnabled()  # Adam: momentum does not apply
    QTest.keyClick(panel.form.optimizer, Qt.Key.Key_Up)  # the top row: Adam → SGD
    assert saved(panel)["optimizer"] == "sgd" and setup.momentum.isEnabled()
    type_into(qtbot, setup.momentum, "0.8")
    assert saved(panel)["momentum"] == 0.8

    stack.undo()
    assert saved(panel)["momentum"] == 0.9 and setup.momentum.value() == pytest.approx(0.9)
    while stack.canUndo():
        stack.undo()
    assert saved(panel) == original
    assert setup.weight_decay.text() == "0" and setup.label_smoothing.text() == "each head's own"
    assert not setup.hflip.isChecked() and setup.scale_lo.value() == 1.0


def test_the_learning_rate_preview_is_the_engines_schedule(panel, qtbot):
    setup = panel.setup
    qtbot.waitUntil(lambda: len(setup.lr_preview.ys) > 0, timeout=UI_TIMEOUT_MS)
    assert setup.lr_preview.ys == pytest.approx([2e-3] * len(setup.lr_preview.ys))  # constant
    QTest.keyClick(setup.schedule, Qt.Key.Key_Down)  # step decay: a third of the 6 epochs, gamma 0.1
    qtbot.waitUntil(lambda: min(setup.lr_preview.ys) < 1e-4, timeout=UI_TIMEOUT_MS)
    by_epoch = {round(x): y for x, y in zip(setup.lr_preview.xs, setup.lr_preview.ys) if x == int(x)}
    assert by_epoch[0] == pytest.approx(2e-3) and by_epoch[2] == pytest.approx(2e-4)
    assert by_epoch[4] == pytest.approx(2e-5) and setup.lr_preview.xs[-1] == 6
    QTest.keyClick(setup.schedule, Qt.Key.Key_Down)  # cosine: down to 0 at the end
    qtbot.waitUntil(
        lambda: setup.lr_preview.ys[-1] < 2e-3 * 0.01 and max(setup.lr_preview.ys) == 2e-3, timeout=UI_TIMEOUT_MS
    )


def test_augmented_samples_follow_the_settings(panel, qtbot):
    setup = panel.setup
    qtbot.waitUntil(lambda: len(setup.samples.images) == 6, timeout=UI_TIMEOUT_MS)
    plain = [image.copy() for image in setup.samples.images]
    assert plain[0].width() == 28 and plain[0].isGrayscale()  # fitted to LeNet's 1×28×28 input, as training does
    type_into(qtbot, setup.rotation, "45")
    qtbot.waitUntil(lambda: setup.samples.images and setup.samples.images[0] != plain[0], timeout=UI_TIMEOUT_MS)
    rotated = [image.copy() for image in setup.samples.images]
    QTest.mouseClick(setup.reshuffle, Qt.MouseButton.LeftButton)  # other random draws
    qtbot.waitUntil(lambda: setup.samples.images != rotated, timeout=UI_TIMEOUT_MS)
    assert saved(panel)["augment"]["rotation"] == 45.0


def test_an_edit_to_the_network_leaves_the_settings_and_their_previews_alone(panel, qtbot):
    """Only the settings or the input's shape change what the page shows: other edits cost it nothing, and
    never replace what is being typed into a setting."""
    form = panel.setup
    panel.show_setup(True)
    qtbot.waitUntil(form.isVisible, timeout=UI_TIMEOUT_MS)
    QApplication.processEvents()
    requested = form._generation  # previews asked for so far (each a thread job and images made on the GUI)
    line = form.weight_decay
    QTest.mouseClick(line, Qt.MouseButton.LeftButton)
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "0.0005")  # not committed yet
    panel.doc.set_param(panel.doc.graph.by_name("conv1").id, "out_channels", 8)
    QApplication.processEvents()  # a preview request would be a zero-interval timer: it has had its turn
    assert line.text() == "0.0005"
    assert form._generation == requested
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert saved(panel)["weight_decay"] == 0.0005
    qtbot.waitUntil(lambda: form._generation > requested, timeout=UI_TIMEOUT_MS)  # a setting: new previews


def test_one_unusable_value_does_not_take_the_other_settings_with_it_on_the_next_edit(make_panel):
    """A shared project's weight decay of -1: the form says so, shows the rest, and ticking a box keeps them."""
    from .conftest import tiny_classifier

    graph = tiny_classifier()
    graph.meta["training"].update(lr=0.01, schedule="cosine", batch_size=16, epochs=7, weight_decay=-1)
    graph.meta["training"]["augment"] = {"rotation": 15.0}
    panel = make_panel(graph)
    assert "weight_decay" in panel.form_label.text()
    assert panel.form.epochs.value() == 7 and panel.form.lr.text() == "0.01"  # what can be used is shown
    QTest.mouseClick(panel.setup.hflip, Qt.MouseButton.LeftButton)
    saved = panel.doc.graph.meta["training"]
    assert saved["augment"]["hflip"] is True
    assert (saved["lr"], saved["schedule"], saved["batch_size"], saved["epochs"]) == (0.01, "cosine", 16, 7)
    assert saved["augment"]["rotation"] == 15.0 and saved["weight_decay"] == 0.0  # only the bad one went


@pytest.mark.parametrize(
    ("field", "typed", "reason", "good"),
    [
        ("form.epochs", "12.5", "Epochs: '12.5' is not a whole number", "3"),
        ("form.epochs", "99999999999", "Epochs: '99999999999' is too large: at most 100000", "3"),
        ("setup.val_split", "95", "Validation: '95' is too large: at most 90", "30"),
        ("setup.label_smoothing", "1.5", "Label smoothing: '1.5' is too large: at most 0.95", "0.1"),
        ("setup.rotation", "720", "Rotation ±: '720' is too large: at most 180", "20"),
        ("setup.seed", "-1", "Seed: '-1' is too small: at least 0", "7"),
    ],
)
def test_a_number_the_field_cannot_take_goes_back_with_the_reason(panel, qtbot, field, typed, reason, good):
    """A plain spin box dropped the keys it could not take: 12.5 became 125 epochs, 95 % became 9 %."""
    part, name = field.split(".")
    box = getattr(getattr(panel, part), name)
    shown, steps = box.text(), panel.doc.undo_stack.count()
    line = box.lineEdit()
    QTest.mouseClick(line, Qt.MouseButton.LeftButton)
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, typed)
    assert typed in box.text()  # on screen as typed, not mended into another number
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert box.text() == shown and panel.doc.undo_stack.count() == steps
    assert panel.form_label.text() == reason and panel.form_label.isVisibleTo(panel)
    type_into(qtbot, box, good)  # a good value clears the reason
    assert box.text() != shown and not panel.form_label.isVisibleTo(panel)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("-1", "weight decay '-1' is out of range: from 0 to 1e+09"),
        ("inf", "weight decay 'inf' is out of range: from 0 to 1e+09"),
        ("nan", "weight decay 'nan' is not a number (e.g. 0 or 5e-4)"),
    ],
)
def test_a_weight_decay_out_of_range_is_said_in_words_and_goes_back(panel, qtbot, typed, reason):
    """It read "training config: weight_decay must be a number ≥ 0 and ≤ 1e+09, got -1.0"."""
    steps = panel.doc.undo_stack.count()
    type_into(qtbot, panel.setup.weight_decay, typed)
    assert panel.form_label.text() == reason and panel.setup.weight_decay.text() == "0"
    assert panel.doc.undo_stack.count() == steps


def test_previews_superseded_while_queued_are_skipped(panel, qtbot, monkeypatch):
    """Eight presses of Up on Rotation queued eight previews, each computed in turn (6 s to the last)."""
    import threading

    from cnnstudio.gui.training import previews

    setup = panel.setup
    qtbot.waitUntil(lambda: len(setup.samples.images) == 6, timeout=UI_TIMEOUT_MS)
    gate, computed = threading.Event(), []
    real = previews.sample_images

    def held(*args):
        computed.append(args)
        gate.wait(60)  # the first job holds the queue while the keys are pressed
        return real(*args)

    monkeypatch.setattr(previews, "sample_images", held)
    setup.rotation.setFocus()
    for _ in range(8):
        QTest.keyClick(setup.rotation, Qt.Key.Key_Up)
        QApplication.processEvents()  # presses a moment apart: each one's preview is asked for
    assert saved(panel)["augment"]["rotation"] == 40.0
    qtbot.waitUntil(lambda: len(computed) == 1, timeout=UI_TIMEOUT_MS)
    gate.set()
    qtbot.waitUntil(lambda: setup._bridge.latest == setup._generation and len(computed) == 2, timeout=UI_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not setup._previews_stale, timeout=UI_TIMEOUT_MS)
    assert len(computed) == 2  # the one running, then only the newest
