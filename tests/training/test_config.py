"""The training config: defaults, round trip through a project file, and one-line errors for bad values."""

from __future__ import annotations

import pytest

from cnnstudio.core.project_file import load, save
from cnnstudio.training.config import Augmentation, TrainingConfig, parse_override
from cnnstudio.training.errors import ConfigError

from .helpers import tiny_classifier


def test_missing_keys_take_defaults_and_everything_round_trips_through_a_project(tmp_path):
    assert TrainingConfig.from_dict({}) == TrainingConfig() == TrainingConfig.from_dict(None)
    config = TrainingConfig(
        optimizer="sgd",
        lr=0.05,
        momentum=0.8,
        schedule="onecycle",
        epochs=3,
        batch_size=16,
        seed=7,
        device="cpu",
        label_smoothing=0.1,
        data="shapes:120",
        augment=Augmentation(crop_padding=2, hflip=True, rotation=15.0, scale=(0.9, 1.1)),
    )
    graph = tiny_classifier()
    config.to_graph(graph)
    save(graph, tmp_path / "p.cnn.json")
    again = TrainingConfig.from_graph(load(tmp_path / "p.cnn.json"))
    assert again == config
    assert again.augment.scale == (0.9, 1.1)  # a tuple again after JSON's list


def test_a_project_without_training_config_trains_with_defaults():
    assert TrainingConfig.from_graph(tiny_classifier()) == TrainingConfig()


@pytest.mark.parametrize(
    "data, words",
    [
        ({"optimiser": "sgd"}, ["unknown key", "'optimiser'", "optimizer"]),
        ({"augment": {"rotate": 5}}, ["augment", "'rotate'"]),
        ({"optimizer": "rmsprop"}, ["optimizer", "sgd, adam, adamw", "'rmsprop'"]),
        ({"schedule": "linear"}, ["schedule", "onecycle"]),
        ({"lr": 0}, ["lr", "> 0"]),
        ({"lr": "fast"}, ["lr", "'fast'"]),
        ({"epochs": 0}, ["epochs", "from 1 to 100,000"]),
        # numbers a shared project may hold that would overflow inside the engine: one line, not an internal error
        ({"epochs": 10**20}, ["epochs", "from 1 to 100,000"]),
        ({"batch_size": 10**20}, ["batch_size", "65,536"]),
        ({"seed": 2**40}, ["seed", "4,294,967,295"]),
        ({"augment": {"crop_padding": 10**20}}, ["augment.crop_padding"]),
        ({"lr": 1e300}, ["lr", "≤ 1e+09"]),
        ({"weight_decay": 1e308}, ["weight_decay", "≤ 1e+09"]),
        ({"batch_size": 2.5}, ["batch_size", "whole number"]),
        ({"val_split": 1.0}, ["val_split", "< 1"]),
        ({"device": "gpu"}, ["device", "'gpu'"]),
        ({"augment": {"scale": [1.2, 0.8]}}, ["augment.scale", "lo ≤ hi"]),
        ({"augment": {"hflip": "yes"}}, ["hflip", "true or false"]),
        ({"label_smoothing": 1.5}, ["label_smoothing"]),
        ([1, 2], ["must be an object"]),
    ],
)
def test_bad_values_give_one_line_naming_the_key(data, words):
    with pytest.raises(ConfigError) as info:
        TrainingConfig.from_dict(data)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_overrides_from_the_command_line():
    assert parse_override("lr=0.1") == ("lr", 0.1)
    assert parse_override("optimizer=sgd") == ("optimizer", "sgd")
    assert parse_override("augment.hflip=true") == ("augment.hflip", True)
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_override("lr")
    config = TrainingConfig().with_overrides({"epochs": 2, "augment.rotation": 10, "augment.scale": [0.8, 1.2]})
    assert (config.epochs, config.augment.rotation, config.augment.scale) == (2, 10, (0.8, 1.2))
    with pytest.raises(ConfigError, match="epochs"):
        TrainingConfig().with_overrides({"epochs": -1})


def test_augmentation_is_active_only_when_something_is_on():
    assert not Augmentation().active
    assert Augmentation(hflip=True).active and Augmentation(scale=(1.0, 1.2)).active
