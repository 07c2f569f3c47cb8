"""Any random sequence of edits, undone in reverse, gives back the exact graph; redone, the exact result.

A mirror that only listens to the graph's notifications (as the canvas does) must stay equal to the graph
after every step, so every change is announced.
"""

from __future__ import annotations

import copy

from core_graphs import branching
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnnstudio.core import project_file
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.diagnostics import fix_edit
from cnnstudio.core.edits import (
    AddNode,
    Compound,
    Connect,
    Disconnect,
    Edit,
    Move,
    RemoveNode,
    Rename,
    SetParam,
    SetTrainable,
    freeze_up_to,
    insert_between,
    remove_nodes,
)
from cnnstudio.core.graph import MISSING, Edge, Graph, Node
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.names import unsafe_name_problem
from cnnstudio.core.project_checks import MAX_NAME

TYPES = sorted(b.type for b in REGISTRY)
NAMES = st.one_of(
    st.sampled_from(["conv1", "layer1.0", "fc", "x y", "train", ""]), st.text(alphabet="ab_1.é \n", max_size=6)
)
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 300), st.floats(-10, 10), st.text(alphabet="xyz", max_size=4)),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=4,
)


class Mirror:
    """Rebuilds nodes and edges from notifications alone."""

    def __init__(self, graph: Graph):
        self.nodes = {nid: n.clone() for nid, n in graph.nodes.items()}
        self.edges = set(graph.edges)
        self.events = 0
        graph.subscribe(self)

    def __call__(self, event: str, payload) -> None:
        self.events += 1
        if event == "node_added":
            assert payload.id not in self.nodes
            self.nodes[payload.id] = payload.clone()
        elif event == "node_removed":
            del self.nodes[payload.id]
        elif event == "edge_added":
            self.edges.add(payload)
        elif event == "edge_removed":
            self.edges.remove(payload)
        elif event == "node_changed":
            node, what = payload
            mine = self.nodes[node.id]
            setattr(mine, what, copy.deepcopy(getattr(node, what)))
        else:
            raise AssertionError(f"unknown event {event}")

    def matches(self, graph: Graph) -> bool:
        return self.edges == set(graph.edges) and {k: _key(n) for k, n in self.nodes.items()} == {
            k: _key(n) for k, n in graph.nodes.items()
        }


def _key(node: Node):
    return Graph.snapshot(_single(node))[0][0]


def _single(node: Node) -> Graph:
    g = Graph()
    g.nodes[node.id] = node
    return g


def _free_ports(graph: Graph, nid: str) -> list[str]:
    node = graph.nodes[nid]
    block = REGISTRY.get(node.type) if node.type in REGISTRY else None
    if block is None or block.check_params(node.params):
        ports = ["in", "in0", "in1"]  # invalid params: any port name may be connected
    else:
        ports = list(block.input_ports(block.resolve(node.params)))
    taken = graph.in_edges(nid)
    return [p for p in ports if p not in taken]


@st.composite
def one_edit(draw, graph: Graph) -> Edit | None:
    """An edit that applies to ``graph`` as it is now (None if the drawn kind does not apply)."""
    ids = list(graph.nodes)
    kind = draw(
        st.sampled_from(
            ["add", "add", "remove", "connect", "connect", "disconnect", "param", "param", "move", "rename"]
            + ["trainable", "insert", "freeze", "remove_many", "fix"]
        )
    )
    if kind == "add":
        block = REGISTRY.get(draw(st.sampled_from(TYPES)))
        node = Node(
            graph.new_id(),
            block.type,
            graph.unique_name(block.name_prefix),
            block.defaults(),
            (draw(st.floats(-500, 500)), draw(st.floats(-500, 500))),
        )
        edits: list[Edit] = [AddNode(node, draw(st.none() | st.integers(0, len(ids))))]
        ports = block.input_ports(block.defaults())
        if ids and ports:
            edits.append(Connect(Edge(draw(st.sampled_from(ids)), node.id, ports[0])))
        return Compound(edits, text="add") if len(edits) > 1 else edits[0]
    if not ids:
        return None
    nid = draw(st.sampled_from(ids))
    if kind == "remove":
        return RemoveNode(nid)
    if kind == "remove_many":
        return remove_nodes(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)))
    if kind == "connect":
        ports = _free_ports(graph, nid)
        sources = [s for s in ids if s != nid]
        if not ports or not sources:
            return None
        return Connect(Edge(draw(st.sampled_from(sources)), nid, draw(st.sampled_from(ports))))
    if kind == "disconnect":
        return Disconnect(draw(st.sampled_from(graph.edges))) if graph.edges else None
    if kind == "insert":
        if not graph.edges:
            return None
        edge = draw(st.sampled_from(graph.edges))
        block = REGISTRY.get(draw(st.sampled_from(["relu", "batchnorm2d", "dropout", "flatten"])))
        node = Node(graph.new_id(), block.type, graph.unique_name(block.name_prefix), block.defaults())
        return insert_between(edge, node)
    if kind == "param":
        node = graph.nodes[nid]
        keys = list(node.params) + ["bogus"]
        if node.type in REGISTRY:
            keys += [spec.name for spec in REGISTRY.get(node.type).params]
        value = draw(st.one_of(JSONISH, st.just(MISSING)))
        return SetParam(nid, draw(st.sampled_from(keys)), value)
    if kind == "move":
        return Move(nid, (draw(st.floats(-1e4, 1e4)), draw(st.floats(-1e4, 1e4))))
    if kind == "rename":
        return Rename(nid, draw(NAMES))
    if kind == "trainable":
        return SetTrainable(nid, draw(st.booleans()))
    if kind == "freeze":
        return freeze_up_to(graph, nid, draw(st.booleans()))
    # a one-click fix of some diagnostic, if there is one
    fixable = [(d.node, f) for d in infer_shapes(graph).diagnostics if d.node for f in d.fixes]
    if not fixable:
        return None
    node_with_fix, fix = draw(st.sampled_from(fixable))
    return fix_edit(graph, node_with_fix, fix, REGISTRY)


def _state(graph: Graph):
    return graph.snapshot(), project_file.dumps(graph)


def _saves_and_loads_or_refuses_the_name(graph: Graph) -> None:
    """Whatever the edits made loads back, unless a name could not stand in code: then load refuses it by name."""
    unsafe = [n for n in graph.nodes.values() if unsafe_name_problem(n.name) or len(n.name) > MAX_NAME]
    try:
        loaded = project_file.loads(project_file.dumps(graph), "f.cnn.json")
    except project_file.ProjectFileError as exc:
        assert unsafe, exc
        assert str(exc).startswith("f.cnn.json: node ") and "name" in str(exc) and "\n" not in str(exc)
        return
    assert not unsafe
    assert [n.name for n in loaded.nodes.values()] == [n.name for n in graph.nodes.values()]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_undo_and_redo_exactly(data):
    graph = branching()
    graph.meta = {"description": "test"}
    mirror = Mirror(graph)
    states = [_state(graph)]
    done: list[Edit] = []
    for _ in range(data.draw(st.integers(1, 20), label="steps")):
        group = data.draw(st.integers(1, 3), label="edits in this step")
        step: list[Edit] = []
        for _ in range(group):  # several edits applied one after another form one compound step
            edit = data.draw(one_edit(graph), label="edit")
            if edit is None:
                continue
            events, before = mirror.events, graph.snapshot()
            edit.apply(graph)
            if graph.snapshot() != before:
                assert mirror.events > events, f"{type(edit).__name__} changed the graph silently"
            assert mirror.matches(graph)
            step.append(edit)
        if not step:
            continue
        done.append(step[0] if len(step) == 1 else Compound(step, text="step"))
        states.append(_state(graph))
        _saves_and_loads_or_refuses_the_name(graph)

    final = states[-1]
    for edit, state in zip(reversed(done), reversed(states[:-1])):
        edit.revert(graph)
        assert _state(graph) == state
        assert mirror.matches(graph)
    for edit, state in zip(done, states[1:]):  # redo, as QUndoStack does after undo
        edit.apply(graph)
        assert _state(graph) == state
        assert mirror.matches(graph)
    assert _state(graph) == final


def test_compound_is_all_or_nothing():
    graph = branching()
    before = _state(graph)
    first = graph.edges[0]
    bad = Compound([Disconnect(first), Move(next(iter(graph.nodes)), (5, 5)), Disconnect(first)])
    try:
        bad.apply(graph)
    except ValueError:
        pass
    else:
        raise AssertionError("disconnecting the same edge twice must fail")
    assert _state(graph) == before


def test_set_param_revert_keeps_key_order():
    graph = branching()
    nid = graph.by_name("left.conv").id
    before = _state(graph)
    for edit in (SetParam(nid, "kernel_size", MISSING), SetParam(nid, "zzz", 1), SetParam(nid, "stride", 2)):
        edit.apply(graph)
        edit.revert(graph)
        assert _state(graph) == before


def test_edit_values_are_not_shared_with_the_graph():
    graph = branching()
    nid = graph.by_name("left.conv").id
    value = [3, 3]
    edit = SetParam(nid, "kernel_size", value)
    edit.apply(graph)
    value.append(99)
    graph.nodes[nid].params["kernel_size"][0] = 5
    edit.revert(graph)
    edit.apply(graph)
    assert graph.nodes[nid].params["kernel_size"] == [3, 3]
