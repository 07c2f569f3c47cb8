"""Inference totals and the memoised formulas: results follow the params' content, never a stale copy."""

from __future__ import annotations

from core_graphs import branching, chain, node_id

from cnnstudio.core import block_cache
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.edits import SetTrainable
from cnnstudio.core.inference import infer_shapes


def test_totals_and_frozen_params():
    graph = branching()
    result = infer_shapes(graph)
    conv3 = 8 * 3 * 9 + 8
    conv1 = 8 * 3 + 8
    fc = 8 * 4 + 4
    assert result.total_params == conv3 + conv1 + fc
    assert result.total_macs == 8 * 16 * 16 * 3 * 9 + 8 * 16 * 16 * 3 + 8 * 4
    SetTrainable(node_id(graph, "left.conv"), False).apply(graph)
    result = infer_shapes(graph)
    assert result.trainable_params == conv1 + fc and result.frozen_params == conv3
    assert result.order[0] == node_id(graph, "input")


def test_params_changed_in_place_are_seen():
    graph = chain(("conv2d", "conv", dict(out_channels=4)), ("flatten", "flat", {}), ("linear", "fc", {}))
    conv = graph.by_name("conv")
    assert infer_shapes(graph).info[conv.id].shape == (4, 14, 14)
    conv.params["out_channels"] = 7  # not through an edit: the cache must not care
    conv.params["kernel_size"] = [3, 5]
    result = infer_shapes(graph)
    assert result.info[conv.id].shape == (7, 14, 12)
    assert result.info[node_id(graph, "fc")].params == 7 * 14 * 12 * 10 + 10


def test_equal_values_of_other_types_are_not_confused():
    graph = chain(("conv2d", "conv", dict(out_channels=4, bias=True)), ("flatten", "flat", {}), ("linear", "fc", {}))
    conv = graph.by_name("conv")
    assert infer_shapes(graph).ok
    conv.params["bias"] = 1  # == True, but not a bool
    assert [d.code for d in infer_shapes(graph).errors()] == ["param"]
    conv.params["bias"] = True
    conv.params["out_channels"] = 4.0  # == 4, but not a whole number type
    assert [d.code for d in infer_shapes(graph).errors()] == ["param"]


def test_unhashable_params_still_infer():
    graph = chain(("conv2d", "conv", dict(out_channels=4)), ("flatten", "flat", {}), ("linear", "fc", {}))
    conv = graph.by_name("conv")
    conv.params["kernel_size"] = [[3], 3]
    assert block_cache.params_key(REGISTRY.get("conv2d"), conv.params) is None
    (diag,) = infer_shapes(graph).errors()
    assert diag.code == "param" and "kernel_size" in diag.message


def test_cache_is_bounded_and_clearable():
    block = REGISTRY.get("relu")
    for i in range(block_cache._LIMIT + 10):
        block_cache.check(block, {"x": i}, block_cache.params_key(block, {"x": i}))
    assert len(block_cache._checked) <= block_cache._LIMIT
    block_cache.clear()
    assert not block_cache._checked


def test_registry_find():
    assert REGISTRY.find("dense") is REGISTRY.get("linear")
    assert REGISTRY.find("gap") is REGISTRY.get("global_avgpool")
    assert REGISTRY.find("nope") is None
