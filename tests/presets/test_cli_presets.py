"""`cnnstudio presets` and `cnnstudio new --preset NAME` for every preset."""

from __future__ import annotations

import json

import pytest

import cnnstudio
from cnnstudio import presets
from cnnstudio.cli import main
from cnnstudio.report import human

NAMES = presets.names()


def test_presets_lists_name_params_input_and_description(capsys):
    assert main(["presets", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in rows] == NAMES
    for row in rows:
        spec = presets.get(row["name"])
        assert row["input"] == "×".join(map(str, spec.input_shape))
        assert row["params"] == human(cnnstudio.infer_shapes(presets.build(row["name"])).total_params)
        assert row["description"] == spec.description
    by_name = {row["name"]: row for row in rows}
    assert by_name["resnet50"]["params"] == "25.56 M" and by_name["vgg16"]["input"] == "3×224×224"

    assert main(["presets"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(NAMES) + 2 and "--json" in lines[-1]
    assert lines[NAMES.index("googlenet")].split()[:4] == ["googlenet", "13.00", "M", "3×224×224"]
    assert lines[NAMES.index("vgg16")].endswith("VGG-16 (Simonyan 2014, configuration D)")
    assert all(len(line) < 120 for line in lines)


@pytest.mark.parametrize("name", NAMES)
def test_new_writes_every_preset(tmp_path, capsys, name):
    out = tmp_path / f"{name}.cnn.json"
    assert main(["new", "--preset", name, "-o", str(out)]) == 0
    assert f"wrote {out}: {name}" in capsys.readouterr().out
    assert cnnstudio.load(out).snapshot() == presets.build(name).snapshot()


@pytest.mark.parametrize(
    ("name", "args", "check"),
    [
        ("resnet18", ["--num-classes", "10", "--input", "1,64,64"], ("output", (10,))),
        ("vgg11", ["--num-classes", "3", "--input", "3x32x32"], ("output", (3,))),
        ("googlenet", ["--num-classes", "5"], ("aux2.output", (5,))),
        ("unet_small", ["--input", "3,32,48"], ("output", (3, 32, 48))),
        ("dcgan_generator", ["--input", "64,1,1"], ("main.13", (3, 64, 64))),
    ],
)
def test_new_honours_classes_and_input(tmp_path, name, args, check):
    out = tmp_path / "p.cnn.json"
    assert main(["new", "--preset", name, *args, "-o", str(out)]) == 0
    graph = cnnstudio.load(out)
    node, shape = check
    assert cnnstudio.infer_shapes(graph).info[graph.by_name(node).id].shape == shape


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--preset", "resnet9"], "unknown preset 'resnet9'; choose one of: lenet5, alexnet"),
        (["--preset", "autoencoder", "--num-classes", "3"], "image-to-image and has no classes"),
        (["--preset", "unet_small", "--input", "1,30,30"], "divisible by 8"),
        (["--preset", "resnet18", "--input", "3,a,b"], "--input must look like C,H,W"),
    ],
)
def test_new_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "p.cnn.json"
    assert main(["new", *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert not out.exists()
