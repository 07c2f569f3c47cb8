"""Small invertible edits. The GUI wraps each in a QUndoCommand; they touch only the Graph."""

from __future__ import annotations

import copy
from typing import Any

from .graph import MISSING, Edge, Graph, Node, canonical_pos
from .i18n import translate


class Edit:
    """apply() then revert() leaves the graph exactly as it was."""

    text = "Edit"

    def apply(self, graph: Graph) -> None:
        raise NotImplementedError

    def revert(self, graph: Graph) -> None:
        raise NotImplementedError


class AddNode(Edit):
    def __init__(self, node: Node, index: int | None = None):
        self.node = node.clone()
        self.index = index
        self.text = translate("Edits", "Add {name}").format(name=node.name)

    def apply(self, graph: Graph) -> None:
        graph.add_node(self.node.clone(), self.index)

    def revert(self, graph: Graph) -> None:
        for edge in reversed(graph.edges_of(self.node.id)):
            graph.disconnect(edge)
        graph.remove_node(self.node.id)


class RemoveNode(Edit):
    """Removes a node with its edges; revert puts both back at their old positions."""

    def __init__(self, node_id: str):
        self.node_id = node_id
        self.text = translate("Edits", "Remove node")
        self._node: Node | None = None
        self._index = 0
        self._edges: list[tuple[int, Edge]] = []

    def apply(self, graph: Graph) -> None:
        self._edges = [(graph.edges.index(e), e) for e in graph.edges_of(self.node_id)]
        for _, edge in reversed(self._edges):
            graph.disconnect(edge)
        self._node, self._index = graph.remove_node(self.node_id)
        self.text = translate("Edits", "Remove {name}").format(name=self._node.name)

    def revert(self, graph: Graph) -> None:
        graph.add_node(self._node, self._index)
        for index, edge in self._edges:
            graph.connect(edge, index)


class Connect(Edit):
    def __init__(self, edge: Edge):
        self.edge = edge
        self.text = translate("Edits", "Connect")

    def apply(self, graph: Graph) -> None:
        graph.connect(self.edge)

    def revert(self, graph: Graph) -> None:
        graph.disconnect(self.edge)


class Disconnect(Edit):
    def __init__(self, edge: Edge):
        self.edge = edge
        self.text = translate("Edits", "Disconnect")
        self._index = 0

    def apply(self, graph: Graph) -> None:
        self._index = graph.disconnect(self.edge)

    def revert(self, graph: Graph) -> None:
        graph.connect(self.edge, self._index)


class SetParam(Edit):
    """Set one param (``MISSING`` removes it); revert restores the whole params dict, key order included."""

    def __init__(self, node_id: str, key: str, value: Any):
        self.node_id, self.key = node_id, key
        self.value = value if value is MISSING else copy.deepcopy(value)  # the caller may reuse its list
        self.text = translate("Edits", "Set {key}").format(key=key)
        self._old: Any = MISSING
        self._before: dict = {}

    def apply(self, graph: Graph) -> None:
        self._before = copy.deepcopy(graph.node(self.node_id).params)
        value = self.value if self.value is MISSING else copy.deepcopy(self.value)  # the graph owns its values
        self._old = graph.set_param(self.node_id, self.key, value)

    def revert(self, graph: Graph) -> None:
        graph.set_params(self.node_id, copy.deepcopy(self._before))


class Rename(Edit):
    def __init__(self, node_id: str, name: str):
        self.node_id, self.name = node_id, name
        self.text = translate("Edits", "Rename to {name}").format(name=name)
        self._old = ""

    def apply(self, graph: Graph) -> None:
        self._old = graph.set_name(self.node_id, self.name)

    def revert(self, graph: Graph) -> None:
        graph.set_name(self.node_id, self._old)


class Move(Edit):
    def __init__(self, node_id: str, pos: tuple[float, float]):
        self.node_id, self.pos = node_id, canonical_pos(pos)
        self.text = translate("Edits", "Move")
        self._old = (0.0, 0.0)

    def apply(self, graph: Graph) -> None:
        self._old = graph.set_pos(self.node_id, self.pos)

    def revert(self, graph: Graph) -> None:
        graph.set_pos(self.node_id, self._old)


class SetTrainable(Edit):
    def __init__(self, node_id: str, trainable: bool):
        self.node_id, self.trainable = node_id, bool(trainable)
        self.text = translate("Edits", "Unfreeze") if trainable else translate("Edits", "Freeze")
        self._old = True

    def apply(self, graph: Graph) -> None:
        self._old = graph.set_trainable(self.node_id, self.trainable)

    def revert(self, graph: Graph) -> None:
        graph.set_trainable(self.node_id, self._old)


class Compound(Edit):
    """Several edits as one undo step."""

    def __init__(self, edits: list[Edit], text: str = "Edit"):
        self.edits = list(edits)
        self.text = text

    def apply(self, graph: Graph) -> None:
        done: list[Edit] = []
        try:
            for edit in self.edits:
                edit.apply(graph)
                done.append(edit)
        except Exception:
            for edit in reversed(done):  # all or nothing
                edit.revert(graph)
            raise

    def revert(self, graph: Graph) -> None:
        for edit in reversed(self.edits):
            edit.revert(graph)


def insert_between(edge: Edge, node: Node, in_port: str = "in") -> Compound:
    """Put ``node`` on ``edge``: src -> node -> dst."""
    return Compound(
        [
            Disconnect(edge),
            AddNode(node),
            Connect(Edge(edge.src, node.id, in_port, edge.src_port)),
            Connect(Edge(node.id, edge.dst, edge.dst_port)),
        ],
        text=translate("Edits", "Insert {name}").format(name=node.name),
    )


def remove_nodes(node_ids: list[str]) -> Compound:
    return Compound(
        [RemoveNode(nid) for nid in node_ids],
        text=translate("Edits", "Delete {count} node(s)").format(count=len(node_ids)),
    )


def freeze_up_to(graph: Graph, node_id: str, trainable: bool = False) -> Compound:
    """Freeze (or unfreeze) a node and every node that feeds it: reuse of trained lower layers."""
    ids = graph.ancestors(node_id) | {node_id}
    ordered = [nid for nid in graph.nodes if nid in ids and graph.nodes[nid].trainable != trainable]
    name = graph.node(node_id).name
    if trainable:
        text = translate("Edits", "Unfreeze up to {name}").format(name=name)
    else:
        text = translate("Edits", "Freeze up to {name}").format(name=name)
    return Compound([SetTrainable(nid, trainable) for nid in ordered], text=text)
