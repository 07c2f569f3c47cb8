"""ONNX files as torch.onnx.export writes them. By default: the weights in `model.onnx.data` beside the model, the
batch fixed at 1 (a flatten becomes Reshape(x, [1, n])); they import, with their weights, at any batch; a data
file named outside the model's folder, a link leading out, or a claim that does not fit is one line, and nothing
outside the folder is read. The older TorchScript exporter (dynamo=False) at its default opset stores equal
weights once, handed on by Identity nodes; those import too."""

from __future__ import annotations

import os

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch
from torch import nn

from cnnstudio import load
from cnnstudio.cli import main
from cnnstudio.compiler import ModuleImportError, compile_model, import_onnx, read_state_dict


class TwoHeads(nn.Module):
    """Reconstruction and class scores from one encoder (an autoencoder with a classifier on its code)."""

    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2))
        self.dec = nn.Sequential(nn.ConvTranspose2d(8, 1, 2, stride=2), nn.Sigmoid())
        self.cls = nn.Sequential(nn.Flatten(), nn.Linear(8 * 6 * 6, 10))

    def forward(self, x):
        h = self.enc(x)
        return self.dec(h), self.cls(h)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """torch.onnx.export with its defaults (external data, batch 1), as a user would call it."""
    torch.manual_seed(0)
    module = TwoHeads().eval()
    with torch.no_grad():
        module.enc[1].running_mean.uniform_(-0.5, 0.5)
        module.enc[1].running_var.uniform_(0.5, 2.0)
    path = tmp_path_factory.mktemp("onnx") / "two_heads.onnx"
    torch.onnx.export(module, (torch.randn(1, 1, 12, 12),), str(path), verbose=False)
    assert (path.parent / "two_heads.onnx.data").is_file()  # the default this test is about
    return module, path


def _ort(path, x: torch.Tensor) -> list[np.ndarray]:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {session.get_inputs()[0].name: x.numpy()})


def test_weights_beside_the_model_and_a_batch_of_one_import_and_run_at_any_batch(exported, tmp_path):
    module, path = exported
    out = tmp_path / "two_heads.cnn.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    graph = load(out)
    project = compile_model(graph).eval()
    project.load_state_dict(read_state_dict(tmp_path / graph.meta["weights"]), strict=True)
    x = torch.randn(1, 1, 12, 12)
    with torch.no_grad():
        got = project(x)
    for mine, theirs in zip(got, _ort(path, x), strict=True):  # the file's own outputs, by onnxruntime
        np.testing.assert_allclose(mine.numpy(), theirs, rtol=1e-4, atol=1e-5)
    x = torch.randn(5, 1, 12, 12)  # the file fixed batch 1; the project follows the batch
    with torch.no_grad():
        for mine, theirs in zip(project(x), module(x), strict=True):
            torch.testing.assert_close(mine, theirs, rtol=1e-4, atol=1e-5)


def _rewritten(exported, tmp_path, **entries) -> str:
    """A copy of the exported model (its data file beside it) whose first external weight claims ``entries``."""
    _, path = exported
    model = onnx.load(str(path), load_external_data=False)
    tensor = next(t for t in model.graph.initializer if t.data_location == onnx.TensorProto.EXTERNAL)
    claims = {e.key: e.value for e in tensor.external_data} | entries
    del tensor.external_data[:]
    for key, value in claims.items():
        tensor.external_data.add(key=key, value=value)
    (tmp_path / "two_heads.onnx.data").write_bytes((path.parent / "two_heads.onnx.data").read_bytes())
    copy = tmp_path / "copy.onnx"
    copy.write_bytes(model.SerializeToString())
    return str(copy)


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        ({"location": "../secret.bin"}, "only a file beside the model is read"),
        ({"location": "/etc/passwd"}, "only a file beside the model is read"),
        ({"location": "sub/two_heads.onnx.data"}, "only a file beside the model is read"),
        ({"location": "missing.data"}, "no such file"),
        ({"length": "7"}, "does not say where its"),
        ({"offset": "-4"}, "does not say where its"),
        ({"offset": "lots"}, "does not say where its"),
        ({"offset": str(10**9)}, "lies past the end of two_heads.onnx.data"),
    ],
)
def test_a_weight_that_claims_too_much_is_one_line(exported, tmp_path, capsys, entries, words):
    (tmp_path.parent / "secret.bin").write_bytes(b"\1" * 4096)
    copy = _rewritten(exported, tmp_path, **entries)
    with pytest.raises(ModuleImportError) as info:
        import_onnx(copy)
    assert words in str(info.value) and "\n" not in str(info.value)
    assert main(["import", copy, "-o", str(tmp_path / "x.cnn.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err
    assert not (tmp_path / "x.cnn.json").exists()


def test_a_data_file_that_links_out_of_the_folder_is_not_read(exported, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    inside = tmp_path / "model"
    inside.mkdir()
    copy = _rewritten(exported, inside)
    os.replace(inside / "two_heads.onnx.data", outside / "two_heads.onnx.data")
    (inside / "two_heads.onnx.data").symlink_to(outside / "two_heads.onnx.data")
    with pytest.raises(ModuleImportError, match="is a link to another folder"):
        import_onnx(copy)


class ZeroBiases(nn.Module):
    """Two convolutions whose biases start equal (zeros): the TorchScript exporter keeps one, plus an Identity."""

    def __init__(self):
        super().__init__()
        self.a, self.b = nn.Conv2d(3, 4, 3, padding=1), nn.Conv2d(4, 4, 1)
        nn.init.zeros_(self.a.bias)
        nn.init.zeros_(self.b.bias)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(torch.relu(self.b(torch.relu(self.a(x)))).mean((2, 3)))


def test_the_torchscript_exporters_shared_weights_import(tmp_path):
    torch.manual_seed(0)
    module = ZeroBiases().eval()
    path = tmp_path / "zero_biases.onnx"
    torch.onnx.export(
        module, (torch.randn(1, 3, 8, 8),), str(path), dynamo=False, input_names=["x"], dynamic_axes={"x": {0: "n"}}
    )
    ops = {node.op_type for node in onnx.load(str(path)).graph.node}
    assert "Identity" in ops  # what this test is about
    out = tmp_path / "zero_biases.cnn.json"
    assert main(["import", str(path), "--input", "3,8,8", "-o", str(out)]) == 0
    graph = load(out)
    project = compile_model(graph).eval()
    project.load_state_dict(read_state_dict(tmp_path / graph.meta["weights"]), strict=True)
    x = torch.randn(2, 3, 8, 8)
    with torch.no_grad():
        np.testing.assert_allclose(project(x).numpy(), _ort(path, x)[0], rtol=1e-4, atol=1e-6)
