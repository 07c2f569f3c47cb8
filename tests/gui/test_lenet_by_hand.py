"""Done-when check (issue 12): LeNet-5 built by hand with real input takes fewer than 40 actions, and no step
leaves a dead branch: palette double-clicks insert after the selected block, fields are typed into."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio import presets
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.inference import infer_shapes

BEFORE = 40  # counted by hand before insert-in-place and these defaults: 14 double-clicks, 8 fields

# the blocks in order, and the fields whose defaults differ from LeNet-5's
STEPS = [
    ("input", {}),
    ("conv2d", {"out_channels": 6, "kernel_size": 5, "padding": 2}),
    ("relu", {}),
    ("maxpool2d", {}),
    ("conv2d", {"kernel_size": 5}),
    ("relu", {}),
    ("maxpool2d", {}),
    ("flatten", {}),
    ("linear", {"out_features": 120}),
    ("relu", {}),
    ("linear", {"out_features": 84}),
    ("relu", {}),
    ("linear", {}),
    ("classification_output", {}),
]


class Actions:
    """Real input, counted: a double-click, a click, a typed value and a key press are one action each."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window, self.count = qtbot, window, 0

    def double_click_palette(self, block_type: str) -> None:
        tree = self.window.block_palette.tree
        item = self.window.block_palette.item_for(block_type)
        tree.scrollToItem(item)
        centre = tree.visualItemRect(item).center()
        # QTest sends a double-click without the press before it; a mouse gives both (one action)
        self.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        self.qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        self.count += 1

    def type_into(self, key: str, value) -> None:
        """Double-click the field (selects its number), type the value, press Enter: three actions."""
        editor = self.window.inspector.editors[key]
        line = getattr(editor, "line", None) or editor.box.lineEdit()
        line.setFocus()  # the double-click's press gives it focus
        QTest.mouseDClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
        assert line.selectedText() == line.text(), f"{key}: a double-click selects the whole number"
        QTest.keyClicks(line, str(value))
        QTest.keyClick(line, Qt.Key.Key_Return)
        self.count += 3


def chain(graph) -> list:
    """The nodes from the input to the end; fails on a branch or a block left out."""
    nodes, out = [], {}
    for edge in graph.edges:
        assert edge.src not in out, f"{graph.nodes[edge.src].name} feeds two blocks: a branch"
        out[edge.src] = edge.dst
    (start,) = [n for n in graph.nodes.values() if n.type == "input"]
    node = start
    while node is not None:
        nodes.append(node)
        node = graph.nodes.get(out.get(node.id))
    assert len(nodes) == len(graph.nodes), "every block is on the one path"
    return nodes


def structure(graph) -> list[tuple]:
    """(type, resolved params, output shape) along the chain: what makes two LeNet-5s the same network."""
    info = infer_shapes(graph).info
    return [(n.type, REGISTRY.get(n.type).resolve(n.params), info[n.id].shape) for n in chain(graph)]


def test_lenet5_by_hand_in_fewer_actions_with_no_dead_branch(qtbot, make_window):
    window = make_window(preset=None)
    window.files.new_blank()
    window.inspector_dock.raise_()
    actions = Actions(qtbot, window)
    for block_type, fields in STEPS:
        actions.double_click_palette(block_type)
        graph = window.doc.graph
        added = window.scene.selected_node_ids()
        assert len(added) == 1 and graph.nodes[added[0]].type == block_type  # the new block, selected
        chain(graph)  # every step leaves one path: nothing dangles beside it
        for key, value in fields.items():
            actions.type_into(key, value)
        assert window.doc.inference.ok, [d.message for d in window.doc.inference.diagnostics]
        assert not [d for d in window.doc.inference.diagnostics if d.code == "dead_branch"]

    assert structure(window.doc.graph) == structure(presets.build("lenet5"))
    assert window.doc.inference.total_params == 61_706
    # 14 double-clicks and 6 fields of 3 actions each
    assert actions.count == 32 < BEFORE
    # undo takes it all back to the empty canvas
    while window.doc.undo_stack.canUndo():
        window.doc.undo_stack.undo()
    assert not window.doc.graph.nodes
