"""A detector under torchrun: each process trains on its share, rank 0 alone reports and saves, and the epoch's
mAP is the one a single process measures on the whole validation set (every image's boxes are gathered)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from cnnstudio.core.project_file import save
from cnnstudio.training.checkpoint import load_checkpoint, load_model_state
from cnnstudio.training.context import RunContext
from cnnstudio.training.data.boxes import load_box_data
from cnnstudio.training.detection.feeder import BoxFeeder
from cnnstudio.training.events import EventLog
from cnnstudio.training.session import RunOptions, prepare
from cnnstudio.training.stop import StopToken

from .test_train_detector import tiny_detector

TORCHRUN = Path(sys.executable).with_name("torchrun")
DATA = "shapes-boxes:64"  # 51 training images (odd: one is seen twice), 13 validation images (7 + 6)
RUN = ["--data", DATA, "--batch-size", "8", "--device", "cpu", "--seed", "3"]


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_two_box_feeders_share_an_epoch_and_the_validation_set():
    split = load_box_data(DATA, (3, 32, 32), val_split=0.2, seed=3)
    feeders = [BoxFeeder(split, (3, 32, 32), batch_size=8, seed=3, rank=r, world_size=2) for r in range(2)]
    assert [f.steps_per_epoch for f in feeders] == [4, 4]  # 26 images a process
    seen = [torch.cat([b.index for _, b in f.train_batches(epoch=1)]).tolist() for f in feeders]
    one = torch.cat([b.index for _, b in BoxFeeder(split, (3, 32, 32), batch_size=8, seed=3).train_batches(1)])
    assert sorted(seen[0] + seen[1]) == sorted(one.tolist() + one.tolist()[:1])
    val = [torch.cat([b.index for b in f.val_batches()]).tolist() for f in feeders]
    assert sorted(val[0] + val[1]) == list(range(13)) and not set(val[0]) & set(val[1])


def _torchrun(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR")}
    env["OMP_NUM_THREADS"] = "1"
    command = [str(TORCHRUN), "--standalone", "--nproc_per_node=2", "-m", "cnnstudio", "train", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_torchrun_trains_a_detector_and_scores_the_whole_validation_set(tmp_path):
    project = tmp_path / "det.cnn.json"
    save(tiny_detector(), project)
    run = _torchrun(tmp_path, project.name, *RUN, "--epochs", "2", "--metrics", "m.jsonl", "--checkpoint-dir", "ck")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "on cpu × 2 processes" in run.stderr and run.stderr.count("epoch 2/2:") == 1  # rank 0 alone reports
    events = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    names = [e["event"] for e in events]
    assert names.count("started") == 1 and names.count("epoch_end") == 2 and names[-1] == "finished"
    assert events[0]["processes"] == 2 and events[0]["steps_per_epoch"] == 4
    end = [e for e in events if e["event"] == "epoch_end"][-1]

    checkpoint = load_checkpoint(tmp_path / "ck")
    assert checkpoint.meta["epochs_done"] == 2 and checkpoint.meta["processes"] == 2
    assert not any(k.startswith("module.") for k in checkpoint.weights)
    # one process, the saved weights, the whole validation set: the numbers rank 0 reported
    options = RunOptions(str(project), data=DATA, overrides={"seed": 3, "batch_size": 8}, threads=1)
    trainer, _ = prepare(options, EventLog(), StopToken(), context=RunContext())
    load_model_state(trainer.model, checkpoint.weights, "last")
    one = trainer.objective.validate(trainer.model, trainer.feeder, trainer.classes)
    assert end["val_map50"] == one["val_map50"] and end["val_map"] == one["val_map"]
    assert end["ap_per_class"] == one["ap_per_class"]
    assert end["val_loss"] == pytest.approx(one["val_loss"], rel=1e-5)
    assert [s["index"] for s in end["box_samples"]] == [s["index"] for s in one["box_samples"]]
    assert len({s["index"] for s in end["box_samples"]}) == 8  # the worst of all 13 images, from both shares
