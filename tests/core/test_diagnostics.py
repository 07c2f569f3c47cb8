"""Each diagnostic code: where it is reported, what its message says, and that its fixes work and undo."""

from __future__ import annotations

import pytest
from core_graphs import branching, chain, edge_into, node_id

from cnnstudio.core import project_file
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.diagnostics import fix_edit
from cnnstudio.core.edits import Disconnect, Rename, SetParam
from cnnstudio.core.graph import Edge, Graph, Node
from cnnstudio.core.inference import infer_shapes

_HEAD = (("global_avgpool", "gap", {}), ("linear", "fc", dict(out_features=3)))


def _renamed(graph: Graph, old: str, new: str) -> Graph:
    Rename(node_id(graph, old), new).apply(graph)
    return graph


def _with_param(graph: Graph, name: str, key: str, value) -> Graph:
    SetParam(node_id(graph, name), key, value).apply(graph)
    return graph


def _add3_then_2() -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=[4])
    ys = [b.add("relu", f"r{i}", x) for i in range(3)]
    s = b.add("add", "sum", *ys)
    b.chain(s, ("linear", "fc", dict(out_features=3)), ("classification_output", "output", {}))
    g = b.build()
    return _with_param(g, "sum", "num_inputs", 2)


# (factory, node name, code, text the message must contain); every graph has exactly this one error.
CASES = {
    "needs_flatten": (
        lambda: chain(("conv2d", "conv", dict(out_channels=4)), ("linear", "fc", dict(out_features=3))),
        "fc",
        "needs_flatten",
        "Linear expects a flat vector but gets 4×14×14: insert Flatten (784 features) or GlobalAvgPool (4 features)",
    ),
    "kernel_too_large": (
        lambda: chain(("conv2d", "conv", dict(out_channels=4, kernel_size=7)), *_HEAD, shape=(3, 5, 5)),
        "conv",
        "kernel_too_large",
        "kernel 7 > padded input 5: (5 + 2·0 − 7) / 1 + 1 = −1",
    ),
    "kernel_too_large_stride": (
        lambda: chain(("conv2d", "conv", dict(kernel_size=[3, 7], stride=2, padding=1)), *_HEAD, shape=(3, 6, 4)),
        "conv",
        "kernel_too_large",
        "kernel 7 > padded input 6: (4 + 2·1 − 7) / 2 + 1 = 0",
    ),
    "kernel_too_large_dilated": (
        lambda: chain(("conv2d", "conv", dict(kernel_size=3, dilation=3)), *_HEAD, shape=(3, 6, 6)),
        "conv",
        "kernel_too_large",
        "kernel 7 > padded input 6: (6 + 2·0 − 7) / 1 + 1 = 0",
    ),
    "pool_too_large": (
        lambda: chain(("maxpool2d", "pool", dict(kernel_size=3, dilation=2)), *_HEAD, shape=(3, 4, 4)),
        "pool",
        "kernel_too_large",
        "kernel 5 > padded input 4",
    ),
    "conv_bn_relu_too_large": (
        lambda: chain(("conv_bn_relu", "conv", dict(kernel_size=5, padding=0)), *_HEAD, shape=(3, 3, 3)),
        "conv",
        "kernel_too_large",
        "(3 + 2·0 − 5) / 1 + 1 = −1",
    ),
    "param_range": (
        lambda: _with_param(chain(("conv2d", "conv", {}), *_HEAD), "conv", "out_channels", 0),
        "conv",
        "param",
        "out_channels = 0 is outside the allowed range [1, 65536]",
    ),
    "param_type": (
        lambda: _with_param(chain(("dropout", "drop", {}), *_HEAD), "drop", "p", "lots"),
        "drop",
        "param",
        "p must be a number, got 'lots'",
    ),
    "param_unknown": (
        lambda: _with_param(chain(("relu", "act", {}), *_HEAD), "act", "inplace", True),
        "act",
        "param",
        "unknown parameter 'inplace'",
    ),
    "shape_mismatch_add": (
        lambda: _with_param(branching(), "right.conv", "out_channels", 5),
        "add",
        "shape_mismatch",
        "Add needs equal shapes, got in0 8×16×16, in1 5×16×16",
    ),
    "shape_mismatch_concat": (
        lambda: _concat_mismatch(),
        "cat",
        "shape_mismatch",
        "Concat needs equal heights and widths, got in0 8×16×16, in1 8×8×8",
    ),
    "duplicate_name": (
        lambda: _renamed(branching(), "right.conv", "left.conv"),
        "left.conv",  # the second node of that name carries it
        "duplicate_name",
        "name 'left.conv' is already used by another node",
    ),
    "bad_name": (lambda: _renamed(branching(), "gap", "global pool"), "global pool", "bad_name", "'global pool'"),
    "reserved_name": (
        lambda: _renamed(branching(), "gap", "pool.train"),
        "pool.train",
        "bad_name",
        "uses 'train', which PyTorch modules use for themselves",
    ),
    "keyword_name": (lambda: _renamed(branching(), "gap", "lambda"), "lambda", "bad_name", "Python keyword 'lambda'"),
    "name_clash": (
        lambda: _renamed(branching(), "gap", "fc.pool"),
        "fc",
        "name_clash",
        "name 'fc' is also the parent path of 'fc.pool'",
    ),
    "bad_port": (_add3_then_2, "sum", "bad_port", "an edge enters input 'in2', which this block does not have"),
    "reconstruction_shape": (
        lambda: _recon((1, 8, 8), dict(out_channels=1, kernel_size=3)),
        "output",
        "reconstruction_shape",
        "the reconstruction is 1×6×6 but its loss compares it with the input image 'input' of 1×8×8",
    ),
    "odd_kernel": (
        lambda: chain(("inception", "inc", dict(ch5x5_kernel=4)), *_HEAD, shape=(8, 7, 7)),
        "inc",
        "odd_kernel",
        "ch5x5_kernel must be odd",
    ),
    "same_stride": (
        lambda: chain(("conv2d", "conv", dict(padding="same", stride=2)), *_HEAD),
        "conv",
        "same_stride",
        "padding 'same' needs stride 1",
    ),
    "groups": (
        lambda: chain(("conv2d", "conv", dict(out_channels=4, groups=2)), *_HEAD, shape=(3, 8, 8)),
        "conv",
        "groups",
        "groups = 2 must divide both input channels (3) and output channels (4)",
    ),
    "classification_needs_flatten": (
        lambda: chain(("conv2d", "conv", dict(out_channels=4)), shape=(3, 8, 8)),
        "output",
        "needs_flatten",
        "a classification head takes one score per class, got 4×6×6",
    ),
}


NOT_SHAPE_ERRORS = {"duplicate_name", "bad_name", "name_clash", "reconstruction_shape"}


def _concat_mismatch() -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    a = b.add("conv2d", "a", x, out_channels=8, padding=1)
    c = b.add("conv2d", "c", x, out_channels=8, kernel_size=2, stride=2)
    b.chain(b.add("concat", "cat", a, c), *_HEAD, ("classification_output", "output", {}))
    return b.build()


def _recon(shape, conv: dict) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    b.chain(x, ("conv2d", "conv", conv), ("reconstruction_output", "output", {}))
    return b.build()


def _find(graph: Graph, name: str, code: str):
    result = infer_shapes(graph)
    ids = [nid for nid, n in graph.nodes.items() if n.name == name]
    found = [d for d in result.diagnostics if d.code == code and d.node in ids]
    return result, found


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_diagnostic_is_reported_with_its_arithmetic(case):
    factory, name, code, text = CASES[case]
    graph = factory()
    result, found = _find(graph, name, code)
    assert len(found) == 1, result.diagnostics
    diag = found[0]
    assert text in diag.message
    assert "\n" not in diag.message
    assert diag.level == "error"
    assert [d.code for d in result.errors()] == [code], "each case has exactly one error"
    if code not in NOT_SHAPE_ERRORS:  # a shape error leaves the node's shape unknown
        assert result.info[diag.node].shape is None
    json_diag = diag.to_json(graph)
    assert json_diag == {"node": name, "level": "error", "code": code, "message": diag.message}


def _fix_count(case: str) -> int:
    factory, name, code, _ = CASES[case]
    found = _find(factory(), name, code)[1]
    return len(found[0].fixes) if found else 0  # not found: the reporting test fails for it


FIXABLE = [(case, i) for case in CASES for i in range(_fix_count(case))]


@pytest.mark.parametrize(("case", "index"), FIXABLE, ids=[f"{c}-{i}" for c, i in FIXABLE])
def test_fix_removes_the_error_and_reverts_exactly(case, index):
    factory, name, code, _ = CASES[case]
    graph = factory()
    before, text_before = graph.snapshot(), project_file.dumps(graph)
    diag = _find(graph, name, code)[1][0]
    edit = fix_edit(graph, diag.node, diag.fixes[index], REGISTRY)
    edit.apply(graph)
    result = infer_shapes(graph)
    assert result.ok, f"{diag.fixes[index].label}: {result.errors()}"
    edit.revert(graph)
    assert graph.snapshot() == before
    assert project_file.dumps(graph) == text_before


def test_fixable_codes_cover_the_brief():
    fixable = {case for case, _ in FIXABLE}
    wanted = {"needs_flatten", "kernel_too_large", "param_range", "param_type", "param_unknown"}
    wanted |= {"duplicate_name", "bad_name", "reserved_name", "name_clash", "bad_port", "odd_kernel", "same_stride"}
    assert wanted <= fixable


def test_needs_flatten_fixes_give_the_expected_features():
    graph = CASES["needs_flatten"][0]()
    diag = _find(graph, "fc", "needs_flatten")[1][0]
    assert [f.label for f in diag.fixes] == ["Insert Flatten", "Insert GlobalAvgPool"]
    for fix, features in zip(diag.fixes, (4 * 14 * 14, 4)):
        edit = fix_edit(graph, diag.node, fix, REGISTRY)
        edit.apply(graph)
        assert infer_shapes(graph).info[diag.node].in_shapes == [(features,)]
        edit.revert(graph)


def test_kernel_fixes_are_offered():
    graph = CASES["kernel_too_large"][0]()
    diag = _find(graph, "conv", "kernel_too_large")[1][0]
    assert [f.label for f in diag.fixes] == ["Shrink kernel to 5", "Use 'same' padding"]  # least surprising first
    graph = CASES["kernel_too_large_stride"][0]()
    diag = _find(graph, "conv", "kernel_too_large")[1][0]
    shrink = diag.fixes[0]
    assert shrink.values["kernel_size"] == [3, 6], "only the axis that does not fit shrinks"


def test_param_fix_clamps_into_the_range():
    graph = CASES["param_range"][0]()
    diag = _find(graph, "conv", "param")[1][0]
    assert diag.fixes[0].label == "Set out_channels to 1"


def test_unconnected_input_and_dependants_unknown():
    graph = branching()
    Disconnect(edge_into(graph, "left.conv")).apply(graph)
    result = infer_shapes(graph)
    assert [(d.node, d.code, d.message) for d in result.errors()] == [
        (node_id(graph, "left.conv"), "unconnected", "input is not connected")
    ]
    for name in ("left.relu", "add", "gap", "fc", "output"):
        assert result.info[node_id(graph, name)].shape is None
        assert result.info[node_id(graph, name)].error == "upstream"
    assert result.info[node_id(graph, "right.relu")].shape == (8, 16, 16)


def test_unconnected_merge_names_its_ports():
    graph = branching()
    Disconnect(edge_into(graph, "add", "in1")).apply(graph)
    (diag,) = infer_shapes(graph).errors()
    assert diag.code == "unconnected" and diag.message == "input in1 not connected"


def test_error_in_one_branch_leaves_the_other_inferred():
    """An error marks its dependants unknown; the sibling branch and unrelated heads carry on."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    bad = b.add("conv2d", "bad", x, kernel_size=11)
    b.chain(bad, ("relu", "bad_branch.relu", {}), ("global_avgpool", "bad_branch.gap", {}))
    good = b.chain(x, ("conv2d", "good", dict(out_channels=5)), ("global_avgpool", "good_branch.gap", {}))
    b.chain(good, ("linear", "fc", dict(out_features=2)), ("classification_output", "output", {}))
    graph = b.build()
    result = infer_shapes(graph)
    assert [d.code for d in result.errors()] == ["kernel_too_large"]
    assert result.info[node_id(graph, "bad_branch.relu")].shape is None
    assert result.info[node_id(graph, "bad_branch.gap")].error == "upstream"
    assert result.info[node_id(graph, "good_branch.gap")].shape == (5,)
    assert result.info[node_id(graph, "output")].shape == (2,)
    assert result.total_params == (5 * 3 * 9 + 5) + (5 * 2 + 2)


def test_cycle_is_reported_on_its_nodes_only():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[4])
    a = b.add("add", "a", x)  # in1 closes the loop below
    r = b.add("relu", "r", a)
    after = b.add("relu", "after", r)
    b.add("classification_output", "output", after)
    graph = b.build()
    graph.connect(Edge(r, a, "in1"))
    result = infer_shapes(graph)
    cycle = {d.node for d in result.diagnostics if d.code == "cycle"}
    assert cycle == {a, r}
    assert result.info[after].error == "upstream" and not result.for_node(after)
    assert result.info[x].shape == (4,)
    assert {d.code for d in result.diagnostics} == {"cycle"}  # the head after it is there: no "no output head"


def test_no_input_and_no_output():
    graph = Graph()
    graph.add_node(Node("n1", "relu", "act", {}))
    codes = [(d.code, d.level) for d in infer_shapes(graph).diagnostics]
    assert ("no_input", "error") in codes and ("no_output", "warning") in codes
    headless = chain(("flatten", "flat", {}), head=False)
    result = infer_shapes(headless)
    assert [(d.code, d.level) for d in result.diagnostics] == [("no_output", "warning")]
    assert result.ok, "a warning does not make the graph wrong"
    assert infer_shapes(Graph()).diagnostics[0].code == "no_input"


def test_unknown_type_and_inference_carries_on():
    graph = branching()
    graph.add_node(Node("x1", "frobnicate", "mystery", {}))
    result = infer_shapes(graph)
    assert [(d.node, d.code) for d in result.errors()] == [("x1", "unknown_type")]
    assert "'frobnicate'" in result.errors()[0].message
    assert result.info[node_id(graph, "output")].shape == (4,)


def test_reconstruction_of_the_input_shape_is_fine():
    graph = _recon((1, 8, 8), dict(out_channels=1, kernel_size=3, padding=1))
    assert infer_shapes(graph).ok


def test_duplicate_suggestions_are_distinct():
    graph = branching()
    for name in ("right.conv", "right.relu"):
        _renamed(graph, name, "left.conv")
    result = infer_shapes(graph)
    names = [d.fixes[0].name for d in result.diagnostics if d.code == "duplicate_name"]
    assert len(names) == 2 and len(set(names)) == 2
    assert not {n.name for n in graph.nodes.values()} & set(names)
