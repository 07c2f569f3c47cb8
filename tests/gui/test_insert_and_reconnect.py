"""Insert, don't branch: adding after a block that feeds others, dropping on a wire, delete and reconnect,
the Reconnect and dead-branch fixes; each one undo step back to the identical graph."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cnnstudio.core import project_file
from cnnstudio.core.edits import AddNode, Compound, Connect
from cnnstudio.core.graph import Edge, Node
from cnnstudio.gui.canvas.canvas_menu import build_menu
from cnnstudio.gui.canvas.view import BLOCK_MIME

from .helpers import send_mouse
from .test_canvas_editing import double_click_palette


def click_node(window, name: str) -> str:
    """Select a block with a real click on the canvas."""
    node = window.doc.graph.by_name(name)
    window.view.center_on_node(node.id)
    centre = window.scene.nodes[node.id].center()
    send_mouse(window.view, QMouseEvent.Type.MouseButtonPress, centre)
    send_mouse(window.view, QMouseEvent.Type.MouseButtonRelease, centre)
    assert window.scene.selected_node_ids() == [node.id]
    return node.id


def focus_canvas(qtbot, window) -> None:
    """Keyboard focus on the canvas of the active window, where the canvas's shortcuts apply."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=60_000)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=60_000)


def overlaps(window) -> list[tuple[str, str]]:
    """Pairs of blocks whose rectangles on the canvas intersect."""
    items = list(window.scene.nodes.values())
    rects = [(i.node_id, QRectF(i.x(), i.y(), i.width, 64.0)) for i in items]
    graph = window.doc.graph
    return [
        (graph.nodes[a].name, graph.nodes[b].name)
        for k, (a, ra) in enumerate(rects)
        for b, rb in rects[k + 1 :]
        if ra.intersects(rb)
    ]


def drop_block(view, block_type: str, scene_pos: QPointF) -> None:
    """Drag enter, move and drop on the canvas viewport, as a drag from the palette delivers them."""
    mime = QMimeData()
    mime.setData(BLOCK_MIME, block_type.encode())
    point = QPointF(view.mapFromScene(scene_pos))
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QDragEnterEvent(point.toPoint(), copy, mime, left, none))
    QApplication.sendEvent(viewport, QDragMoveEvent(point.toPoint(), copy, mime, left, none))
    QApplication.sendEvent(viewport, QDropEvent(point, copy, mime, left, none))


def test_double_click_after_a_block_that_feeds_another_inserts_it_and_makes_room(qtbot, window):
    doc, graph = window.doc, window.doc.graph
    before = project_file.dumps(graph)
    relu1 = click_node(window, "relu1")
    pool1 = graph.by_name("pool1")
    pool_pos = pool1.pos
    steps = doc.undo_stack.count()
    double_click_palette(qtbot, window, "batchnorm2d")
    bn = graph.by_name("bn1")
    assert graph.in_edges(bn.id)["in"].src == relu1
    assert graph.in_edges(pool1.id)["in"].src == bn.id  # inserted, not a side branch
    assert [e.dst for e in graph.out_edges(relu1)] == [bn.id]
    assert window.scene.nodes[bn.id].look.shape == "6×28×28"
    assert pool1.pos[1] > pool_pos[1] and overlaps(window) == []
    assert doc.inference.diagnostics == []  # no dead branch, no problem
    assert window.problems.topLevelItem(0).text(1).startswith("No problems")
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == before


def test_an_insert_the_shapes_refuse_becomes_a_branch_and_the_status_bar_says_why(qtbot, window):
    doc, graph = window.doc, window.doc.graph
    flatten = click_node(window, "flatten")
    fc1 = graph.by_name("fc1")
    double_click_palette(qtbot, window, "conv2d")
    conv = graph.by_name("conv3")
    assert graph.in_edges(conv.id)["in"].src == flatten
    assert graph.in_edges(fc1.id)["in"].src == flatten  # fc1 still fed as before
    message = window.status.currentMessage()
    assert message.startswith("conv3 added as a branch of flatten: inserted before fc1 it would give conv3:")
    assert "expects" in message
    codes = {d.code for d in doc.inference.for_node(conv.id)}
    assert "dead_branch" in codes


def test_dropping_on_a_wire_inserts_and_shifts_the_blocks_after_it(qtbot, window):
    doc, graph, scene, view = window.doc, window.doc.graph, window.scene, window.view
    before = project_file.dumps(graph)
    conv1, relu1 = graph.by_name("conv1"), graph.by_name("relu1")
    assert overlaps(window) == []
    edge_item = next(i for e, i in scene.edges.items() if (e.src, e.dst) == (conv1.id, relu1.id))
    view.set_zoom(1.0)
    view.centerOn(edge_item._path.pointAtPercent(0.5))
    after_relu = {n.name: n.pos for n in graph.nodes.values()}
    drop_block(view, "batchnorm2d", edge_item._path.pointAtPercent(0.5))
    bn = graph.by_name("bn1")
    assert graph.in_edges(bn.id)["in"].src == conv1.id and graph.in_edges(relu1.id)["in"].src == bn.id
    assert overlaps(window) == []  # the blocks after the wire moved on to make room
    for name in ("relu1", "pool1", "output"):
        assert graph.by_name(name).pos[1] == after_relu[name][1] + 120.0
    assert bn.pos == (conv1.pos[0], conv1.pos[1] + 120.0)  # in line, spaced like the rest of the chain
    assert graph.by_name("input").pos == after_relu["input"]
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == before


def test_ctrl_delete_deletes_and_reconnects_in_one_step(qtbot, window):
    doc, graph, view = window.doc, window.doc.graph, window.view
    before = project_file.dumps(graph)
    relu2 = click_node(window, "relu2")
    conv2, pool2 = graph.by_name("conv2"), graph.by_name("pool2")
    menu = build_menu(window, window.canvas, window.scene.nodes[relu2].center(), window.scene.nodes[relu2])
    assert "Delete and reconnect" in [a.text() for a in menu.actions()]
    focus_canvas(qtbot, window)
    steps = doc.undo_stack.count()
    QTest.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert graph.by_name("relu2") is None
    assert graph.in_edges(pool2.id)["in"].src == conv2.id
    assert doc.inference.ok and doc.inference.diagnostics == []
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == before


def test_deleting_the_last_linear_and_reconnecting_says_the_class_count_changed(qtbot, window):
    """LeNet-5's fc3 (84 → 10) goes: its head now scores fc2's 84 outputs, which the status bar tells."""
    graph = window.doc.graph
    click_node(window, "fc3")
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert graph.by_name("fc3") is None
    assert window.status.currentMessage() == (
        "The output now scores 84 classes, not 10: Edit → Replace Head… sets the count"
    )
    window.doc.undo_stack.undo()
    window.status.clearMessage()
    click_node(window, "relu3")
    QTest.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "classes" not in window.status.currentMessage()


def test_a_plain_delete_offers_reconnect_to_the_previous_block_in_problems(qtbot, window):
    doc, graph, view, panel = window.doc, window.doc.graph, window.view, window.problems
    click_node(window, "relu1")
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    conv1, pool1 = graph.by_name("conv1"), graph.by_name("pool1")
    broken = project_file.dumps(graph)
    row = next(i for i, d in enumerate(panel.diagnostics) if d.node == pool1.id)
    button = panel.fix_button(row)
    assert button.text() == "Reconnect to conv1"
    dead = next(d for d in panel.diagnostics if d.node == conv1.id)
    assert dead.code == "dead_branch" and dead.level == "warning"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert graph.in_edges(pool1.id)["in"].src == conv1.id
    assert doc.inference.diagnostics == []
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == broken


def test_a_dead_branch_is_listed_with_a_fix_that_inserts_it(qtbot, window):
    doc, graph, panel = window.doc, window.doc.graph, window.problems
    relu1, pool1 = graph.by_name("relu1"), graph.by_name("pool1")
    bn = Node(graph.new_id(), "batchnorm2d", "bn1", doc.registry.get("batchnorm2d").defaults(), (400.0, 300.0))
    doc.push(Compound([AddNode(bn), Connect(Edge(relu1.id, bn.id))], text="branch"))
    branched = project_file.dumps(graph)
    row = next(i for i, d in enumerate(panel.diagnostics) if d.node == bn.id)
    assert "dead branch" in panel.topLevelItem(row).text(1)
    button = panel.fix_button(row)
    assert button.text() == "Insert between relu1 and pool1"
    assert [a.text() for a in button.menu().actions()][-1] == "Delete bn1"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert graph.in_edges(pool1.id)["in"].src == bn.id
    assert doc.inference.diagnostics == []
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == branched


def test_deleting_the_head_offers_to_add_it_back_on_the_last_block(qtbot, window):
    doc, graph, view, panel = window.doc, window.doc.graph, window.view, window.problems
    click_node(window, "output")
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    headless = project_file.dumps(graph)
    fc3 = graph.by_name("fc3")
    row = next(i for i, d in enumerate(panel.diagnostics) if d.code == "no_output")
    assert panel.topLevelItem(row).text(0) == "fc3"  # told where the head goes, not on "(network)"
    button = panel.fix_button(row)
    assert button.text() == "Add a Classification output after fc3 (10 classes)"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (edge,) = graph.out_edges(fc3.id)
    assert graph.nodes[edge.dst].type == "classification_output" and graph.nodes[edge.dst].name == "output"
    assert graph.nodes[edge.dst].pos[1] > fc3.pos[1]  # below it, where the chain runs
    assert doc.inference.diagnostics == []
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == headless


def test_an_auxiliary_branch_without_its_head_is_deleted_whole_or_given_a_head_again(qtbot, make_window):
    window = make_window("googlenet")
    doc, graph, view, panel = window.doc, window.doc.graph, window.view, window.problems
    click_node(window, "aux1.output")
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    headless = project_file.dumps(graph)
    fc2 = graph.by_name("aux1.fc2")
    row = next(i for i, d in enumerate(panel.diagnostics) if d.node == fc2.id)
    button = panel.fix_button(row)
    assert button.text() == "Add an auxiliary Classification output after aux1.fc2"
    labels = [a.text() for a in button.menu().actions()]
    assert labels[1:] == ["Delete the branch from aux1.pool (7 blocks)", "Delete aux1.fc2"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (edge,) = graph.out_edges(fc2.id)
    head = graph.nodes[edge.dst]
    assert (head.type, head.params["auxiliary"], head.params["loss_weight"]) == ("classification_output", True, 0.3)
    assert head.name == "aux1.output"
    assert doc.inference.diagnostics == []
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == headless

    before = {n.name for n in graph.nodes.values()}
    row = next(i for i, d in enumerate(panel.diagnostics) if d.node == fc2.id)
    panel.fix_button(row).menu().actions()[1].trigger()
    gone = before - {n.name for n in graph.nodes.values()}
    assert len(gone) == 7 and all(name.startswith("aux1.") for name in gone)
    assert graph.by_name("inception4a") is not None  # it feeds the main path too
    assert doc.inference.diagnostics == []
    assert doc.undo_stack.undo() is None and project_file.dumps(graph) == headless


def test_dropping_on_a_skip_wire_puts_the_block_beside_the_main_path(qtbot, make_window):
    window = make_window("resnet18")
    doc, graph, scene, view = window.doc, window.doc.graph, window.scene, window.view
    window.canvas.expand_node(graph.by_name("layer1.1").id)
    add = graph.by_name("layer1.1.add")
    skip = next(e for e in graph.edges if e.dst == add.id and e.src == graph.by_name("layer1.0").id)
    assert overlaps(window) == []
    edge_item = scene.edges[skip]
    view.set_zoom(1.0)
    where = edge_item._path.pointAtPercent(0.3)  # beside layer1.1's first parts
    view.centerOn(where)
    before, text = set(graph.nodes), project_file.dumps(graph)
    drop_block(view, "batchnorm2d", where)
    (bn,) = set(graph.nodes) - before
    assert graph.in_edges(add.id)[skip.dst_port].src == bn
    assert overlaps(window) == []
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == text


def test_a_drop_on_a_wire_the_shapes_refuse_becomes_a_branch_as_a_double_click_does(qtbot, window):
    graph, scene, view = window.doc.graph, window.scene, window.view
    conv1, relu1 = graph.by_name("conv1"), graph.by_name("relu1")
    edge_item = next(i for e, i in scene.edges.items() if (e.src, e.dst) == (conv1.id, relu1.id))
    view.set_zoom(1.0)
    view.centerOn(edge_item._path.pointAtPercent(0.5))
    before = set(graph.nodes)
    drop_block(view, "linear", edge_item._path.pointAtPercent(0.5))
    (fc,) = set(graph.nodes) - before
    assert graph.in_edges(fc)["in"].src == conv1.id and graph.in_edges(relu1.id)["in"].src == conv1.id
    name = graph.nodes[fc].name
    assert window.status.currentMessage().startswith(f"{name} added as a branch of conv1: inserted before relu1")
    assert not window.doc.inference.for_node(relu1.id)  # relu1 is as it was
    assert overlaps(window) == []
