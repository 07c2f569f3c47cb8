"""``cnnstudio evaluate`` and ``cnnstudio detect`` on a detector trained here for one epoch."""

from __future__ import annotations

import json
import re

import pytest
import torch
from PIL import Image

from cnnstudio.cli import main
from cnnstudio.core.project_file import save
from cnnstudio.training.data.boxes.shapes_boxes import generate_shape_boxes
from cnnstudio.training.events import EventLog
from cnnstudio.training.session import RunOptions, run

from .test_train_detector import tiny_detector

LINE = re.compile(r"^(\S+) (circle|square|triangle) (0\.\d{4}|1\.0000)( -?\d+\.\d){4}$")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("det")
    graph = tiny_detector()
    graph.meta["training"]["epochs"] = 1
    save(graph, folder / "det.cnn.json")
    before = torch.get_num_threads()
    run(RunOptions(str(folder / "det.cnn.json"), checkpoint_dir=str(folder / "ck"), threads=1), EventLog())
    torch.set_num_threads(before)
    shapes = generate_shape_boxes(2, seed=99, size=96)
    for i in range(2):
        Image.fromarray(shapes.images[i].permute(1, 2, 0).numpy()).save(folder / f"img{i}.png")
    return folder


def test_evaluate_json_has_the_loss_and_the_map(trained, capsys):
    project, ck = str(trained / "det.cnn.json"), str(trained / "ck" / "best")
    assert main(["evaluate", project, "--weights", ck, "--data", "shapes-boxes:20@seed=7", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"loss", "map50", "map", "ap_per_class"} and result["images"] == 20
    assert 0.0 <= result["map"] <= result["map50"] <= 1.0 and result["loss"] > 0


def test_detect_prints_one_line_per_box_in_the_image_pixels_and_draws_them(trained, capsys):
    project, ck = str(trained / "det.cnn.json"), str(trained / "ck" / "best")
    images = [str(trained / "img0.png"), str(trained / "img1.png")]
    out = trained / "drawn"
    assert main(["detect", project, "--weights", ck, *images, "--min-score", "0", "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines[:3]
    assert {line.split()[0] for line in lines} == set(images)
    for line in lines:  # corners inside the 96×96 image (scaled back from the 32×32 input)
        x1, y1, x2, y2 = map(float, line.split()[3:])
        assert 0 <= x1 <= x2 <= 96 and 0 <= y1 <= y2 <= 96
    for name in ("img0.png", "img1.png"):
        with Image.open(out / name) as drawn, Image.open(trained / name) as original:
            assert drawn.size == original.size
            assert drawn.convert("RGB").tobytes() != original.convert("RGB").tobytes()
    assert main(["detect", project, "--weights", ck, images[0], "--min-score", "0", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["image"] == images[0] and (entry["width"], entry["height"]) == (96, 96)
    assert len(entry["boxes"]) == sum(1 for line in lines if line.startswith(images[0] + " "))


def test_detect_refuses_a_missing_image_and_a_bad_score(trained, capsys, tmp_path):
    project, ck = str(trained / "det.cnn.json"), str(trained / "ck" / "best")
    assert main(["detect", project, "--weights", ck, str(tmp_path / "none.png")]) == 2
    assert "none.png" in capsys.readouterr().err
    assert main(["detect", project, "--weights", ck, str(trained / "img0.png"), "--min-score", "2"]) == 2
