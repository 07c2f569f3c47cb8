"""Graphs far larger than anyone draws, and designs that are valid but absurd: right answers, no internal errors.

The speed targets (cost per node flat from 1k to 100k nodes) are measured by bench/large_graphs.py; these
tests hold the behaviour: deep chains need no recursion, cycles of any length are found exactly, and
sizes that no tensor can hold are reported rather than carried into million-digit arithmetic.
"""

from __future__ import annotations

import json
import math
import random

from core_graphs import chain

from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Edge, Graph, Node
from cnnstudio.core.inference import RF_LIMIT, infer_shapes
from cnnstudio.core.project_file import dumps, loads
from cnnstudio.report import format_table, human, summary


def _chain_graph(n: int, cycle_from: int | None = None) -> Graph:
    """Input → (conv, relu) × … → head, n nodes; with cycle_from, the last relu also feeds that node."""
    graph = Graph()
    graph.add_node(Node("n0", "input", "input", {"shape": [3, 8, 8]}))
    blocks = [("conv2d", dict(out_channels=3, padding=1)), ("relu", {})]
    for i in range(1, n - 1):
        type_, params = blocks[i % 2]
        graph.add_node(Node(f"n{i}", type_, f"body.{i}", REGISTRY.get(type_).defaults() | params))
        graph.connect(Edge(f"n{i - 1}", f"n{i}"))
    graph.add_node(Node(f"n{n - 1}", "classification_output", "output", {}))
    graph.connect(Edge(f"n{n - 2}", f"n{n - 1}"))
    if cycle_from is not None:
        graph.disconnect(graph.in_edges(f"n{cycle_from}")["in"])
        graph.connect(Edge(f"n{n - 2}", f"n{cycle_from}"))
    return graph


def test_a_deep_chain_needs_no_recursion():
    graph = loads(dumps(_chain_graph(20_000)))  # 20× Python's recursion limit
    result = infer_shapes(graph)
    assert [d.code for d in result.diagnostics] == ["needs_flatten"]
    assert len(result.order) == 20_000
    last_conv = result.info["n19998"]
    assert last_conv.shape == (3, 8, 8) and last_conv.rf == (1 + 2 * 9_999, 1 + 2 * 9_999)
    data = summary(graph, result)
    assert len(data["nodes"]) == 20_000 and data["total_params"] == 9_999 * (3 * 3 * 9 + 3)
    assert format_table(graph, data).count("\n") > 20_000


def test_a_long_cycle_is_found_exactly():
    """20,000 nodes on one loop (the issue measured > 600 s): each is on the cycle; the head below it is not."""
    graph = _chain_graph(20_000, cycle_from=1)
    result = infer_shapes(graph)
    cycle = {d.node for d in result.diagnostics if d.code == "cycle"}
    assert cycle == {f"n{i}" for i in range(1, 19_999)}
    assert result.info["n19999"].error == "upstream" and result.info["n0"].shape == (3, 8, 8)


def test_cycles_with_tails_and_shared_nodes():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    a = b.add("add", "a", x)
    r = b.add("relu", "r", a)
    s = b.add("relu", "s", r)
    t = b.add("add", "t", s)
    u = b.add("relu", "u", t)
    tail = b.add("relu", "tail", u)
    graph = b.build()
    graph.connect(Edge(s, a, "in1"))  # a → r → s → a
    graph.connect(Edge(u, t, "in1"))  # t → u → t, fed by the first loop
    result = infer_shapes(graph)
    assert {d.node for d in result.diagnostics if d.code == "cycle"} == {a, r, s, t, u}
    assert result.info[tail].error == "upstream"


def test_many_equal_names_get_distinct_fixes():
    """20,000 nodes called "conv" (quadratic before: each fix rebuilt the set of taken names)."""
    graph = Graph()
    for i in range(20_000):
        graph.add_node(Node(f"n{i}", "relu", "conv", {}))
    fixes = [d.fixes[0].name for d in infer_shapes(graph).diagnostics if d.code == "duplicate_name"]
    assert len(fixes) == 19_999 == len(set(fixes))
    assert fixes[:3] == ["conv_2", "conv_3", "conv_4"] and "conv" not in fixes


def test_parent_path_clashes_are_found_among_many_names():
    graph = Graph()
    for i in range(5_000):
        graph.add_node(Node(f"p{i}", "relu", f"block{i}", {}))
        graph.add_node(Node(f"c{i}", "relu", f"block{i}.conv", {}))
    clashes = [d for d in infer_shapes(graph).diagnostics if d.code == "name_clash"]
    assert len(clashes) == 5_000
    assert "name 'block0' is also the parent path of 'block0.conv'" in clashes[0].message


def test_an_output_no_tensor_can_hold_is_an_error_not_a_huge_number():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[64, 64, 64])
    for i in range(10):
        x = b.add("conv_transpose2d", f"up{i}", x, out_channels=64, kernel_size=255, stride=255)
    b.chain(x, ("flatten", "flat", {}), ("linear", "fc", dict(out_features=10)), ("classification_output", "out", {}))
    graph = b.build()
    result = infer_shapes(graph)
    (diag,) = result.errors()
    assert diag.code == "too_large" and graph.nodes[diag.node].name == "up2"
    assert diag.message == (
        "the output would be 64×1061077438×1061077438 = 7.20e+19 values per image, "
        "more than a tensor can hold (2⁶³ − 1)"
    )
    assert result.info[result.order[2]].shape == (64, 4_161_088, 4_161_088)  # up1 (padding 1): the last that fits
    json.dumps(summary(graph, result), allow_nan=False)


def test_receptive_fields_stay_finite_however_deep():
    """Global pooling restores the map, each strided conv multiplies the step: 300 rounds would reach 255³⁰⁰."""
    layers = []
    for i in range(300):
        layers.append(("adaptive_avgpool2d", f"p{i}", dict(output_size=255)))
        layers.append(("conv2d", f"c{i}", dict(out_channels=1, kernel_size=255, stride=255)))
    graph = chain(*layers, shape=(1, 8, 8), head=False)
    result = infer_shapes(graph)
    assert result.ok
    last = result.info[graph.by_name("c299").id]
    assert last.rf == (RF_LIMIT, RF_LIMIT) and last.jump == (RF_LIMIT, RF_LIMIT)
    data = summary(graph, result)
    json.dumps(data, allow_nan=False)
    assert f"{RF_LIMIT}×{RF_LIMIT}" in format_table(graph, data)


def test_huge_values_set_through_the_api_are_diagnosed():
    graph = chain(("conv2d", "conv", dict(out_channels=4)), ("flatten", "flat", {}), shape=(3, 8, 8))
    conv = graph.by_name("conv").id
    for value in (10**400, -(10**5000), [3, 10**30], 1e308, float("inf")):
        graph.set_param(conv, "kernel_size", value)
        result = infer_shapes(graph)
        (diag,) = [d for d in result.diagnostics if d.code == "param"]
        assert diag.message.startswith("kernel_size ") and len(diag.message) < 120
        format_table(graph, summary(graph, result))


def test_human_numbers_of_any_size():
    assert human(1_234_567) == "1.23 M" and human(999) == "999"
    assert human(10**400) == "1.00e+400" and human(2.5e20) == "2.5e+20"
    assert human(math.factorial(2000)) == "≈1e+5735"  # past the digits str() may make


def _on_a_cycle_by_search(graph: Graph) -> set[str]:
    """The plain definition: a node is on a cycle when it can reach itself."""
    on = set()
    for start in graph.nodes:
        stack, seen = [e.dst for e in graph.out_edges(start)], set()
        while stack:
            current = stack.pop()
            if current == start:
                on.add(start)
                break
            if current not in seen:
                seen.add(current)
                stack.extend(e.dst for e in graph.out_edges(current))
    return on


def test_cycle_detection_agrees_with_the_definition_on_random_graphs():
    rng = random.Random(3)
    for _ in range(300):
        graph = Graph()
        count = rng.randint(2, 12)
        for i in range(count):
            graph.add_node(Node(f"n{i}", "relu", f"r{i}", {}))
        for k in range(rng.randint(1, 2 * count)):
            src, dst = rng.sample(range(count), 2)
            graph.connect(Edge(f"n{src}", f"n{dst}", f"p{k}"))  # any port: only the wiring matters here
        reported = {d.node for d in infer_shapes(graph).diagnostics if d.code == "cycle"}
        assert reported == _on_a_cycle_by_search(graph)
