"""A GAN's two networks and a VAE compiled: one module per component, readable keys, the sampler, exports."""

from __future__ import annotations

import pytest
import torch
from test_codegen import load_exported

from cnnstudio import presets
from cnnstudio.compiler import (
    CompileError,
    ExportError,
    captured_latents,
    compile_components,
    compile_model,
    export_model,
    find_component,
    python_source,
    seed_samplers,
)
from cnnstudio.compiler.components import component_graphs
from cnnstudio.core.components import latent_decoder
from cnnstudio.core.inference import infer_shapes


@pytest.fixture(scope="module")
def dcgan():
    return presets.build("dcgan")


def test_dcgan_compiles_to_a_generator_and_a_discriminator(dcgan):
    model = compile_model(dcgan).eval()
    assert [name for name, _ in model.named_children()] == ["generator", "discriminator"]
    keys = list(model.state_dict())
    assert keys and all(k.startswith(("generator.", "discriminator.")) for k in keys)
    assert {"generator.main.0.weight", "discriminator.main.3.running_mean"} <= set(keys)
    assert [(h.name, h.kind) for h in model.heads] == [
        ("generator.output", "generated_image"),
        ("discriminator.output", "real_fake"),
    ]
    assert model.input_shapes == ((100, 1, 1), (1, 28, 28))


def test_each_component_is_a_model_of_its_own_with_the_same_keys(dcgan):
    torch.manual_seed(0)
    whole = compile_model(dcgan).eval()
    parts = compile_components(dcgan)
    assert list(parts) == ["generator", "discriminator"]
    generator, discriminator = parts["generator"].eval(), parts["discriminator"].eval()
    assert set(generator.state_dict()) | set(discriminator.state_dict()) == set(whole.state_dict())
    assert all(k.startswith("generator.") for k in generator.state_dict())
    # one checkpoint of the whole graph loads into either network
    state = whole.state_dict()
    generator.load_state_dict({k: v for k, v in state.items() if k.startswith("generator.")})
    discriminator.load_state_dict({k: v for k, v in state.items() if k.startswith("discriminator.")})
    z, x = torch.randn(4, 100, 1, 1), torch.rand(4, 1, 28, 28) * 2 - 1
    with torch.no_grad():
        images = generator(z)
        logits = discriminator(images)
        both = whole(z, x)
    assert images.shape == (4, 1, 28, 28) and images.abs().max() <= 1  # tanh
    assert logits.shape == (4, 1, 1, 1)
    assert torch.equal(both[0], images)
    with torch.no_grad():
        assert torch.equal(both[1], discriminator(x))


def test_a_component_is_found_by_name_or_by_role(dcgan):
    assert find_component(dcgan).name == "generator"
    assert find_component(dcgan, role="real_fake").name == "discriminator"
    assert find_component(dcgan, "discriminator").roles == ("real_fake",)
    with pytest.raises(CompileError, match="no component 'critic': the graph has generator, discriminator"):
        find_component(dcgan, "critic")
    with pytest.raises(CompileError, match="no component with a generated image output"):
        find_component(presets.build("lenet5"))


def _decoder(vae: torch.nn.Module) -> torch.nn.Module:
    """The VAE preset's decoder.0 … decoder.5, run in order (fx keeps them as submodules without a forward)."""
    return torch.nn.Sequential(*(vae.get_submodule(f"decoder.{i}") for i in range(6)))


def test_the_vae_is_deterministic_in_eval_and_samples_while_training():
    graph = presets.build("vae")
    torch.manual_seed(0)
    model = compile_model(graph)
    x = torch.rand(3, 1, 28, 28)
    model.eval()
    with torch.no_grad(), captured_latents(model) as latents:
        first, second = model(x), model(x)
        decoded_mu = _decoder(model)(latents["sample"][0])
    assert torch.equal(first, second) and torch.equal(first, decoded_mu)  # eval decodes mu itself

    model.train()
    generator = torch.Generator().manual_seed(7)
    seed_samplers(model, generator)
    with torch.no_grad(), captured_latents(model) as latents:
        noisy = model(x)
        generator.manual_seed(7)
        again = model(x)
    assert torch.equal(noisy, again) and not torch.equal(noisy, first)  # seeded noise, not mu
    (name,) = latents
    captured_mu, captured_logvar = latents[name]
    assert name == "sample" and captured_mu.shape == captured_logvar.shape == (3, 16, 1, 1)
    encoder = torch.nn.Sequential(*(model.get_submodule(f"encoder.{i}") for i in range(4)))
    with torch.no_grad():
        torch.testing.assert_close(captured_logvar, model.logvar(encoder(x)))


def test_the_vae_decoder_draws_images_from_the_prior_with_the_vaes_weights():
    graph = presets.build("vae")
    vae = compile_model(graph).eval()
    shape = infer_shapes(graph).info[graph.by_name("sample").id].shape
    decoder = compile_model(latent_decoder(graph, shape)).eval()
    assert set(decoder.state_dict()) < set(vae.state_dict())
    decoder.load_state_dict({k: v for k, v in vae.state_dict().items() if k.startswith("decoder.")})
    z = torch.randn(5, *shape)
    with torch.no_grad():
        images = decoder(z)
        assert torch.equal(images, _decoder(vae)(z))
    assert images.shape == (5, 1, 28, 28) and 0 <= images.min() and images.max() <= 1


def test_exported_generator_gives_the_compiled_models_images(dcgan, tmp_path):
    torch.manual_seed(1)
    whole = compile_model(dcgan).eval()
    trained = {k: v + 0.01 * torch.randn_like(v) if v.is_floating_point() else v for k, v in whole.state_dict().items()}
    result = export_model(dcgan, "python", tmp_path / "generator.py", weights=trained, component="generator")
    assert [p.name for p in result.files] == ["generator.py", "generator.safetensors"]
    source = (tmp_path / "generator.py").read_text()
    assert "class Generator(nn.Module)" in source and "Discriminator" not in source
    assert "def forward(self, z: torch.Tensor) -> torch.Tensor:" in source  # a generator draws from z
    module = load_exported(tmp_path / "generator.py", "exported_generator")
    from safetensors.torch import load_file

    code = module.Model().eval()
    code.load_state_dict(load_file(tmp_path / "generator.safetensors"), strict=True)
    compiled = compile_components(dcgan)["generator"].eval()
    compiled.load_state_dict({k: v for k, v in trained.items() if k.startswith("generator.")})
    z = torch.randn(6, 100, 1, 1)
    with torch.no_grad():
        assert torch.equal(code(z), compiled(z))


def test_the_whole_gan_exports_as_one_file_with_both_networks(dcgan, tmp_path):
    source = python_source(dcgan)
    assert "class Generator(nn.Module)" in source and "class Discriminator(nn.Module)" in source
    assert "def forward(self, z: torch.Tensor, image: torch.Tensor)" in source
    (tmp_path / "gan.py").write_text(source)
    code = load_exported(tmp_path / "gan.py", "exported_gan").Model().eval()
    model = compile_model(dcgan).eval()
    code.load_state_dict(model.state_dict(), strict=True)
    z, x = torch.randn(2, 100, 1, 1), torch.randn(2, 1, 28, 28)
    with torch.no_grad():
        assert all(torch.equal(a, b) for a, b in zip(code(z, x), model(z, x)))


def test_the_generator_exports_as_pt2_giving_the_same_images(dcgan, tmp_path):
    torch.manual_seed(2)
    export_model(dcgan, "pt2", tmp_path / "generator.pt2", component="generator")
    program = torch.export.load(tmp_path / "generator.pt2")
    assert list(program.state_dict) and all(k.startswith("generator.") for k in program.state_dict)
    compiled = compile_components(dcgan)["generator"].eval()
    compiled.load_state_dict(dict(program.state_dict), strict=True)  # the weights the program holds
    z = torch.randn(3, 100, 1, 1)
    with torch.no_grad():
        torch.testing.assert_close(program.module()(z), compiled(z), rtol=0, atol=1e-6)


def test_an_unknown_component_is_a_one_line_export_error(dcgan, tmp_path):
    with pytest.raises(ExportError, match="no component 'critic'"):
        export_model(dcgan, "python", tmp_path / "x.py", component="critic")
    assert not (tmp_path / "x.py").exists()


def test_single_network_graphs_have_one_component():
    graphs = component_graphs(presets.build("lenet5"))
    assert list(graphs) == ["component0"]


def test_the_generator_exports_as_onnx_and_from_the_cli(dcgan, tmp_path, capsys):
    import numpy as np
    import onnxruntime as ort

    from cnnstudio.cli import main
    from cnnstudio.core.project_file import save

    torch.manual_seed(3)
    whole = compile_model(dcgan).eval()
    save(dcgan, tmp_path / "gan.cnn.json")
    from safetensors.torch import save_file

    save_file(whole.state_dict(), tmp_path / "gan.safetensors")
    args = ["export", str(tmp_path / "gan.cnn.json"), "--component", "generator", "-o", str(tmp_path / "g.onnx")]
    assert main([*args, "--weights", str(tmp_path / "gan.safetensors")]) == 0
    assert "g.onnx" in capsys.readouterr().out
    session = ort.InferenceSession(str(tmp_path / "g.onnx"), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["noise"]
    z = torch.randn(3, 100, 1, 1)
    (images,) = session.run(None, {"noise": z.numpy()})
    with torch.no_grad():
        expected = whole(z, torch.zeros(3, 1, 28, 28))[0]
    np.testing.assert_allclose(images, expected.numpy(), rtol=1e-4, atol=1e-5)

    assert main([*args[:-1], str(tmp_path / "h.onnx"), "--component", "critic"]) == 2
    err = capsys.readouterr().err
    assert "no component 'critic'" in err and len(err.strip().splitlines()) == 1


def test_the_training_script_refuses_a_gan_rather_than_training_it_wrongly(dcgan, tmp_path):
    with pytest.raises(ExportError, match="the training script"):
        export_model(dcgan, "train", tmp_path / "train.py")
    generator = component_graphs(dcgan)["generator"]  # one C×H×W input, but no loss the script knows
    with pytest.raises(ExportError, match="cannot train the Generated image output 'generator.output'"):
        export_model(generator, "train", tmp_path / "train.py")
    assert not (tmp_path / "train.py").exists()


def test_python_onnx_and_pt2_generators_draw_the_compiled_models_images_from_one_checkpoint(dcgan, tmp_path, capsys):
    """The three exports of one trained GAN checkpoint, made by the CLI, each turn the same z into the same images
    as the compiled generator (to 1e-5); the discriminator's tensors in that checkpoint are not reported unused."""
    import onnxruntime as ort
    from safetensors.torch import load_file, save_file

    from cnnstudio.cli import main
    from cnnstudio.core.project_file import save

    torch.manual_seed(4)
    whole = compile_model(dcgan).eval()
    trained = {k: v + 0.01 * torch.randn_like(v) if v.is_floating_point() else v for k, v in whole.state_dict().items()}
    save(dcgan, tmp_path / "gan.cnn.json")
    save_file(trained, tmp_path / "gan.safetensors")
    for name in ("g.py", "g.onnx", "g.pt2"):
        args = ["export", str(tmp_path / "gan.cnn.json"), "--component", "generator", "-o", str(tmp_path / name)]
        assert main([*args, "--weights", str(tmp_path / "gan.safetensors")]) == 0
        out = capsys.readouterr().out
        assert "loaded 13 of the model's 13 tensors" in out and "not used" not in out and "discriminator" not in out

    compiled = compile_components(dcgan)["generator"].eval()
    compiled.load_state_dict({k: v for k, v in trained.items() if k.startswith("generator.")}, strict=True)
    code = load_exported(tmp_path / "g.py", "exported_generator_equality").Model().eval()
    code.load_state_dict(load_file(tmp_path / "g.safetensors"), strict=True)
    program = torch.export.load(tmp_path / "g.pt2").module()
    session = ort.InferenceSession(str(tmp_path / "g.onnx"), providers=["CPUExecutionProvider"])
    z = torch.randn(5, 100, 1, 1)
    with torch.no_grad():
        expected = compiled(z)
        drawn = {
            "python": code(z),
            "pt2": program(z),
            "onnx": torch.from_numpy(session.run(None, {"noise": z.numpy()})[0]),
        }
    assert expected.shape == (5, 1, 28, 28) and expected.std() > 0.01  # images, not a constant
    for fmt, images in drawn.items():
        torch.testing.assert_close(images, expected, rtol=0, atol=1e-5, msg=lambda m, fmt=fmt: f"{fmt}: {m}")
