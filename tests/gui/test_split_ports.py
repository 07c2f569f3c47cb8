"""A Split block on the canvas: one output port per piece, wires drawn from a chosen port, labels per piece."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.edits import SetParam
from cnnstudio.core.project_file import save

from .helpers import drag


def _split_project(path) -> None:
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 6, 6])
    s = b.add("split", "split", x, outputs=2, sizes=[3, 5])
    b.add("conv2d", "conv", out_channels=4, kernel_size=3, padding=1)
    b.add("concat", "cat", (s, "out0"))
    save(b.build(), path)


def test_a_wire_dragged_from_the_second_output_carries_that_piece(qtbot, make_window, tmp_path):
    path = tmp_path / "split.cnn.json"
    _split_project(path)
    window = make_window(None)
    assert window.files.open(str(path))
    graph, scene, view = window.doc.graph, window.scene, window.view
    split, conv = graph.by_name("split"), graph.by_name("conv")
    item = scene.nodes[split.id]
    assert list(item.outputs) == ["out0", "out1"]
    out0, out1 = item.outputs["out0"], item.outputs["out1"]
    assert out0.is_output and out1.is_output and out0.scenePos() != out1.scenePos()
    assert "3×6×6 | 5×6×6" in item.look.shape

    view.center_on_node(split.id)
    target = scene.nodes[conv.id].inputs["in"]
    view.centerOn((out1.scenePos() + target.scenePos()) / 2)
    drag(view, out1.scenePos(), target.scenePos())
    edge = graph.in_edges(conv.id)["in"]
    assert (edge.src, edge.src_port) == (split.id, "out1")
    wire = scene.edges[edge]
    qtbot.waitUntil(lambda: wire.label == "5×6×6", timeout=60_000)
    assert window.doc.inference.info[conv.id].in_shapes == [(5, 6, 6)]

    # three pieces: a third port appears; undo takes it away again
    window.doc.push(SetParam(split.id, "sizes", [2, 2, 4]))
    window.doc.push(SetParam(split.id, "outputs", 3))
    assert list(item.outputs) == ["out0", "out1", "out2"]
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert list(item.outputs) == ["out0", "out1"]
    assert item.output_port("out1") is out1 and isinstance(out1.scenePos(), QPointF)
