"""Inspector typing updates shapes, labels, summary and status live; problems select and fix; freezing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio.core.edits import Compound, Connect, RemoveNode
from cnnstudio.core.graph import Edge


def select(window, name: str) -> str:
    node = window.doc.graph.by_name(name)
    window.scene.select_nodes([node.id])
    return node.id


def summary_row(window, name: str) -> tuple:
    model = window.summary.model_
    return model.rows[[window.doc.graph.nodes[n].name for n in model.ids].index(name)]


def type_into_spinbox(spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin.lineEdit(), text)


def test_typing_a_param_updates_labels_summary_and_status_then_undoes_in_one_step(qtbot, window):
    graph = window.doc.graph
    start = graph.snapshot()
    window.summary_dock.raise_()
    conv = select(window, "conv1")
    inspector = window.inspector
    assert "(28 + 2·2 − 5) / 1 + 1 = 28" in inspector.info.text()
    assert "weight  6×1×5×5" in inspector.info.text() and "= 156 parameters" in inspector.info.text()
    params_before = window.doc.inference.total_params

    type_into_spinbox(inspector.editors["out_channels"].box, "12")
    assert graph.nodes[conv].params["out_channels"] == 12
    assert window.scene.nodes[conv].look.shape == "12×28×28"
    relu = graph.by_name("relu1").id
    edge_item = next(i for e, i in window.scene.edges.items() if (e.src, e.dst) == (conv, relu))
    assert edge_item.label == "12×28×28"
    assert summary_row(window, "conv1")[2] == "12×28×28"
    assert summary_row(window, "conv1")[3] == "312"
    assert window.doc.inference.total_params > params_before
    assert window.status.params.text().startswith("Params ")
    assert f"{window.doc.inference.total_params:,}" in window.status.params.toolTip()
    assert "weight  12×1×5×5" in inspector.info.text()

    # kernel 5 → 3 with padding 2: the formula follows (28 + 4 − 3)/1 + 1 = 30
    line = inspector.editors["kernel_size"].line
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, "3")
    assert graph.nodes[conv].params["kernel_size"] == 3
    assert "(28 + 2·2 − 3) / 1 + 1 = 30" in inspector.info.text()
    assert window.scene.nodes[conv].look.shape == "12×30×30"

    window.doc.undo_stack.undo()  # the kernel typing
    window.doc.undo_stack.undo()  # "1" then "12": one step
    assert graph.snapshot() == start
    assert inspector.editors["out_channels"].box.value() == 6  # the form follows the undo
    assert window.scene.nodes[conv].look.shape == "6×28×28"
    window.doc.undo_stack.redo()
    window.doc.undo_stack.redo()
    assert graph.nodes[conv].params["out_channels"] == 12 and graph.nodes[conv].params["kernel_size"] == 3


def test_invalid_typing_is_explained_and_not_applied(qtbot, window):
    graph = window.doc.graph
    conv = select(window, "conv1")
    editor = window.inspector.editors["padding"]
    editor.line.setFocus()
    editor.line.selectAll()
    QTest.keyClicks(editor.line, "abc")
    error = window.inspector.errors["padding"]
    assert error.isVisibleTo(window.inspector) and "whole numbers" in error.text()
    assert graph.nodes[conv].params["padding"] == 2
    editor.line.selectAll()
    QTest.keyClicks(editor.line, "same")
    assert graph.nodes[conv].params["padding"] == "same"
    assert not error.isVisibleTo(window.inspector)
    assert window.scene.nodes[conv].look.shape == "6×28×28"

    name = window.inspector.name_edit
    name.setFocus()
    name.selectAll()
    QTest.keyClicks(name, "relu1")
    assert "already the name" in window.inspector.name_error.text()
    QTest.keyClick(name, Qt.Key.Key_Return)  # refused: the field goes back to the name and the status bar says why
    assert name.text() == "conv1" and not window.inspector.name_error.isVisibleTo(window.inspector)
    assert window.status.currentMessage() == "'relu1' is already the name of another block — kept conv1"
    name.selectAll()
    QTest.keyClicks(name, "my block")
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == "conv1"
    assert window.status.currentMessage().startswith("the name 'my block' is not a dotted Python path like conv1")
    assert graph.nodes[conv].name == "conv1"
    name.selectAll()
    QTest.keyClicks(name, "class")  # a Python keyword: the project could not be saved with it
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == "conv1" and graph.nodes[conv].name == "conv1"
    assert "Python keyword 'class'" in window.status.currentMessage()
    name.selectAll()
    QTest.keyClicks(name, "features.0")
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert graph.nodes[conv].name == "features.0"
    assert window.scene.nodes[conv].look.name == "features.0"


def test_clicking_a_problem_selects_the_block_and_fix_is_one_undoable_step(qtbot, window):
    graph, doc = window.doc.graph, window.doc
    flatten, pool2, fc1 = graph.by_name("flatten"), graph.by_name("pool2"), graph.by_name("fc1")
    doc.push(Compound([RemoveNode(flatten.id), Connect(Edge(pool2.id, fc1.id))], text="drop flatten"))
    broken = graph.snapshot()
    panel = window.problems
    assert window.scene.nodes[fc1.id].look.error.startswith("Linear expects a flat vector")
    assert "Linear expects a flat vector" in window.scene.nodes[fc1.id].toolTip()
    qtbot.waitUntil(lambda: window.problems_dock.windowTitle() == "Problems (1)")  # when the edits pause
    row = next(i for i, d in enumerate(panel.diagnostics) if d.node == fc1.id)
    item = panel.topLevelItem(row)
    window.scene.clearSelection()
    window.view.set_zoom(1.0)
    window.view.centerOn(0, -5000)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center())
    assert window.scene.selected_node_ids() == [fc1.id]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    node_centre = window.scene.nodes[fc1.id].center()
    assert abs(centre.x() - node_centre.x()) < 5 and abs(centre.y() - node_centre.y()) < 5

    steps = doc.undo_stack.count()
    button = panel.fix_button(row)
    assert button.text() == "Insert Flatten"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == steps + 1
    assert doc.inference.ok
    new = graph.in_edges(fc1.id)["in"].src
    assert graph.nodes[new].type == "flatten" and graph.in_edges(new)["in"].src == pool2.id
    assert window.scene.nodes[fc1.id].look.shape == "120"
    assert panel.topLevelItem(0).text(1).startswith("No problems")
    doc.undo_stack.undo()
    assert graph.snapshot() == broken


def test_freeze_up_to_here_marks_blocks_and_counts_trainable_params(qtbot, window):
    graph, scene = window.doc.graph, window.scene
    window.summary_dock.raise_()
    pool1 = select(window, "pool1")
    window.act_freeze.trigger()
    frozen = {n.name for n in graph.nodes.values() if not n.trainable}
    assert frozen == {"input", "conv1", "relu1", "pool1"}
    assert scene.nodes[graph.by_name("conv1").id].look.frozen
    assert not scene.nodes[graph.by_name("conv2").id].look.frozen
    inference = window.doc.inference
    assert inference.trainable_params == inference.total_params - 156
    assert "(trainable" in window.status.params.text()
    assert summary_row(window, "conv1")[1] == "Conv2d (frozen)"
    assert window.inspector.frozen_box.isChecked()
    window.doc.undo_stack.undo()
    assert all(n.trainable for n in graph.nodes.values())
    assert not scene.nodes[pool1].look.frozen


def test_activation_memory_follows_the_batch_size(qtbot, window):
    from cnnstudio.gui.panels.status import activation_bytes

    inference = window.doc.inference
    # LeNet-5 outputs: input, conv1, relu1, pool1, conv2, relu2, pool2, flatten, fc1, relu3, fc2, relu4, fc3, output
    expected = (784 + 4704 * 2 + 1176 + 1600 * 2 + 400 * 2 + 120 * 2 + 84 * 2 + 10 * 2) * 4
    assert activation_bytes(inference, 1) == expected
    window.status.batch.setValue(64)
    assert activation_bytes(inference, 64) == expected * 64
    assert window.status.memory.text() == f"Activations {expected * 64 / (1 << 20):.1f} MB"


def test_a_summary_behind_another_tab_follows_edits_when_its_tab_is_raised(qtbot, window):
    """Qt counts a dock behind another tab as visible: the table must not be rebuilt per edit there, and must
    show the edits made meanwhile once its tab is raised."""
    window.problems_dock.raise_()
    assert window.summary.visibleRegion().isEmpty()  # behind the Problems tab
    before = summary_row(window, "conv1")
    select(window, "conv1")
    type_into_spinbox(window.inspector.editors["out_channels"].box, "12")
    assert window.doc.graph.by_name("conv1").params["out_channels"] == 12
    assert summary_row(window, "conv1") == before  # no work while nobody can see it
    window.summary_dock.raise_()
    qtbot.waitUntil(lambda: summary_row(window, "conv1")[2] == "12×28×28")
    assert summary_row(window, "conv1")[3] == "312"


def click_block(window, name: str) -> str:
    """A real left click on the block's middle (scrolled into view first)."""
    node = window.doc.graph.by_name(name)
    item = window.scene.nodes[node.id]
    window.view.centerOn(item)
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.view.mapFromScene(item.sceneBoundingRect().center()),
    )
    return node.id


def test_clicking_from_block_to_block_of_one_kind_shows_each_ones_values_and_edits_the_one_shown(qtbot, window):
    graph, inspector = window.doc.graph, window.inspector
    conv1 = click_block(window, "conv1")
    assert inspector.name_edit.text() == "conv1" and inspector.editors["out_channels"].box.value() == 6
    line = inspector.editors["kernel_size"].line
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, "abc")  # refused: the field turns red and says why
    assert inspector.errors["kernel_size"].isVisibleTo(inspector)
    before = graph.snapshot()

    conv2 = click_block(window, "conv2")  # the same kind of block: the form follows it
    assert inspector.node_ids == [conv2]
    assert inspector.name_edit.text() == "conv2"
    assert inspector.editors["out_channels"].box.value() == 16
    assert inspector.editors["padding"].value() == graph.nodes[conv2].params["padding"]
    assert not inspector.errors["kernel_size"].isVisibleTo(inspector)  # conv1's refused text is not conv2's
    assert inspector.editors["kernel_size"].line.property("invalid") == "false"
    assert "(14 − 5) / 1 + 1 = 10" in inspector.info.text().replace("(14 + 2·0 − 5)", "(14 − 5)")
    assert graph.snapshot() == before  # leaving the refused field changed nothing

    type_into_spinbox(inspector.editors["out_channels"].box, "20")
    assert graph.nodes[conv2].params["out_channels"] == 20
    assert graph.nodes[conv1].params["out_channels"] == 6
    click_block(window, "conv1")
    assert inspector.name_edit.text() == "conv1" and inspector.editors["out_channels"].box.value() == 6
