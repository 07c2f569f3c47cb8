"""The Feature maps dock on a detector: the boxes it finds listed and drawn over the image, and the detection
head's heat map of the chosen box's class as the overlay (where Grad-CAM is for a classifier)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.training.detection.planted import CLASSES, planted_detector, red_patch


def test_boxes_are_listed_and_drawn_and_the_heat_map_shows_their_class(panel, qtbot):
    graph, model = planted_detector()
    panel.set_model(model, graph, CLASSES)
    panel.set_image(red_patch(row=2, col=5), "red patch")
    table = panel.input.predictions.table
    assert table.rowCount() == 1 and table.item(0, 0).text() == "square"
    assert table.cellWidget(0, 1).format() == "100.0 %"
    assert panel.input.predictions.title.text() == "<b>Boxes</b> 1 found"
    assert panel.input.cam_toggle.text() == "Heat map" and panel.input.cam_node.isHidden()
    rect, label = panel.input.picture.boxes
    r = rect.rect()
    assert (r.left(), r.top(), r.width(), r.height()) == (18.0, 6.0, 8.0, 8.0)
    assert label.toPlainText() == "square 1.00"

    assert not panel.input.picture.overlay.isVisible()
    toggle = panel.input.cam_toggle
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton, pos=QPoint(8, toggle.height() // 2))
    assert toggle.isChecked() and panel.input.picture.overlay.isVisible()
    assert "heat map of <b>square</b> from <b>head</b> (channel 1)" in panel.input.caption.text()
    overlay = panel.input.picture.overlay.image  # RGBA over the 32×32 input: opaque only at the square's cell
    assert overlay.shape[:2] == (32, 32)
    assert overlay[10, 22, 3] > 100 and overlay[28, 4, 3] == 0

    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton, pos=QPoint(8, toggle.height() // 2))
    assert not panel.input.picture.overlay.isVisible() and "heat map" not in panel.input.caption.text()


def test_an_empty_image_has_no_boxes_and_a_classifier_gets_grad_cam_back(panel, lenet):
    graph, model = planted_detector()
    panel.set_model(model, graph, CLASSES)
    panel.set_image(red_patch() * 0, "black")
    assert panel.input.predictions.table.rowCount() == 0 and panel.input.picture.boxes == []
    assert panel.input.predictions.title.text() == "<b>Boxes</b> 0 found"
    graph, model = lenet
    panel.set_model(model, graph)
    assert panel.input.cam_toggle.text() == "Grad-CAM at" and not panel.input.cam_node.isHidden()
