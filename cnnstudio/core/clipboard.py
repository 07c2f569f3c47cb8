"""Copy and paste a set of nodes with the edges between them, as JSON text (no Qt: the GUI only moves text).

``copy_nodes`` keeps the selection's internal edges; ``paste_edit`` turns the text into one Compound edit
with fresh ids, names made unique, and positions offset so the copy does not hide the original.
"""

from __future__ import annotations

import json
import math
import re

from .block import REGISTRY, Registry
from .edits import AddNode, Compound, Connect
from .graph import Edge, Graph, Node
from .i18n import translate

FORMAT = "cnnstudio.clipboard"
VERSION = 1


class ClipboardError(ValueError):
    """Text that is not a CNN Studio selection; str() is one line."""


def copy_nodes(graph: Graph, node_ids) -> str:
    """The nodes (in graph order) and the edges between them, as JSON text."""
    wanted = set(node_ids)
    nodes = [n for n in graph.nodes.values() if n.id in wanted]
    inside = {n.id for n in nodes}
    edges = [e for e in graph.edges if e.src in inside and e.dst in inside]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "nodes": [
            {
                "id": n.id,
                "type": n.type,
                "name": n.name,
                "params": n.params,
                "pos": [n.pos[0], n.pos[1]],
                "trainable": n.trainable,
            }
            for n in nodes
        ],
        "edges": [{"from": e.src, "to": e.dst, "port": e.dst_port, "src_port": e.src_port} for e in edges],
    }
    return json.dumps(data, ensure_ascii=False)


def paste_edit(
    graph: Graph, text: str, offset: tuple[float, float] = (40.0, 40.0), registry: Registry = REGISTRY
) -> Compound:
    """One undoable edit that adds the copied nodes and their edges to ``graph``."""
    nodes, edges = _parse(text, registry)
    taken_ids = set(graph.nodes)
    taken_names = {n.name for n in graph.nodes.values()}
    fresh_ids: dict[str, str] = {}
    counter = [1]
    edits: list = []
    for item in nodes:
        new_id = _fresh_id(taken_ids, counter)
        fresh_ids[item["id"]] = new_id
        name = _fresh_name(item["name"], taken_names)
        taken_names.add(name)
        pos = (item["pos"][0] + offset[0], item["pos"][1] + offset[1])
        node = Node(new_id, item["type"], name, item["params"], pos, item["trainable"])
        edits.append(AddNode(node))
    for item in edges:
        edge = Edge(fresh_ids[item["from"]], fresh_ids[item["to"]], item["port"], item["src_port"])
        edits.append(Connect(edge))
    count = len(nodes)
    return Compound(edits, text=translate("Edits", "Paste {count} node(s)").format(count=count))


def pasted_ids(edit: Compound) -> list[str]:
    """The ids of the nodes a paste edit adds, in order."""
    return [e.node.id for e in edit.edits if isinstance(e, AddNode)]


def _fresh_id(taken: set[str], counter: list[int]) -> str:
    while f"n{counter[0]}" in taken:
        counter[0] += 1
    new = f"n{counter[0]}"
    taken.add(new)
    return new


def _fresh_name(name: str, taken: set[str]) -> str:
    """The name itself if free, else the next number: conv1 → conv2, layer1.0 → layer1.1, flatten → flatten1."""
    if name not in taken:
        return name
    match = re.match(r"^(.*?)(\d+)$", name)
    base, k = (match.group(1), int(match.group(2)) + 1) if match and match.group(1) else (name, 1)
    while f"{base}{k}" in taken:
        k += 1
    return f"{base}{k}"


def _parse(text: str, registry: Registry) -> tuple[list[dict], list[dict]]:
    bad = ClipboardError(translate("Edits", "the clipboard does not hold CNN Studio blocks"))
    try:
        data = json.loads(text)
    except (ValueError, RecursionError, TypeError):
        raise bad from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad
    if data.get("version") != VERSION:
        raise ClipboardError(
            translate("Edits", "the copied blocks come from another CNN Studio version ({get!r})").format(
                get=data.get("version")
            )
        )
    raw_nodes, raw_edges = data.get("nodes"), data.get("edges", [])
    if not isinstance(raw_nodes, list) or not isinstance(raw_edges, list):
        raise bad
    nodes, ids = [], set()
    for item in raw_nodes:
        if not isinstance(item, dict):
            raise bad
        node_id, type_name, name = item.get("id"), item.get("type"), item.get("name")
        params, pos, trainable = item.get("params", {}), item.get("pos", [0, 0]), item.get("trainable", True)
        if not (isinstance(node_id, str) and isinstance(name, str) and isinstance(params, dict)) or node_id in ids:
            raise bad
        canonical = registry.canonical(type_name) if isinstance(type_name, str) else None
        if canonical is None:
            raise ClipboardError(
                translate("Edits", "the copied blocks include an unknown block type {type_name!r}").format(
                    type_name=type_name
                )
            )
        if not (
            isinstance(pos, list)
            and len(pos) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in pos)
        ):
            raise bad
        ids.add(node_id)
        nodes.append(
            {
                "id": node_id,
                "type": canonical,
                "name": name,
                "params": params,
                "pos": (float(pos[0]), float(pos[1])),
                "trainable": bool(trainable),
            }
        )
    edges, ports_in = [], set()
    for item in raw_edges:
        if not isinstance(item, dict):
            raise bad
        src, dst = item.get("from"), item.get("to")
        port, src_port = item.get("port", "in"), item.get("src_port", "out")
        if src not in ids or dst not in ids or src == dst or not isinstance(port, str) or not isinstance(src_port, str):
            raise bad
        if (dst, port) in ports_in:
            raise bad
        ports_in.add((dst, port))
        edges.append({"from": src, "to": dst, "port": port, "src_port": src_port})
    return nodes, edges
