"""Edits that keep a chain a chain: put a block after another or on a wire (making room downstream),
and delete blocks while wiring what fed them through to what they fed.

Each returns one Compound edit (one undo step); nothing here knows about the canvas beyond positions.
"""

from __future__ import annotations

from .block import REGISTRY, Registry
from .diagnostics import Diagnostic
from .edits import AddNode, Compound, Connect, Disconnect, Edit, Move, RemoveNode
from .graph import Edge, Graph, GraphError, Node
from .i18n import translate
from .inference import Inference, infer_shapes


def downstream(graph: Graph, start: list[str]) -> list[str]:
    """``start`` and every node they feed, directly or not, in graph order."""
    seen: set[str] = set()
    stack = list(start)
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(e.dst for e in graph.out_edges(current))
    return [nid for nid in graph.nodes if nid in seen]


def make_room(graph: Graph, after: tuple[float, float], first: list[str], step: tuple[float, float]) -> list[Move]:
    """Moves that push ``first`` and everything downstream of them one ``step`` past ``after`` along the flow.

    ``step`` is the distance between neighbouring blocks along the flow ((0, dy) downwards, (dx, 0) to the
    right). Nothing moves when the nearest of ``first`` is already that far away.
    """
    axis = 0 if abs(step[0]) >= abs(step[1]) else 1
    length = step[axis]
    if not first or not length:
        return []
    nearest = min(graph.nodes[nid].pos[axis] for nid in first)
    shift = after[axis] + length - nearest
    if shift <= 0.5:
        return []
    moves = []
    for nid in downstream(graph, first):
        pos = list(graph.nodes[nid].pos)
        pos[axis] += shift
        moves.append(Move(nid, (pos[0], pos[1])))
    return moves


def insert_after(graph: Graph, anchor: str, node: Node, port: str, step: tuple[float, float]) -> Compound:
    """Put ``node`` after ``anchor``: it takes over every wire that leaves ``anchor``; the blocks fed move on."""
    consumers = [e for e in graph.out_edges(anchor)]
    src_ports = {e.src_port for e in consumers}
    if len(src_ports) > 1:
        raise GraphError(
            translate("Edits", "{name!r} has several outputs: drop the block on the wire to use").format(
                name=graph.node(anchor).name
            )
        )
    src_port = src_ports.pop() if src_ports else "out"
    a = graph.node(anchor).pos
    node.pos = (a[0] + step[0], a[1] + step[1])
    edits: list[Edit] = [Disconnect(e) for e in consumers]
    edits.append(AddNode(node))
    edits.append(Connect(Edge(anchor, node.id, port, src_port)))
    edits += [Connect(Edge(node.id, e.dst, e.dst_port)) for e in consumers]
    edits += make_room(graph, node.pos, _unique(e.dst for e in consumers), step)
    return Compound(
        edits,
        text=translate("Edits", "Insert {name} after {anchor}").format(name=node.name, anchor=graph.node(anchor).name),
    )


def insert_on_edge(
    graph: Graph, edge: Edge, node: Node, port: str, step: tuple[float, float], gap: float = 0.0
) -> Compound:
    """Put ``node`` on ``edge`` where it was dropped (``node.pos``), at least ``gap`` past the sending block
    along the flow, and push the receiving block and what follows it a ``step`` further so nothing overlaps."""
    axis = 0 if abs(step[0]) >= abs(step[1]) else 1
    src = graph.node(edge.src).pos
    pos = list(node.pos)
    if step[axis] > 0:
        pos[axis] = max(pos[axis], src[axis] + gap)
    node.pos = (pos[0], pos[1])
    edits: list[Edit] = [
        Disconnect(edge),
        AddNode(node),
        Connect(Edge(edge.src, node.id, port, edge.src_port)),
        Connect(Edge(node.id, edge.dst, edge.dst_port)),
    ]
    edits += make_room(graph, node.pos, [edge.dst], step)
    return Compound(edits, text=translate("Edits", "Insert {name}").format(name=node.name))


def new_errors(graph: Graph, edit: Edit, before: Inference, registry: Registry = REGISTRY) -> list[Diagnostic]:
    """The errors ``edit`` would add (tried on a copy: the graph itself is untouched)."""
    trial = graph.copy()
    try:
        edit.apply(trial)
    except (GraphError, KeyError, ValueError) as exc:
        return [Diagnostic(None, "error", "edit", str(exc))]
    known = {(d.node, d.code) for d in before.errors()}
    return [d for d in infer_shapes(trial, registry).errors() if (d.node, d.code) not in known]


# delete and reconnect ----------------------------------------------------------------------------
def delete_and_reconnect(
    graph: Graph, node_ids: list[str], registry: Registry = REGISTRY, inference: Inference | None = None
) -> Compound:
    """Remove the nodes and wire what fed them to every block they fed: through the input whose shape is the
    block's output shape (given ``inference``: a squeeze-excitation Multiply passes on its feature map, not its
    gate), else through the first input."""
    gone = set(node_ids)
    if not gone:
        raise GraphError(translate("Edits", "select the blocks to delete"))
    leaving = [e for e in graph.edges if e.src in gone and e.dst not in gone]
    edits: list[Edit] = [RemoveNode(nid) for nid in graph.nodes if nid in gone]
    links = 0
    for edge in leaving:
        source = _feeder(graph, edge.src, gone, registry, inference)
        if source is not None:
            edits.append(Connect(Edge(source.src, edge.dst, edge.dst_port, source.src_port)))
            links += 1
    names = ", ".join(graph.node(nid).name for nid in graph.nodes if nid in gone)
    what = names if len(gone) <= 3 else translate("Edits", "{count} blocks").format(count=len(gone))
    if links:
        return Compound(edits, text=translate("Edits", "Delete {what} and reconnect").format(what=what))
    return Compound(edits, text=translate("Edits", "Delete {what}").format(what=what))


def _feeder(graph: Graph, nid: str, gone: set[str], registry: Registry, inference: Inference | None) -> Edge | None:
    """The edge that feeds ``nid``'s main input from outside ``gone``, following deleted blocks back."""
    seen: set[str] = set()
    while nid in gone and nid not in seen:
        seen.add(nid)
        edges = graph.in_edges(nid)
        node = graph.nodes[nid]
        block = registry.find(node.type)
        ports = block.input_ports(block.resolve(node.params)) if block is not None else tuple(edges)
        fed = [edges[p] for p in ports if p in edges]
        first = next((e for e in fed if _passes_on(e, nid, inference)), fed[0] if fed else None)
        if first is None:
            return None
        if first.src not in gone:
            return first
        nid = first.src
    return None


def _passes_on(edge: Edge, nid: str, inference: Inference | None) -> bool:
    """Whether the tensor on ``edge`` has the shape of ``nid``'s output (so it can stand in for it)."""
    if inference is None or nid not in inference.info or edge.src not in inference.info:
        return False
    shape = inference.info[nid].shape
    return shape is not None and inference.info[edge.src].port_shape(edge.src_port) == shape


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))
