import pytest
import torch

import cnnstudio
from cnnstudio.insight import activation_stats, layer_health, param_grad_norms


def test_activation_stats_count_channels_dead_for_the_whole_batch():
    batch = torch.randn(4, 5, 3, 3)
    batch[:, 1] = -1.0  # never positive: dead
    batch[:, 3] = 0.0  # exactly zero everywhere: dead too
    batch[:, 4] = -1.0
    batch[2, 4, 1, 1] = 0.5  # alive in one image at one position: not dead
    mean, std, dead = activation_stats(batch)
    assert dead == pytest.approx(2 / 5)
    assert mean == pytest.approx(float(batch.mean())) and std == pytest.approx(float(batch.std()))
    assert activation_stats(torch.tensor([[1.0, -1.0], [2.0, -3.0]]))[2] == pytest.approx(0.5)  # flat features


def test_layer_health_measures_the_batch_without_touching_the_model():
    torch.manual_seed(0)
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    model.train()
    with torch.no_grad():
        model.fc1.bias.fill_(-100.0)  # fc1 outputs are all negative: relu3 is entirely dead
    images, targets = torch.rand(8, 1, 28, 28), torch.randint(0, 10, (8,))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    health = layer_health(model, images, targets)
    assert set(health) == {n for n in model.fx_names if n != "input"}
    assert health["relu3"].dead_fraction == 1.0 and health["relu3"].mean == 0.0
    assert health["relu1"].dead_fraction < 1.0
    assert health["relu1"].grad_norm is None and health["flatten"].grad_norm is None  # no parameters
    assert health["conv1"].grad_norm is not None
    assert health["fc1"].grad_norm == 0.0  # nothing flows back through a dead ReLU
    assert health["fc3"].grad_norm > 0.0
    assert all(p.grad is None for p in model.parameters()) and model.training
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    json = health["conv1"].to_json()
    assert set(json) == {"mean", "std", "dead_fraction", "grad_norm"}


def test_gradient_norms_agree_with_a_plain_backward():
    torch.manual_seed(0)
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    images, targets = torch.rand(4, 1, 28, 28), torch.randint(0, 10, (4,))
    health = layer_health(model, images, targets, names=["conv1", "fc3"])
    assert set(health) == {"conv1", "fc3"}
    model.eval()
    torch.nn.functional.cross_entropy(model(images), targets).backward()
    plain = param_grad_norms(model, ["conv1", "fc3", "relu1"])
    assert plain["relu1"] is None
    assert health["conv1"].grad_norm == pytest.approx(plain["conv1"], rel=1e-5)
    assert health["fc3"].grad_norm == pytest.approx(plain["fc3"], rel=1e-5)
    no_targets = layer_health(model, images, names=["conv1"])
    assert no_targets["conv1"].grad_norm is None


def test_layer_health_measures_each_nodes_output_with_the_weights_of_the_moment():
    from cnnstudio.insight.probe import record

    torch.manual_seed(0)
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    twin = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))  # the same structure, other weights
    images = torch.rand(8, 1, 28, 28)
    outputs = record(model, images, set(model.fx_names.values()))
    health = layer_health(model, images)
    for name, fx_name in model.fx_names.items():
        if name != "input":
            expected = pytest.approx(activation_stats(outputs[fx_name]), rel=1e-5, abs=1e-6)
            assert (health[name].mean, health[name].std, health[name].dead_fraction) == expected, name
    assert layer_health(twin, images)["fc3"].mean != pytest.approx(health["fc3"].mean)  # each model's own weights
    with torch.no_grad():
        model.fc1.bias.fill_(-100.0)  # changed after the first measurement: measured as it is now
    assert layer_health(model, images)["relu3"].dead_fraction == 1.0 and health["relu3"].dead_fraction < 1.0
