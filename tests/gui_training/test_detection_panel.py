"""A detector's run in the Training panel: mAP curves, the AP table in the confusion matrix's place, and
validation images with the predicted boxes over the dashed ground truth."""

from __future__ import annotations

from PySide6.QtGui import QColor

from cnnstudio.gui.training.sample_grid import BOX_COLOURS

from . import events as ev
from .conftest import UI_TIMEOUT_MS

CLASSES = ("circle", "square", "triangle")


def feed(panel, *events) -> None:
    panel.runner.queue.extend(events)
    panel.runner.events_arrived.emit()


def test_a_detector_shows_ap_per_class_map_curves_and_boxes(make_panel, qtbot):
    panel = make_panel()
    feed(panel, ev.started(kind="detection", classes=CLASSES), ev.batch(1), ev.detection_end())
    qtbot.waitUntil(
        lambda: len(panel.samples.tiles) == 2 and panel.ap_table.table.rowCount() == 4, timeout=UI_TIMEOUT_MS
    )
    table = panel.ap_table
    assert panel.confusion.isHidden() and table.isVisible()
    rows = [[table.value(r, c) for c in range(3)] for r in range(4)]
    assert rows == [
        ["circle", "0.900", "0.600"],
        ["square", "0.600", "0.400"],
        ["triangle", "n/a", "n/a"],  # not in the validation images
        ["mean (mAP)", "0.750", "0.500"],
    ]
    assert "heat maps 0.300 · box 0.200 · offset 0.100" in table.losses.text()

    worst, clean = panel.samples.tiles
    assert worst.wrong and worst.caption == "1 found · 1 true" and worst.detail == "match 20%"
    assert worst.boxes[0][2] == "square 0.91" and worst.truth == [(30.0, 30.0, 60.0, 60.0)]
    assert not clean.wrong and clean.boxes == [] and clean.caption == "0 found · 0 true"

    qtbot.waitUntil(lambda: not panel.timer.isActive(), timeout=UI_TIMEOUT_MS)
    x, y = panel.curves.val_accuracy.getData()
    assert x.tolist() == [1.0] and y.tolist() == [75.0]  # mAP@0.5 in %
    _, strict = panel.curves.train_accuracy.getData()
    assert strict.tolist() == [50.0]  # mAP@[.5:.95], dashed
    assert not panel.curves.no_accuracy.isVisible()
    assert "mAP@0.5 0.750 · mAP@[.5:.95] 0.500" in panel.status_label.text()

    # the predicted box is painted in its class colour on the black image, the true box dashed in white, both
    # in the 64-pixel frame the boxes were measured in, not the 32-pixel thumbnail's
    assert worst.frame == (64, 64)
    picture = panel.samples.grab().toImage()
    colours = {picture.pixelColor(x, y).name() for x in range(picture.width()) for y in range(picture.height())}
    assert BOX_COLOURS[1].name() in colours
    assert any(QColor(c).lightness() > 200 for c in colours)
    black = [
        (x, y)
        for x in range(picture.width())
        for y in range(picture.height())
        if picture.pixelColor(x, y).name() == "#000000"
    ]
    left, right = min(x for x, _ in black), max(x for x, _ in black)
    side = right - left + 1  # the first tile's image: the predicted box's left edge lies at 8/64 of it
    edge = [
        x
        for x in range(left, right)
        if picture.pixelColor(x, min(y for _, y in black) + side // 2).name() == BOX_COLOURS[1].name()
    ]
    assert edge and abs(edge[0] - (left + side * 8 / 64)) <= 2


def test_a_classifier_after_a_detector_gets_its_confusion_matrix_back(make_panel, qtbot):
    panel = make_panel()
    feed(panel, ev.started(kind="detection", classes=CLASSES), ev.batch(1), ev.detection_end())
    qtbot.waitUntil(lambda: panel.ap_table.table.rowCount() == 4, timeout=UI_TIMEOUT_MS)
    feed(panel, ev.started(), ev.batch(1), ev.classification_end())
    qtbot.waitUntil(lambda: bool(panel.confusion.matrix) and panel.ap_table.isHidden(), timeout=UI_TIMEOUT_MS)
    assert panel.confusion.isVisible()
    assert panel.samples.tiles[0].boxes is None and panel.samples.tiles[0].caption == "circle"
