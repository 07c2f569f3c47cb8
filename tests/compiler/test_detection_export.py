"""A detector's exports keep the decoding: readable Python and torch.export give the compiled model's boxes."""

from __future__ import annotations

import torch
from test_codegen import ruff_clean

from cnnstudio import presets
from cnnstudio.compiler import compile_model
from cnnstudio.compiler.codegen import python_source


def _trained_like(graph):
    torch.manual_seed(0)
    model = compile_model(graph).eval()
    with torch.no_grad():  # a confident heat map: peaks well above the score threshold
        model.get_submodule("head.2").bias[:3] += 2.0
    return model


def test_exported_python_decodes_the_same_boxes(tmp_path):
    graph = presets.build("det_small", input_shape=(3, 64, 64))
    model = _trained_like(graph)
    source = python_source(graph)
    assert "class CenterNetDecode(nn.Module):" in source and "topk" in source
    path = tmp_path / "det.py"
    path.write_text(source, encoding="utf-8")
    ruff_clean(path)
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)
    exported = namespace["Model"]()
    exported.load_state_dict(model.state_dict())
    exported.eval()
    x = torch.rand(2, 3, 64, 64)
    with torch.no_grad():
        expected, got = model(x), exported(x)
    assert expected.shape == (2, 100, 6) and (expected[..., 4] > 0).any()
    torch.testing.assert_close(got, expected, atol=1e-4, rtol=0)


def test_torch_export_keeps_the_decoding():
    graph = presets.build("det_small", input_shape=(3, 64, 64))
    model = _trained_like(graph)
    x = torch.rand(2, 3, 64, 64)
    program = torch.export.export(model, (x,))
    with torch.no_grad():
        torch.testing.assert_close(program.module()(x), model(x), atol=1e-4, rtol=0)


def test_train_script_export_trains_a_detector():
    from cnnstudio.compiler.train_script import heads

    # the script's engine carries the detection loss (tests/compiler/test_train_script_boxes.py runs it)
    assert heads(presets.build("det_small")) == [("output", "detection", 1.0, False, 0.0)]
