"""Copy/paste of node sets: internal edges kept, fresh ids and names, one undoable edit."""

import json

import pytest

import cnnstudio.blocks  # noqa: F401  (registers the catalog)
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.clipboard import ClipboardError, copy_nodes, paste_edit, pasted_ids


def small_graph():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 28, 28])
    c = b.add("conv2d", "conv1", x, out_channels=6, kernel_size=5)
    r = b.add("relu", "relu1", c)
    b.add("maxpool2d", "pool1", r)
    return b.build(), (x, c, r)


def test_copy_keeps_only_internal_edges_and_paste_is_one_undoable_step():
    graph, (x, c, r) = small_graph()
    before = graph.snapshot()
    text = copy_nodes(graph, [c, r])
    data = json.loads(text)
    assert [n["name"] for n in data["nodes"]] == ["conv1", "relu1"]
    assert [(e["from"], e["to"]) for e in data["edges"]] == [(c, r)]  # input->conv and relu->pool left out

    edit = paste_edit(graph, text, offset=(40, 40))
    edit.apply(graph)
    new = pasted_ids(edit)
    assert len(new) == 2 and not set(new) & {x, c, r}
    names = [graph.nodes[n].name for n in new]
    assert names == ["conv2", "relu2"]
    assert graph.nodes[new[0]].params == graph.nodes[c].params
    assert graph.nodes[new[0]].pos == (graph.nodes[c].pos[0] + 40, graph.nodes[c].pos[1] + 40)
    assert [(e.src, e.dst) for e in graph.edges if e.dst in new] == [(new[0], new[1])]
    edit.revert(graph)
    assert graph.snapshot() == before


def test_paste_into_another_graph_keeps_free_names_and_numbers_dotted_paths():
    graph, (_, c, _) = small_graph()
    other = GraphBuilder()
    other.add("input", "input", shape=[3, 8, 8])
    target = other.build()
    paste_edit(target, copy_nodes(graph, [c])).apply(target)
    assert sorted(n.name for n in target.nodes.values()) == ["conv1", "input"]

    b = GraphBuilder()
    b.add("relu", "layer1.0")
    b.add("relu", "layer1.1")
    g = b.build()
    edit = paste_edit(g, copy_nodes(g, list(g.nodes)))
    edit.apply(g)
    assert [g.nodes[n].name for n in pasted_ids(edit)] == ["layer1.2", "layer1.3"]


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[1, 2]", '{"format": "other"}', '{"format": "cnnstudio.clipboard", "version": 1, "nodes": 3}'],
)
def test_foreign_text_is_a_one_line_error(text):
    graph, _ = small_graph()
    with pytest.raises(ClipboardError, match="does not hold CNN Studio blocks"):
        paste_edit(graph, text)


def test_unknown_block_type_is_named():
    graph, _ = small_graph()
    text = json.dumps(
        {"format": "cnnstudio.clipboard", "version": 1, "nodes": [{"id": "a", "type": "warp", "name": "w"}]}
    )
    with pytest.raises(ClipboardError, match="unknown block type 'warp'"):
        paste_edit(graph, text)
