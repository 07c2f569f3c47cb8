"""The Learn dock: its pages follow the canvas selection, show the inspector's numbers, step the kernel,
apply padding and stride as one undoable edit, and speak Japanese with the same numbers."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cnnstudio.core import i18n
from cnnstudio.gui import translation
from cnnstudio.gui.learn import content

from .test_insert_and_reconnect import click_node

LENET_CONV1 = "(28 + 2·2 − 5) / 1 + 1 = 28"


def open_learn(window):
    """Help → Concepts, as a user opens it."""
    window.learn.act_concepts.trigger()
    assert window.learn.dock.isVisible()
    return window.learn.panel


def inspector_lines(window) -> list[str]:
    return [line.strip() for line in window.inspector.info.text().splitlines() if line.strip()]


def window_of(page) -> tuple[int, int]:
    """The kernel's top-left cell on the padded input, as the picture draws it."""
    w = page.setup.window(page.picture.index)
    return w.top, w.left


def test_the_page_follows_the_selection_with_the_inspectors_numbers(qtbot, window):
    panel = open_learn(window)
    click_node(window, "conv1")
    assert panel.concept == "convolution" and panel.page.own
    page = panel.page
    assert LENET_CONV1 in page.text()
    # the same lines, from the same formula code, as the inspector's "Output size" section
    for line in page.formula.text().splitlines():
        assert line in inspector_lines(window)
    assert "H, W: " + LENET_CONV1 in page.formula.text()

    click_node(window, "pool1")
    assert panel.concept == "pooling"
    pooling = panel.page
    assert "(28 + 2·0 − 2) / 2 + 1 = 14" in pooling.text()
    for line in pooling.formula.text().splitlines():
        assert line in inspector_lines(window)

    click_node(window, "fc1")  # a dense layer: the parameter shapes, the inspector's count
    assert panel.concept == "parameters"
    assert "120 × 400 + 120 = 48,120" in panel.page.text()
    assert "= 48,120 parameters" in window.inspector.info.text()

    click_node(window, "relu1")  # no page of its own: the page stays, on its default example with a hint
    assert panel.concept == "parameters" and not panel.page.own
    assert "select a" in panel.page.text().lower()


def test_step_back_and_keys_move_the_kernel_one_output_position(qtbot, window):
    panel = open_learn(window)
    click_node(window, "conv1")
    page = panel.page
    assert page.picture.index == 0 and window_of(page) == (0, 0)
    for _ in range(3):
        qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    assert page.picture.index == 3 and window_of(page) == (0, 3)
    assert "Output (0, 3)" in page.position.text() and "position 4 of 784" in page.position.text()
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window_of(page) == (0, 2)
    page.picture.setFocus()
    QTest.keyClick(page.picture, Qt.Key.Key_Right)
    QTest.keyClick(page.picture, Qt.Key.Key_Right)
    assert page.picture.index == 4
    QTest.keyClick(page.picture, Qt.Key.Key_Left)
    assert page.picture.index == 3
    # the sum shown is the sum of the element-wise products under the window (checked by hand here)
    image, kernel, setup = page.image, page.kernel, page.setup
    top, left = window_of(page)
    total = sum(setup.value(image, top + i, left + j) * kernel[i][j] for i in range(5) for j in range(5))
    assert page.position.text().endswith(f"sum = {total}".replace("-", "−"))
    # a row ends after 28 positions: the 29th starts the next row
    for _ in range(25):
        QTest.keyClick(page.picture, Qt.Key.Key_Space)
    assert window_of(page) == (1, 0)


def test_sliders_preview_and_apply_changes_the_block_as_one_undo_step(qtbot, window):
    graph = window.doc.graph
    start = graph.snapshot()
    panel = open_learn(window)
    conv = click_node(window, "conv1")
    page = panel.page
    assert not page.apply_button.isEnabled()

    page.padding_slider.setFocus()
    QTest.keyClick(page.padding_slider, Qt.Key.Key_Left)  # padding 2 → 1: a preview only
    assert "(28 + 2·1 − 5) / 1 + 1 = 26" in page.formula.text()
    assert graph.snapshot() == start and page.apply_button.isEnabled()
    page.stride_slider.setFocus()
    QTest.keyClick(page.stride_slider, Qt.Key.Key_Right)  # stride 1 → 2
    assert "⌊(28 + 2·1 − 5) / 2⌋ + 1 = 13" in page.formula.text()
    for _ in range(2):
        QTest.keyClick(page.picture, Qt.Key.Key_Right)
    assert window_of(page) == (0, 4)  # stride 2: each step moves the kernel two cells

    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert graph.nodes[conv].params["padding"] == 1 and graph.nodes[conv].params["stride"] == 2
    assert window.scene.nodes[conv].look.shape == "6×13×13"
    assert "⌊(28 + 2·1 − 5) / 2⌋ + 1 = 13" in window.inspector.info.text()
    assert not page.apply_button.isEnabled() and page.own

    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert graph.snapshot() == start  # one step restores the exact graph
    assert LENET_CONV1 in page.formula.text()
    assert page.padding_slider.value() == 2 and page.stride_slider.value() == 1


@pytest.fixture
def japanese():
    app = QApplication.instance()
    translation.install(app, "ja")
    yield
    translation.install(app, "en")
    i18n.set_language("en")


def test_the_page_in_japanese_has_japanese_prose_and_the_same_numbers(qtbot, japanese, make_window):
    window = make_window()
    panel = open_learn(window)
    click_node(window, "conv1")
    text = panel.page.text()
    assert panel.concepts.currentText() == "畳み込み"
    assert "要素積の和" in text and "ゼロパディング" in text and "ストライド" in text
    assert LENET_CONV1 in text
    assert panel.page.step_button.text() == "ステップ ▶"
    click_node(window, "pool1")
    assert "最大プーリング" in panel.page.text() and "(28 + 2·0 − 2) / 2 + 1 = 14" in panel.page.text()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_page_fills_every_placeholder_on_its_example_and_on_a_block(qtbot, make_window, language):
    i18n.set_language(language)
    try:
        window = make_window("googlenet")
        panel = open_learn(window)
        inception = window.doc.graph.by_name("inception3a").id
        for selection in (None, inception):
            window.scene.select_nodes([selection] if selection else [])
            for concept in content.CONCEPTS:
                panel.show_concept(concept)
                text = panel.page.text()
                assert not re.search(r"\$[a-z_]+", text), (concept, text)
                assert content.title(concept, language) in text
    finally:
        i18n.set_language("en")


def test_play_slides_the_kernel_on_a_timer_and_pause_stops_it(qtbot, window):
    panel = open_learn(window)
    click_node(window, "conv1")
    page = panel.page
    qtbot.mouseClick(page.play_button, Qt.MouseButton.LeftButton)
    assert page.timer.isActive() and page.play_button.isChecked()
    qtbot.waitUntil(lambda: page.picture.index >= 2, timeout=60_000)
    qtbot.mouseClick(page.play_button, Qt.MouseButton.LeftButton)
    assert not page.timer.isActive()
    stopped = page.picture.index
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    assert page.picture.index == stopped + 1


def test_pooling_uses_the_feature_maps_docks_output_when_there_is_one(qtbot, window, monkeypatch):
    import torch

    panel = open_learn(window)
    click_node(window, "pool1")
    assert "bundled sample" in panel.page.source.text()  # nothing computed yet: a digit stands in
    feature = [[float((r * 3 + c * 5) % 7) for c in range(28)] for r in range(28)]
    # what the Feature maps dock keeps after showing relu1: its output, C×H×W, under the block's name
    maps = torch.stack([torch.tensor(feature), torch.zeros(28, 28)])
    monkeypatch.setattr(window.insight, "panel", SimpleNamespace(cache={"relu1": maps}))
    panel.refresh()
    page = panel.page
    assert "relu1" in page.source.text()
    grid = page.picture.panels[0].grid
    assert grid == [row[:8] for row in feature[:8]]
    # the highlighted window (0, 1) of a 2×2 / 2 pool: its max and mean, as the page states them
    cells = [feature[r][c] for r in (0, 1) for c in (2, 3)]
    assert page.picture.panels[1].grid[0][1] == max(cells)
    assert page.picture.panels[2].grid[0][1] == sum(cells) / 4


def test_invariance_asks_the_feature_maps_model_for_each_shift_off_the_gui_thread(qtbot, window, monkeypatch):
    import torch

    from cnnstudio import compile_model

    panel = open_learn(window)
    panel.show_concept("invariance")
    page = panel.page
    assert "Open the Feature maps dock" in page.prediction.text()  # no compiled model yet
    torch.manual_seed(0)
    model = compile_model(window.doc.graph).eval()
    names = [f"digit {i}" for i in range(10)]
    monkeypatch.setattr(window.insight, "panel", SimpleNamespace(model=model, class_names=names, normalization=None))
    page.sliders["dx"].setFocus()
    QTest.keyClick(page.sliders["dx"], Qt.Key.Key_Right)  # shift the digit one pixel right
    assert page.sliders["dx"].value() == 1
    qtbot.waitUntil(lambda: "prediction for this shift" in page.prediction.text(), timeout=60_000)
    label = page.prediction.text().split(": ", 1)[1].split(" (")[0]
    assert label in names
    # the strongest response moved with the digit and kept its value
    assert "column 5" in page.response.text() and "44" in page.response.text()


def test_module_pages_count_the_selected_blocks_like_the_inspector(qtbot, make_window):
    window = make_window("googlenet")
    panel = open_learn(window)
    node = click_node(window, "inception3a")
    assert panel.concept == "inception"
    total = window.doc.inference.info[node].params
    assert f"= {total:,} parameters" in window.inspector.info.text()
    text = panel.page.text()
    assert f"{total:,}" in text
    # torchvision's 3a (its "5×5" is 3×3): 1×1 reductions take the convolution weights from 294,912 to 155,136
    assert "155,136" in text and "294,912" in text and "3×3 branch with:" in text

    window = make_window("resnet18")
    panel = open_learn(window)
    node = click_node(window, "layer2.0")
    assert panel.concept == "residual"
    total = window.doc.inference.info[node].params
    assert f"the block: {total:,}" in panel.page.text()
    assert "1×1 conv /2: 64 → 128" in panel.page.text()  # the projection shortcut, as the stride and width change
    click_node(window, "layer2.1")
    assert "x = 128×28×28" in panel.page.text()  # same shape in and out: the identity shortcut
    click_node(window, "avgpool")
    assert panel.concept == "gap"
    assert "25,089,000" in panel.page.text() and "513,000" in panel.page.text()
