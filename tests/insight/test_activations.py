import pytest
import torch

import cnnstudio
from cnnstudio.insight import InsightError
from cnnstudio.report import summary

from .graphs import branching_graph


def _names_and_shapes(graph):
    return {item["name"]: tuple(item["output_shape"]) for item in summary(graph)["nodes"]}


@pytest.mark.parametrize("make", [lambda: cnnstudio.presets.build("lenet5"), branching_graph])
def test_every_node_has_the_summary_shape(make):
    graph = make()
    model = cnnstudio.compile_model(graph)
    expected = _names_and_shapes(graph)
    image = torch.rand(model.input_shape)
    got = cnnstudio.activations(model, image, list(expected))
    assert {name: tuple(t.shape) for name, t in got.items()} == expected


def test_function_nodes_hold_the_values_they_compute():
    torch.manual_seed(0)
    model = cnnstudio.compile_model(branching_graph())
    acts = cnnstudio.activations(model, torch.rand(3, 24, 24), ["left", "layer1.0", "sum", "right", "cat", "pool"])
    torch.testing.assert_close(acts["sum"], acts["left"] + acts["layer1.0"])
    torch.testing.assert_close(acts["cat"], torch.cat([acts["sum"], acts["right"]], 0))
    flat = cnnstudio.activations(model, torch.rand(3, 24, 24), ["pool", "flatten"])
    torch.testing.assert_close(flat["flatten"], flat["pool"].flatten())


def test_values_match_a_plain_forward_and_are_taken_before_later_in_place_ops():
    torch.manual_seed(0)
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    image = torch.rand(1, 28, 28)
    acts = cnnstudio.activations(model, image, ["conv1", "relu1", "output"])
    expected_conv1 = model.conv1(image[None])[0]
    torch.testing.assert_close(acts["conv1"], expected_conv1.detach())
    assert acts["conv1"].min() < 0 <= acts["relu1"].min()
    model.eval()
    torch.testing.assert_close(acts["output"], model(image[None])[0].detach())


def test_eval_mode_is_used_and_the_previous_mode_restored():
    model = cnnstudio.compile_model(branching_graph())
    model.train()
    image = torch.rand(3, 24, 24)
    first = cnnstudio.activations(model, image, ["stem"])["stem"]
    again = cnnstudio.activations(model, image, ["stem"])["stem"]
    torch.testing.assert_close(first, again)  # batch norm on running statistics, not on this one image
    assert model.training
    assert not first.requires_grad


def test_bad_requests_give_clear_errors():
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    with pytest.raises(InsightError, match="no node named 'conv9'"):
        cnnstudio.activations(model, torch.rand(1, 28, 28), ["conv9"])
    with pytest.raises(InsightError, match="C×H×W"):
        cnnstudio.activations(model, torch.rand(2, 1, 28, 28), ["conv1"])
    with pytest.raises(InsightError, match="takes 1 channel"):
        cnnstudio.activations(model, torch.rand(3, 28, 28), ["conv1"])


def test_the_network_stops_running_once_the_requested_nodes_are_seen():
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    calls = []
    model.fc1.register_forward_hook(lambda *args: calls.append("fc1"))
    cnnstudio.activations(model, torch.rand(1, 28, 28), ["conv2"])
    assert calls == []
    cnnstudio.activations(model, torch.rand(1, 28, 28), ["conv2", "relu3"])
    assert calls == ["fc1"]
