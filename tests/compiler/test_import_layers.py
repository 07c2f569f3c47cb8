"""Import and shape checks of the layers other libraries write: torchvision's FrozenBatchNorm2d, timm's
BatchNormAct2d, and reshapes / permutes that are not a flatten."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torchvision
from torchvision.ops import FrozenBatchNorm2d

from cnnstudio import infer_shapes
from cnnstudio.compiler import compile_model, import_module, python_source
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.diagnostics import SetParams


def _types(graph) -> list[str]:
    return [n.type for n in graph.nodes.values()]


def test_a_frozen_batch_norm_resnet_imports_with_its_buffers():
    torch.manual_seed(0)
    module = torchvision.models.resnet18(num_classes=10, norm_layer=FrozenBatchNorm2d)
    for m in module.modules():  # statistics that are not the identity
        if isinstance(m, FrozenBatchNorm2d):
            m.running_mean.normal_()
            m.running_var.uniform_(0.5, 2.0)
            m.weight.normal_()
    graph = import_module(module, (3, 32, 32), composites=False)  # strict load and equal outputs, checked
    assert _types(graph).count("frozen_batchnorm2d") == 20
    model = compile_model(graph)
    assert set(model.state_dict()) == set(module.state_dict())
    frozen = dict(model.named_buffers())
    assert "bn1.running_var" in frozen and "bn1.weight" in frozen and "bn1.weight" not in dict(model.named_parameters())


class Decoder(nn.Module):
    """A vector back to a map (view), channels last for a LayerNorm (permute) and back (transpose twice)."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 8 * 4 * 4)
        self.norm = nn.BatchNorm2d(8)
        self.conv = nn.Conv2d(8, 3, 3, padding=1)

    def forward(self, x):
        x = self.fc(torch.flatten(x, 1)).view(x.size(0), 8, 4, 4)
        y = x.permute(0, 2, 3, 1)  # N×H×W×C
        y = torch.sigmoid(y).permute(0, 3, 1, 2)
        z = y.transpose(2, 3).transpose(2, 3)
        return self.conv(self.norm(z)).reshape(x.size(0), 3, 2, -1)


def test_views_and_permutes_import_as_reshape_and_permute_and_export_back(tmp_path):
    module = Decoder()
    graph = import_module(module, (10,))
    types = _types(graph)
    assert types.count("reshape") == 2 and types.count("permute") == 4
    assert [n.params["shape"] for n in graph.nodes.values() if n.type == "reshape"] == [[8, 4, 4], [3, 2, 8]]
    source = python_source(graph)
    assert "x = x.reshape(x.size(0), 8, 4, 4)  # N x 8 x 4 x 4" in source
    assert "x = x.permute(0, 2, 3, 1)  # N x 4 x 4 x 8" in source
    namespace: dict = {}
    exec(compile(source, "decoder.py", "exec"), namespace)
    exported = namespace["Model"]().eval()
    model = compile_model(graph).eval()
    exported.load_state_dict(model.state_dict(), strict=True)
    x = torch.randn(3, 10)
    with torch.no_grad():
        assert torch.equal(exported(x), model(x))


def _reshape_error(shape, source):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(source))
    node = b.add("reshape", "reshape", x, shape=shape)
    result = infer_shapes(b.build())
    return next(d for d in result.diagnostics if d.node == node and d.level == "error")


def test_a_reshape_that_changes_the_element_count_says_both_shapes_and_offers_fixes():
    error = _reshape_error([3, 5], (8, 4, 4))
    assert "8×4×4 (128 values)" in error.message and "3×5 (15 values)" in error.message
    fixes = [f.values["shape"] for f in error.fixes if isinstance(f, SetParams)]
    assert [-1] in fixes
    error = _reshape_error([16, 4, 3], (8, 4, 4))
    fixes = [f.values["shape"] for f in error.fixes if isinstance(f, SetParams)]
    assert fixes[0] == [16, 4, -1]
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 4, 4])
    b.add("reshape", "reshape", x, shape=fixes[0])
    assert infer_shapes(b.build()).ok  # the fix works: 128 = 16·4·2
    error = _reshape_error([3, -1], (8, 4, 4))
    assert "128 is not a multiple of 3" in error.message


def test_a_permute_that_is_not_a_permutation_is_refused_with_channels_last_as_a_fix():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 4, 5])
    node = b.add("permute", "permute", x, dims=[0, 0, 1])
    error = next(d for d in infer_shapes(b.build()).diagnostics if d.node == node)
    assert "[0, 0, 1]" in error.message and "8×4×5" in error.message
    assert [f.values["dims"] for f in error.fixes] == [[1, 2, 0], [2, 0, 1]]


@pytest.mark.parametrize("act", [nn.SiLU, nn.ReLU, nn.Hardswish, nn.Identity])
def test_timm_batch_norm_act_imports_as_one_block(act):
    timm_layers = pytest.importorskip("timm.layers")
    module = nn.Sequential(nn.Conv2d(3, 8, 3), timm_layers.BatchNormAct2d(8, act_layer=act, eps=1e-3))
    module[1].running_mean.normal_()
    graph = import_module(module, (3, 8, 8))
    node = next(n for n in graph.nodes.values() if n.type == "batchnorm_act2d")
    assert node.name == "layers.1" and node.params["eps"] == 1e-3
    assert node.params["activation"] == {nn.SiLU: "silu", nn.ReLU: "relu", nn.Hardswish: "hardswish"}.get(
        act, "identity"
    )


def test_the_new_layers_export_as_clean_code_that_computes_the_same(tmp_path):
    from test_codegen import load_exported, ruff_clean

    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    x = b.add("conv2d", "stem", x, out_channels=8, kernel_size=3, padding=1)
    x = b.add("batchnorm_act2d", "bn1", x, activation="silu", drop=0.1)
    x = b.add("frozen_batchnorm2d", "bn2", x)
    x = b.add("timm_convnext_block", "stage.0", x)
    x = b.add("timm_convnext_block", "stage.1", x, conv_mlp=True, kernel_size=3)
    x = b.add("permute", "to_last", x)
    x = b.add("reshape", "view", x, shape=[16, -1])
    graph = b.build()
    path = tmp_path / "layers.py"
    path.write_text(python_source(graph))
    ruff_clean(path)
    model = compile_model(graph).eval()
    code = load_exported(path, "exported_layers").Model().eval()
    code.load_state_dict(model.state_dict(), strict=True)
    assert {"bn1.running_var", "bn2.running_var", "stage.0.gamma", "stage.1.mlp.fc2.weight"} <= set(code.state_dict())
    x = torch.randn(2, 3, 8, 8)
    with torch.no_grad():
        assert torch.equal(code(x), model(x))


def test_a_trained_convnext_whose_layer_scale_is_negative_imports():
    # the block's layer_scale parameter is only the scale's initial value: a trained scale of any sign or size
    # comes in with the weights, and the parameter stays in its range
    from torchvision.models.convnext import CNBlockConfig, ConvNeXt

    torch.manual_seed(0)
    module = ConvNeXt([CNBlockConfig(8, None, 2)], num_classes=3)
    with torch.no_grad():
        for block in module.features[1]:
            block.layer_scale.normal_(0.0, 20.0)
        module.features[1][0].layer_scale[0] = -0.5
        module.features[1][1].layer_scale[0] = 30.0
    graph = import_module(module, (3, 16, 16))  # strict load and equal outputs, checked
    scales = [n.params["layer_scale"] for n in graph.nodes.values() if n.type == "convnext_block"]
    assert scales == [0.0, 10.0]
