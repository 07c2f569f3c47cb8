"""Graph → torch.fx: module names, heads, freezing, errors, functions, several inputs."""

from __future__ import annotations

import copy
import operator

import pytest
import torch
import torch.nn as nn
from torchvision.models.googlenet import Inception as TvInception
from torchvision.models.resnet import BasicBlock as TvBasic
from torchvision.models.resnet import Bottleneck as TvBottleneck

import cnnstudio
from cnnstudio.compiler.fx_compile import NODE_META, CompileError, compile_model
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.edits import SetParam


def _resnet_like(frozen: set[str] = frozenset()):
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    x = b.chain(
        x,
        ("conv2d", "conv1", dict(out_channels=8, kernel_size=3, padding=1, bias=False)),
    )
    x = b.add("batchnorm2d", "bn1", x, trainable="bn1" not in frozen)
    x = b.add("relu", "relu", x)
    x = b.add("residual", "layer1.0", x, planes=8, trainable="layer1.0" not in frozen)
    x = b.add("residual", "layer2.0", x, planes=16, stride=2, trainable="layer2.0" not in frozen)
    x = b.add("residual", "layer3.0", x, kind="bottleneck", planes=4, stride=2)
    x = b.chain(x, ("global_avgpool", "avgpool", {}), ("linear", "fc", dict(out_features=5)))
    b.add("classification_output", "output", x)
    return b.build()


def _keys(module: nn.Module, prefix: str) -> set[str]:
    return {f"{prefix}.{k}" for k in module.state_dict()}


def test_state_dict_keys_are_the_dotted_names_of_torchvision_blocks():
    model = compile_model(_resnet_like())
    keys = set(model.state_dict())
    assert "layer1.0.conv1.weight" in keys and "layer2.0.downsample.0.weight" in keys
    down2 = nn.Sequential(nn.Conv2d(8, 16, 1, 2, bias=False), nn.BatchNorm2d(16))
    down3 = nn.Sequential(nn.Conv2d(16, 16, 1, 2, bias=False), nn.BatchNorm2d(16))
    expected = (
        {"conv1.weight"}
        | _keys(nn.BatchNorm2d(8), "bn1")
        | _keys(TvBasic(8, 8), "layer1.0")
        | _keys(TvBasic(8, 16, 2, down2), "layer2.0")
        | _keys(TvBottleneck(16, 4, 2, down3), "layer3.0")
        | {"fc.weight", "fc.bias"}
    )
    assert keys == expected
    for name, module in (("layer1.0", TvBasic(8, 8)), ("layer3.0", TvBottleneck(16, 4, 2, down3))):
        shapes = {k: v.shape for k, v in module.state_dict().items()}
        assert {k: v.shape for k, v in model.get_submodule(name).state_dict().items()} == shapes


def test_inception_matches_torchvision_layout_and_output():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[12, 7, 7])
    b.add("inception", "inception3a", x, ch1x1=4, ch3x3red=3, ch3x3=5, ch5x5red=2, ch5x5=3, pool_proj=2)
    model = compile_model(b.build()).eval()
    reference = TvInception(12, 4, 3, 5, 2, 3, 2).eval()
    reference.load_state_dict({k.removeprefix("inception3a."): v for k, v in model.state_dict().items()})
    x = torch.randn(2, 12, 7, 7)
    torch.testing.assert_close(model(x), reference(x))


def test_one_head_returns_a_tensor_in_train_and_eval():
    model = compile_model(_resnet_like())
    x = torch.randn(2, 3, 16, 16)
    assert model.train()(x).shape == (2, 5)
    assert model.eval()(x).shape == (2, 5)
    assert [(h.name, h.kind, h.auxiliary) for h in model.heads] == [("output", "classification", False)]
    assert model.input_shape == (3, 16, 16) and model.input_shapes == ((3, 16, 16),)


def _with_aux():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    f = b.add("conv2d", "features", x, out_channels=4)
    aux = b.chain(f, ("global_avgpool", "aux.pool", {}), ("linear", "aux.fc", dict(out_features=3)))
    b.add("classification_output", "aux_out", aux, auxiliary=True, loss_weight=0.3)
    main = b.chain(f, ("flatten", "flat", {}), ("linear", "fc", dict(out_features=3)))
    b.add("classification_output", "out", main, label_smoothing=0.1)
    return b.build()


def test_auxiliary_head_in_training_only():
    model = compile_model(_with_aux())
    x = torch.randn(2, 3, 8, 8)
    main, aux = model.train()(x)
    torch.testing.assert_close(main, model.fc(torch.flatten(model.features(x), 1)))
    torch.testing.assert_close(aux, model.aux.fc(model.aux.pool(model.features(x))))
    evaluated = model.eval()(x)
    assert isinstance(evaluated, torch.Tensor)
    torch.testing.assert_close(evaluated, main)
    assert [(h.name, h.auxiliary, h.loss_weight, h.label_smoothing) for h in model.heads] == [
        ("out", False, 1.0, 0.1),
        ("aux_out", True, 0.3, 0.0),
    ]


def test_frozen_nodes_do_not_train_and_their_batchnorm_stays_in_eval():
    model = compile_model(_resnet_like(frozen={"bn1", "layer1.0"}))
    for name, param in model.named_parameters():
        assert param.requires_grad == (not name.startswith(("bn1.", "layer1.0."))), name
    for copy_ in (model, copy.deepcopy(model)):
        copy_.train()
        assert not copy_.bn1.training
        assert not copy_.get_submodule("layer1.0").bn2.training
        assert copy_.get_submodule("layer2.0").bn1.training
        assert copy_.training
    # running statistics of frozen batch norms do not move in a training step
    before = model.bn1.running_mean.clone()
    model.train()(torch.randn(4, 3, 16, 16)).sum().backward()
    torch.testing.assert_close(model.bn1.running_mean, before)
    assert model.bn1.weight.grad is None and model.fc.weight.grad is not None


def test_deepcopy_keeps_the_compiled_model_attributes():
    model = compile_model(_with_aux())
    twin = copy.deepcopy(model)
    assert twin.heads == model.heads and twin.input_shapes == model.input_shapes
    assert isinstance(twin.train()(torch.randn(2, 3, 8, 8)), tuple)


def test_errors_raise_one_line_naming_the_node():
    graph = _resnet_like()
    SetParam(graph.by_name("fc").id, "out_features", 0).apply(graph)
    with pytest.raises(CompileError) as info:
        compile_model(graph)
    message = str(info.value)
    assert message == "cannot compile: fc: out_features = 0 is outside the allowed range [1, 1000000]"
    SetParam(graph.by_name("layer2.0").id, "planes", -1).apply(graph)
    with pytest.raises(CompileError, match=r"^cannot compile: layer2\.0: .* \(and 1 more problem\(s\)\)$"):
        compile_model(graph)


def test_input_alone_is_refused():
    b = GraphBuilder()
    b.add("input", "input", shape=[3, 4, 4])
    with pytest.raises(CompileError, match="no layers after its input"):
        compile_model(b.build())


def test_merges_and_flatten_are_torch_functions_with_several_inputs():
    b = GraphBuilder()
    image = b.add("input", "image", shape=[3, 8, 8])
    mask = b.add("input", "mask", shape=[1, 8, 8])
    joined = b.add("concat", "joined", image, mask)
    a = b.add("conv2d", "a", joined, out_channels=4, padding=1)
    c = b.add("conv2d", "c", joined, out_channels=4, kernel_size=1)
    summed = b.add("add", "sum", a, c, b.add("relu", "act", c))
    flat = b.add("flatten", "flat", summed)
    b.chain(flat, ("linear", "fc", dict(out_features=2)), ("classification_output", "out", {}))
    graph = b.build()
    model = compile_model(graph).eval()
    assert model.input_shapes == ((3, 8, 8), (1, 8, 8))
    calls = {(n.op, n.target) for n in model.graph.nodes}
    assert ("call_function", torch.cat) in calls and ("call_function", torch.flatten) in calls
    assert ("call_function", operator.add) in calls
    assert not any(hasattr(model, name) for name in ("joined", "sum", "flat", "out"))
    assert "torch.cat" in model.code and "torch.flatten" in model.code
    x, m = torch.randn(2, 3, 8, 8), torch.randn(2, 1, 8, 8)
    j = torch.cat([x, m], 1)
    expected = model.fc(torch.flatten(model.a(j) + model.c(j) + torch.relu(model.c(j)), 1))
    torch.testing.assert_close(model(x, m), expected)
    producers = {n.meta.get(NODE_META) for n in model.graph.nodes}
    assert {"image", "mask", "joined", "a", "c", "sum", "act", "flat", "fc"} <= producers


def test_loose_ends_are_the_outputs_without_a_head():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[4])
    b.add("linear", "left", x, out_features=2)
    b.add("linear", "right", x, out_features=3)
    model = compile_model(b.build())
    left, right = model(torch.randn(5, 4))
    assert left.shape == (5, 2) and right.shape == (5, 3)
    assert [h.kind for h in model.heads] == ["plain", "plain"]


def test_public_api_compiles():
    model = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    assert model(torch.zeros(1, 1, 28, 28)).shape == (1, 10)


def test_no_attribute_of_the_compiled_module_can_be_a_block_name():
    """A layer named _modules or train would replace the module's own registry or method: every attribute of
    nn.Module, fx.GraphModule and a compiled model (as torch has them now) is refused as a name part."""
    from cnnstudio import presets
    from cnnstudio.core.names import name_problem

    model = compile_model(presets.build("lenet5"))
    attributes = set()
    for module in (nn.Module(), torch.fx.GraphModule(nn.Module(), torch.fx.Graph()), model):
        attributes |= {a for a in set(dir(module)) | set(vars(module)) if not a.startswith("__")}
    attributes -= set(dict(model.named_children()))  # the model's own layers: conv1, fc1, ...
    assert attributes and not [a for a in sorted(attributes) if name_problem(f"x.{a}") is None]


@pytest.mark.parametrize("name", ["_modules", "_parameters", "head._buffers", "_version"])
def test_a_block_named_after_a_private_module_attribute_is_an_error_with_a_rename(name):
    from cnnstudio import presets
    from cnnstudio.core.inference import infer_shapes

    graph = presets.build("lenet5")
    graph.by_name("fc2").name = name
    (diag,) = [d for d in infer_shapes(graph).diagnostics if d.code == "bad_name"]
    assert diag.level == "error" and diag.fixes[0].label == f"Rename to {name}_"
    with pytest.raises(CompileError):
        compile_model(graph)
