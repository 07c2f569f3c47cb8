"""A short detection run through the engine: the loss falls, the epoch events carry mAP and the loss parts,
checkpoints keep the best mAP, and evaluate reads the checkpoint back."""

from __future__ import annotations

import pytest
import torch

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.project_file import save
from cnnstudio.training.assess import evaluate_model
from cnnstudio.training.errors import DataError
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.session import RunOptions, run

CONFIG = {"data": "shapes-boxes:48", "epochs": 3, "batch_size": 8, "lr": 0.01, "optimizer": "adam"}


def tiny_detector(num_classes: int = 3):
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 32, 32])
    x = b.chain(
        x,
        ("conv_bn_relu", "backbone.0", dict(out_channels=8, stride=2)),  # 8×16×16
        ("conv_bn_relu", "backbone.1", dict(out_channels=16, stride=2)),  # 16×8×8
        ("conv2d", "head", dict(out_channels=num_classes + 4, kernel_size=1)),
        ("detection_output", "output", dict(num_classes=num_classes)),
    )
    graph = b.build()
    graph.meta["training"] = dict(CONFIG)
    return graph


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_a_short_detection_run_learns_and_reports_map(tmp_path):
    project = tmp_path / "det.cnn.json"
    save(tiny_detector(), project)
    recorder = Recorder()
    result = run(RunOptions(str(project), checkpoint_dir=str(tmp_path / "ck"), threads=1), EventLog([recorder]))
    assert result.status == "finished"
    per_epoch = len(result.losses) // 3
    assert sum(result.losses[-per_epoch:]) < 0.7 * sum(result.losses[:per_epoch])
    ends = [e for e in recorder.events if e["event"] == "epoch_end"]
    assert len(ends) == 3
    for end in ends:
        assert 0.0 <= end["val_map50"] <= 1.0 and 0.0 <= end["val_map"] <= end["val_map50"]
        assert set(end["ap_per_class"]) == {"circle", "square", "triangle"}
        parts = end["val_loss_cls"] + end["val_loss_box"] + end["val_loss_offset"]
        assert end["val_loss"] == pytest.approx(parts, rel=1e-5)
        assert end["val_accuracy"] is None and end["box_samples"]
        sample = end["box_samples"][0]
        assert {"image", "boxes", "scores", "labels", "truth_boxes", "truth_labels"} <= set(sample)
        assert (sample["width"], sample["height"]) == (32, 32)  # the frame the boxes are in
    assert result.best["metric"] == "map50"
    assert result.best["value"] == max(end["val_map50"] for end in ends)
    started = next(e for e in recorder.events if e["event"] == "started")
    assert started["model"]["heads"][0]["kind"] == "detection"

    # evaluate on its own spec counts the validation split only: the numbers of the best epoch
    metrics = evaluate_model(str(project), str(tmp_path / "ck" / "best"), CONFIG["data"])
    best = ends[result.best["epoch"] - 1]
    assert metrics["map50"] == pytest.approx(best["val_map50"], abs=1e-6)
    assert metrics["loss"] == pytest.approx(best["val_loss"], rel=1e-4)
    assert metrics["images"] == best_val_images(ends)


def best_val_images(ends) -> int:
    return 48 - int(48 * 0.8)  # the default 20 % held out


def test_box_data_needs_a_detector_and_a_detector_needs_boxes(tmp_path):
    graph = tiny_detector()
    graph.meta["training"]["data"] = "shapes:40"
    save(graph, tmp_path / "det.cnn.json")
    with pytest.raises(DataError, match="has no boxes"):
        run(RunOptions(str(tmp_path / "det.cnn.json"), threads=1), EventLog())
    save(tiny_detector(num_classes=2), tmp_path / "two.cnn.json")
    with pytest.raises(DataError, match="num_classes 2 but the data has 3 classes"):
        run(RunOptions(str(tmp_path / "two.cnn.json"), threads=1), EventLog())
