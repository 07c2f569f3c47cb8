"""Blocks with several outputs (Split): shapes per port, wires that name their port, files, composites."""

from __future__ import annotations

import cnnstudio  # noqa: F401  (registers the catalog)
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.composite_edits import collapse_composite, expand_composite
from cnnstudio.core.diagnostics import fix_edit
from cnnstudio.core.edits import SetParam
from cnnstudio.core.graph import Edge
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.project_file import dumps, loads


def _split_graph(**split):
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 6, 6])
    s = b.add("split", "split", x, **split)
    conv = b.add("conv2d", "conv", (s, "out1"), out_channels=5, kernel_size=3, padding=1)
    cat = b.add("concat", "cat", (s, "out0"), conv)
    return b.build(), s, conv, cat


def test_each_port_has_its_shape_and_wires_read_theirs():
    graph, s, conv, cat = _split_graph(outputs=2, sizes=[3, 5])
    result = infer_shapes(graph)
    assert result.ok
    assert result.info[s].outputs == {"out0": (3, 6, 6), "out1": (5, 6, 6)}
    assert result.info[s].shape == (3, 6, 6)  # the first piece stands for the node (summary, canvas)
    assert result.info[conv].in_shapes == [(5, 6, 6)]
    assert result.info[cat].shape == (8, 6, 6)
    edge = graph.in_edges(conv)["in"]
    assert result.edge_shape(edge) == (5, 6, 6)


def test_equal_pieces_follow_torch_chunk_and_refuse_too_few():
    graph, s, _, cat = _split_graph(outputs=2)
    result = infer_shapes(graph)
    assert result.info[s].outputs == {"out0": (4, 6, 6), "out1": (4, 6, 6)}
    SetParam(s, "outputs", 3).apply(graph)  # 8 channels in threes: 3, 3, 2
    result = infer_shapes(graph)
    assert result.info[s].outputs == {"out0": (3, 6, 6), "out1": (3, 6, 6), "out2": (2, 6, 6)}
    SetParam(s, "outputs", 7).apply(graph)  # ⌈8/7⌉ = 2 per piece: only 4 pieces
    (problem,) = [d for d in infer_shapes(graph).errors() if d.node == s]
    assert problem.code == "split_count" and "make 4 pieces, not 7" in problem.message
    assert problem.fixes[0].values == {"outputs": 4}


def test_sizes_must_add_up_and_match_the_outputs():
    graph, s, _, _ = _split_graph(outputs=2, sizes=[3, 4])
    (problem,) = [d for d in infer_shapes(graph).errors() if d.node == s]
    assert problem.code == "split_sizes" and "3 + 4 = 7" in problem.message and "8 channels" in problem.message
    SetParam(s, "sizes", [2, 2, 4]).apply(graph)
    (problem,) = [d for d in infer_shapes(graph).errors() if d.node == s]
    assert problem.code == "split_outputs" and problem.fixes[0].values == {"outputs": 3}


def test_a_wire_from_a_port_the_block_lost_is_an_error_with_a_fix():
    graph, s, conv, _ = _split_graph(outputs=3, sizes=[2, 5, 1])
    edge = graph.in_edges(conv)["in"]
    graph.disconnect(edge)
    graph.connect(Edge(s, conv, "in", "out2"))
    assert infer_shapes(graph).ok
    SetParam(s, "sizes", [3, 5]).apply(graph)
    SetParam(s, "outputs", 2).apply(graph)
    (problem,) = [d for d in infer_shapes(graph).errors() if d.node == conv]
    assert problem.code == "bad_out_port"
    assert "output 'out2' of 'split'" in problem.message and "(it has out0, out1)" in problem.message
    fix_edit(graph, conv, problem.fixes[0], REGISTRY).apply(graph)
    assert not graph.in_edges(conv)
    graph.connect(Edge(s, conv, "in", "out1"))
    assert infer_shapes(graph).ok


def test_ports_survive_the_project_file_and_old_files_still_read():
    graph, s, conv, _ = _split_graph(outputs=2)
    text = dumps(graph)
    assert '"from_port": "out1"' in text
    assert text.count("from_port") == 2  # single-output wires stay as they were written before ports had names
    again = loads(text)
    assert again.snapshot() == graph.snapshot()


def test_shufflenet_unit_expands_through_a_split_and_collapses_back():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[16, 8, 8])
    unit = b.add("shufflenet_unit", "stage2.1", x, out_channels=16)
    b.add("relu", "after", unit)
    graph = b.build()
    before = graph.snapshot()
    edit = expand_composite(graph, unit)
    edit.apply(graph)
    split = graph.by_name("stage2.1.split")
    assert split.type == "split"
    ports = {graph.nodes[e.dst].name: e.src_port for e in graph.out_edges(split.id)}
    assert ports == {"stage2.1.branch2.0": "out1", "stage2.1.cat": "out0"}
    assert infer_shapes(graph).ok
    collapse = collapse_composite(graph, "stage2.1")
    collapse.apply(graph)
    (node,) = [n for n in graph.nodes.values() if n.type == "shufflenet_unit"]
    assert node.params == {"out_channels": 16, "stride": 1}
    collapse.revert(graph)
    edit.revert(graph)
    assert graph.snapshot() == before
