"""ONNX import of ConvNeXt: each block, spelt op by op in the file, comes back as one convnext_block, and each
channels-last layer norm as one layernorm2d, with the file's weights and outputs; a look-alike that computes
something else is refused, not imported wrongly.

Small networks built from the same classes as convnext_tiny keep it to seconds; the whole convnext_tiny is a
zoo test (and bench/onnx_round_trip.py takes the preset through CNN Studio's own export).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections import Counter

import numpy as np
import onnxruntime as ort
import pytest
import torch
import torch.nn as nn
from torchvision.models.convnext import CNBlock, CNBlockConfig, ConvNeXt

from cnnstudio.compiler import ModuleImportError, compile_model, import_onnx
from cnnstudio.compiler.export import export_onnx
from cnnstudio.compiler.importer import imported_state_dict
from cnnstudio.core.builder import GraphBuilder


def _randomised(model: nn.Module) -> nn.Module:
    """Weights that are not the initial zeros and ones (an exporter drops or shares those): each one matters."""
    torch.manual_seed(0)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 0.3)
    return model.eval()


def _small_convnext() -> nn.Module:
    # two stages (stem, blocks, downsampling, block, head): every kind of layer convnext_tiny has
    return _randomised(ConvNeXt([CNBlockConfig(8, 16, 2), CNBlockConfig(16, None, 1)], num_classes=5))


def _torch_export(model: nn.Module, path, size: int = 32, batch: int = 2, **options) -> None:
    x = torch.randn(batch, 3, size, size)
    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (x,), str(path), input_names=["x"], **options)


def _legacy_export(model: nn.Module, path, size: int = 32, opset: int = 17) -> None:
    """torch.onnx's TorchScript exporter, as most ONNX files were written: GELU as an erf, Identity copies of
    equal weights, Constant nodes; before opset 17 each LayerNorm spelt out (ReduceMean, Sub, Pow, ... Add)."""
    options = dict(dynamo=False, opset_version=opset, dynamic_axes={"x": {0: "batch"}})
    _torch_export(model, path, size, **options)


def _import_and_compare(path, size: int = 32, batch: int = 2) -> Counter:
    """Import ``path``; the project loaded with the file's weights gives onnxruntime's outputs to 1e-4."""
    graph, module = import_onnx(path)
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    x = torch.randn(batch, 3, size, size, generator=torch.Generator().manual_seed(1))  # the batch a file may fix
    (want,) = ort.InferenceSession(str(path)).run(None, {"x": x.numpy()})
    with torch.no_grad():
        got = imported(x).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4 * np.abs(want).max())
    return Counter(n.type for n in graph.nodes.values())


@pytest.mark.parametrize("opset", [17, 13])
def test_a_torchvision_convnext_exported_by_torch_onnx_imports_as_blocks(tmp_path, opset):
    _legacy_export(_small_convnext(), tmp_path / "convnext.onnx", opset=opset)
    types = _import_and_compare(tmp_path / "convnext.onnx")
    # stem, downsampling and classifier norms; three blocks; no Transpose, MatMul or erf left over
    assert types["convnext_block"] == 3 and types["layernorm2d"] == 3
    assert set(types) == {"input", "conv2d", "layernorm2d", "convnext_block", "adaptive_avgpool2d", "flatten"} | {
        "linear",
        "classification_output",
    }


def test_a_torchvision_convnext_from_torch_onnx_export_called_plainly_imports(tmp_path):
    # torch.onnx.export(model, (x,), path): torch.export at opset 20 writes one Gelu op, drops a convolution bias
    # of zeros, keeps the weights in convnext.onnx.data, fixes the batch at 1 and follows the pool's mean with a
    # no-op as_strided (a flatten and a gather of 0..n-1)
    model = _small_convnext()
    nn.init.zeros_(model.features[1][0].block[0].bias)
    _torch_export(model, tmp_path / "convnext.onnx", batch=1)
    assert (tmp_path / "convnext.onnx.data").exists()
    types = _import_and_compare(tmp_path / "convnext.onnx", batch=1)
    assert types["convnext_block"] == 3 and types["layernorm2d"] == 3


def _own_network():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    x = b.chain(
        x,
        ("conv2d", "stem.0", dict(out_channels=8, kernel_size=4, stride=4)),
        ("layernorm2d", "stem.1", {}),
        ("convnext_block", "stage1.0", dict(layer_scale=0.5)),
        ("convnext_block", "stage1.1", {}),
        ("layernorm2d", "down.0", {}),
        ("conv2d", "down.1", dict(out_channels=16, kernel_size=2, stride=2)),
        ("convnext_block", "stage2.0", {}),
        ("global_avgpool", "pool", {}),
        ("flatten", "flatten", {}),
    )
    x = b.add("linear", "fc", x, out_features=5)
    b.add("classification_output", "output", x)
    return b.build()


def test_cnn_studios_own_convnext_export_imports_back_as_its_blocks(tmp_path):
    model = _randomised(compile_model(_own_network()))
    export_onnx(model, tmp_path / "own.onnx")
    graph, module = import_onnx(tmp_path / "own.onnx")
    types = Counter(n.type for n in graph.nodes.values())
    assert types["convnext_block"] == 3 and types["layernorm2d"] == 2
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    x = torch.randn(3, 3, 16, 16)
    with torch.no_grad():
        torch.testing.assert_close(imported(x), model(x), rtol=1e-4, atol=1e-5)


def test_a_block_with_another_activation_is_not_taken_for_a_convnext_block(tmp_path):
    # the tanh approximation of GELU differs by ~1e-3: the chain is not a CNBlock, and the import says what it lacks
    model = _small_convnext()
    for block in model.modules():
        if isinstance(block, CNBlock):
            block.block[4].approximate = "tanh"
    _legacy_export(model, tmp_path / "tanh.onnx")
    with pytest.raises(ModuleImportError, match="has no CNN Studio block") as info:
        import_onnx(tmp_path / "tanh.onnx")
    assert "\n" not in str(info.value)


@pytest.mark.zoo
@pytest.mark.parametrize("exporter", ["default", "torchscript"])
def test_torchvision_convnext_tiny_exported_by_torch_onnx_imports_with_the_files_outputs(tmp_path, exporter):
    from torchvision.models import convnext_tiny

    torch.manual_seed(0)
    model, path = convnext_tiny(weights=None).eval(), tmp_path / "convnext_tiny.onnx"
    if exporter == "default":
        _torch_export(model, path, batch=1)
    else:
        _legacy_export(model, path)
    types = _import_and_compare(path, batch=1 if exporter == "default" else 2)
    assert types["convnext_block"] == 18 and types["layernorm2d"] == 5


def test_a_rewrite_that_computes_something_else_is_not_kept(tmp_path, monkeypatch):
    # were the catalog's block to compute otherwise (here: without its layer scale), the probe against the
    # converted file sees it, and the import refuses instead of giving other outputs
    from cnnstudio.blocks import modules

    _legacy_export(_small_convnext(), tmp_path / "convnext.onnx")
    monkeypatch.setattr(modules.CNBlock, "forward", lambda self, x: x + self.block(x))
    with pytest.raises(ModuleImportError, match="LayerNorm .* has no CNN Studio block"):
        import_onnx(tmp_path / "convnext.onnx")
