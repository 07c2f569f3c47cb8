"""A video in the Feature maps dock: decoded in the worker thread, a frame slider that the arrow keys move, and
for the chosen frame the boxes, heat map and maps the compiled model gives on that frame as decoded; a broken
video is one line in the panel."""

from __future__ import annotations

import av
import pytest
import torch
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio.insight import activations, fit_image
from cnnstudio.insight.pixels import pixels
from cnnstudio.training.detection.heat import detect_image
from tests.training.detection.planted import CLASSES, planted_detector

from .conftest import UI_TIMEOUT_MS

CELLS = [(1, 1), (2, 5), (6, 3), (4, 6)]  # where frame i's red patch sits (row, column of the 8×8 grid)


def _write_video(path, codec: str) -> None:
    """64×64 frames, a red 8×8 patch moving from cell to cell: the planted detector's "square"."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for row, col in CELLS:
            image = Image.new("RGB", (64, 64))
            image.paste((255, 0, 0), (8 * col, 8 * row, 8 * col + 8, 8 * row + 8))
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def _decoded(path) -> list[torch.Tensor]:
    """The frames as decoded, fitted to the detector's 3×32×32 input: what the dock must run the model on."""
    with av.open(str(path)) as container:
        return [fit_image(pixels(f.to_image(), 3), (3, 32, 32)) for f in container.decode(video=0)]


@pytest.fixture
def threaded_panel(qtbot):
    """The dock's panel with its worker thread, as in the main window."""
    from cnnstudio.gui.background import serial_pool
    from cnnstudio.gui.insight import FeatureMapPanel

    pool = serial_pool()
    widget = FeatureMapPanel(pool=pool)
    widget.resize(1000, 620)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget, timeout=UI_TIMEOUT_MS)
    yield widget
    widget.cancel_work()
    pool.waitForDone(UI_TIMEOUT_MS)


def _settled(panel, qtbot) -> None:
    qtbot.waitUntil(lambda: not panel.busy.busy, timeout=UI_TIMEOUT_MS)


@pytest.mark.parametrize("suffix, codec", [("mp4", "libx264"), ("webm", "libvpx")])
def test_a_videos_frames_are_stepped_with_the_keys_and_show_that_frames_boxes_and_maps(
    threaded_panel, qtbot, tmp_path, suffix, codec
):
    panel = threaded_panel
    graph, model = planted_detector()
    panel.set_model(model, graph, CLASSES)
    head = graph.by_name("head")
    panel.show_node(head.id)
    path = tmp_path / f"moving.{suffix}"
    _write_video(path, codec)
    frames = _decoded(path)
    assert len(frames) == len(CELLS)

    assert panel.strip.isHidden()
    panel.load_file(str(path))
    qtbot.waitUntil(lambda: panel.strip.isVisible(), timeout=UI_TIMEOUT_MS)  # decoded off the GUI thread
    _settled(panel, qtbot)
    slider = panel.strip.slider
    assert slider.hasFocus() and (slider.minimum(), slider.maximum(), slider.value()) == (0, 3, 0)
    assert panel.strip.label.text() == "frame 1 of 4 · 0.00 s"

    def expect_frame(index: int) -> None:
        assert panel.strip.label.text() == f"frame {index + 1} of 4 · {index / 10:.2f} s"
        assert panel.source_label.text() == f"moving.{suffix} · frame {index + 1} of 4 · {index / 10:.2f} s"
        assert torch.equal(panel.image, frames[index])  # the frame as decoded, fitted as an image would be
        want = detect_image(model, frames[index])
        assert torch.equal(panel.detections.boxes, want.boxes) and torch.equal(panel.detections.scores, want.scores)
        table = panel.input.predictions.table
        assert table.rowCount() == len(want.labels) >= 1
        assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["square"] * len(want.labels)
        row, col = CELLS[index]  # the best box sits on the frame's patch (the fitted frame's 4-pixel cells)
        x1, y1, x2, y2 = want.boxes[0].tolist()
        assert (x1 + x2) / 2 == pytest.approx(4 * col + 2, abs=1) and (y1 + y2) / 2 == pytest.approx(4 * row + 2, abs=1)
        drawn = panel.input.picture.boxes[0].rect()
        assert (drawn.left(), drawn.top(), drawn.right(), drawn.bottom()) == pytest.approx((x1, y1, x2, y2))
        maps = activations(model, frames[index], ["head"])["head"]
        assert torch.equal(panel.features.maps, maps)  # the selected node's maps are this frame's

    expect_frame(0)
    QTest.keyClick(slider, Qt.Key.Key_Right)
    QTest.keyClick(slider, Qt.Key.Key_Right)
    _settled(panel, qtbot)
    expect_frame(2)
    QTest.keyClick(slider, Qt.Key.Key_End)
    _settled(panel, qtbot)
    expect_frame(3)
    QTest.keyClick(slider, Qt.Key.Key_Left)
    _settled(panel, qtbot)
    expect_frame(2)

    panel.set_dataset(torch.zeros(2, 3, 32, 32))  # the dock sets its samples after each compile: the video stays
    assert panel.strip.isVisible() and torch.equal(panel.image, frames[2])
    QTest.keyClick(panel.sample, Qt.Key.Key_Up)  # a sample chosen: the video closes
    _settled(panel, qtbot)
    assert panel.strip.isHidden() and panel.video is None and panel.source_label.text() == "sample 1"


def test_a_broken_video_is_one_line_in_the_panel_and_the_picture_stays(threaded_panel, qtbot, tmp_path, monkeypatch):
    panel = threaded_panel
    graph, model = planted_detector()
    panel.set_model(model, graph, CLASSES)
    panel.set_image(torch.zeros(3, 32, 32), "black")
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4)
    panel.load_file(str(broken))
    qtbot.waitUntil(lambda: bool(panel.message_text), timeout=UI_TIMEOUT_MS)
    text = panel.message_text
    assert "broken.mp4: not a readable video" in text and "\n" not in text and "Traceback" not in text
    assert panel.strip.isHidden() and panel.source_label.text() == "black"

    panel.load_file(str(tmp_path / "missing.webm"))
    qtbot.waitUntil(lambda: "missing.webm" in panel.message_text, timeout=UI_TIMEOUT_MS)
    assert "\n" not in panel.message_text

    # the frames kept are bounded in memory: a video with more is refused in one line, the picture stays
    from cnnstudio.gui.insight import video_strip

    monkeypatch.setattr(video_strip, "FRAME_BYTES", 3 * 256 * 256 * 3)  # three frames of the smallest side kept
    _write_video(tmp_path / "long.mp4", "libx264")
    panel.load_file(str(tmp_path / "long.mp4"))
    qtbot.waitUntil(lambda: "long.mp4" in panel.message_text, timeout=UI_TIMEOUT_MS)
    assert "long.mp4: has more than 3 frames: cut it shorter" in panel.message_text
    assert panel.strip.isHidden() and panel.source_label.text() == "black"
