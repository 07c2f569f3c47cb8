"""The same images as a COCO, a VOC and a YOLO folder train det_small (its saved config, fewer epochs) to the same
losses and metrics, bit for bit, and to a clearly better-than-chance mAP (bench/det_formats.py runs the full
config on more images)."""

from __future__ import annotations

import json

import pytest
import torch

from cnnstudio import presets
from cnnstudio.core.project_file import save
from cnnstudio.training.data.boxes import load_box_data
from cnnstudio.training.data.boxes.shapes_boxes import BOX_CLASSES, generate_shape_boxes
from cnnstudio.training.data.boxes.writing import FORMATS, pixel_boxes, write_box_folder
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.session import RunOptions, run

IMAGES = 300
EPOCHS = 6  # of the saved 12: ~20 s of CPU per format, mAP@0.5 ~0.3 (chance is ~0)
CHANCE = 0.1  # an untrained det_small scores 0.000 (bench/det_formats.py measures random boxes too)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    boxes = generate_shape_boxes(IMAGES, 11)
    paths = {kind: write_box_folder(boxes, BOX_CLASSES, root / kind, kind) for kind in FORMATS}
    coco = json.loads((paths["coco"] / "annotations.json").read_text())
    coco["images"].reverse()  # a COCO file lists its images in any order: they load in file-name order
    (paths["coco"] / "annotations.json").write_text(json.dumps(coco))
    return boxes, paths


def test_every_format_loads_the_same_images_boxes_and_classes(folders):
    boxes, paths = folders
    loaded = {kind: load_box_data(f"{kind}:{paths[kind]}", (3, 128, 128), val_split=0.2, seed=0) for kind in FORMATS}
    everything = loaded["coco"].train.images.shape[0] + loaded["coco"].val.images.shape[0]
    assert everything == IMAGES
    for kind, split in loaded.items():
        assert split.classes == BOX_CLASSES and split.warnings == [], kind
        for part in ("train", "val"):
            mine, coco = getattr(split, part), getattr(loaded["coco"], part)
            assert torch.equal(mine.images, coco.images), kind
            for a, b in zip(mine.targets, coco.targets, strict=True):
                assert torch.equal(a["boxes"], b["boxes"]) and torch.equal(a["labels"], b["labels"]), kind
    # what was written: the generated pixels, and each box as the whole-pixel box around the drawn shape
    val = loaded["yolo"].val
    first = int(torch.randperm(IMAGES, generator=torch.Generator().manual_seed(0))[: len(val)].sort().values[0])
    assert torch.equal(val.images[0], boxes.images[first])
    assert val.targets[0]["boxes"].tolist() == [list(map(float, b)) for b in pixel_boxes(boxes.targets[first]["boxes"])]


def test_coco_voc_and_yolo_copies_train_to_the_same_losses_and_metrics(folders, tmp_path):
    _, paths = folders
    graph = presets.build("det_small")  # its saved training config, only shorter
    save(graph, tmp_path / "det.cnn.json")
    runs = {}
    for kind in FORMATS:
        recorder = Recorder()
        options = RunOptions(
            str(tmp_path / "det.cnn.json"), data=f"{kind}:{paths[kind]}", overrides={"epochs": EPOCHS}, threads=1
        )
        result = run(options, EventLog([recorder]))
        assert result.status == "finished", kind
        ends = [e for e in recorder.events if e["event"] == "epoch_end"]
        metrics = [
            {k: e[k] for k in ("train_loss", "val_loss", "val_loss_cls", "val_map50", "val_map", "ap_per_class")}
            for e in ends
        ]
        runs[kind] = (result.losses, metrics)
    coco_losses, coco_metrics = runs["coco"]
    assert len(coco_losses) == EPOCHS * 8  # 240 training images in batches of 32
    for kind in ("voc", "yolo"):
        losses, metrics = runs[kind]
        assert losses == coco_losses, kind  # every step's loss, exactly
        assert json.dumps(metrics) == json.dumps(coco_metrics), kind
    last = coco_metrics[-1]
    assert last["val_map50"] > CHANCE, last
    assert sum(coco_losses[-8:]) < 0.5 * sum(coco_losses[:8])
