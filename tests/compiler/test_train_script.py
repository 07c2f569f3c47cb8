"""Training-script export: a standalone train.py that trains under python and under torchrun (DDP, 2 processes)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from PIL import Image
from safetensors.torch import load_file
from test_codegen import load_exported, ruff_clean

import cnnstudio
from cnnstudio import presets, resources
from cnnstudio.cli import main
from cnnstudio.compiler import ExportError, export_model
from cnnstudio.compiler.train_script import DEFAULTS, training_config, training_script
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.training.config import TrainingConfig

TORCHRUN = Path(sys.executable).with_name("torchrun")


def test_defaults_are_the_training_configs():
    assert DEFAULTS == TrainingConfig().to_dict()


def _small_net():
    """Conv (frozen) → BN → ReLU with an auxiliary head, then conv → GAP → 10 classes, on 1×8×8 digits."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 8, 8])
    x = b.add("conv2d", "stem", x, out_channels=4, kernel_size=3, padding=1, trainable=False)
    x = b.chain(x, ("batchnorm2d", "bn", {}), ("relu", "relu", {}))
    b.chain(
        x,
        ("global_avgpool", "aux.pool", {}),
        ("linear", "aux.fc", dict(out_features=10)),
        ("classification_output", "aux.output", dict(auxiliary=True, loss_weight=0.3)),
    )
    b.chain(
        x,
        ("conv2d", "conv", dict(out_channels=8, kernel_size=3, padding=1)),
        ("relu", "relu2", {}),
        ("global_avgpool", "gap", {}),
        ("linear", "fc", dict(out_features=10)),
        ("classification_output", "output", dict(label_smoothing=0.1)),
    )
    graph = b.build()
    graph.meta["training"] = {
        "epochs": 1,
        "batch_size": 16,
        "optimizer": "sgd",
        "lr": 0.05,
        "schedule": "onecycle",
        "augment": {"hflip": True, "rotation": 10.0},
    }
    return graph


def _tiny_digits(path: Path, rows: int = 96) -> None:
    source = resources.path("data/digits.csv.gz")
    with gzip.open(source.open("rb"), "rt") as handle:
        lines = [next(handle) for _ in range(rows)]
    path.write_text("".join(lines))


def test_script_carries_the_project_config_and_reads_well(tmp_path):
    graph = _small_net()
    config = training_config(graph)
    assert config["optimizer"] == "sgd" and config["augment"]["rotation"] == 10.0 and config["seed"] == 0
    source = training_script(graph)
    assert '"schedule": "onecycle",' in source and 'FROZEN = ["stem"]' in source
    assert '("aux.output", "classification", 0.3, True, 0.0)' in source
    assert "cnnstudio" not in source.split('"""', 2)[2]
    (tmp_path / "train.py").write_text(source)
    ruff_clean(tmp_path / "train.py")


def test_torchrun_two_processes_on_cpu(tmp_path):
    graph = _small_net()
    files = export_model(graph, "train", tmp_path / "train.py").files
    assert [f.name for f in files] == ["train.py", "digits.csv.gz"]  # the bundled digits travel with it
    _tiny_digits(tmp_path / "tiny.csv")
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR")}
    env["OMP_NUM_THREADS"] = "1"
    command = [str(TORCHRUN), "--standalone", "--nproc_per_node=2", "train.py", "--digits-csv", "tiny.csv"]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "training on cpu x 2: 77 train, 19 validation images" in run.stdout
    epochs = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(epochs) == 1  # rank 0 logs, once per epoch
    assert epochs[0]["epoch"] == 1 and 0 <= epochs[0]["val_accuracy"] <= 1

    script = load_exported(tmp_path / "train.py", "exported_train")
    trained = load_file(tmp_path / "checkpoints" / "last.safetensors")
    model = script.Model()
    model.load_state_dict(trained, strict=True)
    torch.manual_seed(0)  # the script's seed: the same initial weights
    initial = script.Model().state_dict()
    assert torch.equal(trained["stem.weight"], initial["stem.weight"])  # frozen
    assert not torch.equal(trained["conv.weight"], initial["conv.weight"])  # trained
    assert not torch.equal(trained["aux.fc.weight"], initial["aux.fc.weight"])  # the auxiliary loss counted
    assert (tmp_path / "checkpoints" / "best.safetensors").is_file()


def test_plain_python_on_an_image_folder(tmp_path):
    for label, value in (("dark", 30), ("light", 220)):
        (tmp_path / "images" / label).mkdir(parents=True)
        for i in range(6):
            Image.new("RGB", (10, 12), (value + i, value, value)).save(tmp_path / "images" / label / f"{i}.png")
    graph = presets.build("lenet5", num_classes=2)
    graph.meta["training"] = {"data": "folder:images", "epochs": 1, "batch_size": 4}
    export_model(graph, "train", tmp_path / "train.py")
    assert not (tmp_path / "digits.csv.gz").exists()  # only for digits
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK")}
    run = subprocess.run(
        [sys.executable, "train.py", "--out", "ck", "--metrics", "m.jsonl", "--device", "cpu"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "training on cpu x 1: 10 train, 2 validation images" in run.stdout
    assert json.loads((tmp_path / "m.jsonl").read_text())["epoch"] == 1
    assert sorted(p.name for p in (tmp_path / "ck").iterdir()) == ["best.safetensors", "last.safetensors"]


def test_reconstruction_heads_train_against_the_input():
    source = training_script(presets.build("autoencoder"))
    assert '("output", "reconstruction", 1.0, False, 0.0)' in source


def test_a_design_without_heads_is_refused(tmp_path):
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 8, 8])
    b.add("conv2d", "conv", x, out_channels=2, kernel_size=3)
    with pytest.raises(ExportError, match="no output head"):
        export_model(b.build(), "train", tmp_path / "train.py")
    assert not (tmp_path / "train.py").exists()


def test_cli_export_train(tmp_path, capsys):
    project = tmp_path / "lenet.cnn.json"
    cnnstudio.save(presets.build("lenet5"), project)
    (tmp_path / "run").mkdir()
    assert main(["export", str(project), "-o", str(tmp_path / "run" / "train.py")]) == 0  # the name says train
    assert "digits.csv.gz" in capsys.readouterr().out
    assert "def main() -> None:" in (tmp_path / "run" / "train.py").read_text()
