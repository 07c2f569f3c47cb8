"""Training under torchrun: shards, agreed stops and NaNs, and `torchrun -m cnnstudio train` with 2 CPU processes."""

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
from PIL import Image
from torch.utils.data import DistributedSampler

from cnnstudio.compiler import compile_model
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.project_file import save
from cnnstudio.training.checkpoint import load_checkpoint, load_model_state
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.data import Feeder, load_data
from cnnstudio.training.data.feeder import epoch_order, shard_order
from cnnstudio.training.distributed import launch_from_environment, unused_parameters
from cnnstudio.training.engine import RunContext, StopToken
from cnnstudio.training.errors import ConfigError, DataError, DivergedError, TrainingError
from cnnstudio.training.evaluate import evaluate
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.session import RunOptions, prepare

from .helpers import blob_split, make_trainer, tiny_classifier

TORCHRUN = Path(sys.executable).with_name("torchrun")
DATA = "digits"  # 1,797 images; with val_split 0.1: 1,618 training and 179 validation (odd: uneven shares)
RUN = ["--data", DATA, "--set", "val_split=0.1", "--batch-size", "64", "--device", "cpu", "--seed", "3"]


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# sharding ------------------------------------------------------------------------------------
@pytest.mark.parametrize("n, world", [(7, 2), (10, 3), (2, 3), (12, 4)])
def test_shards_are_dealt_as_distributed_sampler_deals_them(n, world):
    shards = [shard_order(torch.arange(n), rank, world).tolist() for rank in range(world)]
    expected = [list(DistributedSampler(range(n), num_replicas=world, rank=r, shuffle=False)) for r in range(world)]
    assert shards == expected
    assert len({len(s) for s in shards}) == 1 and set(sum(shards, [])) == set(range(n))


def _feeders(split, world: int = 2) -> list[Feeder]:
    return [
        Feeder(split, (1, 8, 8), batch_size=8, seed=5, device="cpu", workers=0, rank=r, world_size=world)
        for r in range(world)
    ]


def test_two_feeders_share_an_epoch_with_the_same_step_count():
    feeders = _feeders(blob_split(n=103))  # 79 training images: 40 a process, the first one twice
    assert [f.steps_per_epoch for f in feeders] == [5, 5]
    seen = [torch.cat([b.index for _, b in f.train_batches(epoch=2)]).tolist() for f in feeders]
    order = epoch_order(79, 5, 2).tolist()
    assert seen[0] == order[0::2] and seen[1] == order[1::2] + order[:1]
    assert [n for n, _ in feeders[1].train_batches(epoch=2, start=3)] == [3, 4]  # a resume mid-epoch


def test_two_feeders_split_the_validation_set_exactly():
    feeders = _feeders(blob_split(n=105))  # 25 validation images: 13 + 12
    val = [torch.cat([b.index for b in f.val_batches()]).tolist() for f in feeders]
    assert sorted(val[0] + val[1]) == list(range(25)) and len(val[0]) == 13
    assert [len(list(f.val_batches())) for f in _feeders(blob_split(n=105), world=30)][-5:] == [0] * 5


def test_a_wholly_unreadable_training_batch_stops_a_process_instead_of_skipping_a_step(tmp_path):
    noise = torch.randint(0, 256, (64 * 64 * 3,), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    Image.frombytes("RGB", (64, 64), bytes(noise.tolist())).save(tmp_path / "noise.png")
    truncated = (tmp_path / "noise.png").read_bytes()[:6000]  # passes the folder scan, fails when decoded
    for name, value in (("cat", 40), ("dog", 200)):
        for i in range(3):
            (_folder(tmp_path / "train" / name) / f"{i}.png").write_bytes(truncated)
        Image.new("L", (8, 8), value).save(_folder(tmp_path / "val" / name) / "v.png")
    split = load_data(f"folder:{tmp_path}")
    assert len(split.train) == 6

    def feeder(rank: int = 0, world_size: int = 1) -> Feeder:
        return Feeder(
            split, (1, 8, 8), batch_size=2, seed=0, normalize="none", workers=0, rank=rank, world_size=world_size
        )

    one = feeder()
    assert list(one.train_batches(0)) == [] and "unreadable" in one.warnings[0]  # one process skips them
    for rank in (0, 1):
        with pytest.raises(DataError, match=r"all 2 images of a training batch are unreadable .*remove the unread"):
            list(feeder(rank, 2).train_batches(0))


def test_launch_comes_from_torchruns_environment():
    assert launch_from_environment({}) is None
    assert launch_from_environment({"WORLD_SIZE": "1", "RANK": "0"}) is None
    env = {"WORLD_SIZE": "4", "RANK": "3", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2"}
    launch = launch_from_environment(env)
    assert (launch.rank, launch.world_size, launch.local_rank, launch.local_world_size) == (3, 4, 1, 2)
    with pytest.raises(ConfigError, match="RANK"):
        launch_from_environment({"WORLD_SIZE": "2", "RANK": "two"})
    with pytest.raises(ConfigError, match="inconsistent"):
        launch_from_environment({"WORLD_SIZE": "2", "RANK": "2"})


def test_only_parameters_no_output_depends_on_count_as_unused():
    assert unused_parameters(compile_model(tiny_classifier(batchnorm=True))) == []
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 8, 8])
    x = b.add("conv2d", "stem", x, out_channels=4, kernel_size=3, padding=1, trainable=False)
    b.add("conv2d", "loose", x, out_channels=2, kernel_size=1)  # a branch that ends nowhere
    x = b.chain(x, ("global_avgpool", "gap", {}), ("linear", "fc", dict(out_features=3)))
    b.add("classification_output", "output", x)
    assert unused_parameters(compile_model(b.build())) == ["loose.weight", "loose.bias"]  # frozen stem: no grads


# the engine's collective decisions, with another process played by a fake context ---------------
class OtherProcess(RunContext):
    """Rank 0 of two, where the other process asks to stop at step ``stop_at`` or sees NaN at ``nan_at``."""

    def __init__(self, stop_at=None, nan_at=None):
        super().__init__(rank=0, world_size=2)
        self.stop_at, self.nan_at, self.steps = stop_at, nan_at, 0

    def agree_step(self, loss, images, stop):
        self.steps += 1
        loss = math.nan if self.steps == self.nan_at else loss
        return loss, stop or self.steps == self.stop_at


def test_a_stop_asked_by_another_process_stops_here_after_that_batch_with_a_checkpoint(tmp_path):
    recorder = Recorder()
    context = OtherProcess(stop_at=4)
    trainer = make_trainer(
        tiny_classifier(),
        blob_split(),
        TrainingConfig(epochs=2, batch_size=8, seed=0),
        events=EventLog([recorder]),
        checkpoint_dir=tmp_path,
        context=context,
    )
    result = trainer.run()
    assert result.status == "stopped" and result.step == 4 and not trainer.stop.requested
    assert recorder.of("stopped")[0]["batch"] == 4
    assert load_checkpoint(tmp_path).meta["batch"] == 4


def test_a_nan_on_another_process_stops_every_process_before_the_update():
    context = OtherProcess(nan_at=3)
    trainer = make_trainer(tiny_classifier(), blob_split(), TrainingConfig(epochs=1, batch_size=8), context=context)
    before = {}

    def remember(step, loss):
        before.update({k: v.clone() for k, v in trainer.model.state_dict().items()})

    trainer.step_hook = remember
    with pytest.raises(DivergedError, match="step 3"):
        trainer.run()
    assert all(torch.equal(v, before[k]) for k, v in trainer.model.state_dict().items())  # step 3 changed nothing


@pytest.mark.parametrize("context", [RunContext(), OtherProcess()], ids=["one process", "two processes"])
def test_a_nan_validation_loss_stops_and_keeps_the_last_good_checkpoint(tmp_path, context):
    trainer = make_trainer(
        tiny_classifier(),
        blob_split(),
        TrainingConfig(epochs=3, batch_size=8),
        checkpoint_dir=tmp_path,
        context=context,
    )

    def blow_up(step, loss):  # the last step of epoch 2 leaves weights that overflow in validation
        if step == 2 * trainer.feeder.steps_per_epoch:
            trainer.model.fc.weight.data.fill_(float("inf"))

    trainer.step_hook = blow_up
    with pytest.raises(DivergedError, match=r"validation loss became nan after epoch 2 \(step 18\)"):
        trainer.run()
    assert load_checkpoint(tmp_path).meta["epochs_done"] == 1


def test_a_run_stopped_mid_epoch_resumes_only_with_as_many_processes(tmp_path):
    def trainer(context, epochs=2):
        config = TrainingConfig(epochs=epochs, batch_size=8)
        return make_trainer(
            tiny_classifier(), blob_split(), config, checkpoint_dir=tmp_path, context=context, info={"processes": 2}
        )

    assert trainer(OtherProcess(stop_at=4)).run().status == "stopped"
    with pytest.raises(TrainingError, match="resume it with 2"):
        trainer(RunContext()).run(resume=load_checkpoint(tmp_path))
    assert trainer(OtherProcess()).run(resume=load_checkpoint(tmp_path)).step == 18  # 2 epochs of 9 steps
    result = trainer(RunContext(), epochs=3).run(resume=load_checkpoint(tmp_path))  # from an epoch's end: any count
    assert result.status == "finished" and len(result.losses) == 9


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


# torchrun --------------------------------------------------------------------------------------
def _project(path: Path) -> Path:
    graph = tiny_classifier(classes=10, input_shape=(1, 8, 8), batchnorm=True, dropout=True)
    save(graph, path)
    return path


def _torchrun(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR")}
    env["OMP_NUM_THREADS"] = "1"
    # --standalone: a rendezvous on localhost at a free port
    command = [str(TORCHRUN), "--standalone", "--nproc_per_node=2", "-m", "cnnstudio", "train", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def _events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _single_process_validation(project: Path, checkpoint: Path) -> dict:
    """The checkpoint evaluated by one process on the whole validation set."""
    options = RunOptions(str(project), data=DATA, overrides={"val_split": 0.1, "seed": 3, "batch_size": 64}, threads=1)
    trainer, _ = prepare(options, EventLog(), StopToken(), context=RunContext())
    saved = load_checkpoint(checkpoint)
    load_model_state(trainer.model, saved.weights, str(checkpoint))
    return evaluate(trainer.model, trainer.feeder, trainer.objective, trainer.classes)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("torchrun")
    project = _project(folder / "net.cnn.json")
    run = _torchrun(folder, project.name, *RUN, "--epochs", "1", "--metrics", "m1.jsonl", "--checkpoint-dir", "ck")
    return folder, project, run


def test_torchrun_trains_with_two_processes_and_reports_what_one_process_would_measure(first_run):
    folder, project, run = first_run
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.count("val accuracy") == 1  # one result line: rank 0's
    assert "on cpu × 2 processes" in run.stderr and run.stderr.count("epoch 1/1:") == 1
    events = _events(folder / "m1.jsonl")
    names = [e["event"] for e in events]
    assert names.count("started") == 1 and names.count("epoch_end") == 1 and names[-1] == "finished"
    started, end = events[0], next(e for e in events if e["event"] == "epoch_end")
    assert started["processes"] == 2 and started["data"]["train_size"] == 1618
    assert started["steps_per_epoch"] == 13  # 809 images a process, batches of 64
    assert [e["step"] for e in events if e["event"] == "batch"][-1] == 13
    assert sum(map(sum, end["confusion"])) == 179  # both shares of the validation set

    checkpoint = load_checkpoint(folder / "ck")
    assert checkpoint.meta["epochs_done"] == 1 and checkpoint.meta["processes"] == 2
    assert not any(k.startswith("module.") for k in checkpoint.weights)  # saved unwrapped: loads into the network
    one = _single_process_validation(project, folder / "ck" / "last.json")
    assert end["confusion"] == one["confusion"]
    assert end["val_accuracy"] == one["val_accuracy"]
    assert end["val_loss"] == pytest.approx(one["val_loss"], rel=1e-6)
    assert end["per_class_accuracy"] == one["per_class_accuracy"]


def test_torchrun_resumes_from_a_checkpoint_on_every_process(first_run):
    folder, project, first = first_run
    assert first.returncode == 0, first.stderr[-3000:]
    shutil.copytree(folder / "ck", folder / "ck2")
    run = _torchrun(
        folder,
        project.name,
        *RUN,
        "--epochs",
        "2",
        "--resume",
        "ck2",
        "--metrics",
        "m2.jsonl",
        "--checkpoint-dir",
        "ck2",
    )
    assert run.returncode == 0, run.stderr[-3000:]
    events = _events(folder / "m2.jsonl")
    started = events[0]
    assert started["resumed"] and started["start_epoch"] == 1 and started["step"] == 13
    assert [e["epoch"] for e in started["history"]] == [1]
    ends = [e for e in events if e["event"] == "epoch_end"]
    assert [e["epoch"] for e in ends] == [2] and ends[0]["step"] == 26
    one = _single_process_validation(project, folder / "ck2" / "last.json")
    assert ends[0]["confusion"] == one["confusion"] and ends[0]["val_accuracy"] == one["val_accuracy"]
