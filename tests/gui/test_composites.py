"""Expand a composite block into its parts from the canvas menu, and collapse the parts back."""

from __future__ import annotations

from cnnstudio.gui.canvas.canvas_menu import build_menu


def menu_action(window, node_id: str, text_start: str):
    item = window.scene.nodes[node_id]
    menu = build_menu(window, window.canvas, item.center(), item)
    return next((a for a in menu.actions() if a.text().startswith(text_start)), None)


def test_expand_then_collapse_from_the_context_menu(qtbot, make_window):
    window = make_window("resnet18")
    doc, graph, scene = window.doc, window.doc.graph, window.scene
    start = graph.snapshot()
    window.canvas.auto_layout("lr")  # across: the room is made and given back along x
    laid_out = {n.name: n.pos for n in graph.nodes.values()}
    block = graph.by_name("layer2.0")
    after = graph.by_name("layer2.1")
    shapes = doc.inference.info[after.id].shape
    params = doc.inference.total_params

    assert menu_action(window, graph.by_name("conv1").id, "Expand") is None  # not a composite
    menu_action(window, block.id, "Expand into its parts").trigger()
    assert graph.by_name("layer2.0") is None
    parts = sorted(n.name for n in graph.nodes.values() if n.name.startswith("layer2.0."))
    assert parts == sorted(
        f"layer2.0.{p}"
        for p in ("conv1", "bn1", "relu", "conv2", "bn2", "downsample.0", "downsample.1", "add", "relu_out")
    )
    assert doc.inference.ok and doc.inference.total_params == params
    assert doc.inference.info[after.id].shape == shapes
    assert scene.nodes[graph.by_name("layer2.0.conv1").id].look.shape == "128×28×28"
    # the parts got room: nothing overlaps layer2.1, which moved on down the flow
    relu_out = graph.by_name("layer2.0.relu_out")
    assert graph.nodes[after.id].pos[0] > relu_out.pos[0]
    assert doc.undo_stack.count() == 2

    collapse = menu_action(window, graph.by_name("layer2.0.bn1").id, "Collapse layer2.0")
    assert collapse is not None
    collapse.trigger()
    back = graph.by_name("layer2.0")
    assert back is not None and back.type == "residual"
    assert back.params == block.params
    assert doc.inference.total_params == params
    assert {n.name: n.pos for n in graph.nodes.values()} == laid_out  # where it was, layer2.1 back beside it

    for _ in range(3):
        doc.undo_stack.undo()
    assert graph.snapshot() == start


def test_a_refused_collapse_says_why_and_changes_nothing(qtbot, make_window):
    window = make_window("resnet18")
    graph = window.doc.graph
    window.canvas.expand_node(graph.by_name("layer1.0").id)
    expanded = graph.snapshot()
    messages = []
    window.canvas.message.connect(messages.append)
    window.scene.select_nodes([graph.by_name("layer1.0.conv2").id])
    window.doc.set_param(graph.by_name("layer1.0.conv2").id, "kernel_size", 5)
    window.doc.set_param(graph.by_name("layer1.0.conv2").id, "padding", 2)
    changed = graph.snapshot()
    assert changed != expanded
    window.act_collapse.trigger()
    assert messages and "cannot collapse 'layer1.0'" in messages[-1] and "kernel_size" in messages[-1]
    assert graph.snapshot() == changed


def _select_by_clicks(window, names: list[str]) -> None:
    """A click on the first block, Ctrl+clicks on the rest (real mouse events on the canvas)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view, graph = window.view, window.doc.graph
    for k, name in enumerate(names):
        node = graph.by_name(name)
        view.center_on_node(node.id)
        point = view.mapFromScene(window.scene.nodes[node.id].center())
        modifier = Qt.KeyboardModifier.ControlModifier if k else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, point)
    assert sorted(window.scene.selected_node_ids()) == sorted(graph.by_name(n).id for n in names)


def test_ctrl_g_on_a_selection_that_is_not_one_blocks_parts_says_what_was_selected(qtbot, make_window):
    """Not "cannot collapse 'layer1'": the user never chose the stage the names share."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from .test_insert_and_reconnect import focus_canvas

    window = make_window("resnet18")
    graph = window.doc.graph
    window.canvas.expand_node(graph.by_name("layer1.0").id)
    window.canvas.expand_node(graph.by_name("layer2.0").id)
    expanded = graph.snapshot()
    for names, said in [
        (["layer1.0.conv1", "layer1.1"], "layer1.1 is a block, not a part: Collapse joins the parts that Expand made"),
        (["layer1.0.conv1", "layer2.0.conv1"], "The selection spans layer1.0, layer2.0: select the parts of one"),
        (["layer1.0.conv1", "conv1"], "The selection spans conv1, layer1.0: select the parts of one"),
    ]:
        _select_by_clicks(window, names)
        focus_canvas(qtbot, window)
        QTest.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        assert window.status.currentMessage().startswith(said)
        assert graph.snapshot() == expanded
    _select_by_clicks(window, ["layer1.0.conv1", "layer1.0.bn1"])  # one block's parts: collapsed
    QTest.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert graph.by_name("layer1.0").type == "residual"
