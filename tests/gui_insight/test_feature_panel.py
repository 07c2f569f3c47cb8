import torch
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

import cnnstudio
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.insight import input_region, top_predictions

from .conftest import UI_TIMEOUT_MS


def click_picture(qtbot, view, row: float, col: float) -> None:
    """A real mouse click on picture pixel (row, col) of a PictureView."""
    scene_point = view.view.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene_point))


def test_selecting_a_node_shows_its_channels(panel, lenet, digit_like):
    graph, model = lenet
    panel.set_model(model, graph)
    panel.set_image(digit_like, "bar")
    assert panel.features.channel_count == 0  # nothing selected yet
    for name, count, hw in (("conv1", 6, (28, 28)), ("conv2", 16, (10, 10)), ("pool2", 16, (5, 5))):
        nid = graph.by_name(name).id
        panel.show_node(nid)
        assert panel.features.channel_count == count
        assert tuple(panel.features.maps.shape) == (count, *hw)
        assert f"{count} channels of {hw[0]}×{hw[1]}" in panel.features.header.text()
        layout = panel.features.layout_
        assert layout.count == count and panel.features.grid.picture_shape == layout.size
    panel.show_node(graph.by_name("fc1").id)
    assert panel.features.flat and "120 features" in panel.features.header.text()


def test_hundreds_of_channels_are_one_tiled_picture(panel):
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 6, 6])
    wide = b.add("conv2d", "wide", x, out_channels=512, kernel_size=3, padding=1)
    graph = b.build()
    panel.set_model(cnnstudio.compile_model(graph), graph)
    panel.set_image(torch.rand(3, 6, 6))
    panel.show_node(wide)
    assert panel.features.channel_count == 512
    assert "512 channels of 6×6" in panel.features.header.text()
    rows, cols = panel.features.layout_.rows, panel.features.layout_.columns
    assert rows * cols >= 512 and panel.features.grid.picture_shape == panel.features.layout_.size


def test_clicking_a_map_enlarges_it_and_boxes_the_input_that_feeds_the_position(qtbot, panel, lenet, digit_like):
    graph, model = lenet
    panel.set_model(model, graph)
    panel.set_image(digit_like)
    conv2 = graph.by_name("conv2").id
    panel.show_node(conv2)
    grid = panel.features
    top, left = grid.layout_.origin(5)
    with qtbot.waitSignal(grid.positionPicked, timeout=UI_TIMEOUT_MS) as picked:
        click_picture(qtbot, grid.grid, top + 3, left + 7)  # channel 5, position (3, 7)
    assert picked.args == [5, 3, 7]
    assert grid.channel == 5 and grid.position == (3, 7)
    expected = input_region(graph, conv2, 3, 7)
    box = panel.input.picture.box
    assert box.isVisible()
    rect = box.rect()
    assert (rect.top(), rect.left(), rect.bottom(), rect.right()) == expected
    assert "fed by input rows 4–17, columns 12–25 (14×14" in grid.info.text()

    click_picture(qtbot, grid.zoom, 9, 0)  # a click in the enlarged map moves the position
    assert grid.channel == 5 and grid.position == (9, 0)
    rect = panel.input.picture.box.rect()
    assert (rect.top(), rect.left(), rect.bottom(), rect.right()) == input_region(graph, conv2, 9, 0)


def test_predictions_and_grad_cam_follow_the_chosen_class(panel, lenet, digit_like):
    graph, model = lenet
    panel.set_model(model, graph, [f"digit {i}" for i in range(10)])
    panel.set_image(digit_like)
    table = panel.input.predictions.table
    expected = top_predictions(model, digit_like, 5)
    assert table.rowCount() == 5
    assert [table.item(r, 0).text() for r in range(5)] == [f"digit {p.index}" for p in expected]
    assert table.cellWidget(0, 1).format() == f"{expected[0].probability * 100:.1f} %"
    assert panel.input.cam_node.currentText() == "conv2"  # the last convolution by default
    assert not panel.input.picture.overlay.isVisible()
    panel.set_cam_node(graph.by_name("conv2").id)
    assert panel.input.picture.overlay.isVisible()
    assert f"class <b>digit {expected[0].index}</b>" in panel.input.caption.text()
    table.selectRow(3)
    assert f"class <b>digit {expected[3].index}</b>" in panel.input.caption.text()
    panel.input.cam_toggle.setChecked(False)
    assert not panel.input.picture.overlay.isVisible() and "Grad-CAM" not in panel.input.caption.text()


def test_the_model_sees_the_image_normalised_as_in_training(panel, lenet, digit_like):
    graph, model = lenet
    panel.set_model(model, graph, normalization=([0.25], [0.5]))
    panel.set_image(digit_like)
    top = top_predictions(model, (digit_like - 0.25) / 0.5, 1)[0]
    assert panel.input.predictions.chosen_class() == top.index
    panel.show_node(graph.by_name("input").id)
    torch.testing.assert_close(panel.features.maps, (digit_like - 0.25) / 0.5)


def test_kernels_of_the_selected_convolution(panel, lenet, digit_like):
    graph, model = lenet
    panel.set_model(model, graph)
    panel.set_image(digit_like)
    panel.show_node(graph.by_name("conv2").id)
    assert "16 filters × 6 input channels · 5×5" in panel.kernels.header.text()
    assert panel.kernels.picture.picture_shape == panel.kernels.layout_.size
    panel.show_node(graph.by_name("relu1").id)
    assert "no convolution kernels" in panel.kernels.header.text()


def test_data_set_samples_and_colour_files_are_fitted_to_the_input(panel, lenet, tmp_path):
    from PIL import Image

    graph, model = lenet
    panel.set_model(model, graph, [str(i) for i in range(10)])
    images, labels = torch.rand(4, 1, 8, 8), torch.tensor([3, 1, 4, 1])
    panel.set_dataset(images, labels)
    assert panel.sample.maximum() == 3 and panel.sample.isEnabled()
    panel.sample.setValue(2)
    assert panel.source_label.text() == "sample 2 · label 4"
    assert tuple(panel.image.shape) == (1, 28, 28)  # 8×8 enlarged to LeNet's input

    Image.new("RGB", (50, 40), (200, 30, 30)).save(tmp_path / "red.png")
    assert panel.load_image_file(str(tmp_path / "red.png"))
    assert tuple(panel.image.shape) == (1, 28, 28) and panel.source_label.text() == "red.png"
    assert panel.message_text == ""


def test_a_broken_image_gives_a_message_in_the_panel_not_an_exception(qtbot, panel, lenet, digit_like, tmp_path):
    graph, model = lenet
    panel.set_model(model, graph)
    panel.set_image(digit_like, "bar")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is not a jpeg")
    with qtbot.waitSignal(panel.errorOccurred, timeout=UI_TIMEOUT_MS) as error:
        assert panel.load_image_file(str(broken)) is False
    assert error.args[0].startswith("broken.jpg: cannot read the image")  # a JPEG header, then garbage
    assert error.args[0] in panel.message_text
    assert panel.source_label.text() == "bar"  # the previous image stays

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "gone.png"))])
    drop = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.errorOccurred, timeout=UI_TIMEOUT_MS):
        panel.dropEvent(drop)
    assert "gone.png: no such file" in panel.message_text


def test_messages_before_there_is_anything_to_show(panel, lenet):
    assert "No model yet" in panel.features.header.text()
    graph, model = lenet
    panel.set_model(model, graph)
    assert "Choose an image" in panel.input.caption.text()
    panel.show_node(graph.by_name("conv1").id)
    assert "Choose an image to see its output" in panel.features.header.text()
    assert panel.features.channel_count == 0
