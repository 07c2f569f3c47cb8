"""Diagnostics: what is wrong, where, with the arithmetic, and one-click fixes as edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .edits import AddNode, Compound, Connect, Disconnect, Edit, RemoveNode, Rename, SetParam
from .graph import Edge, Graph, Node
from .layout import COLUMN, ROW


@dataclass(frozen=True)
class InsertBefore:
    """Fix: put a new block of ``type`` on the edge into ``port``."""

    label: str
    type: str
    params: dict = field(default_factory=dict)
    port: str = "in"


@dataclass(frozen=True)
class SetParams:
    """Fix: change some params of the node (a value of ``graph.MISSING`` removes the key)."""

    label: str
    values: dict


@dataclass(frozen=True)
class RenameTo:
    """Fix: give the node another name."""

    label: str
    name: str


@dataclass(frozen=True)
class DisconnectInput:
    """Fix: remove the edge that enters input ``port`` (a port the block no longer has)."""

    label: str
    port: str


@dataclass(frozen=True)
class ConnectFrom:
    """Fix: feed the unconnected input ``port`` from node ``src`` (reconnect after a delete)."""

    label: str
    src: str
    port: str = "in"


@dataclass(frozen=True)
class ConnectTo:
    """Fix: let the node feed input ``port`` of ``dst`` (replacing the wire there, if any)."""

    label: str
    dst: str
    port: str = "in"


@dataclass(frozen=True)
class DeleteNode:
    """Fix: remove the node and its wires."""

    label: str


@dataclass(frozen=True)
class DeleteBranch:
    """Fix: remove the node and ``others`` (the blocks that fed only it: a dead branch, whole)."""

    label: str
    others: tuple[str, ...]


@dataclass(frozen=True)
class AppendAfter:
    """Fix: add a new block of ``type`` fed by the node (an output head after a loose end)."""

    label: str
    type: str
    params: dict = field(default_factory=dict)


FixSpec = (
    InsertBefore
    | SetParams
    | RenameTo
    | DisconnectInput
    | ConnectFrom
    | ConnectTo
    | DeleteNode
    | DeleteBranch
    | AppendAfter
)


@dataclass(frozen=True)
class Diagnostic:
    node: str | None  # node id; None for problems of the whole graph
    level: str  # "error" | "warning"
    code: str
    message: str
    fixes: tuple[FixSpec, ...] = ()

    def to_json(self, graph: Graph) -> dict[str, Any]:
        name = graph.nodes[self.node].name if self.node in graph.nodes else None
        return {"node": name, "level": self.level, "code": self.code, "message": self.message}


def fix_edit(graph: Graph, node_id: str, fix: FixSpec, registry) -> Edit:
    """Turn a fix description into the edit that applies it (one undo step)."""
    node = graph.node(node_id)
    if isinstance(fix, SetParams):
        return Compound([SetParam(node_id, k, v) for k, v in fix.values.items()], text=fix.label)
    if isinstance(fix, RenameTo):
        return Compound([Rename(node_id, fix.name)], text=fix.label)
    if isinstance(fix, DisconnectInput):
        return Compound([Disconnect(graph.in_edges(node_id)[fix.port])], text=fix.label)
    if isinstance(fix, ConnectFrom):
        return Compound([Connect(Edge(fix.src, node_id, fix.port))], text=fix.label)
    if isinstance(fix, ConnectTo):
        taken = graph.in_edges(fix.dst).get(fix.port)
        edits = [Disconnect(taken)] if taken is not None else []
        return Compound(edits + [Connect(Edge(node_id, fix.dst, fix.port))], text=fix.label)
    if isinstance(fix, DeleteNode):
        return Compound([RemoveNode(node_id)], text=fix.label)
    if isinstance(fix, DeleteBranch):
        return Compound([RemoveNode(nid) for nid in (node_id, *fix.others)], text=fix.label)
    if isinstance(fix, AppendAfter):
        return _append_after(graph, node, fix, registry)
    from .insert import insert_on_edge  # insert.py reports with this module's Diagnostic

    edge = graph.in_edges(node_id)[fix.port]
    src = graph.node(edge.src)
    block = registry.get(fix.type)
    params = block.defaults()
    params.update(fix.params)
    new = Node(
        id=graph.new_id(),
        type=block.type,
        name=graph.unique_name(block.name_prefix),
        params=params,
        pos=src.pos,
        trainable=node.trainable,
    )
    # a step past its feeder the way the wire runs, the blocks after it pushed on (it landed on top of them)
    across = abs(node.pos[0] - src.pos[0]) > abs(node.pos[1] - src.pos[1])
    step = (COLUMN, 0.0) if across else (0.0, ROW)
    edit = insert_on_edge(graph, edge, new, block.input_ports(params)[0], step, max(step))
    edit.text = fix.label
    return edit


def _append_after(graph: Graph, node: Node, fix: AppendAfter, registry) -> Edit:
    """The new block one step further in the direction the chain runs (down, or right), wired to the node."""
    block = registry.get(fix.type)
    params = block.defaults()
    params.update(fix.params)
    feeding = [graph.nodes[e.src].pos for e in graph.in_edges(node.id).values() if e.src in graph.nodes]
    x, y = node.pos
    across = bool(feeding) and abs(x - feeding[0][0]) > abs(y - feeding[0][1])
    owner = node.name.rpartition(".")[0]  # aux1.fc2's head is aux1.output, fc3's is output: as the presets name them
    name = f"{owner}.{block.name_prefix}" if owner else block.name_prefix
    if graph.by_name(name) is not None:
        name = graph.unique_name(block.name_prefix)
    new = Node(
        id=graph.new_id(),
        type=block.type,
        name=name,
        params=params,
        pos=(x + COLUMN, y) if across else (x, y + ROW),
    )
    return Compound([AddNode(new), Connect(Edge(node.id, new.id))], text=fix.label)
