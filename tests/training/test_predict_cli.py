"""``cnnstudio predict``: a trained classifier's top-k classes for image files, as lines or JSON, with the
image stretched to the network's input and normalised as the checkpoint's training run did."""

from __future__ import annotations

import json

import pytest
import torch
from PIL import Image

from cnnstudio.cli import main
from cnnstudio.core.project_file import save
from cnnstudio.insight.pixels import open_image, pixels
from cnnstudio.training.assess import load_trained
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.events import EventLog
from cnnstudio.training.session import RunOptions, run

from .helpers import tiny_classifier


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("predict")
    graph = tiny_classifier(classes=6, input_shape=(3, 16, 16))
    TrainingConfig(epochs=1, batch_size=8, data="shapes:40").to_graph(graph)
    save(graph, folder / "net.cnn.json")
    before = torch.get_num_threads()
    run(RunOptions(str(folder / "net.cnn.json"), checkpoint_dir=str(folder / "ck"), threads=1), EventLog())
    torch.set_num_threads(before)
    for i, colour in enumerate(((250, 40, 40), (30, 200, 90))):
        image = Image.new("RGB", (40, 30), (10, 10, 10))
        image.paste(colour, (8 + 6 * i, 6, 30, 24))
        image.save(folder / f"img{i}.png")
    return folder


def expected(folder, name: str) -> list[tuple[str, float]]:
    """The classes by probability, computed here: PIL's stretch, the sidecar's mean and std, softmax."""
    loaded = load_trained(str(folder / "net.cnn.json"), str(folder / "ck" / "best"))
    norm = loaded.meta["data"]["normalize"]
    with open_image(folder / name) as img:
        x = pixels(img, 3, (16, 16))
    x = (x - torch.tensor(norm["mean"]).view(3, 1, 1)) / torch.tensor(norm["std"]).view(3, 1, 1)
    with torch.no_grad():
        p = torch.softmax(loaded.model(x[None])[0], 0)
    classes = loaded.meta["data"]["classes"]
    return sorted(((classes[i], float(v)) for i, v in enumerate(p)), key=lambda item: -item[1])


def test_predict_prints_the_top_k_classes_of_each_image(trained, capsys):
    images = [str(trained / "img0.png"), str(trained / "img1.png")]
    args = ["predict", str(trained / "net.cnn.json"), "--weights", str(trained / "ck" / "best"), *images]
    assert main([*args, "--top-k", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    for image, rows in zip(images, (lines[:2], lines[2:])):
        want = expected(trained, image.rsplit("/", 1)[1])[:2]
        got = [row.split(" ") for row in rows]
        assert [g[0] for g in got] == [image, image]
        assert [g[1] for g in got] == [name for name, _ in want]
        assert [float(g[2]) for g in got] == pytest.approx([p for _, p in want], abs=1e-4)

    assert main([*args, "--json", "--top-k", "10"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["image"] for d in data] == images
    assert len(data[0]["predictions"]) == 6  # top 10 of 6 classes: all of them
    assert sum(p["probability"] for p in data[0]["predictions"]) == pytest.approx(1.0, abs=1e-4)


def test_predict_skips_a_broken_image_and_refuses_a_detector(trained, capsys, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    args = ["predict", str(trained / "net.cnn.json"), "--weights", str(trained / "ck" / "best")]
    assert main([*args, str(broken), str(trained / "img0.png")]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"cnnstudio: skipped {broken}:") and len(captured.out.splitlines()) == 5
    assert main([*args, str(broken)]) == 2  # nothing could be read
    capsys.readouterr()

    from .detection.test_train_detector import tiny_detector

    save(tiny_detector(), tmp_path / "det.cnn.json")
    from safetensors.torch import save_file

    from cnnstudio.compiler import compile_model

    save_file(compile_model(tiny_detector()).state_dict(), str(tmp_path / "det.safetensors"))
    det = ["predict", str(tmp_path / "det.cnn.json"), "--weights", str(tmp_path / "det.safetensors")]
    assert main([*det, str(trained / "img0.png")]) == 2
    assert "predict needs a classifier): use cnnstudio detect" in capsys.readouterr().err
