"""``cnnstudio train`` end to end on a tiny project and generated data."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading

import pytest
import torch

from cnnstudio.cli import main
from cnnstudio.core.project_file import load, save
from cnnstudio.training.config import TrainingConfig

from .helpers import tiny_classifier


@pytest.fixture
def project(tmp_path):
    graph = tiny_classifier(classes=6)
    TrainingConfig(epochs=1, batch_size=8, data="shapes:60").to_graph(graph)  # the project's own settings
    path = tmp_path / "tiny.cnn.json"
    save(graph, path)
    return path


@pytest.fixture(autouse=True)
def keep_threads():
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


def test_train_writes_metrics_and_checkpoints_then_resumes(project, tmp_path, capsys):
    metrics, checkpoints = tmp_path / "m.jsonl", tmp_path / "ckpt"
    args = ["train", str(project), "--metrics", str(metrics), "--checkpoint-dir", str(checkpoints), "--threads", "1"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert out.startswith("val accuracy ") and out.count("\n") == 1 and "1 epochs in" not in out
    assert "shapes: 48 training / 12 validation images, 6 classes" in err and "epoch 1/1:" in err
    events = [json.loads(line) for line in metrics.read_text().splitlines()]
    assert events[0]["event"] == "started" and events[-1]["event"] == "finished"
    assert events[0]["config"]["data"] == "shapes:60" and events[0]["config"]["batch_size"] == 8
    (end,) = [e for e in events if e["event"] == "epoch_end"]
    assert 0 <= end["val_accuracy"] <= 1 and end["val_loss"] > 0
    names = {p.name for p in checkpoints.iterdir()}
    generations = {n for n in names if re.fullmatch(r"(last|best)\.\d+-[0-9a-f]{8}(\.state)?\.safetensors", n)}
    assert len(generations) == 4  # each checkpoint's weights and optimiser state, named by its sidecar
    assert names - generations == {f"{k}{s}" for k in ("last", "best") for s in (".json", ".safetensors")} | {
        "snapshot.safetensors"  # the feature maps the GUI shows during training
    }

    assert main(args + ["--resume", str(checkpoints), "--epochs", "2", "--lr", "0.005"]) == 0
    events = [json.loads(line) for line in metrics.read_text().splitlines()]
    started = events[0]
    assert started["resumed"] and started["start_epoch"] == 1 and started["config"]["lr"] == 0.005
    assert [e["epoch"] for e in events if e["event"] == "epoch_end"] == [2]


def test_a_bad_data_spec_exits_2_with_one_line(project, capsys):
    assert main(["train", str(project), "--data", "pictures-of-cats"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("cnnstudio: unknown data spec 'pictures-of-cats': use digits, shapes")


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--set", "optimiser=sgd"], "unknown key(s) 'optimiser'"),
        (["--epochs", "0"], "argument --epochs: must be from 1 to"),
        (["--device", "cuda:7"], "cuda:7"),
        (["--resume", "/nonexistent/ckpt"], "no checkpoint there"),
        (["--weights", "/nonexistent/w.safetensors"], "no such file"),
    ],
)
def test_bad_options_exit_2_with_one_line(project, capsys, extra, words):
    assert main(["train", str(project), "--threads", "1", *extra]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err


def test_a_diverging_run_exits_2_and_blames_the_learning_rate(project, capsys):
    assert main(["train", str(project), "--optimizer", "sgd", "--lr", "1e9", "--threads", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the loss became" in err and "too high" in err


def test_a_project_with_a_classifier_too_small_for_the_data_is_refused(tmp_path, capsys):
    path = tmp_path / "four.cnn.json"
    save(tiny_classifier(classes=4), path)
    assert main(["train", str(path), "--data", "shapes:60", "--threads", "1"]) == 2
    assert "has 4 outputs but the data has 6 classes" in capsys.readouterr().err


def test_initial_weights_come_from_a_checkpoint_or_the_file_a_finetune_project_names(project, tmp_path, capsys):
    from safetensors.torch import load_file, save_file

    first = ["train", str(project), "--checkpoint-dir", str(tmp_path / "a"), "--threads", "1", "-q"]
    assert main(first) == 0
    metrics = tmp_path / "m.jsonl"
    assert main(["train", str(project), "--weights", str(tmp_path / "a"), "--metrics", str(metrics), "-q"]) == 0
    (weights,) = [json.loads(x) for x in metrics.read_text().splitlines() if '"event":"weights"' in x]
    assert weights["matched"] == 4 and weights["missing"] == [] and weights["skipped"] == []
    out = tmp_path / "code" / "net.py"  # export takes the run's folder as train does: its last checkpoint
    assert main(["export", str(project), "-o", str(out), "--weights", str(tmp_path / "a")]) == 0
    assert load_file(out.with_suffix(".safetensors")).keys() == load_file(tmp_path / "a" / "last.safetensors").keys()
    (tmp_path / "empty").mkdir()
    capsys.readouterr()
    assert main(["export", str(project), "-o", str(tmp_path / "x.onnx"), "--weights", str(tmp_path / "empty")]) == 2
    assert "no checkpoint there" in capsys.readouterr().err

    trained = load_file(tmp_path / "a" / "best.safetensors")
    trained["fc.weight"] = torch.zeros(3, 64)  # as if the head had been replaced: skipped, reported
    save_file(trained, tmp_path / "start.safetensors")
    graph = load(project)
    graph.meta["weights"] = "start.safetensors"  # relative to the project, as `cnnstudio finetune` writes it
    save(graph, project)
    capsys.readouterr()
    assert main(["train", str(project), "--metrics", str(metrics), "--threads", "1"]) == 0
    assert "start.safetensors: loaded 3 of the model's 4 tensors" in capsys.readouterr().err
    (weights,) = [json.loads(x) for x in metrics.read_text().splitlines() if '"event":"weights"' in x]
    assert weights["skipped"] == ["fc.weight"]

    graph.meta["weights"] = "gone.safetensors"
    save(graph, project)
    assert main(["train", str(project), "--threads", "1"]) == 2
    assert "names the weights file gone.safetensors, which is not there" in capsys.readouterr().err

    # a shared project names files in its own folder only: not above it, not elsewhere, not through a link
    secret = tmp_path.parent / f"{tmp_path.name}-secret.safetensors"
    secret.write_bytes((tmp_path / "start.safetensors").read_bytes())
    (project.parent / "link.safetensors").symlink_to(secret)
    for named in (f"../{secret.name}", str(secret), "link.safetensors"):
        graph.meta["weights"] = named
        save(graph, project)
        assert main(["train", str(project), "--threads", "1"]) == 2
        err = capsys.readouterr().err.strip()
        assert "outside the project's folder" in err and "\n" not in err and "Traceback" not in err
    (project.parent / "sub").mkdir()
    (project.parent / "sub" / "w.safetensors").write_bytes((tmp_path / "start.safetensors").read_bytes())
    graph.meta["weights"] = "sub/../sub/w.safetensors"  # below the project's folder: fine
    save(graph, project)
    assert main(["train", str(project), "--threads", "1", "-q"]) == 0


def test_new_folders_are_created_and_a_checkpoint_is_named_by_its_stem(project, tmp_path, capsys):
    """`--metrics runs/a/events.jsonl` and `--checkpoint-dir runs/a` on a fresh folder; `runs/a/best` afterwards."""
    runs = tmp_path / "runs" / "a"
    first = ["train", str(project), "--checkpoint-dir", str(runs), "--metrics", str(runs / "events.jsonl")]
    assert main(first + ["--threads", "1", "-q"]) == 0
    assert (runs / "events.jsonl").is_file() and (runs / "best.safetensors").is_file()
    stem = str(runs / "best")
    metrics = tmp_path / "more" / "m.jsonl"
    assert main(["train", str(project), "--weights", stem, "--metrics", str(metrics), "--threads", "1", "-q"]) == 0
    (weights,) = [json.loads(x) for x in metrics.read_text().splitlines() if '"event":"weights"' in x]
    assert weights["matched"] == 4 and weights["missing"] == []
    resumed = ["train", str(project), "--resume", stem, "--epochs", "2", "--metrics", str(metrics), "-q"]
    assert main(resumed + ["--threads", "1"]) == 0
    started = json.loads(metrics.read_text().splitlines()[0])
    assert started["resumed"] and started["start_epoch"] == 1
    out = tmp_path / "exported" / "model.py"
    assert main(["export", str(project), "-o", str(out), "--weights", stem]) == 0
    assert out.is_file() and out.with_suffix(".safetensors").is_file()
    assert "loaded 4 of" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_after_the_batch_with_a_checkpoint_and_exits_130(project, tmp_path):
    graph = load(project)
    graph.meta["training"]["epochs"] = 10_000
    save(graph, project)
    command = [sys.executable, "-m", "cnnstudio", "train", str(project), "--checkpoint-dir", str(tmp_path / "c")]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timer = threading.Timer(120, proc.kill)  # a hang fails the test instead of blocking the suite
    timer.start()
    try:
        for line in proc.stderr:  # not a terminal: one line per epoch
            if line.startswith("epoch 2/"):
                break
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate()
    finally:
        timer.cancel()
    assert proc.returncode == 130, err
    assert "stopped " in err and "checkpoint" in err and "Traceback" not in err
    assert "; stopped in epoch " in out
    assert (tmp_path / "c" / "last.json").exists()
