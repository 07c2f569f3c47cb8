"""Replace head: every classification head's scoring layer gets the new class count, in one undo step."""

from __future__ import annotations

import pytest
from core_graphs import chain

from cnnstudio.core import project_file
from cnnstudio.core.heads import find_heads, head_classes, replace_head
from cnnstudio.core.inference import infer_shapes
from cnnstudio.presets import registry


def _names(graph, heads):
    return [(graph.nodes[h.layer].name, h.param, h.classes, h.auxiliary) for h in heads]


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("lenet5", [("fc3", 10)]),
        ("resnet18", [("fc", 1000)]),
        ("vgg16", [("classifier.6", 1000)]),
        ("googlenet", [("fc", 1000), ("aux1.fc2", 1000), ("aux2.fc2", 1000)]),
    ],
)
def test_replace_head_on_presets_and_undo_restores_the_exact_graph(preset, expected):
    graph = registry.build(preset)
    before = project_file.dumps(graph)
    heads = find_heads(graph)
    assert [(graph.nodes[h.layer].name, h.classes) for h in heads] == expected
    assert heads[0].auxiliary is False and all(h.auxiliary for h in heads[1:])

    edit = replace_head(graph, 7)
    edit.apply(graph)
    assert [graph.nodes[h.layer].params["out_features"] for h in heads] == [7] * len(heads)
    assert head_classes(graph) == 7
    result = infer_shapes(graph)
    outputs = [n.id for n in graph.nodes.values() if n.type == "classification_output"]
    assert [result.info[o].shape for o in outputs] == [(7,)] * len(outputs)
    # the layer keeps its node and name: old weights report fc.weight / fc.bias as shape-skipped
    assert {graph.nodes[h.layer].name for h in heads} == {name for name, _ in expected}
    assert "7" in edit.text

    edit.revert(graph)
    assert project_file.dumps(graph) == before


def test_squeezenet_style_head_is_the_1x1_conv_before_the_pooling():
    graph = chain(
        ("conv2d", "features.0", dict(out_channels=16, kernel_size=3)),
        ("relu", "features.1", {}),
        ("dropout", "classifier.0", {}),
        ("conv2d", "classifier.1", dict(out_channels=1000, kernel_size=1)),
        ("relu", "classifier.2", {}),
        ("global_avgpool", "classifier.3", {}),
        ("flatten", "flatten", {}),
    )
    [head] = find_heads(graph)
    assert (graph.nodes[head.layer].name, head.param, head.classes) == ("classifier.1", "out_channels", 1000)
    replace_head(graph, 5).apply(graph)
    assert graph.by_name("classifier.1").params["out_channels"] == 5
    assert graph.by_name("features.0").params["out_channels"] == 16


def test_a_conv_whose_maps_are_flattened_whole_is_not_a_head():
    """LeNet-5 without its dense layers: conv2's 16 maps of 5×5 flattened are 400 outputs, not 16 classes."""
    graph = chain(
        ("conv2d", "conv2", dict(out_channels=16, kernel_size=5)),
        ("maxpool2d", "pool2", dict(kernel_size=2)),
        ("flatten", "flatten", {}),
    )
    assert find_heads(graph) == [] and head_classes(graph) is None
    with pytest.raises(ValueError, match="no classification or detection head"):
        replace_head(graph, 10)
    pooled_to_two = chain(
        ("conv2d", "conv", dict(out_channels=10, kernel_size=1)),
        ("adaptive_avgpool2d", "pool", dict(output_size=2)),
        ("flatten", "flatten", {}),
    )
    assert find_heads(pooled_to_two) == []
    pooled_to_one = chain(
        ("conv2d", "conv", dict(out_channels=10, kernel_size=1)),
        ("adaptive_avgpool2d", "pool", dict(output_size=[1, 1])),
        ("flatten", "flatten", {}),
    )
    assert head_classes(pooled_to_one) == 10


def test_nothing_to_change_and_refusals():
    graph = registry.build("lenet5")
    assert replace_head(graph, 10) is None  # already 10 classes
    with pytest.raises(ValueError, match="at least 2 classes"):
        replace_head(graph, 1)
    with pytest.raises(ValueError, match="no classification or detection head"):
        replace_head(registry.build("autoencoder"), 4)
    # a merge right before the output: no single layer sets the class count
    merged = chain(("conv2d", "c", dict(out_channels=4)), head=False)
    assert find_heads(merged) == [] and head_classes(merged) is None


def test_a_detectors_head_gets_a_heat_map_per_class_and_its_four_box_channels():
    graph = registry.build("det_small")
    before = project_file.dumps(graph)
    (head,) = find_heads(graph)
    assert (graph.nodes[head.layer].name, head.classes, head.box_channels) == ("head.2", 3, 4)
    edit = replace_head(graph, 5)
    edit.apply(graph)
    assert graph.by_name("head.2").params["out_channels"] == 9 and graph.by_name("output").params["num_classes"] == 5
    assert head_classes(graph) == 5 and infer_shapes(graph).ok
    assert edit.text == "Replace head (head.2, output) with 5 classes"
    edit.revert(graph)
    assert project_file.dumps(graph) == before
