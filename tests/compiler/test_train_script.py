"""Training-script export: a standalone train.py that runs the engine's own code, under python and torchrun."""

from __future__ import annotations

import ast
import gzip
import importlib.util
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from PIL import Image
from safetensors.torch import load_file, save_file
from test_codegen import RUFF

import cnnstudio
from cnnstudio import presets, resources
from cnnstudio.cli import main
from cnnstudio.compiler import ExportError, export_model
from cnnstudio.compiler.train_script import DEFAULTS, training_config, training_script
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.session import RunOptions, run

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


def lint_as_the_project(path: Path) -> None:
    """Formatted and linted with the project's own rules (the engine's source it carries is written at 120 columns)."""
    rules = ["--isolated", "--line-length", "120"]
    fmt = subprocess.run([RUFF, "format", *rules, "--diff", str(path)], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout[-3000:] + fmt.stderr
    select = ["--select", "E,F,W,I,B,UP", "--ignore", "E501,B905"]  # F: no name defined twice or missing
    lint = subprocess.run([RUFF, "check", *rules, *select, str(path)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout[-3000:]


def imported_modules(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." if node.level else node.module.split(".")[0])
    return found


def test_script_carries_the_project_config_and_the_engine_and_reads_well(tmp_path):
    graph = _small_net()
    config = training_config(graph)
    assert config["optimizer"] == "sgd" and config["augment"]["rotation"] == 10.0 and config["seed"] == 0
    source = training_script(graph)
    assert '"schedule": "onecycle",' in source and 'FROZEN = ["stem"]' in source
    assert '("aux.output", "classification", 0.3, True, 0.0)' in source
    outside = imported_modules(source) - set(sys.stdlib_module_names) - {"__future__"}
    # cnnstudio is not needed; torchmetrics (a detector's mAP), yaml (YOLO's data.yaml) and defusedxml (VOC,
    # optional) are imported only where box data needs them
    assert outside == {"numpy", "torch", "torchvision", "PIL", "safetensors", "torchmetrics", "yaml", "defusedxml"}
    from cnnstudio.training.data.augment import affine
    from cnnstudio.training.data.feeder import Feeder
    from cnnstudio.training.engine import Trainer
    from cnnstudio.training.losses import Objective
    from cnnstudio.training.optim import build_scheduler

    for carried in (Trainer, Feeder, affine, Objective, build_scheduler):  # the engine's code, not a copy of it
        own = "".join(line for line in inspect.getsourcelines(carried)[0] if not line.lstrip().startswith("from ."))
        assert own in source  # (less its imports of other engine files, whose names the script defines)
    (tmp_path / "train.py").write_text(source)
    lint_as_the_project(tmp_path / "train.py")


def _import_script(path: Path):
    """Import train.py as a module (registered first, as any import does: its dataclasses look themselves up)."""
    spec = importlib.util.spec_from_file_location("exported_train", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["exported_train"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["exported_train"]
    return module


def test_torchrun_two_processes_on_cpu(tmp_path):
    graph = _small_net()
    files = export_model(graph, "train", tmp_path / "train.py").files
    assert [f.name for f in files] == ["train.py", "digits.csv.gz"]  # the bundled digits travel with it
    _tiny_digits(tmp_path / "tiny.csv")
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR")}
    env["OMP_NUM_THREADS"] = "1"
    command = [str(TORCHRUN), "--standalone", "--nproc_per_node=2", "train.py", "--digits-csv", "tiny.csv"]
    command += ["--metrics", "m.jsonl", "--device", "cpu"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "on cpu × 2 processes; digits: 78 training / 18 validation images" in done.stderr
    assert "find_unused_parameters" not in done.stderr  # the exported Model is traced like a compiled one
    events = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert events[0]["processes"] == 2
    epochs = [e for e in events if e["event"] == "epoch_end"]
    assert len(epochs) == 1  # rank 0 reports, once per epoch
    assert epochs[0]["epoch"] == 1 and 0 <= epochs[0]["val_accuracy"] <= 1

    script = _import_script(tmp_path / "train.py")
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
    done = subprocess.run(
        _isolated("train.py", "--out", "ck", "--metrics", "m.jsonl", "--device", "cpu"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "on cpu; folder:images: 10 training / 2 validation images, 2 classes" in done.stderr
    events = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert [e["epoch"] for e in events if e["event"] == "epoch_end"] == [1]
    assert {"last.safetensors", "last.json", "best.safetensors"} <= {p.name for p in (tmp_path / "ck").iterdir()}


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


def test_a_vae_is_refused_rather_than_trained_without_its_kl_term(tmp_path):
    with pytest.raises(ExportError, match="cannot train a VAE"):
        export_model(presets.build("vae"), "train", tmp_path / "train.py")
    assert not (tmp_path / "train.py").exists()


def test_cli_export_train(tmp_path, capsys):
    project = tmp_path / "lenet.cnn.json"
    cnnstudio.save(presets.build("lenet5"), project)
    (tmp_path / "run").mkdir()
    assert main(["export", str(project), "-o", str(tmp_path / "run" / "train.py")]) == 0  # the name says train
    assert "digits.csv.gz" in capsys.readouterr().out
    assert "def main() -> int:" in (tmp_path / "run" / "train.py").read_text()


def _isolated(script: str, *args: str) -> list[str]:
    """Run ``script`` in an isolated interpreter where importing cnnstudio fails (it must not need it)."""
    code = (
        "import runpy, sys; sys.modules['cnnstudio'] = None; "
        f"sys.argv = [{script!r}, *sys.argv[1:]]; runpy.run_path({script!r}, run_name='__main__')"
    )
    return [sys.executable, "-I", "-c", code, *args]


def _step_losses(events: list[dict]) -> list[float]:
    """Every step's loss, in order: the batch events carry all of them (throttled, never dropped)."""
    return [loss for e in events if e["event"] == "batch" for loss in e["losses"]]


def test_the_script_trains_exactly_as_the_engine(tmp_path):
    # LeNet-5 on the digits from the same weights and seed: augmentation, a per-step schedule, momentum
    graph = presets.build("lenet5")
    graph.meta["training"] = {
        "epochs": 1,
        "optimizer": "sgd",
        "lr": 0.05,
        "schedule": "cosine",
        "seed": 7,
        "augment": {"rotation": 10.0, "hflip": True, "crop_padding": 2, "scale": [0.9, 1.1]},
    }
    project = tmp_path / "lenet.cnn.json"
    cnnstudio.save(graph, project)
    torch.manual_seed(123)
    weights = {k: v.contiguous() for k, v in cnnstudio.compile_model(graph).state_dict().items()}
    save_file(weights, tmp_path / "w.safetensors")

    recorder = Recorder()
    options = RunOptions(str(project), weights=str(tmp_path / "w.safetensors"), overrides={"device": "cpu"}, threads=1)
    engine = run(options, EventLog([recorder]))

    export_model(graph, "train", tmp_path / "train.py")
    args = ["--weights", "w.safetensors", "--device", "cpu", "--threads", "1", "--metrics", "m.jsonl"]
    done = subprocess.run(_isolated("train.py", *args), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    script = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]

    ours, theirs = _step_losses(recorder.events), _step_losses(script)
    assert ours == engine.losses and len(theirs) == len(ours) == 45  # 1,438 images in batches of 32
    assert max(abs(a - b) for a, b in zip(ours, theirs)) <= 1e-5
    (end,) = [e for e in script if e["event"] == "epoch_end"]
    for key in ("train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr"):
        assert abs(end[key] - engine.history[0][key]) <= 1e-5, key


HOSTILE = '"""x""";__import__("pathlib").Path("PWNED").touch();"""'


def _no_code_runs(script: Path) -> None:
    """train.py's --help, a plain import and a run (whose data folder is missing) execute nothing from the project."""
    folder = script.parent
    shown = subprocess.run(_isolated(script.name, "--help"), cwd=folder, capture_output=True, text=True)
    assert shown.returncode == 0 and "--resume" in shown.stdout, shown.stderr[-2000:]
    imported = subprocess.run(
        [sys.executable, "-I", "-c", f"import runpy; runpy.run_path({script.name!r})"], cwd=folder
    )
    assert imported.returncode == 0
    trained = subprocess.run(_isolated(script.name), cwd=folder, capture_output=True, text=True, timeout=300)
    assert trained.returncode == 2 and "no such folder" in trained.stderr  # the spec stayed data: a folder name
    assert not (folder / "PWNED").exists()


def test_project_text_never_runs_as_code_in_train_py(tmp_path):
    graph = presets.build("lenet5")
    graph.meta["description"] = HOSTILE
    graph.meta["training"] = {"epochs": 1, "data": "folder:" + HOSTILE + "\n'''\\"}
    project = tmp_path / "evil.cnn.json"
    cnnstudio.save(graph, project)
    assert main(["export", str(project), "--format", "train", "-o", str(tmp_path / "train.py")]) == 0
    clean = imported_modules(training_script(presets.build("lenet5")))
    assert imported_modules((tmp_path / "train.py").read_text()) == clean
    _no_code_runs(tmp_path / "train.py")

    # a hostile preset name is refused when the file loads; the generator writes it as a literal all the same
    text = json.loads(project.read_text())
    text["meta"]["preset"] = HOSTILE
    project.write_text(json.dumps(text))
    assert main(["export", str(project), "--format", "train", "-o", str(tmp_path / "other.py")]) == 2
    assert not (tmp_path / "other.py").exists()
    graph.meta["preset"] = HOSTILE
    (tmp_path / "direct").mkdir()
    (tmp_path / "direct" / "train.py").write_text(training_script(graph))
    _no_code_runs(tmp_path / "direct" / "train.py")
