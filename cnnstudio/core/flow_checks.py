"""Checks of how the network flows, beyond shapes: dead branches, missing heads and inputs to reconnect.

They run after shape inference (``infer_with_flow``, in linear time: after every edit) and add to its
diagnostics: a block whose output feeds nothing is a warning with fixes (insert it where it was meant to go,
give it an output head its shape fits, or delete it, alone or with the blocks that only fed it); a network
without an output head is told so on its last block, with the head to add there; an unconnected input offers
"Reconnect to <previous block>".
"""

from __future__ import annotations

import math

from . import block_cache
from .block import REGISTRY, Registry
from .block_cache import params_key
from .diagnostics import (
    AppendAfter,
    ConnectFrom,
    ConnectTo,
    DeleteBranch,
    DeleteNode,
    Diagnostic,
    InsertBefore,
    SetParams,
)
from .graph import Graph
from .i18n import translate
from .inference import Inference, infer_shapes

FLATTEN_WEIGHTS_LIMIT = 10_000_000  # a Linear past this many weights on a flattened map: pooling is offered first
MAX_CHOICES = 2  # fixes of one kind offered per problem: more is a menu nobody reads
# steps of nearest-block search per inference: a fixed allowance plus a few per block keeps it linear
SEARCH_BUDGET_BASE = 100_000
SEARCH_BUDGET_PER_NODE = 4


def infer_with_flow(graph: Graph, registry: Registry = REGISTRY) -> Inference:
    """Shape inference plus the flow checks of this module."""
    return add_flow_checks(graph, infer_shapes(graph, registry), registry)


def add_flow_checks(graph: Graph, inference: Inference, registry: Registry = REGISTRY) -> Inference:
    """Add dead-branch warnings and reconnect fixes to ``inference`` (in place)."""
    scan = _Scan(graph, inference, registry)
    diags = []
    for diag in inference.diagnostics:
        if diag.code == "unconnected" and diag.node in graph.nodes:
            diag = _with_fixes(diag, _reconnect_fixes(scan, diag.node))
        elif diag.code == "no_output" and diag.node is None:
            diag = _on_last_block(scan, diag)
        elif diag.code == "needs_flatten" and diag.node in graph.nodes:
            diag = _pool_first_if_flatten_is_huge(scan, diag)
        diags.append(diag)
    diags += _dead_branches(scan)
    inference.diagnostics = diags
    return inference


def _with_fixes(diag: Diagnostic, extra: tuple) -> Diagnostic:
    return Diagnostic(diag.node, diag.level, diag.code, diag.message, diag.fixes + extra)


class _Scan:
    """What the checks share, worked out once per inference (they run after every edit).

    Looking for the nearest block to connect is a walk over the graph; done for every problem, a graph with
    thousands of loose blocks (a pasted or damaged file) would cost quadratic time. So the walks draw on one
    budget proportional to the graph's size: past it, problems still get their warning and the cheap fixes
    (Delete), only not the nearest-block suggestions.
    """

    def __init__(self, graph: Graph, inference: Inference, registry: Registry) -> None:
        self.graph, self.inference = graph, inference
        self.blocks = {nid: registry.find(node.type) for nid, node in graph.nodes.items()}
        self.budget = SEARCH_BUDGET_BASE + SEARCH_BUDGET_PER_NODE * len(graph.nodes)
        self.position = _topological_positions(graph)
        self._ports: dict[str, tuple[str, ...]] = {}
        self._free: list[tuple[str, str]] | None = None
        self._sources: list[tuple[bool, str]] | None = None

    def ports(self, nid: str) -> tuple[str, ...]:
        """The input ports of a block with its current params (none when they do not resolve)."""
        if nid not in self._ports:
            node, block = self.graph.nodes[nid], self.blocks[nid]
            try:
                ports = tuple(block.input_ports(block.resolve(node.params))) if block is not None else ()
            except (KeyError, TypeError, ValueError):
                ports = ()
            self._ports[nid] = ports
        return self._ports[nid]

    def free_inputs(self, nid: str) -> list[str]:
        taken = self.graph.in_edges(nid)
        return [p for p in self.ports(nid) if p not in taken]

    def all_free_inputs(self) -> list[tuple[str, str]]:
        """Every (block, port) with nothing connected, in graph order."""
        if self._free is None:
            self._free = [(dst, port) for dst in self.graph.nodes for port in self.free_inputs(dst)]
        return self._free

    def sources(self) -> list[tuple[bool, str]]:
        """Blocks that could feed an input: (feeds something already, id), in graph order."""
        if self._sources is None:
            info = self.inference.info
            self._sources = [
                (bool(self.graph.out_edges(cid)), cid)
                for cid, block in self.blocks.items()
                if block is not None and not block.is_output and cid in info and info[cid].shape is not None
            ]
        return self._sources

    def spend(self, work: int) -> bool:
        """Take ``work`` steps from the budget; False (nothing taken) once it is spent."""
        if self.budget <= 0:
            return False
        self.budget -= work
        return True

    def reaches(self, start: str, goal: str) -> bool:
        """True if a path leads from ``start`` to ``goal`` (so an edge goal -> start would close a loop).

        In topological order a path only visits blocks placed before its goal, so the walk skips the rest;
        an unplaced block (on or after a cycle) is walked like any other. Past the budget the answer is
        True, the safe one: no fix is offered rather than one that would close a loop.
        """
        position = self.position
        limit = position.get(goal)
        stack, seen = [start], set()
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            if current in seen:
                continue
            seen.add(current)
            if limit is not None and position.get(current, limit + 1) > limit:
                continue  # placed after the goal (or on a cycle the goal is not part of): cannot reach it
            if not self.spend(1):
                return True
            stack.extend(e.dst for e in self.graph.out_edges(current))
        return False


def _topological_positions(graph: Graph) -> dict[str, int]:
    """Each block's place in a topological order (blocks on or after a cycle have none).

    Blocks that feed nothing are placed as early as they can be: a dead branch then comes before the
    rest of the network that shares its input, and most reachability questions answer without a walk.
    """
    waiting = {nid: len(graph.in_edges(nid)) for nid in graph.nodes}
    ready = [nid for nid, count in waiting.items() if count == 0]
    sinks = [nid for nid in ready if not graph.out_edges(nid)]
    ready = [nid for nid in ready if graph.out_edges(nid)]
    position: dict[str, int] = {}
    while sinks or ready:
        current = sinks.pop() if sinks else ready.pop()
        position[current] = len(position)
        for edge in graph.out_edges(current):
            if edge.dst in graph.nodes:
                waiting[edge.dst] -= 1
                if waiting[edge.dst] == 0:
                    (ready if graph.out_edges(edge.dst) else sinks).append(edge.dst)
    return position


# dead branches ----------------------------------------------------------------------------------
def dead_branches(graph: Graph, inference: Inference, registry: Registry = REGISTRY) -> list[Diagnostic]:
    """A warning for each block whose output feeds nothing although it is not an output head.

    Only once the network has an output head: before that, the last block is simply where the user is.
    """
    return _dead_branches(_Scan(graph, inference, registry))


def _dead_branches(scan: _Scan) -> list[Diagnostic]:
    graph = scan.graph
    heads = [nid for nid, b in scan.blocks.items() if b is not None and b.is_output]
    if not heads:
        return []
    main_heads = [nid for nid in heads if not _auxiliary(graph, nid)]
    out = [] if main_heads else [_only_auxiliary(graph, heads)]
    for nid, block in scan.blocks.items():
        if block is None or block.is_output or graph.out_edges(nid):
            continue
        name = graph.nodes[nid].name
        branch = _side_branch(scan, nid) if main_heads else None
        if not main_heads:  # the trunk that lost the main head: it gets one again
            heads_fix = _head_fixes(scan, nid, auxiliary=False)
        elif branch is not None:  # beside a trunk that still has its head: an aux classifier's place
            heads_fix = _head_fixes(scan, nid, auxiliary=True)
        else:  # the loose end of a broken chain: the fix is to reconnect it, not to give it a head
            heads_fix = ()
        inserts = _dead_fixes(scan, nid)
        fixes = (
            (inserts + heads_fix if main_heads else heads_fix + inserts)
            + _delete_branch(scan, nid, branch or [])
            + (DeleteNode(translate("Diagnostics", "Delete {name}").format(name=name)),)
        )
        out.append(
            Diagnostic(
                nid,
                "warning",
                "dead_branch",
                translate(
                    "Diagnostics",
                    "its output feeds nothing: it is a dead branch that no output uses (connect it or delete it)",
                ),
                fixes,
            )
        )
    return out


def _dead_fixes(scan: _Scan, nid: str) -> tuple:
    """Insert the block on a wire leaving its own input (what was probably meant), or feed a free input."""
    graph = scan.graph
    fixes: list = []
    edges = graph.in_edges(nid)
    ports = scan.ports(nid)
    first = ports[0] if ports else None
    if first is not None and first in edges:
        src = edges[first].src
        for edge in graph.out_edges(src):
            if edge.dst != nid and not scan.reaches(edge.dst, nid):
                label = translate("Diagnostics", "Insert between {name} and {target}").format(
                    name=graph.nodes[src].name, target=graph.nodes[edge.dst].name
                )
                fixes.append(ConnectTo(label, edge.dst, edge.dst_port))
            if len(fixes) == MAX_CHOICES:
                break
    if not fixes:
        free = scan.all_free_inputs()
        if not scan.spend(len(free)):
            return ()
        here = graph.nodes[nid].pos
        nearest = sorted(
            ((_distance(here, graph.nodes[dst].pos), i) for i, (dst, _) in enumerate(free) if dst != nid),
        )
        for _, i in nearest:  # the nearest one that would not close a loop
            dst, port = free[i]
            if not scan.reaches(dst, nid):
                fixes.append(
                    ConnectTo(
                        translate("Diagnostics", "Connect to {name}").format(name=graph.nodes[dst].name), dst, port
                    )
                )
                break
    return tuple(fixes)


def _side_branch(scan: _Scan, nid: str) -> list[str] | None:
    """The blocks that feed only the dead end ``nid`` (nearest first), when they leave a block that also feeds
    something else: a side branch, like GoogLeNet's aux branch without its head. None when the walk reaches the
    network's input instead: that is the trunk of a chain broken further on, not a branch to delete."""
    graph = scan.graph
    consumers_left: dict[str, int] = {}
    branch: list[str] = []
    todo = [nid]
    while todo:
        edges = graph.in_edges(todo.pop()).values()
        if not scan.spend(len(edges)):
            return None
        for edge in edges:
            src, block = edge.src, scan.blocks.get(edge.src)
            if block is None or block.is_input or src == nid or src in branch:
                continue
            left = consumers_left.get(src, len(graph.out_edges(src))) - 1
            consumers_left[src] = left
            if left == 0:  # all it feeds is in the branch
                branch.append(src)
                todo.append(src)
    leaves_from = any(left > 0 for left in consumers_left.values())
    return branch if leaves_from else None


def _delete_branch(scan: _Scan, nid: str, branch: list[str]) -> tuple:
    """Delete the dead end with the side branch that fed only it, in one step (not one Delete per block)."""
    if not branch:
        return ()
    label = translate("Diagnostics", "Delete the branch from {first} ({count} blocks)").format(
        first=scan.graph.nodes[branch[-1]].name, count=len(branch) + 1
    )
    return (DeleteBranch(label, tuple(branch)),)


def _auxiliary(graph: Graph, nid: str) -> bool:
    return bool(graph.nodes[nid].params.get("auxiliary", False))


def _only_auxiliary(graph: Graph, heads: list[str]) -> Diagnostic:
    """Every head is auxiliary (the main one deleted): evaluation, which ignores them, would have no output."""
    first = heads[0]
    name = graph.nodes[first].name
    return Diagnostic(
        first,
        "error",
        "only_auxiliary",
        translate(
            "Diagnostics",
            "every output head is auxiliary: evaluation ignores auxiliary heads, so the network needs a main one",
        ),
        (SetParams(translate("Diagnostics", "Make {name} the main head").format(name=name), {"auxiliary": False}),),
    )


# output heads ------------------------------------------------------------------------------------
AUX_LOSS_WEIGHT = 0.3  # GoogLeNet's weight for its auxiliary classifiers' loss


def _on_last_block(scan: _Scan, diag: Diagnostic) -> Diagnostic:
    """ "No output head", told on the block at the end of the longest chain with the head its shape fits."""
    graph, order = scan.graph, scan.inference.order
    depth: dict[str, int] = {}
    for nid in order:
        ins = graph.in_edges(nid).values()
        depth[nid] = 1 + max((depth.get(e.src, 0) for e in ins), default=0)
    ends = [nid for nid in order if scan.blocks.get(nid) is not None and not graph.out_edges(nid)]
    ends = [nid for nid in ends if not scan.blocks[nid].is_input]
    if not ends:
        return diag
    last = max(ends, key=lambda nid: depth[nid])
    fixes = _head_fixes(scan, last, auxiliary=False)
    return Diagnostic(last, diag.level, diag.code, diag.message, fixes) if fixes else diag


def _head_fixes(scan: _Scan, nid: str, auxiliary: bool) -> tuple:
    """The output head a block's shape fits: one score per class, or an image the size of the input."""
    info = scan.inference.info.get(nid)
    shape = info.shape if info is not None else None
    if not isinstance(shape, tuple) or not all(isinstance(v, int) for v in shape):
        return ()
    name = scan.graph.nodes[nid].name
    if len(shape) == 1 and shape[0] >= 2:
        if auxiliary:  # beside the network's own head: trained with it, ignored at evaluation
            label = translate("Diagnostics", "Add an auxiliary Classification output after {name}")
            params = {"auxiliary": True, "loss_weight": AUX_LOSS_WEIGHT}
        else:
            label = translate("Diagnostics", "Add a Classification output after {name} ({count} classes)")
            params = {}
        return (AppendAfter(label.format(name=name, count=shape[0]), "classification_output", params),)
    inputs = {
        info.shape
        for other, block in scan.blocks.items()
        if block is not None and block.is_input and (info := scan.inference.info.get(other)) is not None
    }
    if len(shape) == 3 and shape in inputs:
        label = translate("Diagnostics", "Add a Reconstruction output after {name}")
        return (AppendAfter(label.format(name=name), "reconstruction_output"),)
    return ()


def _pool_first_if_flatten_is_huge(scan: _Scan, diag: Diagnostic) -> Diagnostic:
    """A Linear fed a map is offered Flatten first (LeNet's 16×5×5 → 400 is the design), unless flattening
    would give that one layer over FLATTEN_WEIGHTS_LIMIT weights: ResNet-18 without its average pool would
    get a 25-million-weight fc, twice the rest of the network, so GlobalAvgPool (512 features) comes first."""
    node = scan.graph.nodes[diag.node]
    info = scan.inference.info.get(diag.node)
    width = node.params.get("out_features")
    if node.type != "linear" or info is None or not info.in_shapes or not isinstance(width, int):
        return diag
    shape = info.in_shapes[0]
    if not all(isinstance(v, int) for v in shape) or math.prod(shape) * width <= FLATTEN_WEIGHTS_LIMIT:
        return diag
    pool = [f for f in diag.fixes if isinstance(f, InsertBefore) and f.type == "global_avgpool"]
    rest = [f for f in diag.fixes if f not in pool]
    return Diagnostic(diag.node, diag.level, diag.code, diag.message, tuple(pool + rest))


# reconnecting an input ---------------------------------------------------------------------------
def _reconnect_fixes(scan: _Scan, nid: str) -> tuple:
    """'Reconnect to conv1': the blocks that most likely fed this input, a loose end first, then the nearest."""
    graph = scan.graph
    ports = scan.free_inputs(nid)
    sources = scan.sources()
    if not ports or not scan.spend(len(sources)):
        return ()
    here = graph.nodes[nid].pos
    port = ports[0]
    feeding = {e.src for e in graph.in_edges(nid).values()}  # x + x is never what a lost input meant
    candidates = sorted(
        (feeds, _distance(here, graph.nodes[cid].pos), cid) for feeds, cid in sources if cid not in feeding
    )
    nearest = candidates[: 4 * MAX_CHOICES]  # within a kind (loose end or not), a block whose shape fits first
    nearest.sort(key=lambda c: (c[0], not _fits(scan, nid, port, c[2])))
    candidates[: len(nearest)] = nearest
    fixes = []
    where = "" if len(ports) == 1 and port == "in" else f" ({port})"
    for _, _, cid in candidates:
        if len(fixes) == MAX_CHOICES:
            break
        if not scan.reaches(nid, cid):  # a block downstream of this input cannot feed it
            fixes.append(
                ConnectFrom(
                    translate("Diagnostics", "Reconnect to {name}{where}").format(
                        name=graph.nodes[cid].name, where=where
                    ),
                    cid,
                    port,
                )
            )
    return tuple(fixes)


def _fits(scan: _Scan, nid: str, port: str, source: str) -> bool:
    """Whether ``source``'s output on ``port`` gives ``nid`` shapes it accepts (True when that is unknown)."""
    block, node, info = scan.blocks[nid], scan.graph.nodes[nid], scan.inference.info
    checked = block_cache.check(block, node.params, params_key(block, node.params))
    if checked.problems:
        return True
    ins = []
    for each in checked.ports:
        edge = scan.graph.in_edges(nid).get(each)
        feeder, out = (source, "out") if each == port else (edge.src, edge.src_port) if edge else (None, "")
        shape = info[feeder].port_shape(out) if feeder in info else None
        if shape is None:
            return True
        ins.append(shape)
    return block_cache.evaluate(block, checked, ins).error is None


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])
