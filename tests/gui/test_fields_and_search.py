"""Refused field text reverts visibly with the reason in the status bar; fixes least surprising first;
palette search knows synonyms and the study notes' words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from .test_canvas_editing import double_click_palette
from .test_insert_and_reconnect import click_node

Key = Qt.Key


def type_and_enter(qtbot, line, text: str) -> None:
    line.window().activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus, timeout=60_000)
    line.selectAll()
    QTest.keyClicks(line, text)


def test_letters_in_a_number_field_revert_to_the_models_value_with_the_reason(qtbot, window):
    graph = window.doc.graph
    click_node(window, "fc1")
    double_click_palette(qtbot, window, "dropout")
    dropout = graph.by_name("dropout1").id
    editor = window.inspector.editors["p"]
    line = editor.box.lineEdit()
    type_and_enter(qtbot, line, "abc")
    assert line.text() == "abc"  # while typing, the field says what is wrong
    error = window.inspector.errors["p"]
    assert error.isVisibleTo(window.inspector) and error.text() == "p must be a number, got 'abc'"
    assert editor.box.property("invalid") == "true"
    QTest.keyClick(line, Key.Key_Return)
    assert line.text() == "0.5"  # back to the model's value, on screen
    assert not error.isVisibleTo(window.inspector) and editor.box.property("invalid") == "false"
    assert window.status.currentMessage() == "p must be a number, got 'abc' — kept 0.5"
    assert graph.nodes[dropout].params["p"] == 0.5


def test_kernel_text_that_is_not_numbers_reverts_when_the_field_is_left(qtbot, window):
    conv = click_node(window, "conv1")
    line = window.inspector.editors["kernel_size"].line
    type_and_enter(qtbot, line, "abc")
    QTest.keyClick(line, Key.Key_Tab)  # leave the field
    assert line.text() == "5"
    assert window.status.currentMessage().startswith("kernel_size: type whole numbers")
    assert window.status.currentMessage().endswith("— kept 5")
    assert window.doc.graph.nodes[conv].params["kernel_size"] == 5


@pytest.mark.parametrize(
    ("name", "key", "typed", "kept"),
    [("input", "shape", "1, 100000, 100000", "1, 28, 28"), ("conv1", "kernel_size", "3, 5, 7", "5")],
)
def test_refused_typing_goes_back_to_the_value_from_before_it(qtbot, window, name, key, typed, kept):
    """Values typed on the way ("1, 10000" on the way to "1, 100000, 100000") are taken live; when what was
    typed in the end is refused, the block goes back to its value from before the typing, with no undo step."""
    node = click_node(window, name)
    before = window.doc.graph.nodes[node].params[key]
    steps = window.doc.undo_stack.count()
    line = window.inspector.editors[key].line
    type_and_enter(qtbot, line, typed)
    assert window.doc.graph.nodes[node].params[key] != before  # a value on the way was taken, live
    QTest.keyClick(line, Key.Key_Return)
    reason, _, shown = window.status.currentMessage().partition(" — kept ")
    assert line.text() == kept and shown == kept
    assert reason.startswith(f"{key} ")  # why, not only what was kept
    assert window.doc.graph.nodes[node].params[key] == before
    assert window.doc.undo_stack.count() == steps and not window.doc.modified


def test_refused_typing_goes_back_when_another_block_is_clicked_before_the_field_is_left(qtbot, window):
    conv = click_node(window, "conv1")
    steps = window.doc.undo_stack.count()
    line = window.inspector.editors["kernel_size"].line
    type_and_enter(qtbot, line, "3, 5, 7")
    QTest.keyClick(line, Key.Key_Tab)  # left by Tab: the form is filled again before the reason is read
    assert window.status.currentMessage().startswith("kernel_size ")
    assert window.doc.graph.nodes[conv].params["kernel_size"] == 5
    type_and_enter(qtbot, line, "3, 5, 7")
    assert window.doc.graph.nodes[conv].params["kernel_size"] == [3, 5]  # taken on the way
    click_node(window, "relu1")
    assert window.doc.graph.nodes[conv].params["kernel_size"] == 5
    assert window.doc.undo_stack.count() == steps
    assert window.status.currentMessage().startswith("kernel_size ")


def test_zero_output_channels_is_refused_visibly_with_the_allowed_range(qtbot, window):
    conv = click_node(window, "conv1")
    editor = window.inspector.editors["out_channels"]
    type_and_enter(qtbot, editor.box.lineEdit(), "0")
    error = window.inspector.errors["out_channels"]
    assert error.isVisibleTo(window.inspector)
    assert error.text().startswith("out_channels = 0 is outside the allowed range [1, ")
    QTest.keyClick(editor.box.lineEdit(), Key.Key_Return)
    assert editor.box.lineEdit().text() == "6"
    assert "outside the allowed range [1, " in window.status.currentMessage()
    assert window.status.currentMessage().endswith("— kept 6")
    assert window.doc.graph.nodes[conv].params["out_channels"] == 6


def test_shrinking_the_kernel_is_offered_before_padding_that_grows_the_network(qtbot, make_window):
    window = make_window(preset=None)
    window.files.new_blank()
    for block in ("input", "conv2d", "flatten", "linear", "classification_output"):
        double_click_palette(qtbot, window, block)
    doc, graph, panel = window.doc, window.doc.graph, window.problems
    assert doc.inference.ok
    conv = click_node(window, "conv1")
    type_and_enter(qtbot, window.inspector.editors["kernel_size"].line, "40")  # the input is 28×28
    row = next(i for i, d in enumerate(panel.diagnostics) if d.node == conv)
    button = panel.fix_button(row)
    assert button.text() == "Shrink kernel to 28"
    assert [a.text() for a in button.menu().actions()] == ["Shrink kernel to 28", "Use 'same' padding"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert graph.nodes[conv].params["kernel_size"] == 28 and doc.inference.ok
    shrunk = doc.inference.total_params
    doc.undo_stack.undo()
    button = panel.fix_button(next(i for i, d in enumerate(panel.diagnostics) if d.node == conv))
    button.menu().actions()[1].trigger()
    assert graph.nodes[conv].params["padding"] == "same" and doc.inference.ok
    assert shrunk * 10 < doc.inference.total_params  # the other fix would have grown the network tenfold


@pytest.mark.parametrize(
    "query, block",
    [
        ("softmax", "softmax"),  # the Softmax block itself; the Classification head is listed too (below)
        ("1x1", "conv2d"),
        ("1×1", "conv2d"),
        ("skip", "add"),
        ("shortcut", "add"),
        ("residual", "residual"),
        ("padding", "conv2d"),
        ("dense", "linear"),
        ("fully connected", "linear"),
        ("GAP", "global_avgpool"),
        ("global average", "global_avgpool"),
        ("linear", "linear"),
        ("leaky", "leaky_relu"),  # PReLU's keyword too: the block whose own name has it comes first
        ("1x1 conv", "conv2d"),
        ("dilation", "conv2d"),
        ("atrous", "conv2d"),
        ("bottleneck", "residual"),
        ("output", "classification_output"),
        ("Fully-Connected", "linear"),  # a hyphen is a space
        ("1 x 1", "conv2d"),  # not "Latent input" (1 and x and 1 in its description)
        ("se", "squeeze_excitation"),  # not the Multiply that gates it
        ("squeeze-excitation", "squeeze_excitation"),
    ],
)
def test_palette_search_knows_synonyms(qtbot, make_window, query, block):
    window = make_window(preset=None)
    palette = window.block_palette
    palette.focus_search()
    QTest.keyClicks(palette.search, query)
    assert palette.best_match() == block
    assert block in palette.visible_types()


def test_skip_shows_both_the_add_and_the_residual_block(qtbot, make_window):
    palette = make_window(preset=None).block_palette
    QTest.keyClicks(palette.search, "skip")
    assert set(palette.visible_types()) >= {"add", "residual"}


def test_softmax_also_offers_the_classification_head(qtbot, make_window):
    palette = make_window(preset=None).block_palette
    QTest.keyClicks(palette.search, "softmax")
    assert {"softmax", "classification_output"} <= set(palette.visible_types())


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("12.5", "out_channels must be a whole number, got '12.5'"),  # was taken as 125
        ("1e3", "out_channels must be a whole number, got '1e3'"),  # was 13
        ("-4", "out_channels = -4 is outside the allowed range [1, 65536]"),  # was 4
    ],
)
def test_a_whole_number_field_shows_what_it_cannot_take_and_says_why(qtbot, window, typed, reason):
    conv = click_node(window, "conv1")
    steps = window.doc.undo_stack.count()
    line = window.inspector.editors["out_channels"].box.lineEdit()
    type_and_enter(qtbot, line, typed)
    assert line.text() == typed and window.inspector.editors["out_channels"].reason == reason
    QTest.keyClick(line, Key.Key_Return)
    assert window.status.currentMessage() == f"{reason} — kept 6" and line.text() == "6"
    assert window.doc.graph.nodes[conv].params["out_channels"] == 6 and window.doc.undo_stack.count() == steps


def test_a_size_field_left_half_typed_shows_the_value_it_took(qtbot, window):
    conv = click_node(window, "conv1")
    line = window.inspector.editors["kernel_size"].line
    type_and_enter(qtbot, line, "3x")  # on the way to 3x3
    QTest.keyClick(line, Key.Key_Tab)
    assert window.doc.graph.nodes[conv].params["kernel_size"] == 3 and line.text() == "3"
    type_and_enter(qtbot, line, "3×5")
    QTest.keyClick(line, Key.Key_Return)
    assert window.doc.graph.nodes[conv].params["kernel_size"] == [3, 5] and line.text() == "3, 5"
