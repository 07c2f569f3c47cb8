"""The modern presets are torchvision's models (same parameter count, state_dict keys, strict load, equal
eval outputs), every node's inferred shape equals its real output, and the exported Python code computes
the same. torchvision models are built with weights=None: nothing is downloaded.

Inputs are small (the smallest each network takes without a map shrinking to nothing), batch 1, one thread.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings

import pytest
import torch
import torchvision
from preset_forward import assert_shapes_match, node_outputs

from cnnstudio import infer_shapes, presets
from cnnstudio.compiler import compile_model, python_source

INPUT = {
    "mobilenet_v2": (3, 32, 32),
    "mobilenet_v3_small": (3, 32, 32),
    "mobilenet_v3_large": (3, 32, 32),
    "efficientnet_b0": (3, 32, 32),
    "densenet121": (3, 32, 32),
    "squeezenet1_1": (3, 32, 32),
    "convnext_tiny": (3, 32, 32),
    "resnext50_32x4d": (3, 32, 32),
    "shufflenet_v2_x1_0": (3, 32, 32),
}
NUM_CLASSES = 1000


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def torchvision_model(name: str) -> torch.nn.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(torchvision.models, name)(weights=None, num_classes=NUM_CLASSES)


def exported(graph, tmp_path, name: str) -> torch.nn.Module:
    """The model class of the exported source, imported from its file."""
    path = tmp_path / f"{name}.py"
    path.write_text(python_source(graph), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"exported_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        with torch.device("meta"):  # the weights are replaced at once
            return module.Model()
    finally:
        del sys.modules[spec.name]


def count(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("name", list(INPUT))
def test_modern_preset_is_the_torchvision_model_and_exports(name, tmp_path):
    torch.manual_seed(0)
    reference = torchvision_model(name).eval()
    graph = presets.build(name, num_classes=NUM_CLASSES, input_shape=INPUT[name])
    model = compile_model(graph)
    result = infer_shapes(graph)
    assert result.ok, [d.message for d in result.errors()]
    assert count(model) == count(reference) == result.total_params
    assert set(model.state_dict()) == set(reference.state_dict())
    model.load_state_dict(reference.state_dict(), strict=True)
    model.eval()
    x = torch.randn(1, *INPUT[name])
    outputs = node_outputs(graph, model, x)  # the forward, with every node's output recorded
    assert_shapes_match(graph, result, outputs)
    with torch.no_grad():
        ours, theirs = model(x), reference(x)
    assert torch.equal(ours, outputs[graph.by_name("output").id])
    assert ours.shape == theirs.shape == (1, NUM_CLASSES)
    torch.testing.assert_close(ours, theirs, rtol=1e-4, atol=1e-5)
    assert ours.abs().max() > 0  # a real comparison, not two zero vectors

    code = exported(graph, tmp_path, name)
    code.load_state_dict(model.state_dict(), strict=True, assign=True)
    with torch.no_grad():
        assert torch.equal(code.eval()(x), ours)
