"""Keyboard: one binding per shortcut (and Help lists the real ones), Go to block, nudges, Esc, and the
collapse entry offered only where it applies."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

import cnnstudio.presets
from cnnstudio.core import project_file
from cnnstudio.gui.canvas.goto import find_blocks
from cnnstudio.gui.help import SHORTCUTS

from .test_composites import menu_action
from .test_insert_and_reconnect import click_node, focus_canvas

Ctx = Qt.ShortcutContext
Key, Mod = Qt.Key, Qt.KeyboardModifier


def all_actions(window) -> list[QAction]:
    """Every action of the window: its own, its menus', its docks' and their widgets'."""
    found = {id(a): a for a in window.findChildren(QAction)}
    for widget in [window, *window.findChildren(QWidget)]:
        for action in widget.actions():
            found.setdefault(id(action), action)
    return list(found.values())


def _scope(action: QAction) -> list[QWidget] | None:
    """None: the whole window; else the widgets whose focus (with their children) activates the shortcut."""
    if action.shortcutContext() in (Ctx.WindowShortcut, Ctx.ApplicationShortcut):
        return None
    return [w for w in action.associatedObjects() if isinstance(w, QWidget)]


def _overlap(a: list[QWidget] | None, b: list[QWidget] | None) -> bool:
    if a is None or b is None:
        return True
    return any(x is y or x.isAncestorOf(y) or y.isAncestorOf(x) for x in a for y in b)


def shortcut_clashes(window) -> list[str]:
    by_key: dict[str, list[QAction]] = {}
    for action in all_actions(window):
        for seq in action.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if key:
                by_key.setdefault(key, []).append(action)
    clashes = []
    for key, actions in by_key.items():
        for i, a in enumerate(actions):
            for b in actions[i + 1 :]:
                if a.isEnabled() and b.isEnabled() and _overlap(_scope(a), _scope(b)):
                    clashes.append(f"{key}: {a.text()!r} and {b.text()!r}")
    return clashes


def test_no_two_actions_share_a_shortcut_where_both_are_active(qtbot, window):
    click_node(window, "conv1")  # the undo/redo actions enable once there is history: make some
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Key.Key_Right)
    assert window.doc.undo_stack.canUndo()
    assert shortcut_clashes(window) == []
    keys = {
        seq.toString(QKeySequence.SequenceFormat.PortableText): a.text()
        for a in all_actions(window)
        for seq in a.shortcuts()
    }
    assert keys["Ctrl+E"] == "&Export…"
    assert keys["Ctrl+Shift+G"] == "E&xpand Block" and keys["Ctrl+G"] == "C&ollapse into Block"


def test_the_shortcut_clash_check_catches_a_clash(qtbot, window):
    extra = QAction("Second export", window, shortcut=QKeySequence("Ctrl+E"))
    window.addAction(extra)
    assert shortcut_clashes(window) == ["Ctrl+E: '&Export…' and 'Second export'"]


def test_help_lists_only_bindings_that_exist(qtbot, window):
    bound = {seq.toString() for a in all_actions(window) for seq in a.shortcuts()}
    listed = []
    for _what, keys in SHORTCUTS:
        for token in re.findall(r"(?:Ctrl|Shift|Alt)(?:\+(?:Ctrl|Shift|Alt))*\+\S+?(?=[,/ ]|$)|\bF\d+\b", keys):
            if token.split("+")[-1] in ("click", "wheel", "arrow"):
                continue
            listed.append(token)
            assert QKeySequence(token).toString() in bound, token
    assert "Ctrl+P" in listed and "Ctrl+Delete" in listed and "Ctrl+Shift+G" in listed


def test_ctrl_p_goes_to_a_block_by_name_and_centres_it(qtbot, make_window):
    window = make_window("resnet50")
    view, graph = window.view, window.doc.graph
    target = graph.by_name("layer3.2")
    view.fit_all()
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Key.Key_P, Mod.ControlModifier)
    assert window.goto.isVisible()
    QTest.keyClicks(window.goto.line, "layer3.2")
    assert window.goto.results.item(0).text().startswith("layer3.2 ")
    QTest.keyClick(window.goto.line, Key.Key_Return)
    assert not window.goto.isVisible()
    assert window.scene.selected_node_ids() == [target.id]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.nodes[target.id].sceneBoundingRect())
    assert view.zoom() >= 0.75  # readable where it lands

    # Ctrl+F on the canvas opens the same box; types match too; Esc closes without moving
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Key.Key_F, Mod.ControlModifier)
    assert window.goto.isVisible() and window.goto.line.hasFocus()
    window.goto.line.selectAll()
    QTest.keyClicks(window.goto.line, "classification")
    assert window.goto.results.count() == 1
    QTest.keyClick(window.goto.line, Key.Key_Escape)
    assert not window.goto.isVisible()
    assert window.scene.selected_node_ids() == [target.id]


def test_go_to_ranks_the_exact_name_first_then_prefixes_then_types(make_window):
    window = make_window("resnet50")
    graph, registry = window.doc.graph, window.doc.registry
    assert [graph.nodes[n].name for n in find_blocks(graph, registry, "layer1")] == ["layer1.0", "layer1.1", "layer1.2"]
    assert [graph.nodes[n].name for n in find_blocks(graph, registry, "1.")][:2] == ["layer1.0", "layer1.1"]
    assert [graph.nodes[n].name for n in find_blocks(graph, registry, "LAYER3.2")][0] == "layer3.2"
    assert [graph.nodes[n].name for n in find_blocks(graph, registry, "residual", limit=2)] == ["layer1.0", "layer1.1"]
    assert find_blocks(graph, registry, "   ") == []
    assert [graph.nodes[n].name for n in find_blocks(graph, registry, "conv 7x7")] == ["conv1"]  # as shown: 7×7
    vgg = cnnstudio.presets.build("vgg16")
    assert len(find_blocks(vgg, registry, "conv 3x3", limit=100)) == 13


def test_arrow_keys_nudge_the_selection_and_esc_clears_it(qtbot, window):
    doc, graph, view = window.doc, window.doc.graph, window.view
    before = project_file.dumps(graph)
    conv = click_node(window, "conv1")
    start = graph.nodes[conv].pos
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Key.Key_Right)
    assert graph.nodes[conv].pos == (start[0] + 8, start[1])
    QTest.keyClick(view, Key.Key_Down, Mod.ShiftModifier)
    assert graph.nodes[conv].pos == (start[0] + 8, start[1] + 40)
    assert (window.scene.nodes[conv].x(), window.scene.nodes[conv].y()) == graph.nodes[conv].pos
    QTest.keyClick(view, Key.Key_Escape)
    assert window.scene.selected_node_ids() == []
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert project_file.dumps(graph) == before


def test_collapse_is_offered_only_where_it_applies(qtbot, make_window):
    window = make_window("resnet18")
    graph = window.doc.graph
    block = graph.by_name("layer1.0")
    assert menu_action(window, block.id, "Collapse") is None  # an unexpanded block: there is no group to collapse
    click_node(window, "layer1.0")
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier)  # expand
    assert graph.by_name("layer1.0") is None
    part = graph.by_name("layer1.0.conv1")
    assert menu_action(window, part.id, "Collapse").text() == "Collapse layer1.0 into one block"
    QTest.keyClick(window.view, Key.Key_G, Mod.ControlModifier)  # collapse the selected parts back
    assert graph.by_name("layer1.0").type == "residual"


def edit_menu_states(window) -> tuple[bool, bool]:
    """(Expand, Collapse) enabled as the Edit menu shows them, opened from the menu bar."""
    bar = window.menuBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(window.edit_menu.menuAction()).center())
    assert window.edit_menu.isVisible()
    states = window.act_expand.isEnabled(), window.act_collapse.isEnabled()
    QTest.keyClick(window.edit_menu, Key.Key_Escape)
    assert not window.edit_menu.isVisible()
    return states


def test_the_edit_menu_greys_expand_and_collapse_where_they_do_not_apply(qtbot, make_window):
    window = make_window("resnet18")
    click_node(window, "conv1")
    assert edit_menu_states(window) == (False, False)
    assert window.act_collapse.isEnabled()  # the keys stay live between menus (they say why they cannot)
    click_node(window, "layer1.0")
    assert edit_menu_states(window) == (True, False)
    window.canvas.expand_node(window.doc.graph.by_name("layer1.0").id)
    parts = [n.id for n in window.doc.graph.nodes.values() if n.name.startswith("layer1.0.")]
    window.scene.select_nodes(parts)
    assert edit_menu_states(window) == (False, True)


def test_clicking_the_overview_moves_the_canvas_there(qtbot, make_window):
    window = make_window("resnet50")
    view, scene, graph, overview = window.view, window.scene, window.doc.graph, window.overview
    assert overview.isVisible()
    fc = scene.nodes[graph.by_name("fc").id]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert not shown.contains(fc.center())  # the opening view shows the start of the network
    QTest.mouseClick(overview, Qt.MouseButton.LeftButton, pos=overview.to_widget(fc.center()).toPoint())
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(fc.center())
    assert abs(shown.center().y() - fc.center().y()) < 20  # one overview pixel is a few scene pixels


def test_the_overview_shows_layer_health_and_errors(qtbot, window):
    overview, scene, graph = window.overview, window.scene, window.doc.graph
    conv = scene.nodes[graph.by_name("conv2").id]

    def colour_at(item):
        overview.repaint()
        image = overview.grab().toImage()
        return image.pixelColor(overview.to_widget(item.center()).toPoint())

    def dominant(colour) -> str:  # the view's frame tints the blocks under it a little: compare hues
        channels = {"red": colour.red(), "green": colour.green(), "blue": colour.blue()}
        return max(channels, key=channels.get)

    assert dominant(colour_at(conv)) == "blue"  # a convolution's category colour
    conv.set_health(QColor("#2ca02c"))
    qtbot.waitUntil(lambda: dominant(colour_at(conv)) == "green", timeout=60_000)  # redrawn a moment after the change
    window.doc.set_param(conv.node_id, "kernel_size", 40)  # too large for its 14×14 input: an error
    qtbot.waitUntil(lambda: dominant(colour_at(conv)) == "red", timeout=60_000)


def test_f_typed_in_the_palette_list_goes_to_flatten_and_leaves_the_canvas_alone(qtbot, make_window):
    window = make_window("resnet50")
    view, tree = window.view, window.block_palette.tree
    view.set_zoom(2.0)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus, timeout=60_000)
    tree.setCurrentItem(tree.topLevelItem(0))
    zoom = view.zoom()
    QTest.keyClick(tree, Qt.Key.Key_F)
    assert view.zoom() == zoom  # Fit to View is the canvas's F, not the whole window's
    assert tree.currentItem().text(0).startswith("F")  # the list's own type-ahead had the key
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_F)
    assert view.zoom() != zoom


def test_f2_on_the_canvas_renames_the_selected_block_in_the_inspector(qtbot, window):
    from .test_insert_and_reconnect import click_node, focus_canvas

    conv = click_node(window, "conv1")
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Key.Key_F2)
    field = window.inspector.name_edit
    assert field.hasFocus() and field.selectedText() == "conv1"
    QTest.keyClicks(field, "stem")
    QTest.keyClick(field, Key.Key_Return)
    assert window.doc.graph.nodes[conv].name == "stem"


def test_enter_on_a_block_types_in_its_first_parameter(qtbot, window):
    conv = click_node(window, "conv1")
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Key.Key_Return)
    box = window.inspector.editors["out_channels"].box
    assert box.hasFocus() and box.lineEdit().selectedText() == "6"
    QTest.keyClicks(box, "8")
    QTest.keyClick(box, Key.Key_Return)
    assert window.doc.graph.nodes[conv].params["out_channels"] == 8
    assert window.doc.inference.info[conv].shape == (8, 28, 28)


def test_home_and_end_go_to_the_input_and_the_output(qtbot, make_window):
    window = make_window("googlenet")  # its auxiliary heads are not the output End goes to
    view, graph = window.view, window.doc.graph
    view.fit_all()
    focus_canvas(qtbot, window)
    for key, name in ((Key.Key_End, "output"), (Key.Key_Home, "input")):
        QTest.keyClick(view, key)
        node = graph.by_name(name)
        assert window.scene.selected_node_ids() == [node.id]
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        assert shown.contains(window.scene.nodes[node.id].sceneBoundingRect())


def test_go_to_finds_the_parts_inside_a_block_and_goes_to_that_block(qtbot, make_window):
    """ResNet-50's downsample convolutions live inside its unexpanded residual blocks."""
    window = make_window("resnet50")
    view, graph = window.view, window.doc.graph
    view.fit_all()
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Key.Key_P, Mod.ControlModifier)
    QTest.keyClicks(window.goto.line, "layer2.0.downsample")
    rows = [window.goto.results.item(k).text() for k in range(window.goto.results.count())]
    assert rows == [
        "layer2.0.downsample.0    ·  Conv2d, inside layer2.0",
        "layer2.0.downsample.1    ·  BatchNorm2d, inside layer2.0",
    ]
    QTest.keyClick(window.goto.line, Key.Key_Return)
    block = graph.by_name("layer2.0")
    assert window.scene.selected_node_ids() == [block.id]
    assert window.status.currentMessage() == (
        "layer2.0.downsample.0 is inside layer2.0: Edit → Expand Block (Ctrl+Shift+G) shows its parts"
    )
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.nodes[block.id].sceneBoundingRect())


def test_esc_in_the_inspector_goes_back_to_the_canvas_and_drops_a_rename(qtbot, window):
    conv = click_node(window, "conv1")
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Key.Key_Return)  # Enter: out_channels, typed in
    box = window.inspector.editors["out_channels"].box
    QTest.keyClicks(box, "8")
    QTest.keyClick(box, Key.Key_Escape)
    qtbot.waitUntil(window.view.hasFocus, timeout=60_000)
    assert window.doc.graph.nodes[conv].params["out_channels"] == 8  # a number typed is taken, as when left
    QTest.keyClick(window.view, Key.Key_F2)
    field = window.inspector.name_edit
    QTest.keyClicks(field, "stem")
    QTest.keyClick(field, Key.Key_Escape)
    qtbot.waitUntil(window.view.hasFocus, timeout=60_000)
    assert window.doc.graph.nodes[conv].name == "conv1"  # Esc cancels a rename
    assert window.scene.selected_node_ids() == [conv]
