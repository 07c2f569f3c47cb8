"""A list param (Reshape's shape) is typed in the inspector like any size; the new layers are found by their words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio import infer_shapes

from .test_canvas_editing import double_click_palette
from .test_fields_and_search import type_and_enter
from .test_insert_and_reconnect import click_node


def test_typing_a_reshapes_sizes_sets_them_and_the_shape_follows(qtbot, window):
    graph = window.doc.graph
    click_node(window, "fc1")
    double_click_palette(qtbot, window, "reshape")
    reshape = graph.by_name("reshape1").id
    line = window.inspector.editors["shape"].line
    assert line.text() == "-1"
    type_and_enter(qtbot, line, "4, -1")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert graph.nodes[reshape].params["shape"] == [4, -1]
    assert infer_shapes(graph).info[reshape].shape == (4, 30)  # fc1 gives 120 values
    type_and_enter(qtbot, line, "7")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert graph.nodes[reshape].params["shape"] == [7]
    problem = next(d for d in infer_shapes(graph).diagnostics if d.node == reshape)
    assert "120 values" in problem.message and "7 values" in problem.message


@pytest.mark.parametrize(
    ("query", "block"),
    [("frozen batch norm", "frozen_batchnorm2d"), ("bn act", "batchnorm_act2d"), ("channels last", "permute")],
)
def test_palette_finds_the_new_layers_by_their_words(qtbot, make_window, query, block):
    palette = make_window(preset=None).block_palette
    palette.focus_search()
    QTest.keyClicks(palette.search, query)
    assert block in palette.visible_types()
