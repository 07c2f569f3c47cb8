"""The graph: the one source of truth. Views subscribe to its change notifications."""

from __future__ import annotations

import copy
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .i18n import translate

MISSING: Any = object()  # set_param(..., MISSING) removes the key (an inverse of adding one)


@dataclass
class Node:
    """A block instance. ``name`` is the dotted module path the compiled model uses."""

    id: str
    type: str
    name: str
    params: dict = field(default_factory=dict)
    pos: tuple[float, float] = (0.0, 0.0)
    trainable: bool = True

    def __post_init__(self) -> None:
        self.pos = canonical_pos(self.pos)

    def clone(self) -> Node:
        return Node(self.id, self.type, self.name, copy.deepcopy(self.params), tuple(self.pos), self.trainable)


def canonical_pos(pos) -> tuple[float, float]:
    """Positions are kept to 1/100 px, so a saved file reads well and loads back exactly."""
    return (round(float(pos[0]), 2), round(float(pos[1]), 2))


@dataclass(frozen=True)
class Edge:
    """A tensor flowing from ``src``'s output into input port ``dst_port`` of ``dst``."""

    src: str
    dst: str
    dst_port: str = "in"
    src_port: str = "out"


Listener = Callable[[str, Any], None]


class GraphError(ValueError):
    """An edit that the graph cannot take (unknown node, taken port, duplicate id)."""


class Graph:
    """Nodes and edges with change notifications.

    Events (name, payload): node_added/node_removed (Node), edge_added/edge_removed (Edge),
    node_changed ((Node, what)) with what in params/name/pos/trainable/type.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.meta: dict = {}  # saved with the project: description, training config
        self.revision = 0
        self._in: dict[str, dict[str, Edge]] = {}
        self._out: dict[str, list[Edge]] = {}
        self._listeners: list[Listener] = []
        self._next_id = 1

    # notifications -----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, event: str, payload: Any) -> None:
        self.revision += 1
        for listener in list(self._listeners):
            listener(event, payload)

    # queries -----------------------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise GraphError(translate("Edits", "no node with id {node_id!r}").format(node_id=node_id)) from None

    def by_name(self, name: str) -> Node | None:
        for node in self.nodes.values():
            if node.name == name:
                return node
        return None

    def in_edges(self, node_id: str) -> dict[str, Edge]:
        """Edges into ``node_id`` keyed by input port."""
        return self._in.get(node_id, {})

    def out_edges(self, node_id: str) -> list[Edge]:
        return self._out.get(node_id, [])

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge touching the node, in graph order."""
        return [e for e in self.edges if e.src == node_id or e.dst == node_id]

    def new_id(self) -> str:
        while f"n{self._next_id}" in self.nodes:
            self._next_id += 1
        return f"n{self._next_id}"

    def unique_name(self, prefix: str) -> str:
        """prefix1, prefix2, ... the first not taken."""
        taken = {n.name for n in self.nodes.values()}
        k = 1
        while f"{prefix}{k}" in taken:
            k += 1
        return f"{prefix}{k}"

    def would_create_cycle(self, src: str, dst: str) -> bool:
        """True if an edge src -> dst closes a loop (dst already reaches src)."""
        stack, seen = [dst], set()
        while stack:
            current = stack.pop()
            if current == src:
                return True
            if current in seen:
                continue
            seen.add(current)
            stack.extend(e.dst for e in self._out.get(current, ()))
        return False

    # mutations (the edits module wraps these in invertible operations) ----------------------
    def add_node(self, node: Node, index: int | None = None) -> None:
        if node.id in self.nodes:
            raise GraphError(translate("Edits", "a node with id {id!r} already exists").format(id=node.id))
        if index is None or index >= len(self.nodes):
            self.nodes[node.id] = node
        else:  # in place: whoever holds graph.nodes keeps seeing the graph's nodes
            items = list(self.nodes.items())
            items.insert(index, (node.id, node))
            self.nodes.clear()
            self.nodes.update(items)
        self._in[node.id] = {}
        self._out[node.id] = []
        self._emit("node_added", node)

    def remove_node(self, node_id: str) -> tuple[Node, int]:
        """Remove a node that has no edges left; returns it and its former index."""
        node = self.node(node_id)
        if self._in[node_id] or self._out[node_id]:
            raise GraphError(translate("Edits", "node {name!r} still has edges").format(name=node.name))
        index = list(self.nodes).index(node_id)
        del self.nodes[node_id]
        del self._in[node_id]
        del self._out[node_id]
        self._emit("node_removed", node)
        return node, index

    def connect(self, edge: Edge, index: int | None = None) -> None:
        if edge.src not in self.nodes or edge.dst not in self.nodes:
            raise GraphError(translate("Edits", "both ends of an edge must be nodes of the graph"))
        if edge.src == edge.dst:
            raise GraphError(translate("Edits", "a node cannot feed itself"))
        if edge.dst_port in self._in[edge.dst]:
            raise GraphError(
                translate("Edits", "input {dst_port!r} of {name!r} is already connected").format(
                    dst_port=edge.dst_port, name=self.nodes[edge.dst].name
                )
            )
        if index is None:
            self.edges.append(edge)
        else:
            self.edges.insert(index, edge)
        self._in[edge.dst][edge.dst_port] = edge
        self._out[edge.src].append(edge)
        self._emit("edge_added", edge)

    def disconnect(self, edge: Edge) -> int:
        """Remove an edge; returns its former index."""
        try:
            index = self.edges.index(edge)
        except ValueError:
            raise GraphError(translate("Edits", "no such edge")) from None
        del self.edges[index]
        del self._in[edge.dst][edge.dst_port]
        self._out[edge.src].remove(edge)
        self._emit("edge_removed", edge)
        return index

    def set_param(self, node_id: str, key: str, value: Any) -> Any:
        """Set (or with MISSING, remove) a param; returns the previous value or MISSING."""
        node = self.node(node_id)
        old = node.params.get(key, MISSING)
        if value is MISSING:
            node.params.pop(key, None)
        else:
            node.params[key] = value
        self._emit("node_changed", (node, "params"))
        return old

    def set_params(self, node_id: str, params: dict) -> dict:
        """Replace all params at once (key order included); returns the previous dict."""
        node = self.node(node_id)
        old, node.params = node.params, params
        self._emit("node_changed", (node, "params"))
        return old

    def set_name(self, node_id: str, name: str) -> str:
        node = self.node(node_id)
        old, node.name = node.name, name
        self._emit("node_changed", (node, "name"))
        return old

    def set_pos(self, node_id: str, pos: tuple[float, float]) -> tuple[float, float]:
        node = self.node(node_id)
        old, node.pos = node.pos, canonical_pos(pos)
        self._emit("node_changed", (node, "pos"))
        return old

    def set_trainable(self, node_id: str, trainable: bool) -> bool:
        node = self.node(node_id)
        old, node.trainable = node.trainable, bool(trainable)
        self._emit("node_changed", (node, "trainable"))
        return old

    # convenience ---------------------------------------------------------------------------
    def topological_order(self) -> tuple[list[str], list[str]]:
        """(ordered node ids, ids on or behind a cycle); ties keep insertion order."""
        ids = list(self.nodes)
        position = {nid: i for i, nid in enumerate(ids)}
        indegree = [len(self._in[nid]) for nid in ids]  # by position: lists stay fast on 100,000 nodes
        ready = [i for i, degree in enumerate(indegree) if degree == 0]  # ascending: already a heap
        out = self._out
        order: list[str] = []
        while ready:
            nid = ids[heapq.heappop(ready)]
            order.append(nid)
            for edge in out[nid]:
                j = position[edge.dst]
                indegree[j] -= 1
                if not indegree[j]:
                    heapq.heappush(ready, j)
        if len(order) == len(ids):
            return order, []
        placed = set(order)
        return order, [nid for nid in ids if nid not in placed]

    def ancestors(self, node_id: str) -> set[str]:
        """Every node that feeds ``node_id``, directly or not."""
        seen: set[str] = set()
        stack = [e.src for e in self._in.get(node_id, {}).values()]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(e.src for e in self._in[current].values())
        return seen

    def copy(self) -> Graph:
        other = Graph()
        for node in self.nodes.values():
            other.add_node(node.clone())
        for edge in self.edges:
            other.connect(edge)
        other.meta = copy.deepcopy(self.meta)
        other.revision = 0
        return other

    def snapshot(self) -> tuple:
        """A hashable value equal for identical graphs (order included); for tests and dirty checks."""
        nodes = tuple((n.id, n.type, n.name, _freeze(n.params), tuple(n.pos), n.trainable) for n in self.nodes.values())
        return nodes, tuple(self.edges)


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_freeze(v) for v in value))
    return value
