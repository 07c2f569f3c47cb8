"""Readable at the size of real networks: names elided to their telling end, Fit that stays readable,
layer-health colours visible at every zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    qtbot.waitUntil(lambda: scene.frames.frames == {}, timeout=60_000)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert graph.snapshot() == start
