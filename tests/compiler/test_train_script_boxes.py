"""The exported train.py trains a detector on box data exactly as the engine does: same images, boxes, split,
augmentation, CenterNet loss and mAP (the detection files of the engine are carried in the script)."""

from __future__ import annotations

import json
import subprocess

import pytest
import torch
from safetensors.torch import save_file
from test_train_script import _isolated, _step_losses, lint_as_the_project

import cnnstudio
from cnnstudio import presets
from cnnstudio.compiler import export_model
from cnnstudio.compiler.train_script import training_script
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.training.data.boxes import BOX_KINDS
from cnnstudio.training.data.boxes.shapes_boxes import BOX_CLASSES, generate_shape_boxes
from cnnstudio.training.data.boxes.writing import write_box_folder
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.session import RunOptions, run

# det_small's saved config (AdamW, one-cycle, flips and scaling), one short epoch on a small detector
CONFIG = {
    "data": "shapes-boxes:96",
    "optimizer": "adamw",
    "lr": 0.003,
    "weight_decay": 0.0001,
    "schedule": "onecycle",
    "epochs": 1,
    "batch_size": 16,
    "seed": 5,
    "augment": {"hflip": True, "scale": [0.8, 1.2]},
}


def small_detector():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 32, 32])
    x = b.chain(
        x,
        ("conv_bn_relu", "backbone.0", dict(out_channels=8, stride=2)),  # 8×16×16
        ("conv_bn_relu", "backbone.1", dict(out_channels=16, stride=2)),  # 16×8×8
        ("conv2d", "head.0", dict(out_channels=16, kernel_size=3, padding=1)),
        ("relu", "head.1", {}),
        ("conv2d", "head.2", dict(out_channels=7, kernel_size=1)),
        ("detection_output", "output", dict(num_classes=3)),
    )
    graph = b.build()
    graph.meta["training"] = dict(CONFIG)
    return graph


def test_a_detectors_script_carries_box_data_and_reads_well(tmp_path):
    source = training_script(presets.build("det_small"))
    assert '("output", "detection", 1.0, False, 0.0)' in source
    assert '"data": "shapes-boxes",' in source and "def load_boxes(" in source and "class DetectionObjective" in source
    (tmp_path / "train.py").write_text(source)
    lint_as_the_project(tmp_path / "train.py")


@pytest.mark.parametrize("data", ["shapes-boxes:96", "coco"])
def test_the_script_trains_a_detector_exactly_as_the_engine(tmp_path, data):
    graph = small_detector()
    if data == "coco":  # a folder the script reads itself (written at 128×128, stretched to 32×32 on load)
        write_box_folder(generate_shape_boxes(96, 4), BOX_CLASSES, tmp_path / "set", "coco")
        data = f"coco:{tmp_path / 'set'}"
    assert data.partition(":")[0] in BOX_KINDS
    project = tmp_path / "det.cnn.json"
    cnnstudio.save(graph, project)
    torch.manual_seed(123)  # weights of their own: the heat-map prior is kept from them, as a loaded start
    weights = {k: v.contiguous() for k, v in cnnstudio.compile_model(graph).state_dict().items()}
    save_file(weights, tmp_path / "w.safetensors")

    recorder = Recorder()
    options = RunOptions(
        str(project), data=data, weights=str(tmp_path / "w.safetensors"), overrides={"device": "cpu"}, threads=1
    )
    engine = run(options, EventLog([recorder]))

    export_model(graph, "train", tmp_path / "train.py")
    args = ["--data", data, "--weights", "w.safetensors", "--device", "cpu", "--threads", "1", "--metrics", "m.jsonl"]
    done = subprocess.run(_isolated("train.py", *args), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    script = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]

    ours, theirs = _step_losses(recorder.events), _step_losses(script)
    assert ours == engine.losses and len(theirs) == len(ours) == 5  # 77 training images in batches of 16
    assert max(abs(a - b) for a, b in zip(ours, theirs)) <= 1e-5
    (end,) = [e for e in script if e["event"] == "epoch_end"]
    (mine,) = [e for e in recorder.events if e["event"] == "epoch_end"]
    for key in ("train_loss", "val_loss", "val_loss_cls", "val_loss_box", "val_loss_offset", "val_map50", "val_map"):
        assert abs(end[key] - mine[key]) <= 1e-5, key
    assert end["lr"] == mine["lr"] == engine.history[0]["lr"]
    assert end["ap_per_class"].keys() == mine["ap_per_class"].keys() == set(BOX_CLASSES)
    assert [s["index"] for s in end["box_samples"]] == [s["index"] for s in mine["box_samples"]]


def test_a_fresh_detector_in_the_script_starts_at_the_heat_map_prior(tmp_path):
    from test_train_script import _import_script

    (tmp_path / "train.py").write_text(training_script(small_detector()))
    module = _import_script(tmp_path / "train.py")
    model = module.Network()
    assert module.set_heat_map_prior(model) == "head.2"
    assert torch.sigmoid(model.get_submodule("head.2").bias[:3]).tolist() == pytest.approx([0.1] * 3)


def test_the_script_refuses_labelled_images_for_a_detector_in_one_line(tmp_path):
    (tmp_path / "train.py").write_text(training_script(small_detector()))
    args = ["--data", "shapes:24", "--device", "cpu", "--threads", "1"]
    done = subprocess.run(_isolated("train.py", *args), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "error: the network detects objects but shapes:24 has no boxes" in done.stderr.splitlines()[-1]
