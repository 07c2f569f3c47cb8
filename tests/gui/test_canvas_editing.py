"""Building a network on the canvas: palette, wiring by drag, moving, deleting, copy/paste, undo."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from cnnstudio.core.edits import Disconnect
from cnnstudio.gui.canvas.view import BLOCK_MIME

from .helpers import drag


def double_click_palette(qtbot, window, block_type: str) -> None:
    tree = window.block_palette.tree
    item = window.block_palette.item_for(block_type)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click starts
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # with a press


def names(graph):
    return sorted(n.name for n in graph.nodes.values())


def test_palette_double_click_builds_a_wired_chain(qtbot, make_window):
    window = make_window(preset=None)
    window.files.new_blank()
    graph = lambda: window.doc.graph  # noqa: E731  (replaced on New)
    double_click_palette(qtbot, window, "input")
    assert names(graph()) == ["input1"]
    (input_id,) = graph().nodes
    assert window.scene.selected_node_ids() == [input_id]  # the next block attaches to it

    double_click_palette(qtbot, window, "conv2d")
    conv = graph().by_name("conv1")
    assert [(e.src, e.dst, e.dst_port) for e in graph().edges] == [(input_id, conv.id, "in")]
    assert window.scene.selected_node_ids() == [conv.id]
    edge_item = next(iter(window.scene.edges.values()))
    assert edge_item.label == "1×28×28"
    assert window.scene.nodes[conv.id].look.shape == "16×26×26"

    # searching and pressing Enter adds the first match
    window.block_palette.search.setText("relu")
    assert window.block_palette.best_match() == "relu"
    QTest.keyClick(window.block_palette.search, Qt.Key.Key_Return)
    assert "relu1" in names(graph())
    assert window.doc.undo_stack.count() == 3  # each add (with its wire) is one step


def test_dragging_a_wire_connects_ports_with_feedback(qtbot, window):
    graph, scene, view = window.doc.graph, window.scene, window.view
    fc3, output = graph.by_name("fc3"), graph.by_name("output")
    fc1 = graph.by_name("fc1")
    edge = graph.in_edges(output.id)["in"]
    window.doc.push(Disconnect(edge))
    assert output.id not in {e.dst for e in graph.edges}
    view.center_on_node(fc3.id)

    start = scene.nodes[fc3.id].output.scenePos()
    end = scene.nodes[output.id].inputs["in"].scenePos()
    seen = []
    drag(view, start, end, on_move=lambda p: seen.append(scene.nodes[output.id].inputs["in"].feedback))
    assert seen[-1] == "ok"  # the target port lit up before the release
    assert graph.in_edges(output.id)["in"].src == fc3.id
    assert scene.nodes[output.id].look.error is None

    # a wire that would close a loop is refused with a reason
    messages = []
    scene.wire_feedback.connect(lambda level, text: messages.append((level, text)))
    view.set_zoom(0.6)
    view.centerOn(scene.nodes[fc1.id].center())
    steps = window.doc.undo_stack.count()
    drag(view, scene.nodes[fc3.id].output.scenePos(), scene.nodes[fc1.id].inputs["in"].scenePos())
    assert any(level == "bad" and "cycle" in text for level, text in messages)
    assert graph.in_edges(fc1.id)["in"].src == graph.by_name("flatten").id
    assert window.doc.undo_stack.count() == steps
    assert scene.nodes[fc1.id].inputs["in"].feedback is None  # feedback cleared after the drop


def test_moving_a_node_is_one_undo_step_and_follows_undo(qtbot, window):
    graph, scene, view = window.doc.graph, window.scene, window.view
    conv = graph.by_name("conv1")
    item = scene.nodes[conv.id]
    view.center_on_node(conv.id)
    before = conv.pos
    grab = item.scenePos() + QPointF(60, 30)
    steps_before = window.doc.undo_stack.count()
    drag(view, grab, grab + QPointF(80, 40), steps=5)
    assert window.doc.undo_stack.count() == steps_before + 1
    moved = graph.nodes[conv.id].pos
    assert abs(moved[0] - before[0] - 80) < 1.5 and abs(moved[1] - before[1] - 40) < 1.5
    window.doc.undo_stack.undo()
    assert graph.nodes[conv.id].pos == before
    assert (item.x(), item.y()) == before


def test_delete_copy_paste_and_duplicate(qtbot, window):
    graph, scene, view = window.doc.graph, window.scene, window.view
    start = graph.snapshot()
    conv, relu = graph.by_name("conv1"), graph.by_name("relu1")
    scene.select_nodes([conv.id, relu.id])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = scene.selected_node_ids()
    assert [graph.nodes[n].name for n in pasted] == ["conv3", "relu5"]
    assert [(e.src, e.dst) for e in graph.edges if e.dst in pasted] == [(pasted[0], pasted[1])]
    assert graph.nodes[pasted[0]].pos == (conv.pos[0] + 40, conv.pos[1] + 40)

    QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # duplicate the pasted pair
    assert len(graph.nodes) == 18
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert len(graph.nodes) == 16
    for _ in range(3):
        window.doc.undo_stack.undo()
    assert graph.snapshot() == start


def test_drop_from_palette_onto_a_wire_inserts_the_block(qtbot, window):
    graph, scene, view = window.doc.graph, window.scene, window.view
    conv, relu = graph.by_name("conv1"), graph.by_name("relu1")
    edge_item = next(i for e, i in scene.edges.items() if (e.src, e.dst) == (conv.id, relu.id))
    view.centerOn(edge_item.boundingRect().center())
    mime = QMimeData()
    mime.setData(BLOCK_MIME, b"batchnorm2d")
    point = view.mapFromScene(edge_item._path.pointAtPercent(0.5))
    event = QDropEvent(
        QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    view.dropEvent(event)
    bn = graph.by_name("bn1")
    assert bn is not None
    assert graph.in_edges(bn.id)["in"].src == conv.id
    assert graph.in_edges(relu.id)["in"].src == bn.id
    assert window.scene.nodes[bn.id].look.shape == "6×28×28"
    window.doc.undo_stack.undo()
    assert graph.by_name("bn1") is None and graph.in_edges(relu.id)["in"].src == conv.id


def test_zoom_keeps_the_point_under_the_cursor(qtbot, window):
    view = window.view
    anchor = QPointF(200, 150)
    before = view.mapToScene(anchor.toPoint())
    view.zoom_by(1.7, anchor)
    after = view.mapToScene(anchor.toPoint())
    assert abs(before.x() - after.x()) < 2 and abs(before.y() - after.y()) < 2
    view.fit_all()
    rect = window.scene.graph_rect()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(rect)


def test_auto_layout_is_one_step_and_changes_port_sides(qtbot, window):
    graph, scene = window.doc.graph, window.scene
    start = graph.snapshot()
    assert scene.orientation == "tb"
    window.act_layout_lr.trigger()
    assert scene.orientation == "lr"
    conv = graph.by_name("conv1")
    port = scene.nodes[conv.id].inputs["in"]
    assert port.pos().x() == 0  # inputs on the left side now
    window.doc.undo_stack.undo()
    assert graph.snapshot() == start
    assert scene.orientation == "tb"


def test_every_kind_of_edit_undoes_to_the_identical_graph_and_redoes(qtbot, window):
    from cnnstudio.gui.canvas.canvas_menu import build_menu

    doc, graph, scene, canvas = window.doc, window.doc.graph, window.scene, window.canvas
    start = graph.snapshot()
    scene.select_nodes([graph.by_name("pool2").id])
    double_click_palette(qtbot, window, "dropout")  # add, wired after pool2
    doc.set_param(graph.by_name("conv2").id, "out_channels", 20, session="s")  # a param
    window.inspector.show_nodes([graph.by_name("fc1").id])
    window.inspector.name_edit.setText("classifier.0")
    window.inspector._commit_name()  # rename
    scene.select_nodes([graph.by_name("conv1").id, graph.by_name("relu1").id])
    canvas.duplicate_selection()  # paste
    canvas.auto_layout("lr")  # many moves, one step
    node = scene.nodes[graph.by_name("pool1").id]
    menu = build_menu(window, canvas, node.center(), node)
    next(a for a in menu.actions() if a.text() == "Freeze up to here").trigger()  # freeze via the context menu
    scene.select_nodes([graph.by_name("relu4").id])
    canvas.delete_selection()  # delete with its wires
    final = graph.snapshot()
    assert doc.undo_stack.count() == 7
    assert {n.name for n in graph.nodes.values() if not n.trainable} == {"input", "conv1", "relu1", "pool1"}
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert graph.snapshot() == start
    assert {n.node_id for n in scene.nodes.values()} == set(graph.nodes)
    assert {i.edge for i in scene.edges.values()} == set(graph.edges)
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
    assert graph.snapshot() == final
    assert {i.edge for i in scene.edges.values()} == set(graph.edges)


def test_palette_drag_data_drops_onto_the_canvas(qtbot, window):
    palette, view, graph = window.block_palette, window.view, window.doc.graph
    mime = palette.tree.mimeData([palette.item_for("flatten")])
    assert mime.hasFormat(BLOCK_MIME)
    target = view.viewport().rect().center() + QPoint(260, 0)  # beside the chain: on no wire
    event = QDropEvent(
        QPointF(target), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    view.dropEvent(event)
    node = graph.by_name("flatten1")
    assert node is not None
    centre = view.mapToScene(target)
    item = window.scene.nodes[node.id]
    assert abs(item.center().x() - centre.x()) < 12 and abs(item.center().y() - centre.y()) < 12


def test_a_wire_dragged_backwards_from_an_input_onto_a_block_body_connects(qtbot, window):
    graph, scene, view = window.doc.graph, window.scene, window.view
    relu1, pool1 = graph.by_name("relu1"), graph.by_name("pool1")
    window.doc.push(Disconnect(graph.in_edges(pool1.id)["in"]))
    view.set_zoom(1.0)
    view.centerOn(scene.nodes[relu1.id].center())
    start = scene.nodes[pool1.id].inputs["in"].scenePos()
    drag(view, start, scene.nodes[relu1.id].center())  # onto the block, not exactly its port
    assert graph.in_edges(pool1.id)["in"].src == relu1.id
    assert scene.nodes[pool1.id].look.shape == "6×14×14"
