"""``cnnstudio generate``: grids, one file per sample, latent walks and the classifier's score, from a GAN's or a
VAE's checkpoint; bad input in one line with exit code 2."""

from __future__ import annotations

import json

import pytest
import torch
from PIL import Image

from cnnstudio import presets
from cnnstudio.cli import main
from cnnstudio.core.project_file import save
from cnnstudio.training.events import EventLog
from cnnstudio.training.session import RunOptions, run


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A GAN (16×16), a VAE and a LeNet-5 classifier, each trained for one short epoch."""
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("gen")
    made = {}
    for name, graph, config in (
        ("gan", presets.build("dcgan", input_shape=(1, 16, 16)), {"betas": [0.5, 0.999]}),
        ("vae", presets.build("vae"), {}),
        ("clf", presets.build("lenet5", num_classes=10), {"lr": 0.005}),
    ):
        graph.meta["training"] = {"data": "digits", "epochs": 1, "batch_size": 64, "seed": 0} | config
        project = root / f"{name}.cnn.json"
        save(graph, project)
        run(RunOptions(str(project), checkpoint_dir=str(root / name), threads=1), EventLog())
        made[name] = (str(project), str(root / name / "last"))
    return made


def generate(*args: str) -> int:
    return main(["generate", *args])


def test_a_grid_and_one_file_per_sample_the_same_for_the_same_seed(trained, tmp_path, capsys):
    project, weights = trained["gan"]
    assert (
        generate(
            project,
            "--weights",
            weights,
            "-n",
            "10",
            "-o",
            str(tmp_path / "a.png"),
            "--out-dir",
            str(tmp_path / "each"),
        )
        == 0
    )
    assert "wrote" in capsys.readouterr().out
    grid = Image.open(tmp_path / "a.png")
    assert grid.size == (4 * 18 + 2, 3 * 18 + 2) and grid.mode == "L"  # 10 images of 16 px, 4 columns, 2 px apart
    files = sorted((tmp_path / "each").glob("*.png"))
    assert len(files) == 10 and all(Image.open(f).size == (16, 16) for f in files)
    assert generate(project, "--weights", weights, "-n", "10", "-o", str(tmp_path / "b.png")) == 0
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert generate(project, "--weights", weights, "-n", "10", "--seed", "1", "-o", str(tmp_path / "c.png")) == 0
    assert (tmp_path / "a.png").read_bytes() != (tmp_path / "c.png").read_bytes()


def test_a_latent_walk_is_one_strip_from_the_seeds_latent_to_the_others(trained, tmp_path):
    project, weights = trained["gan"]
    assert generate(project, "--weights", weights, "-n", "6", "--walk", "5", "-o", str(tmp_path / "walk.png"),
                    "--out-dir", str(tmp_path / "walk")) == 0  # fmt: skip
    assert Image.open(tmp_path / "walk.png").size == (6 * 18 + 2, 18 + 2)
    assert generate(project, "--weights", weights, "-n", "1", "--out-dir", str(tmp_path / "start")) == 0
    assert generate(project, "--weights", weights, "-n", "1", "--seed", "5", "--out-dir", str(tmp_path / "end")) == 0
    walk = sorted((tmp_path / "walk").glob("*.png"))
    assert walk[0].read_bytes() == (tmp_path / "start" / "sample_0000.png").read_bytes()
    assert walk[-1].read_bytes() == (tmp_path / "end" / "sample_0000.png").read_bytes()
    assert len({f.read_bytes() for f in walk}) > 2  # it moves in between


def test_the_score_counts_every_sample_under_the_classifier(trained, capsys):
    project, weights = trained["gan"]
    clf_project, clf_weights = trained["clf"]
    code = generate(project, "--weights", weights, "-n", "40", "--score", clf_project,
                    "--classifier-weights", clf_weights, "--json")  # fmt: skip
    assert code == 0
    score = json.loads(capsys.readouterr().out.splitlines()[0])
    assert score["samples"] == 40 and sum(score["counts"]) == 40 and score["classes"] == 10
    assert score["classes_covered"] == sum(1 for c in score["counts"] if c)
    assert score["largest_share"] == max(score["counts"]) / 40
    assert 0.1 <= score["mean_confidence"] <= 1.0
    assert score["passed"] == (
        score["mean_confidence"] >= 0.8 and score["classes_covered"] == 10 and score["largest_share"] <= 0.25
    )


def test_a_vae_generates_from_its_prior(trained, tmp_path):
    project, weights = trained["vae"]
    assert generate(project, "--weights", weights, "-n", "4", "-o", str(tmp_path / "v.png")) == 0
    assert Image.open(tmp_path / "v.png").size == (2 * 30 + 2, 2 * 30 + 2)


@pytest.mark.parametrize(
    "which, extra, words",
    [
        ("clf", ["-o", "x.png"], "has no generator"),
        ("gan", [], "say where the images go"),
        ("gan", ["--score", "CLF"], "--classifier-weights"),
        ("gan", ["-n", "0", "-o", "x.png"], "-n"),
    ],
)
def test_bad_input_exits_2_with_one_line(trained, tmp_path, capsys, which, extra, words):
    project, weights = trained[which]
    extra = [trained["clf"][0] if e == "CLF" else str(tmp_path / e) if e.endswith(".png") else e for e in extra]
    assert generate(project, "--weights", weights, *extra) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err


def test_weights_of_another_network_are_refused(trained, tmp_path, capsys):
    assert generate(trained["gan"][0], "--weights", trained["vae"][1], "-o", str(tmp_path / "x.png")) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "does not fit" in err
