"""A GAN and a VAE under `torchrun --nproc_per_node=2` (CPU, gloo): both networks synchronised, rank 0's
checkpoint and sample grids, the validation one process would measure, and a resume on both processes."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from cnnstudio import presets
from cnnstudio.core.project_file import save
from cnnstudio.training.checkpoint import load_checkpoint, load_model_state
from cnnstudio.training.context import RunContext
from cnnstudio.training.evaluate import evaluate
from cnnstudio.training.events import EventLog
from cnnstudio.training.session import RunOptions, prepare
from cnnstudio.training.stop import StopToken

TORCHRUN = Path(sys.executable).with_name("torchrun")
# 96 images, val_split 0.25: 72 training images (36 a process, batches of 12) and 24 validation images
SETTINGS = {"data": "shapes:96", "val_split": 0.25, "batch_size": 12, "lr": 2e-4, "betas": [0.5, 0.999], "seed": 3}
OVERRIDES = {"data": "shapes:96", "val_split": 0.25, "batch_size": 12, "seed": 3}


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _torchrun(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR")}
    env["OMP_NUM_THREADS"] = "1"
    command = [str(TORCHRUN), "--standalone", "--nproc_per_node=2", "-m", "cnnstudio", "train", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def _events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _one_process(project: Path, checkpoint: Path):
    """A single-process trainer holding the checkpoint's weights (its validation is the reference)."""
    options = RunOptions(str(project), overrides=OVERRIDES, threads=1)
    trainer, _ = prepare(options, EventLog(), StopToken(), context=RunContext())
    load_model_state(trainer.model, load_checkpoint(checkpoint).weights, str(checkpoint))
    return trainer


@pytest.fixture(scope="module")
def gan_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gan_torchrun")
    graph = presets.build("dcgan", input_shape=(1, 16, 16))
    graph.meta["training"] = SETTINGS | {"epochs": 2}
    save(graph, folder / "gan.cnn.json")
    run = _torchrun(folder, "gan.cnn.json", "--device", "cpu", "--metrics", "m1.jsonl", "--checkpoint-dir", "ck")
    return folder, run


def test_a_gan_trains_under_torchrun_with_both_networks_in_step_on_every_process(gan_run):
    folder, run = gan_run
    assert run.returncode == 0, run.stderr[-3000:]
    assert "on cpu × 2 processes" in run.stderr and run.stderr.count("epoch 2/2:") == 1  # rank 0 reports
    events = _events(folder / "m1.jsonl")
    started = events[0]
    assert started["processes"] == 2 and started["steps_per_epoch"] == 3  # 36 images a process, 12 a batch
    batches = [e for e in events if e["event"] == "batch"]
    assert batches[-1]["step"] == 6 and all(math.isfinite(v) for e in batches for v in e["losses"])
    ends = [e for e in events if e["event"] == "epoch_end"]
    assert [e["epoch"] for e in ends] == [1, 2]
    assert sorted(p.name for p in (folder / "ck" / "samples").iterdir()) == ["epoch_001.png", "epoch_002.png"]

    checkpoint = load_checkpoint(folder / "ck")
    keys = set(checkpoint.weights)
    assert any(k.startswith("generator.") for k in keys) and any(k.startswith("discriminator.") for k in keys)
    assert not any("module." in k for k in keys)  # saved unwrapped: loads into the networks
    # each process validated its half of the images with its own weights: the sums equal one process's
    # validation of rank 0's checkpoint only if both networks' weights stayed the same on both processes
    trainer = _one_process(folder / "gan.cnn.json", folder / "ck" / "last.json")
    one = trainer.objective.validate(trainer.model, trainer.feeder, trainer.classes)
    last = ends[-1]
    for key in ("val_d_loss", "val_g_loss", "d_real", "d_fake"):
        assert last[key] == pytest.approx(one[key], rel=1e-5), key
    assert last["sample_grid"] == one["sample_grid"]


def test_a_gan_resumes_under_torchrun_on_every_process(gan_run):
    folder, first = gan_run
    assert first.returncode == 0, first.stderr[-3000:]
    shutil.copytree(folder / "ck", folder / "ck2")
    resume = ["--epochs", "3", "--resume", "ck2", "--checkpoint-dir", "ck2"]
    run = _torchrun(folder, "gan.cnn.json", "--device", "cpu", *resume, "--metrics", "m2.jsonl")
    assert run.returncode == 0, run.stderr[-3000:]
    events = _events(folder / "m2.jsonl")
    assert events[0]["resumed"] and events[0]["start_epoch"] == 2 and events[0]["step"] == 6
    ends = [e for e in events if e["event"] == "epoch_end"]
    assert [(e["epoch"], e["step"]) for e in ends] == [(3, 9)] and math.isfinite(ends[0]["val_loss"])
    assert load_checkpoint(folder / "ck2").meta["epochs_done"] == 3


def test_a_vae_trains_under_torchrun_and_reports_what_one_process_would_measure(tmp_path):
    graph = presets.build("vae")
    graph.meta["training"] = SETTINGS | {"epochs": 1, "lr": 1e-3}
    save(graph, tmp_path / "vae.cnn.json")
    run = _torchrun(tmp_path, "vae.cnn.json", "--device", "cpu", "--metrics", "m.jsonl", "--checkpoint-dir", "ck")
    assert run.returncode == 0, run.stderr[-3000:]
    events = _events(tmp_path / "m.jsonl")
    assert events[0]["processes"] == 2
    end = next(e for e in events if e["event"] == "epoch_end")
    assert end["val_kl"] > 0 and end["sample_grid"]
    trainer = _one_process(tmp_path / "vae.cnn.json", tmp_path / "ck" / "last.json")
    one = evaluate(trainer.model, trainer.feeder, trainer.objective, trainer.classes)
    assert end["val_loss"] == pytest.approx(one["val_loss"], rel=1e-5)
