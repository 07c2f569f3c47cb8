"""Checkpoints: what the files hold, and clear refusals for torn, foreign or mismatched ones."""

from __future__ import annotations

import json
import shutil

import pytest
import torch
from safetensors.torch import load_file

from cnnstudio.training.checkpoint import load_checkpoint
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.errors import CheckpointError

from .helpers import blob_split, make_trainer, tiny_classifier

CONFIG = TrainingConfig(epochs=1, batch_size=8, seed=0)


@pytest.fixture
def saved(tmp_path):
    trainer = make_trainer(tiny_classifier(), blob_split(), CONFIG, checkpoint_dir=tmp_path / "a")
    trainer.run()
    return tmp_path / "a", trainer


def test_a_checkpoint_is_plain_safetensors_and_json(saved):
    folder, trainer = saved
    weights = load_file(folder / "last.safetensors")
    assert set(weights) == set(trainer.model.state_dict())
    assert all(torch.equal(weights[k], v) for k, v in trainer.model.state_dict().items())
    meta = json.loads((folder / "last.json").read_text())
    assert (meta["epochs_done"], meta["batch"], meta["step"]) == (1, 0, 9)
    assert meta["config"] == CONFIG.to_dict() and meta["data"]["classes"] == ["c0", "c1", "c2", "c3"]
    assert meta["history"][0]["val_accuracy"] is not None and meta["best"]["metric"] == "accuracy"
    state = load_file(folder / "last.state.safetensors")
    assert "rng.cpu" in state and any(k.startswith("optimizer.") for k in state)
    for path in (folder / "last.json", folder / "last.safetensors", folder / "best.json"):  # any of them names it
        assert load_checkpoint(path).meta["token"] == load_checkpoint(path.with_suffix(".json")).meta["token"]


def test_a_torn_checkpoint_is_refused(saved, tmp_path):
    folder, _ = saved
    make_trainer(tiny_classifier(), blob_split(), CONFIG, checkpoint_dir=tmp_path / "b").run()
    shutil.copy(tmp_path / "b" / "last.safetensors", folder / "last.safetensors")  # a crash between two renames
    with pytest.raises(CheckpointError, match="does not belong to its .json sidecar"):
        load_checkpoint(folder)


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda m: "{not json", "not a readable checkpoint"),
        (lambda m: json.dumps({**m, "format": "other"}), "not a CNN Studio checkpoint"),
        (lambda m: json.dumps({**m, "version": 99}), "newer CNN Studio"),
        (lambda m: json.dumps({k: v for k, v in m.items() if k != "step"}), "incomplete checkpoint (no step)"),
    ],
)
def test_a_damaged_sidecar_gives_one_line(saved, damage, words):
    folder, _ = saved
    meta = json.loads((folder / "last.json").read_text())
    (folder / "last.json").write_text(damage(meta))
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(folder)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_resuming_into_a_different_network_names_what_does_not_fit(saved):
    folder, _ = saved
    other = make_trainer(tiny_classifier(classes=4, batchnorm=True), blob_split(), CONFIG.replace(epochs=2))
    with pytest.raises(CheckpointError) as info:
        other.run(resume=load_checkpoint(folder))
    assert "does not fit this network" in str(info.value) and "missing: bn1." in str(info.value)
