"""Several networks on one canvas: each component inferred on its own, named, and tied by the GAN diagnostic."""

from __future__ import annotations

import cnnstudio  # noqa: F401  (registers the catalog)
from cnnstudio import presets
from cnnstudio.core.block import OUTPUT_ROLES, REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.components import component_ids, components, latent_decoder
from cnnstudio.core.diagnostics import fix_edit
from cnnstudio.core.inference import infer_shapes
from cnnstudio.report import format_table, summary


def _gan(image_shape=(1, 28, 28), names=True):
    """A tiny GAN: noise 8×1×1 → 1×4×4 generated image; image → conv → real/fake logit."""
    g, d = ("generator.", "discriminator.") if names else ("g", "d")
    b = GraphBuilder()
    z = b.add("latent_input", "noise", shape=[8, 1, 1])
    b.chain(
        z,
        ("conv_transpose2d", f"{g}up", dict(out_channels=1, kernel_size=4, stride=1, padding=0)),
        ("generated_output", f"{g}output", {}),
    )
    x = b.add("input", "image", shape=list(image_shape))
    b.chain(
        x,
        ("conv2d", f"{d}conv", dict(out_channels=1, kernel_size=list(image_shape[1:]), stride=1, padding=0)),
        ("realfake_output", f"{d}output", {}),
    )
    return b.build()


def test_every_output_declares_a_role_and_inputs_say_where_values_come_from():
    for block in REGISTRY:
        if block.is_output:
            assert block.role in OUTPUT_ROLES, block.type
        elif block.is_input:
            assert block.role in ("data", "latent"), block.type
        else:
            assert block.role is None, block.type
    assert REGISTRY.get("classification_output").role == "classification"
    assert REGISTRY.get("reconstruction_output").role == "reconstruction"
    assert REGISTRY.get("generated_output").role == "generated_image"
    assert REGISTRY.get("realfake_output").role == "real_fake"
    assert REGISTRY.get("latent_input").role == "latent"


def test_components_are_found_and_named_by_their_top_level_name_else_their_role():
    graph = _gan((1, 4, 4))
    found = components(graph)
    assert [(c.name, c.roles, len(c.nodes)) for c in found] == [
        ("generator", ("generated_image",), 3),
        ("discriminator", ("real_fake",), 3),
    ]
    unnamed = components(_gan((1, 4, 4), names=False))
    assert [c.name for c in unnamed] == ["generator", "discriminator"]
    assert len(component_ids(presets.build("lenet5"))) == 1
    assert [c.name for c in components(presets.build("lenet5"))] == ["component0"]


def test_each_component_is_inferred_on_its_own():
    graph = _gan((1, 4, 4))
    result = infer_shapes(graph)
    assert result.ok and result.diagnostics == []
    assert result.info[graph.by_name("generator.output").id].shape == (1, 4, 4)
    assert result.info[graph.by_name("discriminator.output").id].shape == (1, 1, 1)
    # an error in one network leaves the other one inferred
    graph.by_name("generator.up").params["kernel_size"] = 0
    result = infer_shapes(graph)
    assert {d.node for d in result.errors()} == {graph.by_name("generator.up").id}
    assert result.info[graph.by_name("discriminator.output").id].shape == (1, 1, 1)


def test_receptive_fields_are_measured_on_their_own_components_input():
    """A global layer sees its own network's whole image, not the size of another network's input."""
    b = GraphBuilder()
    x = b.add("input", "a", shape=[1, 28, 28])
    b.chain(x, ("global_avgpool", "a_gap", {}), ("linear", "a_fc", dict(out_features=2)))
    y = b.add("input", "b", shape=[1, 6, 6])
    b.chain(y, ("global_avgpool", "b_gap", {}))
    graph = b.build()
    result = infer_shapes(graph)
    assert result.info[graph.by_name("a_gap").id].rf == (28, 28)
    assert result.info[graph.by_name("b_gap").id].rf == (6, 6)


def test_the_discriminator_must_read_the_generators_image_shape():
    graph = _gan((1, 5, 5))
    result = infer_shapes(graph)
    (error,) = result.errors()
    image = graph.by_name("image")
    assert (error.node, error.code) == (image.id, "gan_shape")
    assert "1×5×5" in error.message and "1×4×4" in error.message  # both shapes, named
    assert "'image'" in error.message and "'generator.output'" in error.message
    (fix,) = error.fixes
    assert fix.label == "Set shape to 1×4×4"
    edit = fix_edit(graph, image.id, fix, REGISTRY)
    edit.apply(graph)
    assert image.params["shape"] == [1, 4, 4]
    graph.by_name("discriminator.conv").params["kernel_size"] = [4, 4]
    assert infer_shapes(graph).ok
    edit.revert(graph)
    assert image.params["shape"] == [1, 5, 5]


def test_the_tie_is_only_between_separate_networks():
    """One network that ends in both heads (no discriminator of its own) is not a GAN pair to check."""
    b = GraphBuilder()
    x = b.add("input", "image", shape=[1, 4, 4])
    y = b.add("relu", "relu", x)
    b.add("generated_output", "gen", y)
    b.chain(y, ("conv2d", "conv", dict(out_channels=1, kernel_size=4)), ("realfake_output", "judge", {}))
    assert infer_shapes(b.build()).ok


def test_a_latent_input_is_not_what_a_reconstruction_is_compared_with():
    b = GraphBuilder()
    z = b.add("latent_input", "z", shape=[4, 1, 1])
    up = b.add("conv_transpose2d", "up", z, out_channels=1, kernel_size=4, stride=1, padding=0)
    b.add("reconstruction_output", "output", up)
    assert infer_shapes(b.build()).ok  # 1×4×4 against noise 4×1×1 would be a reconstruction_shape error


def test_heads_of_generative_models_check_their_shapes():
    b = GraphBuilder()
    x = b.add("input", "x", shape=[10])
    b.add("realfake_output", "judge", x)
    (error,) = infer_shapes(b.build()).errors()
    assert error.code == "one_logit" and "one logit per image, got 10" in error.message

    b = GraphBuilder()
    x = b.add("input", "x", shape=[10])
    b.add("generated_output", "gen", x)
    (error,) = infer_shapes(b.build()).errors()
    assert error.code == "rank" and "C×H×W" in error.message

    b = GraphBuilder()
    mu = b.add("input", "mu", shape=[8])
    logvar = b.add("input", "logvar", shape=[4])
    b.add("sample_gaussian", "sample", mu, logvar)
    (error,) = infer_shapes(b.build()).errors()
    assert error.code == "shape_mismatch" and "mu 8, logvar 4" in error.message


def test_summary_totals_each_network():
    graph = presets.build("dcgan")
    data = summary(graph)
    parts = {c["name"]: c for c in data["components"]}
    assert list(parts) == ["generator", "discriminator"]
    assert parts["generator"]["roles"] == ["generated_image"]
    assert parts["generator"]["params"] + parts["discriminator"]["params"] == data["total_params"]
    names = [row["name"] for row in data["nodes"]]
    assert names.index("generator.output") < names.index("image")  # each network's rows together
    text = format_table(graph, data)
    assert f"generator (generated image): {parts['generator']['params']:,} params" in text
    assert "discriminator (real/fake)" in text
    assert "components" not in summary(presets.build("lenet5"))  # one network: as before


def test_a_vae_decoder_is_what_follows_its_sampler():
    graph = presets.build("vae")
    result = infer_shapes(graph)
    shape = result.info[graph.by_name("sample").id].shape
    decoder = latent_decoder(graph, shape)
    names = [n.name for n in decoder.nodes.values()]
    assert names[0] == "z" and "mu" not in names and "encoder.0" not in names
    assert [n.type for n in decoder.nodes.values()][-1] == "generated_output"
    decoded = infer_shapes(decoder)
    assert decoded.ok
    assert decoded.info[decoder.by_name("decoder.5").id].shape == (1, 28, 28)
    assert len(graph.nodes) == len(presets.build("vae").nodes)  # the design itself is untouched
