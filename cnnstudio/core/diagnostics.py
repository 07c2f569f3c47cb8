"""Diagnostics: what is wrong, where, with the arithmetic, and one-click fixes as edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .edits import Compound, Connect, Disconnect, Edit, RemoveNode, Rename, SetParam, insert_between
from .graph import Edge, Graph, Node


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


FixSpec = InsertBefore | SetParams | RenameTo | DisconnectInput | ConnectFrom | ConnectTo | DeleteNode


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
        pos=((src.pos[0] + node.pos[0]) / 2, (src.pos[1] + node.pos[1]) / 2),
        trainable=node.trainable,
    )
    edit = insert_between(edge, new)
    edit.text = fix.label
    return edit
