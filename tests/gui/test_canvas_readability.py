"""Readable at the size of real networks: names elided to their telling end, Fit that stays readable,
layer-health colours visible at every zoom."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainterPathStroker
from PySide6.QtTest import QTest

from cnnstudio.gui.canvas.view import FIT_MIN_ZOOM

from .helpers import send_mouse
from .test_insert_and_reconnect import focus_canvas


def test_long_part_names_keep_their_telling_end_and_the_tooltip_has_them_whole(qtbot, make_window):
    window = make_window("googlenet")
    graph = window.doc.graph
    window.canvas.expand_node(graph.by_name("inception3a").id)
    item = window.scene.nodes[graph.by_name("inception3a.branch2.0").id]
    close, far = item.shown_names
    assert close == "inception3a.branch2.0" or close.endswith("branch2.0")
    assert far == "…branch2.0"  # not "eption…branch": what tells the branches apart survives
    assert item.toolTip().startswith("inception3a.branch2.0  (")


def test_a_sequentials_numbered_parts_are_not_shortened_to_their_number(qtbot, make_window):
    """'layer1.0.downsample.0' and '.1' far out: not "…0" and "…1", which say nothing and look alike."""
    window = make_window("resnet50")
    graph = window.doc.graph
    window.canvas.expand_node(graph.by_name("layer1.0").id)
    shown = {window.scene.nodes[graph.by_name(f"layer1.0.downsample.{k}").id].shown_names[1] for k in (0, 1)}
    assert len(shown) == 2
    for name in shown:
        assert any(c.isalpha() for c in name), name


def test_f_fits_a_long_network_at_a_readable_zoom_and_ctrl_shift_f_shows_it_all(qtbot, make_window):
    window = make_window("resnet50")
    view, scene, graph = window.view, window.scene, window.doc.graph
    focus_canvas(qtbot, window)
    view.set_zoom(2.0)
    QTest.keyClick(view, Qt.Key.Key_F)
    assert abs(view.zoom() - FIT_MIN_ZOOM) < 1e-6  # the whole of it would be ~0.25: unreadable
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.nodes[graph.by_name("input").id].sceneBoundingRect())  # from its start
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.zoom() < FIT_MIN_ZOOM
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(scene.graph_rect())

    scene.select_nodes([graph.by_name("layer4.1").id])  # with a selection, Fit frames it
    window.act_fit.trigger()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.nodes[graph.by_name("layer4.1").id].sceneBoundingRect())


def test_layer_health_tints_stay_visible_far_out(qtbot, window):
    view, scene, graph = window.view, window.scene, window.doc.graph
    red = QColor("#d62728")
    item = scene.nodes[graph.by_name("conv2").id]
    item.set_health(red)
    for zoom in (0.15, 0.4, 1.0):
        view.set_zoom(zoom)
        view.centerOn(item.center())
        image = view.viewport().grab().toImage()
        point = view.mapFromScene(item.pos() + (item.center() - item.pos()) * 0.5)  # inside, off the text
        pixel = image.pixelColor(point)
        assert pixel.red() > pixel.green() + 40 and pixel.red() > pixel.blue() + 40, (zoom, pixel.name())


def _crossed(scene, edge_item) -> list[str]:
    """Blocks (other than its two ends) that a wire passes behind."""
    stroke = QPainterPathStroker()
    stroke.setWidth(2)
    outline = stroke.createStroke(edge_item._path)
    ends = (edge_item.src_item, edge_item.dst_item)
    return [
        scene.doc.graph.nodes[item.node_id].name
        for item in scene.nodes.values()
        if item not in ends and outline.intersects(item.sceneBoundingRect().adjusted(2, 2, -2, -4))
    ]


def test_the_shortcut_of_an_expanded_residual_block_runs_beside_the_main_path(qtbot, make_window):
    window = make_window("resnet18")
    doc, graph, scene = window.doc, window.doc.graph, window.scene
    source = graph.by_name("maxpool")
    window.canvas.expand_node(graph.by_name("layer1.0").id)
    others = lambda: [i for i in scene.edges.values() if i is not shortcut]  # noqa: E731
    add = graph.by_name("layer1.0.add")
    shortcut = next(i for e, i in scene.edges.items() if (e.src, e.dst) == (source.id, add.id))
    main = [scene.nodes[graph.by_name(f"layer1.0.{p}").id] for p in ("conv1", "bn1", "relu", "conv2", "bn2")]
    assert shortcut.routed and _crossed(scene, shortcut) == []
    lane = shortcut._path.pointAtPercent(0.5)
    assert all(lane.x() > item.sceneBoundingRect().right() for item in main)  # beside them, in plain view
    # wires the moves left behind blocks are re-checked once the moves are done
    qtbot.waitUntil(lambda: not any(i.routed for i in others()), timeout=60_000)
    assert [graph.nodes[i.edge.dst].name for i in others() if _crossed(scene, i)] == []

    doc.undo_stack.undo()  # collapsed again: every wire is a plain curve, none passes behind a block
    qtbot.waitUntil(lambda: not any(i.routed for i in scene.edges.values()), timeout=60_000)
    assert [i for i in scene.edges.values() if _crossed(scene, i)] == []


def test_an_expanded_block_sits_in_a_labelled_frame_whose_header_collapses_it(qtbot, make_window):
    window = make_window("resnet18")
    doc, graph, scene, view = window.doc, window.doc.graph, window.scene, window.view
    qtbot.waitUntil(lambda: not scene.frames.pending, timeout=60_000)
    assert scene.frames.frames == {}  # stages of unexpanded blocks are not a block's parts
    start = graph.snapshot()
    places = {n.name: n.pos for n in graph.nodes.values()}
    window.canvas.expand_node(graph.by_name("layer2.0").id)
    qtbot.waitUntil(lambda: "layer2.0" in scene.frames.frames, timeout=60_000)
    assert list(scene.frames.frames) == ["layer2.0"]
    frame = scene.frames.frames["layer2.0"]
    parts = [i for i in scene.nodes.values() if graph.nodes[i.node_id].name.startswith("layer2.0.")]
    assert len(parts) == 9 and all(frame.sceneBoundingRect().contains(i.sceneBoundingRect()) for i in parts)
    others = [i for i in scene.nodes.values() if i not in parts]
    assert not any(frame.sceneBoundingRect().intersects(i.sceneBoundingRect()) for i in others)

    header = frame.header.sceneBoundingRect().center()
    view.set_zoom(1.0)
    view.centerOn(header)
    steps = doc.undo_stack.count()
    send_mouse(view, QMouseEvent.Type.MouseButtonPress, header)
    send_mouse(view, QMouseEvent.Type.MouseButtonRelease, header)
    block = graph.by_name("layer2.0")
    assert block is not None and block.type == "residual"
    assert doc.undo_stack.count() == steps + 1
    assert {n.name: n.pos for n in graph.nodes.values()} == places  # the room expand made is given back
    qtbot.waitUntil(lambda: scene.frames.frames == {}, timeout=60_000)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert graph.snapshot() == start


def test_fit_everything_on_resnet50_shows_every_block_name_at_a_readable_size(qtbot, make_window):
    """Semantic zoom: the whole ResNet-50 (~25%) is bricks with their names ~10 px high on screen, not bricks."""
    from cnnstudio.gui.app import SCREENSHOT_SIZE

    window = make_window("resnet50")
    window.resize(*SCREENSHOT_SIZE)
    view, scene, graph = window.view, window.scene, window.doc.graph
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lod = view.zoom()
    assert lod < 0.3  # far out: the close-up text (14 px in the scene) would be 3 px high
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for node in graph.nodes.values():
        item = scene.nodes[node.id]
        shown = item.far_name(lod)
        assert shown is not None, node.name
        text, pixels = shown
        assert pixels >= 8, (node.name, pixels)
        assert text == node.name  # whole: ResNet-50's names fit a block at this zoom
        # and it is drawn: the brick's middle holds text pixels of another colour than the brick
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        fill = image.pixelColor(int((box.left() + 3) * ratio), int((box.top() + 3) * ratio))
        inked = 0
        for y in range(box.top() + 3, box.bottom() - 2):
            for x in range(box.left() + 3, box.right() - 2):
                c = image.pixelColor(int(x * ratio), int(y * ratio))
                inked += abs(c.red() - fill.red()) + abs(c.green() - fill.green()) + abs(c.blue() - fill.blue()) > 150
        assert inked >= 3 * len(text), (node.name, inked)


def test_far_names_are_never_drawn_below_a_readable_size(qtbot, window):
    """Zooming out further, the name keeps its screen size until the block is too flat for it; then none."""
    item = window.scene.nodes[window.doc.graph.by_name("conv1").id]
    for lod in (0.5, 0.4, 0.3, 0.25, 0.2, 0.18):
        text, pixels = item.far_name(lod)
        assert text and pixels >= 9, (lod, pixels)
    assert item.far_name(0.1) is None  # 6 px tall: the stage labels name it
    assert item.far_name(0.8) is None  # close up: the full text is drawn


def _on_screen(view, item) -> QRectF:
    return item.deviceTransform(view.viewportTransform()).mapRect(item.boundingRect())


def test_far_out_each_stage_is_named_beside_its_blocks_without_covering_any(qtbot, make_window):
    window = make_window("resnet50")
    view, scene, graph = window.view, window.scene, window.doc.graph
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    brackets = scene.frames.stages
    assert sorted(brackets) == ["layer1", "layer2", "layer3", "layer4"]
    blocks = [view.mapFromScene(item.sceneBoundingRect()).boundingRect() for item in scene.nodes.values()]
    image = view.viewport().grab().toImage()
    labels = []
    for stage, bracket in brackets.items():
        label = bracket.label
        assert bracket.isVisible() and label.shown_at(view.zoom()) and label.text == stage
        box = _on_screen(view, label)
        parts = [
            view.mapFromScene(scene.nodes[n.id].sceneBoundingRect()).boundingRect()
            for n in graph.nodes.values()
            if n.name.startswith(stage + ".")
        ]
        assert box.right() < min(p.left() for p in parts)  # left of the column (nothing else is there)
        assert min(p.top() for p in parts) <= box.center().y() <= max(p.bottom() for p in parts)
        assert not any(box.intersects(QRectF(b)) for b in blocks)
        assert not any(box.intersects(other) for other in labels)
        labels.append(box)
        dark = sum(
            image.pixelColor(x, y).lightness() < 90
            for y in range(int(box.top()), int(box.bottom()))
            for x in range(int(box.left()), int(box.right()))
        )
        assert dark >= 20, stage  # drawn, not only placed
    view.set_zoom(1.0)  # up close every block says its full name: no stage labels
    assert not any(b.label.shown_at(view.zoom()) for b in brackets.values())


def test_a_side_branch_stage_is_named_on_its_free_side_and_a_frame_far_out_by_its_far_label(qtbot, make_window):
    window = make_window("googlenet")
    scene, graph = window.scene, window.doc.graph
    qtbot.waitUntil(lambda: not scene.frames.pending)
    stages = scene.frames.stages
    aux2 = [scene.nodes[n.id].sceneBoundingRect() for n in graph.nodes.values() if n.name.startswith("aux2.")]
    assert stages["aux2"].isVisible() and stages["aux2"].label.side == "right"
    assert stages["aux2"].label.scenePos().x() > max(r.right() for r in aux2)
    assert not stages["aux1"].isVisible()  # the main column on its left, aux2 on its right: no room to name it
    window.canvas.expand_node(graph.by_name("inception3a").id)
    qtbot.waitUntil(lambda: not scene.frames.pending)
    frame = scene.frames.frames["inception3a"]
    assert frame.far_label.text == "inception3a"
    assert frame.far_label.shown_at(0.2) and not frame.far_label.shown_at(0.5)  # where the header's text is gone
    assert not frame.far_label.shown_at(0.05)  # nor the frame: at 5% dozens of frame names would pile up


def test_a_stage_with_an_expanded_block_is_named_by_its_frames_until_they_are_hidden(qtbot, make_window):
    window = make_window("resnet50")
    scene, graph = window.scene, window.doc.graph
    window.canvas.expand_node(graph.by_name("layer2.0").id)
    qtbot.waitUntil(lambda: not scene.frames.pending)
    layer2, layer3 = scene.frames.stages["layer2"].label, scene.frames.stages["layer3"].label
    assert not layer2.shown_at(0.2) and layer2.shown_at(0.05)  # "layer2.0" beside its frame would collide
    assert layer3.shown_at(0.2) and layer3.shown_at(0.05)


def test_auto_layout_from_the_keyboard_keeps_the_network_on_screen_at_a_readable_zoom(qtbot, make_window):
    """Ctrl+L used to leave ResNet-50 running off-screen until F was pressed."""
    window = make_window("resnet50")
    view, scene, graph = window.view, window.scene, window.doc.graph
    focus_canvas(qtbot, window)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for modifiers, orientation in ((ctrl, "lr"), (ctrl | shift, "tb")):
        view.set_zoom(2.0)
        view.centerOn(scene.graph_rect().bottomRight() + QPointF(3000, 3000))  # far off the graph
        QTest.keyClick(view, Qt.Key.Key_L, modifiers)
        assert scene.orientation == orientation
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        assert shown.contains(scene.nodes[graph.by_name("input").id].sceneBoundingRect()), orientation
        assert view.zoom() >= FIT_MIN_ZOOM - 1e-6  # names still read


def test_a_name_a_pixel_too_wide_for_a_narrow_block_is_drawn_a_pixel_smaller_and_whole(qtbot, make_window):
    window = make_window("resnet18")
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # blocks flowing right: narrower
    item = window.scene.nodes[window.doc.graph.by_name("layer1.0").id]
    text, pixels = item.far_name(0.28)
    assert (text, pixels) == ("layer1.0", 9)  # not "…0" at 10 px


def test_auto_layout_keeps_the_selected_block_in_view(qtbot, make_window):
    window = make_window("resnet50")
    view, scene, graph = window.view, window.scene, window.doc.graph
    block = graph.by_name("layer3.2").id
    scene.select_nodes([block])
    view.center_on_node(block)
    focus_canvas(qtbot, window)
    QTest.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # to left-to-right: every block moves
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.nodes[block].sceneBoundingRect())


def test_far_out_the_parts_of_one_branch_keep_names_that_differ(qtbot, make_window):
    """GoogLeNet at Fit Everything: aux1.dropout and aux1.output were both "au…ut"."""
    window = make_window("googlenet")
    window.resize(1300, 850)
    focus_canvas(qtbot, window)
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    zoom, graph = window.view.zoom(), window.doc.graph
    names = {}
    for name in ("aux1.flatten", "aux1.dropout", "aux1.output"):
        shown = window.scene.nodes[graph.by_name(name).id].far_name(zoom)
        assert shown is not None, name
        names[name] = shown[0]
    assert names["aux1.dropout"] != "aux1.dropout"  # elided at this zoom: the case in question
    assert len(set(names.values())) == 3, names
