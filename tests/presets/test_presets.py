"""The preset catalog: files in sync with builders, shapes equal a real forward, layouts without overlaps,
options (classes, input shape) honoured, and freezing works on presets."""

from __future__ import annotations

import itertools

import pytest
import torch
from preset_forward import assert_shapes_match, node_outputs

import cnnstudio
from cnnstudio import presets
from cnnstudio.compiler import compile_model
from cnnstudio.core.edits import freeze_up_to
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.project_file import dumps, load
from cnnstudio.report import format_table, summary

NAMES = presets.names()
DETECTORS = ["det_small", "det_resnet18"]
CLASSIFIERS = [n for n in NAMES if presets.get(n).num_classes is not None and n not in DETECTORS]
IMAGE_TO_IMAGE = ["autoencoder", "dcgan_generator", "unet_small"]
GENERATIVE = ["dcgan", "vae"]
TORCHVISION = ["alexnet", "vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn"]
TORCHVISION += ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "googlenet"]
MODERN = ["mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small", "efficientnet_b0", "densenet121"]
MODERN += ["squeezenet1_1", "convnext_tiny", "resnext50_32x4d", "shufflenet_v2_x1_0"]
TORCHVISION += MODERN
# The smallest inputs each family takes, for real (CPU) forwards that stay cheap on two cores.
SMALL = {"alexnet": (3, 64, 64), "googlenet": (3, 32, 32), "lenet5": (1, 28, 28)}
SMALL |= {n: (3, 32, 32) for n in NAMES if n.startswith("vgg") or n.startswith("resnet")}
SMALL |= {n: (3, 32, 32) for n in MODERN}
SMALL |= {"autoencoder": (1, 28, 28), "dcgan_generator": (100, 1, 1), "unet_small": (1, 32, 32)}
SMALL |= {"dcgan": (1, 28, 28), "vae": (1, 28, 28)}
SMALL |= {"det_small": (3, 64, 64), "det_resnet18": (3, 64, 64)}
NODE_W, NODE_H = 200, 70  # a node's size on the canvas


def test_catalog_has_every_issue_preset():
    assert set(NAMES) == {"lenet5", *TORCHVISION, *IMAGE_TO_IMAGE, *GENERATIVE, *DETECTORS}
    assert set(CLASSIFIERS) == {"lenet5", *TORCHVISION}
    for name in NAMES:
        spec = presets.get(name)
        assert len(spec.description) > 60, name
        assert presets.path(name).name == f"{name}.cnn.json"


@pytest.mark.parametrize("name", NAMES)
def test_shipped_file_equals_builder(name):
    """The shipped files are what the builders make (regenerate: python -m cnnstudio.presets.generate)."""
    assert presets.path(name).read_text(encoding="utf-8") == dumps(presets.build(name)), (
        f"{name}.cnn.json is stale: run python -m cnnstudio.presets.generate"
    )
    loaded = load(presets.path(name))
    assert loaded.snapshot() == presets.build(name).snapshot()


@pytest.mark.parametrize("name", NAMES)
def test_default_preset_infers_cleanly_and_matches_meta_forward(name):
    """At the shipped input size, every node's inferred shape equals torch's (meta device: shapes only)."""
    graph = presets.build(name)
    result = infer_shapes(graph)
    assert result.ok, [d.message for d in result.errors()]
    codes = {d.code for d in result.diagnostics}
    assert codes == ({"no_output"} if name == "dcgan_generator" else set()), codes
    with torch.device("meta"):
        model = compile_model(graph).eval()
        xs = tuple(torch.zeros(1, *shape) for shape in model.input_shapes)  # the GAN has two inputs
    assert model.input_shapes[-1] == presets.get(name).input_shape
    assert_shapes_match(graph, result, node_outputs(graph, model, xs))


# The presets of torchvision models get the same real-forward check in test_torchvision_compat.py, on the
# model that loaded torchvision's weights: one forward there instead of two big models built twice.
@pytest.mark.parametrize("name", [n for n in NAMES if n not in TORCHVISION])
def test_small_input_shapes_equal_real_forward(name):
    """A real CPU forward at a small input: every node's output shape equals the inferred one."""
    torch.manual_seed(0)
    graph = presets.build(name, input_shape=SMALL[name])
    result = infer_shapes(graph)
    assert result.ok, [d.message for d in result.errors()]
    model = compile_model(graph).eval()
    xs = tuple(torch.randn(1, *shape) for shape in model.input_shapes)
    assert_shapes_match(graph, result, node_outputs(graph, model, xs))
    assert sum(p.numel() for p in model.parameters()) == result.total_params


@pytest.mark.parametrize("name", NAMES)
def test_layout_has_no_overlapping_nodes(name):
    graph = presets.build(name)
    boxes = [(node.name, node.pos) for node in graph.nodes.values()]
    for (a, (ax, ay)), (b, (bx, by)) in itertools.combinations(boxes, 2):
        assert abs(ax - bx) >= NODE_W or abs(ay - by) >= NODE_H, f"{a} at {ax, ay} overlaps {b} at {bx, by}"


def test_main_paths_read_as_straight_columns():
    """ResNet and GoogLeNet keep the main path in one column; GoogLeNet's aux heads get columns of their own."""
    graph = presets.build("resnet50")
    assert {node.pos[0] for node in graph.nodes.values()} == {0.0}
    graph = presets.build("googlenet")
    xs = {node.name.split(".")[0]: node.pos[0] for node in graph.nodes.values()}
    assert xs["aux1"] != xs["aux2"] and xs["aux1"] != xs["inception4a"]
    assert {x for name, x in xs.items() if not name.startswith("aux")} == {0.0}


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_num_classes_sets_the_head(name):
    graph = presets.build(name, num_classes=7, input_shape=SMALL[name])
    result = infer_shapes(graph)
    heads = [nid for nid, node in graph.nodes.items() if node.type == "classification_output"]
    assert heads and all(result.info[nid].shape == (7,) for nid in heads)


@pytest.mark.parametrize("name", DETECTORS)
def test_detectors_take_classes_and_carry_a_training_config(name):
    graph = presets.build(name, num_classes=5, input_shape=SMALL[name])
    result = infer_shapes(graph)
    (head,) = [nid for nid, node in graph.nodes.items() if node.type == "detection_output"]
    assert graph.nodes[head].params["num_classes"] == 5 and result.info[head].in_shapes[0][0] == 9
    assert graph.meta["training"]["data"] == "shapes-boxes"


def test_det_resnet18_backbone_takes_torchvision_weights():
    import torchvision

    model = compile_model(presets.build("det_resnet18"))
    reference = torchvision.models.resnet18().state_dict()
    missing, unexpected = model.load_state_dict(reference, strict=False)
    assert unexpected == ["fc.weight", "fc.bias"]
    assert {key.split(".")[0] for key in missing} == {"neck", "head"}
    torch.testing.assert_close(model.state_dict()["layer4.1.conv2.weight"], reference["layer4.1.conv2.weight"])


def test_torchvision_presets_default_to_imagenet():
    for name in TORCHVISION:
        spec = presets.get(name)
        assert (spec.num_classes, spec.input_shape) == (1000, (3, 224, 224)), name


def test_input_shape_follows_the_option():
    graph = presets.build("resnet18", num_classes=5, input_shape=(1, 96, 64))
    result = infer_shapes(graph)
    assert result.info[graph.by_name("layer4.1").id].shape == (512, 3, 2)
    assert graph.by_name("conv1") and result.info[graph.by_name("conv1").id].in_shapes == [(1, 96, 64)]


@pytest.mark.parametrize("name", IMAGE_TO_IMAGE + GENERATIVE)
def test_image_to_image_presets_refuse_classes(name):
    with pytest.raises(ValueError, match="image-to-image"):
        presets.build(name, num_classes=10)


@pytest.mark.parametrize(("name", "shape"), [("autoencoder", (3, 32, 32)), ("unet_small", (3, 48, 40))])
def test_reconstruction_presets_return_the_input_shape(name, shape):
    graph = presets.build(name, input_shape=shape)
    result = infer_shapes(graph)
    assert result.ok
    (head,) = [nid for nid, node in graph.nodes.items() if node.type == "reconstruction_output"]
    assert result.info[head].shape == shape
    model = compile_model(graph).eval()
    with torch.no_grad():
        out = model(torch.rand(2, *shape))
    assert out.shape == (2, *shape) and 0 <= out.min() and out.max() <= 1  # sigmoid: pixel range


@pytest.mark.parametrize(("name", "shape"), [("autoencoder", (1, 30, 30)), ("unet_small", (1, 60, 64))])
def test_image_to_image_presets_reject_sizes_they_cannot_rebuild(name, shape):
    with pytest.raises(ValueError, match="divisible by"):
        presets.build(name, input_shape=shape)


def test_dcgan_generator_makes_a_64px_rgb_image_in_tanh_range():
    graph = presets.build("dcgan_generator")
    assert "no training target" in presets.get("dcgan_generator").description
    model = compile_model(graph).eval()
    with torch.no_grad():
        image = model(torch.randn(2, 100, 1, 1))
    assert image.shape == (2, 3, 64, 64) and image.abs().max() <= 1
    keys = set(model.state_dict())  # the PyTorch DCGAN tutorial's Generator.main keys
    assert {"main.0.weight", "main.1.running_mean", "main.12.weight"} <= keys and "main.0.bias" not in keys


def test_unet_concatenates_skips_at_each_depth():
    graph = presets.build("unet_small")
    result = infer_shapes(graph)
    for level, width in ((1, 16), (2, 32), (3, 64)):
        cat = graph.by_name(f"cat{level}")
        sources = {graph.nodes[e.src].name for e in graph.in_edges(cat.id).values()}
        assert sources == {f"up{level}", f"down{level}.1"}
        assert result.info[cat.id].shape[0] == 2 * width


def test_frozen_preset_trains_only_its_head_and_keeps_frozen_batchnorm_in_eval():
    graph = presets.build("resnet18", num_classes=10, input_shape=(3, 32, 32))
    freeze_up_to(graph, graph.by_name("avgpool").id).apply(graph)
    model = compile_model(graph)
    trainable = {name for name, p in model.named_parameters() if p.requires_grad}
    assert trainable == {"fc.weight", "fc.bias"}
    model.train()
    batchnorms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    assert batchnorms and not any(m.training for m in batchnorms)
    assert model.fc.training
    before = model.bn1.running_mean.clone()
    model(torch.randn(4, 3, 32, 32)).sum().backward()  # a training step leaves frozen statistics alone
    assert torch.equal(model.bn1.running_mean, before)
    assert model.fc.weight.grad is not None and model.conv1.weight.grad is None


def test_summary_counts_trainable_and_frozen_params_of_a_frozen_resnet18():
    graph = presets.build("resnet18", num_classes=10)
    freeze_up_to(graph, graph.by_name("avgpool").id).apply(graph)
    data = summary(graph)
    assert data["trainable_params"] == 512 * 10 + 10
    assert data["frozen_params"] == data["total_params"] - 5130 == 11_176_512
    table = format_table(graph, data)
    assert "trainable 5,130, frozen 11,176,512" in table
    assert "Residual (frozen)" in table


def test_freeze_flags_survive_save_and_load(tmp_path):
    graph = presets.build("googlenet", num_classes=10)
    freeze_up_to(graph, graph.by_name("inception4e").id).apply(graph)
    cnnstudio.save(graph, tmp_path / "g.cnn.json")
    again = cnnstudio.load(tmp_path / "g.cnn.json")
    assert again.snapshot() == graph.snapshot()
    assert not again.by_name("conv1").trainable and again.by_name("inception5a").trainable
    assert again.by_name("aux1.fc2").trainable  # aux1 branches off 4a: not an ancestor of 4e
