"""Expand a composite block (residual, inception, Conv-BN-ReLU) into its parts, and collapse the parts back.

Both are ordinary Compound edits, so they undo exactly. The parts are named under the composite's name
(``layer1.0`` → ``layer1.0.conv1``, ``layer1.0.downsample.0`` ...), the same paths as the composite's own
submodules, so the compiled models of both forms have identical state_dict keys and load the same weights.
What a composite is made of is the block's knowledge (``Block.expand`` / ``Block.collapse``); this module
only turns it into edits.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from .block import REGISTRY, Part, Registry
from .edits import AddNode, Compound, Connect, Move, RemoveNode
from .formulas import fmt_shape
from .graph import Edge, Graph, Node
from .i18n import translate
from .inference import Inference, infer_shapes
from .layout import COLUMN, ROW


class CompositeError(ValueError):
    """The node cannot be expanded, or the nodes cannot be collapsed; str() is one line saying why."""


# expand ------------------------------------------------------------------------------------------
def expand_composite(
    graph: Graph, node_id: str, registry: Registry = REGISTRY, inference: Inference | None = None
) -> Compound:
    """The edit that replaces a composite node by its parts, wired and laid out where it was."""
    node = graph.node(node_id)
    block = registry.find(node.type)
    if block is None or not block.composite:
        raise CompositeError(
            translate("Edits", "{name!r} is not a composite block: there is nothing to expand").format(name=node.name)
        )
    problems = block.check_params(node.params)
    if problems:
        raise CompositeError(
            translate("Edits", "cannot expand {name!r}: {problems}").format(name=node.name, problems=problems[0])
        )
    result = inference or infer_shapes(graph, registry)
    info = result.info.get(node_id)
    if info is None or info.shape is None:
        raise CompositeError(
            translate("Edits", "cannot expand {name!r}: its shapes are unknown (connect it and fix its errors)").format(
                name=node.name
            )
        )
    parts = block.expand(block.resolve(node.params), info.in_shapes[0])

    names = {part.name: f"{node.name}.{part.name}" for part in parts}
    taken = {n.name for nid, n in graph.nodes.items() if nid != node_id}
    clash = sorted(set(names.values()) & taken)
    if clash:
        raise CompositeError(
            translate("Edits", "cannot expand {name!r}: a node named {clash!r} already exists").format(
                name=node.name, clash=clash[0]
            )
        )

    ids = dict(zip(names, _fresh_ids(graph, len(parts))))
    index = list(graph.nodes).index(node_id)
    positions = _positions(parts, node.pos, _direction(graph, node))
    edits: list = [RemoveNode(node_id)]
    new_nodes: dict[str, Node] = {}
    for k, part in enumerate(parts):
        part_block = registry.get(part.type)
        params = copy.deepcopy(part_block.resolve(part.params))
        new = Node(ids[part.name], part_block.type, names[part.name], params, positions[part.name], node.trainable)
        new_nodes[part.name] = new
        edits.append(AddNode(new, index + k))

    source = graph.in_edges(node_id).get("in")
    for part in parts:
        new = new_nodes[part.name]
        ports = registry.get(new.type).input_ports(new.params)
        for port, ref in zip(ports, part.inputs):
            ref, _, src_port = ref.partition(":")  # "split:out1": one output of a multi-output part
            if ref:
                edits.append(Connect(Edge(ids[ref], new.id, port, src_port or "out")))
            elif source is not None:
                edits.append(Connect(Edge(source.src, new.id, port, source.src_port)))
    output = ids[parts[-1].name]
    for edge in graph.out_edges(node_id):
        edits.append(Connect(Edge(output, edge.dst, edge.dst_port)))
    return Compound(edits, text=translate("Edits", "Expand {name}").format(name=node.name))


def _fresh_ids(graph: Graph, count: int) -> list[str]:
    ids, k = [], 1
    while len(ids) < count:
        candidate = f"n{k}"
        if candidate not in graph.nodes:
            ids.append(candidate)
        k += 1
    return ids


def _direction(graph: Graph, node: Node) -> str:
    """'tb' if the network around the node flows downwards, else 'lr'."""
    neighbours = [graph.nodes[e.src] for e in graph.in_edges(node.id).values()]
    neighbours += [graph.nodes[e.dst] for e in graph.out_edges(node.id)]
    if not neighbours:
        return "lr"
    dx = sum(abs(n.pos[0] - node.pos[0]) for n in neighbours)
    dy = sum(abs(n.pos[1] - node.pos[1]) for n in neighbours)
    return "tb" if dy > dx else "lr"


def _positions(parts: list[Part], center: tuple[float, float], direction: str) -> dict[str, tuple[float, float]]:
    """Parts in columns by depth (branches side by side), centred on the composite's old place."""
    depth: dict[str, int] = {}
    for part in parts:  # parts come in an order where inputs precede their users
        refs = [ref.partition(":")[0] for ref in part.inputs]
        depth[part.name] = 1 + max((depth[ref] for ref in refs if ref), default=-1)
    rows: dict[int, int] = {}
    grid = {}
    for part in parts:
        d = depth[part.name]
        grid[part.name] = (d, rows.get(d, 0))
        rows[d] = rows.get(d, 0) + 1
    placed = {}
    for name, (d, r) in grid.items():
        row = r - (rows[d] - 1) / 2  # centre each column's rows
        a, b = d * COLUMN * 0.75, row * ROW
        placed[name] = (a, b) if direction == "lr" else (b * 2, a / 2)
    mean_x = sum(x for x, _ in placed.values()) / len(placed)
    mean_y = sum(y for _, y in placed.values()) / len(placed)
    return {name: (center[0] + x - mean_x, center[1] + y - mean_y) for name, (x, y) in placed.items()}


# collapse ----------------------------------------------------------------------------------------
def collapse_composite(
    graph: Graph,
    nodes: str | Iterable[str],
    registry: Registry = REGISTRY,
    inference: Inference | None = None,
    orientation: str | None = None,
) -> Compound:
    """The edit that replaces an expanded group by its composite block.

    ``nodes`` is the group's name prefix (``"layer1.0"``) or some of its node ids: the group is every node
    named under the prefix they share. With the canvas's ``orientation`` ("tb" or "lr") the block takes its
    first part's place and what comes after the parts moves back by the room they took (the canvas's expand
    made that room); without, it sits at their centre and nothing else moves.
    """
    if not isinstance(nodes, str):
        return _collapse_selection(graph, list(nodes), registry, inference, orientation)
    prefix = nodes
    group = [nid for nid, n in graph.nodes.items() if n.name.startswith(prefix + ".")]
    if not group:
        raise CompositeError(
            translate("Edits", "no nodes are named under {prefix!r}: nothing to collapse").format(prefix=prefix)
        )
    members = set(group)
    rel = {nid: graph.nodes[nid].name[len(prefix) + 1 :] for nid in group}
    where = translate("Edits", "cannot collapse {prefix!r}").format(prefix=prefix)

    outer_in = [e for nid in group for e in graph.in_edges(nid).values() if e.src not in members]
    sources = sorted({(e.src, e.src_port) for e in outer_in})
    if len(sources) != 1:
        what = (
            translate("Edits", "nothing") if not sources else ", ".join(repr(graph.nodes[s].name) for s, _ in sources)
        )
        raise CompositeError(
            translate("Edits", "{where}: a composite block has one input, but its parts are fed by {what}").format(
                where=where, what=what
            )
        )
    source, source_port = sources[0]
    outer_out = [e for e in graph.edges if e.src in members and e.dst not in members]
    ends = {e.src for e in outer_out} or {nid for nid in group if not graph.out_edges(nid)}
    if len(ends) != 1:
        raise CompositeError(
            translate("Edits", "{where}: a composite block has one output, but {count} of its parts lead out").format(
                where=where, count=len(ends)
            )
        )
    (end,) = ends

    parts: dict[str, Part] = {}
    for nid in group:
        node = graph.nodes[nid]
        block = registry.find(node.type)
        if block is None or block.check_params(node.params):
            raise CompositeError(
                translate("Edits", "{where}: fix the errors of {name!r} first").format(where=where, name=node.name)
            )
        params = block.resolve(node.params)
        edges = graph.in_edges(nid)
        ports = block.input_ports(params)
        if any(port not in edges for port in ports):
            raise CompositeError(
                translate("Edits", "{where}: {name!r} is not connected").format(where=where, name=node.name)
            )
        inputs = tuple(_ref(edges[port], members, rel) for port in ports)
        parts[rel[nid]] = Part(rel[nid], block.type, params, inputs)
    trainable = {graph.nodes[nid].trainable for nid in group}
    if len(trainable) > 1:
        raise CompositeError(
            translate(
                "Edits", "{where}: some parts are frozen and some are not; freeze or unfreeze them all first"
            ).format(where=where)
        )

    result = inference or infer_shapes(graph, registry)
    in_shape = result.info[source].port_shape(source_port) if source in result.info else None
    if in_shape is None:
        raise CompositeError(
            translate("Edits", "{where}: the shape of its input {name!r} is unknown").format(
                where=where, name=graph.nodes[source].name
            )
        )
    block, params = _match(parts, rel[end], in_shape, registry, where)

    taken = {n.name for nid, n in graph.nodes.items() if nid not in members}
    if prefix in taken:
        raise CompositeError(
            translate("Edits", "{where}: another node is already named {prefix!r}").format(where=where, prefix=prefix)
        )
    xs = [graph.nodes[nid].pos[0] for nid in group]
    ys = [graph.nodes[nid].pos[1] for nid in group]
    if orientation is None:
        pos = (sum(xs) / len(xs), sum(ys) / len(ys))
    else:  # where its first part is
        pos = graph.nodes[min(group, key=lambda nid: graph.nodes[nid].pos[1 if orientation == "tb" else 0])].pos
    node = Node(_fresh_ids(graph, 1)[0], block.type, prefix, params, pos, trainable.pop())
    index = min(list(graph.nodes).index(nid) for nid in group)
    edits: list = [RemoveNode(nid) for nid in group]
    edits.append(AddNode(node, index))
    edits.append(Connect(Edge(source, node.id, "in", source_port)))
    edits += [Connect(Edge(node.id, e.dst, e.dst_port)) for e in outer_out]
    if orientation is not None:
        edits += _give_back_room(graph, group, 1 if orientation == "tb" else 0)
    return Compound(edits, text=translate("Edits", "Collapse {prefix}").format(prefix=prefix))


def _collapse_selection(
    graph: Graph, node_ids: list[str], registry: Registry, inference: Inference | None, orientation: str | None
) -> Compound:
    """Selected parts: the block they belong to is named by the prefix they share, or by one above it (all the
    parts of MobileNet's features.2 are named features.2.conv.*, and features.2.conv is no block)."""
    prefix = group_prefix(graph, node_ids)
    first_error: CompositeError | None = None
    while prefix:
        try:
            return collapse_composite(graph, prefix, registry, inference, orientation)
        except CompositeError as exc:
            first_error = first_error or exc
        prefix = prefix.rpartition(".")[0]
    assert first_error is not None
    raise first_error


def collapsed_name(edit: Compound) -> str:
    """The name of the block a collapse edit makes."""
    return next(e.node.name for e in edit.edits if isinstance(e, AddNode))


def _give_back_room(graph: Graph, group: list[str], axis: int) -> list[Move]:
    """Move what lies beyond the last part back by the room the parts took (the block is on the first)."""
    low = min(graph.nodes[nid].pos[axis] for nid in group)
    high = max(graph.nodes[nid].pos[axis] for nid in group)
    members = set(group)
    moves = []
    for nid, other in graph.nodes.items():
        if nid not in members and other.pos[axis] > high + 1:
            pos = list(other.pos)
            pos[axis] -= high - low
            moves.append(Move(nid, (pos[0], pos[1])))
    return moves


def _ref(edge: Edge, members: set[str], rel: dict[str, str]) -> str:
    """How a part names what feeds one of its inputs: "" (the block's input), "conv1" or "split:out1"."""
    if edge.src not in members:
        return ""
    return rel[edge.src] if edge.src_port == "out" else f"{rel[edge.src]}:{edge.src_port}"


def group_prefix(graph: Graph, node_ids: Iterable[str]) -> str:
    """The dotted name prefix the nodes share (at most all but the last part of the shortest name)."""
    names = [graph.node(nid).name.split(".") for nid in node_ids]
    if not names:
        raise CompositeError(translate("Edits", "select the parts of an expanded block to collapse them"))
    shared: list[str] = []
    for parts in zip(*(n[:-1] for n in names)):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    if not shared:
        raise CompositeError(
            translate(
                "Edits", "the selected nodes share no name prefix: an expanded block's parts are named 'block.part'"
            )
        )
    return ".".join(shared)


def _match(parts: dict[str, Part], output: str, in_shape, registry: Registry, where: str):
    """The composite block and params whose expansion is exactly ``parts``, or a CompositeError saying why not."""
    reasons = []
    for block in registry:
        if not block.composite:
            continue
        guess = block.collapse_on(parts, in_shape)
        if guess is None:
            continue
        params = copy.deepcopy(block.resolve(guess))
        problems = block.check_params(params)
        if problems:
            reasons.append(f"as {block.label}: {problems[0]}")
            continue
        reason = _difference(block.expand(params, in_shape), parts, output, registry)
        if reason is None:
            return block, params
        reasons.append(f"as {block.label} on {fmt_shape(in_shape)}: {reason}")
    if not reasons:
        raise CompositeError(translate("Edits", "{where}: its parts do not form a composite block").format(where=where))
    raise CompositeError(f"{where}: {reasons[0]}")


def _difference(expected: list[Part], parts: dict[str, Part], output: str, registry: Registry) -> str | None:
    """The first way ``parts`` differ from ``expected``, or None if they are the same."""
    names = [p.name for p in expected]
    missing = [name for name in names if name not in parts]
    if missing:
        inner = any(name.startswith(missing[0] + ".") for name in parts)
        return f"it needs a part {missing[0]!r}" + (f" (collapse the expanded {missing[0]!r} first)" if inner else "")
    extra = sorted(set(parts) - set(names))
    if extra:
        return f"{extra[0]!r} is not one of its parts"
    for want in expected:
        have = parts[want.name]
        if have.type != want.type:
            return f"{want.name!r} is a {have.type}, it should be a {want.type}"
        full = registry.get(want.type).resolve(want.params)
        for key, value in full.items():
            if have.params.get(key) != value:
                return f"{want.name!r} has {key} = {have.params.get(key)!r}, it should be {value!r}"
        if have.inputs != want.inputs:
            feeds = ", ".join(ref or "the block's input" for ref in want.inputs)
            return f"{want.name!r} should be fed by {feeds}"
    if output != expected[-1].name:
        return f"its output should be {expected[-1].name!r}, not {output!r}"
    return None
