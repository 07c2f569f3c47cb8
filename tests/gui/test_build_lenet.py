"""Done-when check: build LeNet-5 on an empty canvas with the palette and the inspector only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio import presets
from cnnstudio.core.inference import infer_shapes


def add(window, search: str) -> None:
    """Type in the palette search and press Enter: adds the first match after the selected block, wired."""
    window.block_palette.focus_search()
    QTest.keyClicks(window.block_palette.search, search)
    QTest.keyClick(window.block_palette.search, Qt.Key.Key_Return)


def set_params(window, **values) -> None:
    for key, value in values.items():
        editor = window.inspector.editors[key]
        if hasattr(editor, "line"):
            editor.line.setFocus()
            editor.line.selectAll()
            QTest.keyClicks(editor.line, str(value))
        else:
            editor.box.setFocus()
            editor.box.lineEdit().selectAll()
            QTest.keyClicks(editor.box.lineEdit(), str(value))
        editor.finished.emit()


def test_lenet5_built_by_hand_matches_the_preset(qtbot, make_window):
    window = make_window(preset=None)
    window.files.new_blank()
    steps = [
        ("input", {}),
        ("conv2d", {"out_channels": 6, "kernel_size": 5, "padding": 2}),
        ("relu", {}),
        ("maxpool", {}),
        ("conv2d", {"out_channels": 16, "kernel_size": 5}),
        ("relu", {}),
        ("maxpool", {}),
        ("flatten", {}),
        ("linear", {"out_features": 120}),
        ("relu", {}),
        ("linear", {"out_features": 84}),
        ("relu", {}),
        ("linear", {"out_features": 10}),
        ("classification", {}),
    ]
    for search, params in steps:
        add(window, search)
        set_params(window, **params)
    graph, inference = window.doc.graph, window.doc.inference
    assert inference.ok, [d.message for d in inference.diagnostics]
    assert len(graph.nodes) == 14 and len(graph.edges) == 13
    preset = infer_shapes(presets.build("lenet5"))
    assert inference.total_params == preset.total_params == 61_706
    assert inference.total_macs == preset.total_macs
    last = window.scene.nodes[graph.by_name("fc3").id]
    assert last.look.shape == "10"
    assert window.isWindowModified()
