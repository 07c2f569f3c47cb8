"""Exports: every preset as code, .pt2 and ONNX equals the compiled model; --weights travels; the CLI."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch
from safetensors.torch import load_file
from test_codegen import load_exported, small_shape

import cnnstudio
from cnnstudio import presets
from cnnstudio.cli import main
from cnnstudio.compiler import ExportError, compile_model, export_model, python_source
from cnnstudio.compiler.export import export_onnx, exported_program


@pytest.fixture
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def run_onnx(path, *xs: torch.Tensor) -> list[np.ndarray]:
    onnx.checker.check_model(str(path))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {feed.name: x.numpy() for feed, x in zip(session.get_inputs(), xs)})


def _as_tuple(out) -> tuple[torch.Tensor, ...]:
    return out if isinstance(out, tuple) else (out,)


@pytest.mark.parametrize("name", presets.names())
def test_preset_code_pt2_and_onnx_match_the_compiled_model(name, tmp_path, one_thread):
    torch.manual_seed(0)  # the same weights and inputs whatever ran before
    shape = small_shape(name)
    graph = presets.build(name, input_shape=shape)
    model = compile_model(graph).eval()
    # not the traced batch of 2: the batch dimension is dynamic; one tensor per input (a GAN has two)
    xs = tuple(torch.randn(3, *s) for s in model.input_shapes)
    with torch.no_grad():
        expected = _as_tuple(model(*xs))

    path = tmp_path / "model.py"
    path.write_text(python_source(graph))
    with torch.device("meta"):  # skip initialising weights that are replaced at once
        code = load_exported(path, f"exported_{name}").Model()
    code.load_state_dict(model.state_dict(), strict=True, assign=True)
    with torch.no_grad():
        got = _as_tuple(code.eval()(*xs))
    assert len(got) == len(expected) and all(torch.equal(a, b) for a, b in zip(got, expected))

    program = exported_program(model)
    torch.export.save(program, tmp_path / "model.pt2")
    with torch.no_grad():
        got = _as_tuple(torch.export.load(tmp_path / "model.pt2").module()(*xs))
    torch.testing.assert_close(got, expected, rtol=0, atol=1e-6)
    (tmp_path / "model.pt2").unlink()  # VGG's weights are ~0.5 GB a format: keep the suite's disk use small

    export_onnx(model, tmp_path / "model.onnx", program)
    outputs = run_onnx(tmp_path / "model.onnx", *xs)
    (tmp_path / "model.onnx").unlink()
    assert len(outputs) == len(expected)  # evaluation graph: auxiliary heads are not exported
    for out, want in zip(outputs, expected):
        if name.startswith("det_"):
            assert_same_detections(out, want.numpy())
        else:
            np.testing.assert_allclose(out, want.numpy(), rtol=1e-4, atol=1e-5)


def assert_same_detections(got: np.ndarray, want: np.ndarray, atol: float = 1e-4) -> None:
    """N×K×6 detection rows (x1, y1, x2, y2, score, class) equal as sets, image by image.

    An untrained detector's heat map has plateaus of equal peaks (cells where every feature is 0 give the bias
    alone): ONNX's TopK returns tied peaks in another order than torch.topk, and which of two overlapping boxes
    of equal score NMS keeps follows that order. So the scores must be the same multiset, a row whose score is
    unique must be the same row, and a tied row must have a partner of its score and class."""
    assert got.shape == want.shape
    for image, (rows, expected) in enumerate(zip(got, want)):
        np.testing.assert_allclose(np.sort(rows[:, 4]), np.sort(expected[:, 4]), rtol=0, atol=atol)
        scores = expected[:, 4]
        left = list(range(len(expected)))
        for row in rows:
            tied = np.count_nonzero(np.abs(scores - row[4]) <= atol) > 1
            columns = [4, 5] if tied else slice(None)
            match = next((j for j in left if np.abs(expected[j][columns] - row[columns]).max() <= atol), None)
            assert match is not None, f"image {image}: ONNX row {row.tolist()} is not among the compiled model's"
            left.remove(match)


@pytest.fixture
def trained(tmp_path):
    """LeNet-5 and weights that differ from any fresh initialisation, saved weights-only as .pt."""
    graph = presets.build("lenet5")
    model = compile_model(graph).eval()
    state = {k: v + 0.01 * torch.randn_like(v) if v.is_floating_point() else v for k, v in model.state_dict().items()}
    model.load_state_dict(state)
    torch.save(state, tmp_path / "trained.pt")
    return graph, model, tmp_path / "trained.pt"


def test_weights_travel_with_every_format(trained, tmp_path):
    graph, model, weights = trained
    x = torch.randn(2, 1, 28, 28)
    with torch.no_grad():
        expected = model(x)

    result = export_model(graph, "python", tmp_path / "net.py", weights=weights)
    assert [p.name for p in result.files] == ["net.py", "net.safetensors"] and result.report.complete
    code = load_exported(tmp_path / "net.py", "net").Model()
    code.load_state_dict(load_file(tmp_path / "net.safetensors"), strict=True)
    with torch.no_grad():
        assert torch.equal(code.eval()(x), expected)

    export_model(graph, "pt2", tmp_path / "net.pt2", weights=weights)
    with torch.no_grad():
        torch.testing.assert_close(torch.export.load(tmp_path / "net.pt2").module()(x), expected, rtol=0, atol=1e-6)

    export_model(graph, "onnx", tmp_path / "net.onnx", weights=weights)
    np.testing.assert_allclose(run_onnx(tmp_path / "net.onnx", x)[0], expected.numpy(), rtol=1e-4, atol=1e-5)

    result = export_model(graph, "safetensors", tmp_path / "net.safetensors", weights=weights)
    assert [p.name for p in result.files] == ["net.safetensors", "net.cnn.json"]
    project = cnnstudio.load(tmp_path / "net.cnn.json")
    assert project.meta["weights"] == "net.safetensors"
    again = compile_model(project).eval()
    again.load_state_dict(load_file(tmp_path / "net.safetensors"), strict=True)
    with torch.no_grad():
        assert torch.equal(again(x), expected)


def test_without_weights_the_artifact_has_fresh_ones(tmp_path):
    graph = presets.build("lenet5")
    export_model(graph, "safetensors", tmp_path / "a.safetensors")
    export_model(graph, "safetensors", tmp_path / "b.safetensors")
    a, b = load_file(tmp_path / "a.safetensors"), load_file(tmp_path / "b.safetensors")
    assert sorted(a) == sorted(compile_model(graph).state_dict())
    assert not torch.equal(a["conv1.weight"], b["conv1.weight"])  # two fresh initialisations


def test_weights_for_another_design_are_refused_and_nothing_is_written(tmp_path):
    other = compile_model(presets.build("lenet5", num_classes=3))
    torch.save(other.state_dict(), tmp_path / "three.pt")
    with pytest.raises(ExportError, match="fc3.weight"):
        export_model(presets.build("lenet5"), "onnx", tmp_path / "net.onnx", weights=tmp_path / "three.pt")
    assert not (tmp_path / "net.onnx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["three.pt"]  # no temp files left behind


def test_bad_requests_are_one_line_errors(tmp_path):
    graph = presets.build("lenet5")
    with pytest.raises(ExportError, match="unknown export format 'tflite'"):
        export_model(graph, "tflite", tmp_path / "x.tflite")
    with pytest.raises(ExportError, match="does not exist"):
        export_model(graph, "onnx", tmp_path / "missing" / "x.onnx")
    (tmp_path / "bad.pt").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ExportError, match="bad.pt"):
        export_model(graph, "pt2", tmp_path / "x.pt2", weights=tmp_path / "bad.pt")


def test_cli_export(trained, tmp_path, capsys):
    graph, _, weights = trained
    project = tmp_path / "lenet.cnn.json"
    cnnstudio.save(graph, project)
    assert main(["export", str(project), "-o", str(tmp_path / "out.pt2"), "--weights", str(weights)]) == 0
    out = capsys.readouterr().out
    assert "all matched" in out and "out.pt2" in out
    assert (tmp_path / "out.pt2").is_file()

    assert main(["export", str(project), "-o", str(tmp_path / "out.pt2")]) == 2  # exists: needs --force
    assert "already exists" in capsys.readouterr().err
    assert main(["export", str(project), "-o", str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    assert "--format" in err and len(err.strip().splitlines()) == 1
    assert main(["export", str(project), "--format", "python", "-o", str(tmp_path / "m.txt")]) == 0
    assert "class Model(nn.Module)" in (tmp_path / "m.txt").read_text()
    assert main(["export", str(project), "-o", str(tmp_path / "x.onnx"), "--weights", str(tmp_path / "none.pt")]) == 2
    err = capsys.readouterr().err
    assert "none.pt" in err and len(err.strip().splitlines()) == 1
    assert main(["export", str(tmp_path / "missing.cnn.json"), "-o", str(tmp_path / "y.onnx")]) == 2
