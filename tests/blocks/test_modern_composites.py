"""The modern composites (depthwise-separable conv, MobileNetV3 block, MBConv, DenseNet's layer, block and
transition): expand and collapse back, read torchvision's modules back as one block each with their weights,
and export as Python that re-imports into the same blocks."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
import torch
import torchvision

from cnnstudio.compiler import compile_model
from cnnstudio.compiler.codegen import python_source
from cnnstudio.compiler.importer import import_module
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.composite_edits import collapse_composite, expand_composite
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes

CASES = {
    "dwsep": ("depthwise_separable", "features.1", dict(out_channels=6, stride=2), (4, 7, 6)),
    "dwsep_relu6": ("depthwise_separable", "dw", dict(out_channels=3, kernel_size=5, activation="relu6"), (2, 6, 6)),
    "v3_se": (
        "mobilenet_v3_block",
        "features.4",
        dict(out_channels=6, expanded_channels=12, kernel_size=5, squeeze_excitation=True, activation="hardswish"),
        (6, 7, 7),
    ),
    "v3_no_expansion": (
        "mobilenet_v3_block",
        "features.1",
        dict(out_channels=4, expanded_channels=3, stride=2),
        (3, 8, 8),
    ),
    "mbconv": ("mbconv", "features.2.1", dict(out_channels=8, expand_ratio=4, stochastic_depth_prob=0.1), (8, 5, 5)),
    "mbconv_strided": ("mbconv", "features.1.0", dict(out_channels=5, expand_ratio=1, stride=2, eps=0.001), (16, 6, 6)),
    "fused_mbconv": ("fused_mbconv", "features.1.1", dict(out_channels=8, stochastic_depth_prob=0.1), (8, 5, 5)),
    "fused_mbconv_single": ("fused_mbconv", "features.1.0", dict(out_channels=8, expand_ratio=1, stride=2), (8, 6, 6)),
    "dense_layer": ("dense_layer", "denselayer3", dict(growth_rate=3, bn_size=2), (5, 4, 4)),
    "dense_block": ("dense_block", "features.denseblock1", dict(num_layers=3, growth_rate=2, bn_size=2), (4, 5, 5)),
    "transition": ("dense_transition", "features.transition1", dict(out_channels=3), (6, 5, 4)),
}


def _graph(type_: str, name: str, params: dict, shape) -> Graph:
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    y = b.add(type_, name, x, **params)
    b.chain(
        y, ("global_avgpool", "pool", {}), ("linear", "fc", dict(out_features=3)), ("classification_output", "out", {})
    )
    return b.build()


def _same_outputs(a: torch.nn.Module, b: torch.nn.Module, shape) -> None:
    b.load_state_dict(a.state_dict(), strict=True)
    x = torch.randn(2, *shape)
    for mode in (True, False):  # batch statistics in training, running statistics in eval
        a.train(mode)
        b.train(mode)
        torch.manual_seed(1)  # stochastic depth draws the same samples in both
        ya = a(x)
        torch.manual_seed(1)
        torch.testing.assert_close(ya, b(x))


@pytest.mark.parametrize("case", list(CASES))
def test_expand_and_collapse_back(case):
    type_, name, params, shape = CASES[case]
    graph = _graph(type_, name, params, shape)
    node = graph.by_name(name)
    torch.manual_seed(0)
    collapsed = compile_model(graph.copy())
    expand_composite(graph, node.id).apply(graph)
    assert infer_shapes(graph).ok
    assert graph.by_name(name) is None and graph.by_name(f"{name}.{_first_part(type_)}") is not None
    _same_outputs(collapsed, compile_model(graph), shape)

    collapse_composite(graph, name).apply(graph)
    again = graph.by_name(name)
    assert again.type == type_ and again.params == node.params
    _same_outputs(collapsed, compile_model(graph), shape)


def _first_part(type_: str) -> str:
    return {
        "depthwise_separable": "depthwise.0",
        "dense_layer": "norm1",
        "dense_block": "denselayer1",
        "dense_transition": "norm",
    }.get(type_, "block.0.0")


def _imports_as(module, shape, type_: str) -> Graph:
    module = module.eval()
    graph = import_module(module, shape)
    model = compile_model(graph).eval()
    model.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(2, *shape)
    with torch.no_grad():
        torch.testing.assert_close(model(x), module(x), rtol=1e-4, atol=1e-5)
    return graph


def _of_type(graph: Graph, type_: str) -> list:
    return [n for n in graph.nodes.values() if n.type == type_]


def test_mobilenet_v3_small_imports_as_mobilenet_v3_blocks():
    torch.manual_seed(0)
    graph = _imports_as(torchvision.models.mobilenet_v3_small(num_classes=10), (3, 64, 64), "mobilenet_v3_block")
    blocks = _of_type(graph, "mobilenet_v3_block")
    assert [n.name for n in blocks] == [f"features.{i}" for i in range(1, 12)]
    assert graph.by_name("features.1").params == dict(
        out_channels=16, expanded_channels=16, kernel_size=3, stride=2, squeeze_excitation=True, activation="relu"
    )
    assert graph.by_name("features.4").params["activation"] == "hardswish"


def test_efficientnet_b0_imports_as_mbconv_blocks():
    torch.manual_seed(0)
    graph = _imports_as(torchvision.models.efficientnet_b0(num_classes=10), (3, 32, 32), "mbconv")
    blocks = _of_type(graph, "mbconv")
    assert len(blocks) == 16
    assert graph.by_name("features.1.0").params["expand_ratio"] == 1
    p = graph.by_name("features.6.3").params
    assert (p["expand_ratio"], p["kernel_size"], p["out_channels"]) == (6, 5, 192)
    assert p["stochastic_depth_prob"] == pytest.approx(0.2 * 14 / 16)


def test_efficientnet_v2_s_imports_as_fused_mbconv_and_mbconv_blocks():
    torch.manual_seed(0)
    graph = _imports_as(torchvision.models.efficientnet_v2_s(num_classes=10), (3, 32, 32), "fused_mbconv")
    assert [len(_of_type(graph, t)) for t in ("fused_mbconv", "mbconv")] == [2 + 4 + 4, 6 + 9 + 15]
    p = graph.by_name("features.1.0").params
    assert (p["expand_ratio"], p["out_channels"], p["eps"]) == (1, 24, 0.001)


def test_densenet121_imports_as_dense_blocks_and_transitions():
    torch.manual_seed(0)
    graph = _imports_as(torchvision.models.densenet121(num_classes=10), (3, 32, 32), "dense_block")
    blocks = _of_type(graph, "dense_block")
    assert [n.params["num_layers"] for n in blocks] == [6, 12, 24, 16]
    assert [n.name for n in _of_type(graph, "dense_transition")] == [f"features.transition{i}" for i in (1, 2, 3)]


def test_exported_python_reimports_into_the_same_composites(tmp_path):
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    x = b.add("depthwise_separable", "features.0", x, out_channels=8, stride=2)
    x = b.add("mobilenet_v3_block", "features.1", x, out_channels=8, expanded_channels=16, squeeze_excitation=True)
    x = b.add("mbconv", "features.2", x, out_channels=8, stochastic_depth_prob=0.1)
    x = b.add("fused_mbconv", "features.3", x, out_channels=8, stochastic_depth_prob=0.1)
    x = b.add("dense_block", "features.denseblock1", x, num_layers=2, growth_rate=4, bn_size=2)
    x = b.add("dense_transition", "features.transition1", x, out_channels=6)
    x = b.add("dense_layer", "features.denselayer", x, growth_rate=4, bn_size=2)
    b.chain(
        x, ("global_avgpool", "pool", {}), ("linear", "fc", dict(out_features=3)), ("classification_output", "out", {})
    )
    graph = b.build()
    path = tmp_path / "exported.py"
    path.write_text(python_source(graph))
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "--diff", str(path)], capture_output=True
    )
    assert ruff.returncode == 0, ruff.stdout.decode()

    spec = importlib.util.spec_from_file_location("exported_modern", path)
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    torch.manual_seed(0)
    model = compile_model(graph).eval()
    theirs = exported.Model().eval()
    theirs.load_state_dict(model.state_dict(), strict=True)
    x = torch.randn(2, 3, 16, 16)
    with torch.no_grad():
        torch.testing.assert_close(theirs(x), model(x))

    back = _imports_as(theirs, (3, 16, 16), "")
    types = {n.name: n.type for n in back.nodes.values()}
    composites = {type_ for type_, *_ in CASES.values()}
    for node in graph.nodes.values():
        if node.type in composites:
            assert types.get(node.name) == node.type, node.name
            assert back.by_name(node.name).params == node.params
