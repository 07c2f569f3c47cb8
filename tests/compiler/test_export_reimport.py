"""CNN Studio reads its own exported code back: every preset's Python export, imported with torch.fx, is a graph
that loads the export's weights strictly and gives its outputs (the importer checks both), with the preset's
layer names. Small inputs keep it fast; the layers and weights are the full network's."""

from __future__ import annotations

import pytest
import torch
from test_codegen import load_exported, small_shape

from cnnstudio import presets
from cnnstudio.compiler import ModuleImportError, compile_model, import_module, python_source
from cnnstudio.compiler.importer import imported_state_dict

pytestmark = pytest.mark.zoo

# a GAN's export takes the generator's noise and the critic's image: forward(z, image), two outputs
TWO_INPUTS = {"dcgan"}
ONE_INPUT = [name for name in presets.names() if name not in TWO_INPUTS]


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _exported(name: str, tmp_path):
    torch.manual_seed(0)
    graph = presets.build(name, input_shape=small_shape(name))
    model = compile_model(graph).eval()
    path = tmp_path / f"{name}.py"
    path.write_text(python_source(graph))
    with torch.device("meta"):  # the weights are replaced at once
        code = load_exported(path, f"reimported_{name}").Model()
    code.load_state_dict(model.state_dict(), strict=True, assign=True)
    return graph, model, code.eval()


@pytest.mark.parametrize("name", ONE_INPUT)
def test_exported_preset_imports_back_with_equal_outputs(name, tmp_path):
    _, model, code = _exported(name, tmp_path)
    shape = model.input_shape
    imported = import_module(code, shape)  # strict load of the export's weights and equal outputs, or it raises
    again = compile_model(imported).eval()
    again.load_state_dict(imported_state_dict(code), strict=True)
    x = torch.randn(2, *shape)
    with torch.no_grad():
        torch.testing.assert_close(again(x), model(x), rtol=1e-5, atol=1e-5)
    # the designer's layers keep their names: the preset's checkpoints load into the import as they are
    assert set(again.state_dict()) == set(model.state_dict())


def test_a_two_input_export_imports_back_with_one_input_block_per_argument(tmp_path):
    _, model, code = _exported("dcgan", tmp_path)
    shapes = [list(s) for s in model.input_shapes]
    imported = import_module(code, shapes)  # strict weights and equal outputs (both), or it raises
    inputs = {n.name: (n.type, n.params["shape"]) for n in imported.nodes.values() if n.type.endswith("input")}
    # the export names the generator's latent input z: it comes back as a Latent input, the image as an Input
    assert inputs == {"z": ("latent_input", [100, 1, 1]), "image": ("input", [1, 28, 28])}
    again = compile_model(imported).eval()
    again.load_state_dict(imported_state_dict(code), strict=True)
    assert set(again.state_dict()) == set(model.state_dict())
    z, image = torch.randn(2, 100, 1, 1), torch.randn(2, 1, 28, 28)
    with torch.no_grad():
        fake, verdict = again(z, image)
        expected_fake, expected_verdict = model(z, image)
    torch.testing.assert_close(fake, expected_fake, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(verdict, expected_verdict, rtol=1e-5, atol=1e-5)


def test_a_forward_given_too_few_input_shapes_is_refused_in_one_line(tmp_path):
    _, _, code = _exported("dcgan", tmp_path)
    with pytest.raises(ModuleImportError, match=r"takes 2 tensors \(z, image\); give one input shape for each"):
        import_module(code, (100, 1, 1))
    with pytest.raises(ModuleImportError, match="3 input shapes given, but the module's forward takes 2"):
        import_module(code, [(100, 1, 1), (1, 28, 28), (1, 28, 28)])
