"""Checks of how the network flows, beyond shapes: dead branches and inputs to reconnect.

They run after shape inference (``infer_with_flow``, in linear time: after every edit) and add to its
diagnostics: a block whose output feeds nothing is a warning with fixes (insert it where it was meant to go,
or delete it); an unconnected input offers "Reconnect to <previous block>".
"""

from __future__ import annotations

import math

from .block import REGISTRY, Registry
from .diagnostics import ConnectFrom, ConnectTo, DeleteNode, Diagnostic
from .graph import Graph
from .inference import Inference, infer_shapes

MAX_CHOICES = 2  # fixes of one kind offered per problem: more is a menu nobody reads


def infer_with_flow(graph: Graph, registry: Registry = REGISTRY) -> Inference:
    """Shape inference plus the flow checks of this module."""
    return add_flow_checks(graph, infer_shapes(graph, registry), registry)


def add_flow_checks(graph: Graph, inference: Inference, registry: Registry = REGISTRY) -> Inference:
    """Add dead-branch warnings and reconnect fixes to ``inference`` (in place)."""
    diags = []
    for diag in inference.diagnostics:
        if diag.code == "unconnected" and diag.node in graph.nodes:
            diag = _with_fixes(diag, _reconnect_fixes(graph, inference, diag.node, registry))
        diags.append(diag)
    diags += dead_branches(graph, inference, registry)
    inference.diagnostics = diags
    return inference


def _with_fixes(diag: Diagnostic, extra: tuple) -> Diagnostic:
    return Diagnostic(diag.node, diag.level, diag.code, diag.message, diag.fixes + extra)


# dead branches ----------------------------------------------------------------------------------
def dead_branches(graph: Graph, inference: Inference, registry: Registry = REGISTRY) -> list[Diagnostic]:
    """A warning for each block whose output feeds nothing although it is not an output head.

    Only once the network has an output head: before that, the last block is simply where the user is.
    """
    blocks = {nid: registry.find(node.type) for nid, node in graph.nodes.items()}
    if not any(b is not None and b.is_output for b in blocks.values()):
        return []
    out = []
    for nid, block in blocks.items():
        if block is None or block.is_output or graph.out_edges(nid):
            continue
        name = graph.nodes[nid].name
        fixes = _dead_fixes(graph, inference, nid, registry) + (DeleteNode(f"Delete {name}"),)
        out.append(
            Diagnostic(
                nid,
                "warning",
                "dead_branch",
                "its output feeds nothing: it is a dead branch that no output uses (connect it or delete it)",
                fixes,
            )
        )
    return out


def _dead_fixes(graph: Graph, inference: Inference, nid: str, registry: Registry) -> tuple:
    """Insert the block on a wire leaving its own input (what was probably meant), or feed a free input."""
    fixes: list = []
    edges = graph.in_edges(nid)
    first = _first_input(graph, nid, registry)
    if first is not None and first in edges:
        src = edges[first].src
        for edge in graph.out_edges(src):
            if edge.dst != nid and not graph.would_create_cycle(nid, edge.dst):
                label = f"Insert between {graph.nodes[src].name} and {graph.nodes[edge.dst].name}"
                fixes.append(ConnectTo(label, edge.dst, edge.dst_port))
            if len(fixes) == MAX_CHOICES:
                break
    if not fixes:
        here = graph.nodes[nid].pos
        free = [
            (dst, port)
            for dst in graph.nodes
            if dst != nid
            for port in _free_inputs(graph, dst, registry)
            if not graph.would_create_cycle(nid, dst)
        ]
        free.sort(key=lambda item: _distance(here, graph.nodes[item[0]].pos))
        for dst, port in free[:1]:
            fixes.append(ConnectTo(f"Connect to {graph.nodes[dst].name}", dst, port))
    return tuple(fixes)


# reconnecting an input ---------------------------------------------------------------------------
def _reconnect_fixes(graph: Graph, inference: Inference, nid: str, registry: Registry) -> tuple:
    """'Reconnect to conv1': the blocks that most likely fed this input, a loose end first, then the nearest."""
    ports = _free_inputs(graph, nid, registry)
    if not ports:
        return ()
    below = _downstream(graph, nid)
    here = graph.nodes[nid].pos
    candidates = []
    for cid, node in graph.nodes.items():
        block = registry.find(node.type)
        info = inference.info.get(cid)
        if cid in below or block is None or block.is_output or info is None or info.shape is None:
            continue
        loose = not graph.out_edges(cid)
        candidates.append((not loose, _distance(here, node.pos), cid))
    candidates.sort()
    fixes = []
    port = ports[0]
    where = "" if len(ports) == 1 and port == "in" else f" ({port})"
    for _, _, cid in candidates[:MAX_CHOICES]:
        fixes.append(ConnectFrom(f"Reconnect to {graph.nodes[cid].name}{where}", cid, port))
    return tuple(fixes)


def _free_inputs(graph: Graph, nid: str, registry: Registry) -> list[str]:
    node = graph.nodes[nid]
    block = registry.find(node.type)
    if block is None:
        return []
    try:
        ports = block.input_ports(block.resolve(node.params))
    except (KeyError, TypeError, ValueError):
        return []
    taken = graph.in_edges(nid)
    return [p for p in ports if p not in taken]


def _first_input(graph: Graph, nid: str, registry: Registry) -> str | None:
    node = graph.nodes[nid]
    block = registry.find(node.type)
    try:
        ports = block.input_ports(block.resolve(node.params)) if block is not None else ()
    except (KeyError, TypeError, ValueError):
        ports = ()
    return ports[0] if ports else None


def _downstream(graph: Graph, nid: str) -> set[str]:
    seen, stack = set(), [nid]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(e.dst for e in graph.out_edges(current))
    return seen


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])
