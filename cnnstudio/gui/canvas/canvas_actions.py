"""What the user does to the graph from the canvas: add, connect, delete, copy/paste, layout, freeze, fix.

Every action builds core edits and pushes them through the document as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QGuiApplication

from cnnstudio.core.clipboard import ClipboardError, copy_nodes, paste_edit, pasted_ids
from cnnstudio.core.composite_edits import (
    CompositeError,
    collapse_composite,
    collapsed_name,
    expand_composite,
    group_prefix,
)
from cnnstudio.core.diagnostics import fix_edit
from cnnstudio.core.edits import (
    AddNode,
    Compound,
    Connect,
    Disconnect,
    Move,
    RemoveNode,
    freeze_up_to,
)
from cnnstudio.core.graph import Edge, Graph, GraphError, Node
from cnnstudio.core.heads import head_classes
from cnnstudio.core.insert import delete_and_reconnect, insert_after, insert_on_edge, new_errors
from cnnstudio.core.layout import COLUMN, ROW, layered_positions

from ..project.document import Document
from .node_item import HEIGHT, WIDTHS
from .scene import GraphScene
from .view import CanvasView

STEP = {"tb": (0.0, ROW), "lr": (COLUMN, 0.0)}
SIDE = {"tb": (COLUMN, 0.0), "lr": (0.0, ROW)}


class CanvasActions(QObject):
    message = Signal(str)  # one line for the status bar

    def __init__(self, doc: Document, scene: GraphScene, view: CanvasView, parent: QObject | None = None):
        super().__init__(parent)
        self.doc, self.scene, self.view = doc, scene, view
        self._paste_count = 0

    @property
    def graph(self):
        return self.doc.graph

    @property
    def _width(self) -> float:
        return WIDTHS[self.scene.orientation]

    @property
    def _extent(self) -> float:
        """A block's size along the flow."""
        return HEIGHT if self.scene.orientation == "tb" else self._width

    # adding ------------------------------------------------------------------------------------
    def add_block(self, block_type: str, pos: QPointF | None = None, on_edge=None) -> str | None:
        """Add a block. Without a position it goes after the selected block: wired to it, and when that
        block already feeds others, inserted between them (so a chain is built by double-clicking the
        palette and stays a chain). Dropped on a wire, it is inserted there; the blocks after it move on."""
        registry, graph = self.doc.registry, self.graph
        block = registry.get(block_type)
        node = Node(graph.new_id(), block.type, graph.unique_name(block.name_prefix), block.defaults())
        ports = block.input_ports(node.params)
        step = STEP[self.scene.orientation]
        edits = []
        if on_edge is not None and ports and not block.is_input:
            wire = on_edge.edge
            node.pos = self._on_wire_spot(wire, pos)
            edit = insert_on_edge(graph, wire, node, ports[0], step, max(step))
            broken = new_errors(graph, edit, self.doc.inference, self.doc.registry)
            if broken:  # as a double-click does: a branch of the wire's source, and why
                self._say_branch(node, wire.src, graph.nodes[wire.dst].name, broken[0])
                node.pos = _snap(pos.x() - self._width / 2, pos.y() - HEIGHT / 2)
                edit = Compound(
                    [AddNode(node), Connect(Edge(wire.src, node.id, ports[0], wire.src_port))],
                    text=self.tr("Add {0}").format(node.name),
                )
            self._clear_spot(edit, node)  # a long wire (a skip connection) runs past blocks that stay put
        else:
            anchor = self._anchor() if pos is None else None
            edit = None
            if anchor is not None and ports and not block.is_input and graph.out_edges(anchor):
                edit = self._insert_after(anchor, node, ports[0], step)
            if edit is None:
                if pos is not None:
                    node.pos = _snap(pos.x() - self._width / 2, pos.y() - HEIGHT / 2)
                elif anchor is not None:
                    a = graph.nodes[anchor].pos
                    node.pos = self._free_spot((a[0] + step[0], a[1] + step[1]))
                else:
                    c = self.view.mapToScene(self.view.viewport().rect().center())
                    node.pos = self._free_spot(_snap(c.x() - self._width / 2, c.y() - HEIGHT / 2))
                edits.append(AddNode(node))
                if anchor is not None and ports and not block.is_input:
                    edits.append(Connect(Edge(anchor, node.id, ports[0])))
                edit = Compound(edits, text=self.tr("Add {0}").format(node.name))
        if not self.doc.push(edit):
            return None
        self.scene.select_nodes([node.id])
        self.view.ensureVisible(self.scene.nodes[node.id], 40, 40)
        return node.id

    def _on_wire_spot(self, edge: Edge, drop: QPointF) -> tuple[float, float]:
        """Where a block dropped on a wire goes: centred on the drop, in line with the block that feeds the wire
        when dropped near that line (a straight chain stays straight); ``insert_on_edge`` keeps it a step past
        that block along the flow, as a chain's blocks are spaced."""
        x, y = _snap(drop.x() - self._width / 2, drop.y() - HEIGHT / 2)
        sx, sy = self.graph.nodes[edge.src].pos
        if self.scene.orientation == "tb" and abs(x - sx) < self._width / 2:
            x = sx
        elif self.scene.orientation == "lr" and abs(y - sy) < HEIGHT / 2:
            y = sy
        return x, y

    def _insert_after(self, anchor: str, node: Node, port: str, step) -> Compound | None:
        """The edit that inserts ``node`` after ``anchor``, or None (and a message why) when the shapes
        after it would break: then the block is added as a branch instead."""
        graph = self.graph
        try:
            edit = insert_after(graph, anchor, node, port, step)
        except GraphError as exc:
            self.message.emit(self.tr("{0} added as a branch: {1}").format(node.name, exc))
            return None
        broken = new_errors(graph, edit, self.doc.inference, self.doc.registry)
        if broken:
            self._say_branch(node, anchor, _names(graph, anchor), broken[0])
            return None
        self._clear_spot(edit, node)
        return edit

    def _say_branch(self, node: Node, anchor: str, consumers: str, first) -> None:
        graph = self.graph
        where = graph.nodes[first.node].name if first.node in graph.nodes else node.name
        self.message.emit(
            self.tr("{0} added as a branch of {1}: inserted before {2} it would give {3}: {4}").format(
                node.name, graph.nodes[anchor].name, consumers, where, first.message
            )
        )

    def _clear_spot(self, edit: Compound, node: Node) -> None:
        """Slide the new block across the flow if a block that stays put sits where it would go."""
        moved = {e.node_id for e in edit.edits if isinstance(e, Move)}
        side = SIDE[self.scene.orientation]
        x, y = node.pos
        for _ in range(50):
            if not any(
                nid not in moved and abs(n.pos[0] - x) < self._width and abs(n.pos[1] - y) < HEIGHT
                for nid, n in self.graph.nodes.items()
            ):
                break
            x, y = x + side[0], y + side[1]
        node.pos = (x, y)
        for e in edit.edits:
            if isinstance(e, AddNode) and e.node.id == node.id:
                e.node.pos = node.pos

    def _anchor(self) -> str | None:
        """The single selected block with an output: new blocks attach to it."""
        ids = self.scene.selected_node_ids()
        if len(ids) != 1:
            return None
        node = self.graph.nodes[ids[0]]
        registry = self.doc.registry
        return ids[0] if node.type in registry and not registry.get(node.type).is_output else None

    def _free_spot(self, pos: tuple[float, float]) -> tuple[float, float]:
        side = SIDE[self.scene.orientation]
        x, y = pos
        for _ in range(50):
            if not any(
                abs(n.pos[0] - x) < self._width and abs(n.pos[1] - y) < HEIGHT for n in self.graph.nodes.values()
            ):
                break
            x, y = x + side[0], y + side[1]
        return x, y

    # removing ----------------------------------------------------------------------------------
    def delete_selection(self) -> bool:
        ids = self.scene.selected_node_ids()
        gone = set(ids)
        edges = [e for e in self.scene.selected_edges() if e.src not in gone and e.dst not in gone]
        if not ids and not edges:
            return False
        edits = [Disconnect(e) for e in edges] + [RemoveNode(nid) for nid in ids]
        what = (
            (self.tr("{0} nodes").format(len(ids)) if len(ids) != 1 else self.tr("1 node"))
            if ids
            else self.tr("{0} connection(s)").format(len(edges))
        )
        return self.doc.push(Compound(edits, text=self.tr("Delete {0}").format(what)))

    def delete_and_reconnect(self) -> bool:
        """Delete the selected blocks and wire what fed them to what they fed (one undo step)."""
        ids = self.scene.selected_node_ids()
        if not ids:
            self.message.emit(self.tr("Select the blocks to delete and reconnect"))
            return False
        classes = head_classes(self.graph)
        if not self.doc.push(delete_and_reconnect(self.graph, ids, self.doc.registry, self.doc.inference)):
            return False
        now = head_classes(self.graph)
        if classes is not None and now is not None and now != classes:  # the last Linear went: say so
            self.message.emit(
                self.tr("The output now scores {0} classes, not {1}: Edit → Replace Head… sets the count").format(
                    now, classes
                )
            )
        return True

    def can_reconnect(self, node_ids: list[str]) -> bool:
        """Whether deleting these blocks leaves wires to reconnect (something feeds them and they feed something)."""
        gone = set(node_ids)
        fed = any(e.src not in gone for nid in gone for e in self.graph.in_edges(nid).values())
        return fed and any(e.dst not in gone for nid in gone for e in self.graph.out_edges(nid))

    # moving ------------------------------------------------------------------------------------
    def nudge(self, dx: float, dy: float) -> bool:
        """Move the selected blocks by (dx, dy): one undo step per key press."""
        ids = self.scene.selected_node_ids()
        if not ids:
            return False
        moves = [Move(nid, (self.graph.nodes[nid].pos[0] + dx, self.graph.nodes[nid].pos[1] + dy)) for nid in ids]
        return self.doc.push(
            Compound(moves, text=self.tr("Move {0} nodes").format(len(ids)) if len(ids) > 1 else self.tr("Move 1 node"))
        )

    # clipboard ---------------------------------------------------------------------------------
    def copy_selection(self) -> bool:
        ids = self.scene.selected_node_ids()
        if not ids:
            return False
        QGuiApplication.clipboard().setText(copy_nodes(self.graph, ids))
        self._paste_count = 0
        self.message.emit(self.tr("Copied {0} blocks").format(len(ids)) if len(ids) != 1 else self.tr("Copied 1 block"))
        return True

    def cut_selection(self) -> bool:
        return self.copy_selection() and self.delete_selection()

    def paste(self) -> list[str]:
        self._paste_count += 1
        k = 40.0 * self._paste_count
        return self._paste(QGuiApplication.clipboard().text(), (k, k), None)

    def duplicate_selection(self) -> list[str]:
        ids = self.scene.selected_node_ids()
        if not ids:
            return []
        return self._paste(copy_nodes(self.graph, ids), (40.0, 40.0), self.tr("Duplicate {0} node(s)").format(len(ids)))

    def _paste(self, text: str, offset, label: str | None) -> list[str]:
        try:
            edit = paste_edit(self.graph, text, offset, self.doc.registry)
        except ClipboardError as exc:
            self.message.emit(self.tr("Cannot paste: {0}").format(exc))
            return []
        if label:
            edit.text = label
        if not self.doc.push(edit):
            return []
        ids = pasted_ids(edit)
        self.scene.select_nodes(ids)
        return ids

    # whole graph -------------------------------------------------------------------------------
    def select_all(self) -> None:
        self.scene.select_nodes(list(self.graph.nodes))

    def auto_layout(self, direction: str = "lr") -> bool:
        positions = layered_positions(self.graph, direction)
        moves = [Move(nid, pos) for nid, pos in positions.items() if self.graph.nodes[nid].pos != pos]
        name = self.tr("left to right") if direction == "lr" else self.tr("top to bottom")
        if moves and not self.doc.push(Compound(moves, text=self.tr("Auto-layout ({0})").format(name))):
            return False
        self.scene.set_orientation(direction)
        self.scene.update_bounds_now()  # the view can only be scrolled to where the blocks now are
        self.view.fit_view()
        return bool(moves)

    # composite blocks ----------------------------------------------------------------------------
    def expand_node(self, node_id: str) -> list[str]:
        """Replace a composite block by its parts (one undo step), making room for them downstream."""
        graph = self.graph
        try:
            edit = expand_composite(graph, node_id, self.doc.registry, self.doc.inference)
        except (CompositeError, GraphError) as exc:
            self.message.emit(str(exc))
            return []
        old = graph.nodes[node_id].pos
        orientation = self.scene.orientation
        axis = 1 if orientation == "tb" else 0
        added = [e for e in edit.edits if isinstance(e, AddNode)]
        # lay the parts out like the rest of the canvas, the first part where the block was
        parts = Graph()
        for e in added:
            parts.add_node(e.node.clone())
        for e in edit.edits:
            if isinstance(e, Connect) and e.edge.src in parts.nodes and e.edge.dst in parts.nodes:
                parts.connect(e.edge)
        placed = layered_positions(parts, orientation)
        first = placed[added[0].node.id]
        for e in added:
            x, y = placed[e.node.id]
            e.node.pos = (old[0] + x - first[0], old[1] + y - first[1])
        extent = max(e.node.pos[axis] for e in added) - old[axis]
        moves = []
        for nid, node in graph.nodes.items():  # and what came after it moves on by their extent
            if nid != node_id and node.pos[axis] > old[axis] + 1:
                pos = list(node.pos)
                pos[axis] += extent
                moves.append(Move(nid, (pos[0], pos[1])))
        if not self.doc.push(Compound(edit.edits + moves, text=edit.text)):
            return []
        ids = [e.node.id for e in added]
        self.scene.select_nodes(ids)
        return ids

    def collapse_selection(self) -> str | None:
        """Replace the selected parts of an expanded block (the whole group under their name) by the block."""
        ids = self.scene.selected_node_ids()
        try:
            edit = collapse_composite(self.graph, ids, self.doc.registry, self.doc.inference, self.scene.orientation)
        except (CompositeError, GraphError) as exc:
            self.message.emit(self._not_parts(ids) or str(exc))
            return None
        if not self.doc.push(edit):
            return None
        new = next(e.node.id for e in edit.edits if isinstance(e, AddNode))
        self.scene.select_nodes([new])
        return new

    def _not_parts(self, node_ids: list[str]) -> str | None:
        """Why a selection is not the parts of one expanded block, in the user's terms (the group the names share,
        "layer1", is not what they chose); None when it is not that."""
        graph, registry = self.graph, self.doc.registry
        for nid in node_ids:
            node = graph.nodes[nid]
            block = registry.find(node.type)
            if block is not None and block.composite:
                return self.tr("{0} is a block, not a part: Collapse joins the parts that Expand made").format(
                    node.name
                )
        owners = [graph.nodes[nid].name.rpartition(".")[0] or graph.nodes[nid].name for nid in node_ids]
        try:
            shared = group_prefix(graph, node_ids)
        except CompositeError:
            shared = None
        if shared in owners:  # one block's parts, nested ones included (layer1.0 and layer1.0.downsample)
            return None
        shown = list(dict.fromkeys(owners))
        text = ", ".join(shown[:3]) + (" …" if len(shown) > 3 else "")
        return self.tr("The selection spans {0}: select the parts of one expanded block").format(text)

    def collapse_label(self, node_ids: list[str]) -> str | None:
        """'Collapse layer1.0 into one block' when the nodes are parts of an expanded block, else None."""
        if not node_ids or not all("." in self.graph.nodes[n].name for n in node_ids):
            return None
        try:  # only offered where it would work: the parts of an unexpanded block are not a group
            edit = collapse_composite(self.graph, node_ids, self.doc.registry, self.doc.inference)
        except (CompositeError, GraphError):
            return None
        return self.tr("Collapse {0} into one block").format(collapsed_name(edit))

    # transfer learning and fixes ---------------------------------------------------------------
    def set_frozen_up_to(self, node_id: str, frozen: bool) -> bool:
        edit = freeze_up_to(self.graph, node_id, trainable=not frozen)
        if not edit.edits:
            name = self.graph.nodes[node_id].name
            self.message.emit(
                self.tr("Everything up to {0} is already frozen").format(name)
                if frozen
                else self.tr("Everything up to {0} is already trainable").format(name)
            )
            return False
        return self.doc.push(edit)

    def apply_fix(self, node_id: str, fix) -> bool:
        try:
            edit = fix_edit(self.graph, node_id, fix, self.doc.registry)
        except (KeyError, ValueError) as exc:
            self.message.emit(self.tr("Cannot apply the fix: {0}").format(exc))
            return False
        return self.doc.push(edit)


def _names(graph, anchor: str) -> str:
    consumers = list(dict.fromkeys(graph.nodes[e.dst].name for e in graph.out_edges(anchor)))
    return ", ".join(consumers[:3]) + (" …" if len(consumers) > 3 else "")


def _snap(x: float, y: float, grid: float = 8.0) -> tuple[float, float]:
    return round(x / grid) * grid, round(y / grid) * grid
