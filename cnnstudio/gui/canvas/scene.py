"""The canvas scene: mirrors the graph with items, following its notifications; never holds model state."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene

from cnnstudio.core.edits import Compound, Move
from cnnstudio.core.graph import Edge, Node
from cnnstudio.core.inference import Inference

from ..project.document import Document
from .edge_item import EdgeItem
from .group_frame import GroupFrames
from .looks import errors_by_node, node_look, shape_text
from .node_item import HEIGHT, NodeItem
from .port_item import PortItem
from .wire_item import WireItem
from .wiring import WireCheck, check_connection, connection_edit

MARGIN = 1500.0  # room to pan past the graph's edges


class GraphScene(QGraphicsScene):
    wire_feedback = Signal(str, str)  # level ("ok"/"warn"/"bad"/""), message
    health_changed = Signal()  # a block's layer-health tint changed (a display value, not the graph's)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[Edge, EdgeItem] = {}
        self.orientation = "tb"
        self._seen: dict[str, tuple] = {}  # what each node's look was computed from
        self._dirty: set[str] = set()
        self._errors: dict = {}
        self._moved = False
        self._wire: WireItem | None = None
        self._wire_from: PortItem | None = None
        self._target: PortItem | None = None
        self._bounds_timer = QTimer(self, singleShot=True, interval=0, timeout=self._update_bounds)
        self._reroute: list[QRectF] = []  # where blocks appeared, left or moved: wires there may re-route
        self._route_timer = QTimer(self, singleShot=True, interval=0, timeout=self._reroute_wires)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.frames = GroupFrames(self)  # the labelled frames around expanded blocks' parts
        doc.graph_event.connect(self._on_graph_event)
        doc.inferred.connect(self._on_inferred)
        doc.reset.connect(self.rebuild)
        self.rebuild()

    # building ----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.cancel_wire()
        self.clear()
        self.nodes.clear()
        self.edges.clear()
        self._seen.clear()
        self.frames.reset()
        graph = self.doc.graph
        self.orientation = self._guess_orientation(default=self.orientation)
        for node in graph.nodes.values():
            self._add_node(node)
        for edge in graph.edges:
            self._add_edge(edge)
        self._on_inferred(self.doc.inference)
        self._update_bounds()

    def _add_node(self, node: Node) -> None:
        item = NodeItem(node.id)
        item.set_orientation(self.orientation)
        item.setPos(QPointF(*node.pos))
        self.nodes[node.id] = item
        self._sync_ports(node)
        self.addItem(item)
        self._dirty.add(node.id)
        self._apply_look(node, self.doc.inference, errors_by_node(self.doc.inference))

    def _add_edge(self, edge: Edge) -> None:
        src, dst = self.nodes[edge.src], self.nodes[edge.dst]
        if dst.port(edge.dst_port) is None:  # an edge into a port the block lacks: show it, flagged red
            self._sync_ports(self.doc.graph.node(edge.dst), extra=(edge.dst_port,))
        item = EdgeItem(edge, src, dst)
        self.edges[edge] = item
        self.addItem(item)
        item.update_path()  # again, in the scene: now it can see the blocks it must go around
        shape = self.doc.inference.edge_shape(edge)
        item.set_label(shape_text(shape) if shape is not None else "?", shape is None)

    def _sync_ports(self, node: Node, extra: tuple[str, ...] = ()) -> None:
        registry = self.doc.registry
        item = self.nodes[node.id]
        if node.type in registry:
            block = registry.get(node.type)
            try:
                ports = list(block.input_ports(block.resolve(node.params)))
            except (KeyError, TypeError, ValueError):
                ports = []
            has_output = not block.is_output
            try:
                outputs = tuple(block.output_ports(block.resolve(node.params))) if block.multi_output else ()
            except (KeyError, TypeError, ValueError):
                outputs = ()
        else:
            ports, has_output, outputs = [], True, ()
        used = tuple(e.dst_port for e in self.doc.graph.in_edges(node.id).values()) + extra
        item.set_ports(ports, has_output, unknown=tuple(p for p in used if p not in ports), outputs=outputs)

    # following the graph ----------------------------------------------------------------------
    def _on_graph_event(self, event: str, payload) -> None:
        if event == "node_added":
            self._add_node(payload)
            self._wires_near(self.nodes[payload.id])
        elif event == "node_removed":
            self._wires_near(self.nodes[payload.id])
            item = self.nodes.pop(payload.id)
            self._seen.pop(payload.id, None)
            if self._target is not None and self._target.node_item is item:
                self._target = None
            self.removeItem(item)
        elif event == "edge_added":
            self._add_edge(payload)
        elif event == "edge_removed":
            item = self.edges.pop(payload)
            item.detach()
            self.removeItem(item)
            self._sync_ports(self.doc.graph.node(payload.dst))
        elif event == "node_changed":
            node, what = payload
            item = self.nodes[node.id]
            if what == "pos":
                self._moved = True
                self._wires_near(item)
                if (item.x(), item.y()) != node.pos:
                    item.setPos(QPointF(*node.pos))
                self._wires_near(item)
            else:
                self._dirty.add(node.id)
                if what in ("params", "type"):
                    self._sync_ports(node)
        if event in ("node_added", "node_removed") or (event == "node_changed" and payload[1] == "pos"):
            self._bounds_timer.start()  # only where blocks are changes how far one can pan
        if event in ("node_added", "node_removed") or (event == "node_changed" and payload[1] in ("pos", "name")):
            self.frames.schedule(structure=event != "node_changed" or payload[1] == "name")

    def _on_inferred(self, inference: Inference) -> None:
        graph = self.doc.graph
        errors = errors_by_node(inference)
        self._errors = errors
        changed = [
            nid for nid, node in graph.nodes.items() if nid in self.nodes and self._apply_look(node, inference, errors)
        ]
        self._dirty.clear()
        for nid in changed:  # only wires leaving a block whose output changed need a new label
            item = self.nodes[nid]
            for edge_item in item.edges:
                if edge_item.src_item is item:
                    edge_item.invalidate(partial(self._edge_label, edge_item.edge))

    def _apply_look(self, node: Node, inference: Inference, errors: dict) -> bool:
        """Mark the node's look out of date; False (and no work) when nothing it shows has changed."""
        info = inference.info.get(node.id)
        key = (info.shape if info else None, errors.get(node.id), info.outputs if info else None)
        if node.id not in self._dirty and self._seen.get(node.id) == key:
            return False  # keeps an edit on a big graph within a frame
        self._seen[node.id] = key
        self.nodes[node.id].invalidate(partial(self._node_look, node.id))
        return True

    def _node_look(self, node_id: str):
        return node_look(self.doc.graph.nodes[node_id], self.doc.registry, self.doc.inference, self._errors)

    def _edge_label(self, edge: Edge) -> tuple[str, bool]:
        shape = self.doc.inference.edge_shape(edge)  # a Split's wires each carry their own piece
        return (shape_text(shape) if shape is not None else "?"), shape is None

    def _wires_near(self, item: NodeItem) -> None:
        """A block appeared, left or moved here: wires passing by may have to go around it, or no longer."""
        self._reroute.append(item.sceneBoundingRect())
        self._route_timer.start()

    def _reroute_wires(self) -> None:
        rects, self._reroute = self._reroute, []
        if len(rects) > 32:  # a layout or a big paste: look at every wire once
            wires = set(self.edges.values())
        else:
            wires = {i for i in self.edges.values() if i.routed or any(i.boundingRect().intersects(r) for r in rects)}
        for wire in wires:
            if wire.scene() is self:
                wire.update_path()

    # layout direction --------------------------------------------------------------------------
    def _guess_orientation(self, default: str) -> str:
        """Ports on top/bottom when the graph flows downwards, on the sides when it flows right."""
        graph = self.doc.graph
        dx = dy = 0.0
        for edge in graph.edges:
            a, b = graph.nodes[edge.src].pos, graph.nodes[edge.dst].pos
            dx += abs(b[0] - a[0])
            dy += abs(b[1] - a[1])
        if len(graph.edges) < 2 or max(dx, dy) < 1.5 * min(dx, dy):
            return default
        return "tb" if dy > dx else "lr"

    def update_orientation(self) -> None:
        """Re-read the flow direction if blocks moved (after an auto-layout or its undo)."""
        if self._moved:
            self._moved = False
            self.set_orientation(self._guess_orientation(default=self.orientation))

    def set_orientation(self, orientation: str) -> None:
        if orientation != self.orientation:
            self.orientation = orientation
            for item in self.nodes.values():
                item.set_orientation(orientation)

    def update_bounds_now(self) -> None:
        """The scroll bounds from where the blocks are now, not a turn later (before the view is moved)."""
        self._bounds_timer.stop()
        self._update_bounds()

    def _update_bounds(self) -> None:
        rect = self.graph_rect()
        if rect.isNull():
            rect = QRectF(-400, -300, 800, 600)
        self.setSceneRect(rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def graph_rect(self) -> QRectF:
        """The rectangle around every block (from their positions: no per-item geometry calls)."""
        if not self.nodes:
            return QRectF()
        items = list(self.nodes.values())
        xs = [i.x() for i in items]
        ys = [i.y() for i in items]
        width = max(i.width for i in items)
        return QRectF(min(xs), min(ys), max(xs) - min(xs) + width, max(ys) - min(ys) + HEIGHT)

    # selection ---------------------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        chosen = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)}
        return [nid for nid in self.doc.graph.nodes if nid in chosen]  # graph order: stable copies

    def selected_edges(self) -> list[Edge]:
        return [i.edge for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_nodes(self, node_ids) -> None:
        wanted = set(node_ids)
        self.blockSignals(True)
        self.clearSelection()
        for nid in wanted:
            if nid in self.nodes:
                self.nodes[nid].setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()

    # moving ------------------------------------------------------------------------------------
    def commit_moves(self) -> None:
        """Items dragged by the mouse become one Move step in the graph (the graph then agrees with them)."""
        graph = self.doc.graph
        moves = [
            Move(nid, (item.x(), item.y()))
            for nid, item in self.nodes.items()
            if nid in graph.nodes and (item.x(), item.y()) != graph.nodes[nid].pos
        ]
        if moves:
            self.doc.push(
                Compound(
                    moves,
                    text=self.tr("Move {0} nodes").format(len(moves)) if len(moves) > 1 else self.tr("Move 1 node"),
                )
            )
            self.update_orientation()

    # wires -------------------------------------------------------------------------------------
    def begin_wire(self, port: PortItem) -> None:
        self.cancel_wire()
        self._wire_from = port
        self._wire = WireItem(port.scenePos(), port.is_output, self.orientation)
        self.addItem(self._wire)

    def drag_wire(self, pos: QPointF) -> WireCheck | None:
        if self._wire is None:
            return None
        self._wire.follow(pos)
        target = self.port_near(pos)
        if self._target is not None and self._target is not target:
            self._target.set_feedback(None)
        self._target = target
        check = self.check_wire(target) if target else None
        if target is not None:
            target.set_feedback(check.level)
        self._wire.set_level(check.level if check else None)
        self.wire_feedback.emit(check.level if check else "", check.message if check else "")
        return check

    def end_wire(self, pos: QPointF) -> bool:
        """Drop the wire at ``pos``: connect if allowed (one undo step). Returns whether it connected."""
        if self._wire is None:
            return False
        target = self.port_near(pos)
        check = self.check_wire(target) if target else None
        from_port = self._wire_from
        self.cancel_wire()
        if check is None or not check.allowed:
            if check is not None:
                self.wire_feedback.emit("bad", check.message)
            return False
        src, dst, port, src_port = self._ends(from_port, target)
        return self.doc.push(connection_edit(src, dst, port, check, src_port))

    def cancel_wire(self) -> None:
        if self._target is not None:
            self._target.set_feedback(None)
        if self._wire is not None:
            self.removeItem(self._wire)
        if self._wire_from is not None and self._wire_from.scene() is self:
            self._wire_from.ungrabMouse()
        self._wire = self._wire_from = self._target = None
        self.wire_feedback.emit("", "")

    @property
    def wiring(self) -> bool:
        return self._wire is not None

    def port_near(self, pos: QPointF) -> PortItem | None:
        """The port the wire would attach to: the nearest fitting port, or the best port of the node under it."""
        start = self._wire_from
        if start is None:
            return None
        want_output = not start.is_output
        best, best_d = None, 16.0**2
        for item in self.items(QRectF(pos.x() - 16, pos.y() - 16, 32, 32)):
            if isinstance(item, PortItem) and item.is_output == want_output and item.node_item is not start.node_item:
                d = QPointF.dotProduct(item.scenePos() - pos, item.scenePos() - pos)
                if d < best_d:
                    best, best_d = item, d
        if best is not None:
            return best
        for item in self.items(pos):
            if isinstance(item, NodeItem) and item is not start.node_item:
                if want_output:
                    return item.output
                free = [p for n, p in item.inputs.items() if n not in self.doc.graph.in_edges(item.node_id)]
                return free[0] if free else next(iter(item.inputs.values()), None)
        return None

    def check_wire(self, target: PortItem) -> WireCheck:
        src, dst, port, src_port = self._ends(self._wire_from, target)
        return check_connection(self.doc.graph, self.doc.inference, src, dst, port, self.doc.registry, src_port)

    @staticmethod
    def _ends(a: PortItem, b: PortItem) -> tuple[str, str, str, str]:
        """(source node, destination node, input port, output port) of a wire between two ports."""
        out, inp = (a, b) if a.is_output else (b, a)
        return out.node_id, inp.node_id, inp.name, out.port_name

    # mouse -------------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:
        if self._wire is not None:
            self.drag_wire(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._wire is not None:
            self.end_wire(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.commit_moves()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self._wire is not None:
                self.cancel_wire()
            elif self.selectedItems():
                self.clearSelection()
            return
        super().keyPressEvent(event)
