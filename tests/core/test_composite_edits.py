"""Composite blocks expand into plain parts and collapse back: same state_dict keys, same outputs, exact undo."""

from __future__ import annotations

import pytest
import torch

import cnnstudio.presets
from cnnstudio.compiler.fx_compile import compile_model
from cnnstudio.core import project_file
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.composite_edits import CompositeError, collapse_composite, expand_composite, group_prefix
from cnnstudio.core.edits import SetParam, SetTrainable
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes

CASES = {
    "basic": ("residual", "layer1.0", dict(planes=4), (4, 8, 8)),
    "basic_projection": ("residual", "layer2.0", dict(planes=6, stride=2), (4, 9, 9)),
    "bottleneck_projection": ("residual", "layer3.0", dict(kind="bottleneck", planes=2, stride=2), (4, 8, 8)),
    "bottleneck_identity": ("residual", "layer3.1", dict(kind="bottleneck", planes=2), (8, 5, 5)),
    "bottleneck_grouped": (  # ResNeXt: the 3×3 in 4 groups, 2 channels per group per 64 planes → width 8
        "residual",
        "layer2.0",
        dict(kind="bottleneck", planes=64, stride=2, groups=4, width_per_group=2),
        (16, 6, 6),
    ),
    "squeeze_excitation": ("squeeze_excitation", "features.4.block.2", dict(squeeze_channels=3), (8, 5, 5)),
    "squeeze_excitation_hard": (
        "squeeze_excitation",
        "se",
        dict(squeeze_channels=2, activation="silu", scale_activation="hardsigmoid"),
        (6, 4, 3),
    ),
    "inverted_residual": ("inverted_residual", "features.2", dict(out_channels=6, expand_ratio=3), (6, 5, 5)),
    "inverted_residual_strided": (
        "inverted_residual",
        "features.1",
        dict(out_channels=4, stride=2, expand_ratio=1),
        (5, 7, 6),
    ),
    "inception": (
        "inception",
        "inception3a",
        dict(ch1x1=2, ch3x3red=3, ch3x3=4, ch5x5red=2, ch5x5=3, pool_proj=2),
        (5, 7, 7),
    ),
    "inception_5x5": (
        "inception",
        "mixed_4b",
        dict(ch1x1=2, ch3x3red=3, ch3x3=4, ch5x5red=2, ch5x5=3, pool_proj=2, ch5x5_kernel=5),
        (5, 7, 7),
    ),
    "conv_bn_relu": (
        "conv_bn_relu",
        "stem.conv",
        dict(out_channels=3, kernel_size=[3, 5], stride=2, padding=[1, 2]),
        (2, 9, 9),
    ),
}


def _graph(type_: str, name: str, params: dict, shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    y = b.add(type_, name, x, **params)
    b.chain(
        y, ("global_avgpool", "pool", {}), ("linear", "fc", dict(out_features=3)), ("classification_output", "out", {})
    )
    return b.build()


def _state(graph: Graph):
    return graph.snapshot(), project_file.dumps(graph)


def _same_models(collapsed: Graph, expanded: Graph, shape) -> None:
    """Identical state_dict keys, and identical outputs once the expanded model gets the collapsed weights."""
    torch.manual_seed(0)
    a, b = compile_model(collapsed), compile_model(expanded)
    assert list(a.state_dict()) == list(b.state_dict()) or set(a.state_dict()) == set(b.state_dict())
    b.load_state_dict(a.state_dict(), strict=True)
    x = torch.randn(2, *shape)
    for mode in (True, False):  # batch statistics in training, running statistics in eval
        a.train(mode)
        b.train(mode)
        torch.testing.assert_close(a(x), b(x))


@pytest.mark.parametrize("case", list(CASES))
def test_expand_and_collapse(case):
    type_, name, params, shape = CASES[case]
    graph = _graph(type_, name, params, shape)
    original = _state(graph)
    collapsed = graph.copy()
    node = graph.by_name(name)
    shape_out = infer_shapes(graph).info[node.id].shape

    expand = expand_composite(graph, node.id)
    expand.apply(graph)
    result = infer_shapes(graph)
    assert result.ok, result.errors()
    assert graph.by_name(name) is None
    parts = [n for n in graph.nodes.values() if n.name.startswith(name + ".")]
    assert all(p.trainable for p in parts)
    out_part = graph.nodes[graph.in_edges(graph.by_name("pool").id)["in"].src]
    assert result.info[out_part.id].shape == shape_out
    # laid out around the old place
    cx = sum(p.pos[0] for p in parts) / len(parts)
    cy = sum(p.pos[1] for p in parts) / len(parts)
    assert (round(cx, 1), round(cy, 1)) == (round(node.pos[0], 1), round(node.pos[1], 1))
    _same_models(collapsed, graph, shape)
    expanded = _state(graph)

    collapse = collapse_composite(graph, name)
    collapse.apply(graph)
    again = graph.by_name(name)
    assert again is not None and again.type == type_ and again.params == node.params
    assert infer_shapes(graph).info[again.id].shape == shape_out
    _same_models(collapsed, graph, shape)

    collapse.revert(graph)
    assert _state(graph) == expanded
    expand.revert(graph)
    assert _state(graph) == original


def test_residual_parts_are_named_like_torchvision_submodules():
    graph = _graph(*CASES["basic_projection"])
    expand_composite(graph, graph.by_name("layer2.0").id).apply(graph)
    names = {n.name.removeprefix("layer2.0.") for n in graph.nodes.values() if n.name.startswith("layer2.0.")}
    assert names == {"conv1", "bn1", "relu", "conv2", "bn2", "downsample.0", "downsample.1", "add", "relu_out"}
    assert {n.type for n in graph.nodes.values() if n.name.startswith("layer2.0.downsample")} == {
        "conv2d",
        "batchnorm2d",
    }
    keys = set(compile_model(graph).state_dict())
    assert {"layer2.0.conv1.weight", "layer2.0.downsample.0.weight", "layer2.0.downsample.1.running_var"} <= keys


def test_inception_parts_and_nested_expansion():
    graph = _graph(*CASES["inception"])
    collapsed = graph.copy()
    expand_composite(graph, graph.by_name("inception3a").id).apply(graph)
    types = {n.name: n.type for n in graph.nodes.values() if n.name.startswith("inception3a.")}
    assert types["inception3a.branch1"] == "conv_bn_relu"
    assert types["inception3a.branch4.0"] == "maxpool2d"
    assert types["inception3a.cat"] == "concat"
    inner = expand_composite(graph, graph.by_name("inception3a.branch2.1").id)
    inner.apply(graph)
    assert graph.by_name("inception3a.branch2.1.conv").type == "conv2d"
    _same_models(collapsed, graph, (5, 7, 7))
    with pytest.raises(
        CompositeError, match=r"it needs a part 'branch2\.1' \(collapse the expanded 'branch2\.1' first\)"
    ):
        collapse_composite(graph, "inception3a")
    collapse_composite(graph, [graph.by_name("inception3a.branch2.1.bn").id]).apply(graph)
    collapse_composite(graph, "inception3a").apply(graph)
    assert graph.by_name("inception3a").type == "inception"


def test_frozen_composite_gives_frozen_parts_and_back():
    graph = _graph(*CASES["basic"])
    SetTrainable(graph.by_name("layer1.0").id, False).apply(graph)
    expand_composite(graph, graph.by_name("layer1.0").id).apply(graph)
    parts = [n for n in graph.nodes.values() if n.name.startswith("layer1.0.")]
    assert parts and not any(p.trainable for p in parts)
    SetTrainable(parts[0].id, True).apply(graph)
    with pytest.raises(CompositeError, match="some parts are frozen and some are not"):
        collapse_composite(graph, "layer1.0")
    SetTrainable(parts[0].id, False).apply(graph)
    collapse_composite(graph, "layer1.0").apply(graph)
    assert graph.by_name("layer1.0").trainable is False


def test_collapse_refuses_parts_that_no_longer_match():
    graph = _graph(*CASES["basic"])
    expand_composite(graph, graph.by_name("layer1.0").id).apply(graph)
    before = _state(graph)
    SetParam(graph.by_name("layer1.0.conv2").id, "kernel_size", 5).apply(graph)
    SetParam(graph.by_name("layer1.0.conv2").id, "padding", 2).apply(graph)
    with pytest.raises(CompositeError) as info:
        collapse_composite(graph, "layer1.0")
    message = str(info.value)
    assert message == "cannot collapse 'layer1.0': as Residual on 4×8×8: 'conv2' has kernel_size = 5, it should be 3"
    with pytest.raises(CompositeError, match="no nodes are named under 'layer9'"):
        collapse_composite(graph, "layer9")
    assert _state(graph) != before  # only the two edits above changed it: refusing changes nothing


def test_expand_refusals():
    graph = _graph(*CASES["basic"])
    with pytest.raises(CompositeError, match="'fc' is not a composite block"):
        expand_composite(graph, graph.by_name("fc").id)
    broken = _graph(*CASES["basic"])
    SetParam(broken.by_name("layer1.0").id, "planes", 0).apply(broken)
    with pytest.raises(CompositeError, match="cannot expand 'layer1.0': planes = 0 is outside"):
        expand_composite(broken, broken.by_name("layer1.0").id)
    b = GraphBuilder()
    b.add("residual", "lonely", planes=4)
    lonely = b.build()
    with pytest.raises(CompositeError, match="its shapes are unknown"):
        expand_composite(lonely, lonely.by_name("lonely").id)
    clash = _graph(*CASES["basic"])
    node = clash.by_name("fc")
    clash.set_name(node.id, "layer1.0.add")
    with pytest.raises(CompositeError, match="a node named 'layer1.0.add' already exists"):
        expand_composite(clash, clash.by_name("layer1.0").id)


def test_group_prefix():
    graph = _graph(*CASES["basic_projection"])
    expand_composite(graph, graph.by_name("layer2.0").id).apply(graph)
    ids = [graph.by_name(n).id for n in ("layer2.0.downsample.0", "layer2.0.conv1")]
    assert group_prefix(graph, ids) == "layer2.0"
    with pytest.raises(CompositeError, match="share no name prefix"):
        group_prefix(graph, [graph.by_name("fc").id, ids[0]])


def test_whole_resnet18_expanded_loads_the_same_weights():
    graph = cnnstudio.presets.build("resnet18", input_shape=(3, 32, 32))
    collapsed = graph.copy()
    for name in [n.name for n in graph.nodes.values() if n.type == "residual"]:
        expand_composite(graph, graph.by_name(name).id).apply(graph)
    assert not any(n.type == "residual" for n in graph.nodes.values())
    assert len(graph.nodes) == 8 + 5 * 7 + 3 * 9  # identity blocks have 7 parts, projections 9
    _same_models(collapsed, graph, (3, 32, 32))


def test_the_parts_of_an_inverted_residual_collapse_though_they_all_share_a_longer_prefix():
    """MobileNetV2's features.2 expands to features.2.conv.*: the block is features.2, not features.2.conv."""
    from cnnstudio.presets import build

    graph = build("mobilenet_v2")
    block = graph.by_name("features.2")
    expand_composite(graph, block.id).apply(graph)
    parts = [nid for nid, node in graph.nodes.items() if node.name.startswith("features.2.")]
    assert group_prefix(graph, parts) == "features.2.conv"
    edit = collapse_composite(graph, parts)
    edit.apply(graph)
    back = graph.by_name("features.2")
    assert back.type == block.type and back.params == block.params
    edit.revert(graph)
    assert graph.by_name("features.2") is None
