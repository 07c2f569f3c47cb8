"""The mobile networks' composites read torchvision's modules back as one block each, with their weights."""

from __future__ import annotations

import torch
import torchvision
from torch import nn

from cnnstudio.compiler import compile_model
from cnnstudio.compiler.importer import import_module


def test_mobilenet_v2_imports_as_inverted_residual_blocks():
    torch.manual_seed(0)
    module = torchvision.models.mobilenet_v2(num_classes=10).eval()
    graph = import_module(module, (3, 32, 32))
    blocks = [n for n in graph.nodes.values() if n.type == "inverted_residual"]
    assert [n.name for n in blocks] == [f"features.{i}" for i in range(1, 18)]
    assert graph.by_name("features.1").params == dict(out_channels=16, stride=1, expand_ratio=1)
    assert graph.by_name("features.2").params == dict(out_channels=24, stride=2, expand_ratio=6)
    model = compile_model(graph).eval()
    model.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(model(x), module(x), rtol=1e-4, atol=1e-5)


def test_squeeze_excitation_of_torchvision_ops_imports_as_one_block():
    class Gated(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 8, 3)
            self.se = torchvision.ops.SqueezeExcitation(8, 2, nn.SiLU, nn.Hardsigmoid)

        def forward(self, x):
            return self.se(self.conv(x))

    torch.manual_seed(0)
    module = Gated().eval()
    graph = import_module(module, (3, 9, 9))
    se = graph.by_name("se")
    assert se.type == "squeeze_excitation"
    assert se.params == dict(squeeze_channels=2, activation="silu", scale_activation="hardsigmoid")
    model = compile_model(graph).eval()
    model.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(2, 3, 9, 9)
    with torch.no_grad():
        torch.testing.assert_close(model(x), module(x), rtol=1e-5, atol=1e-6)


def test_an_inverted_residual_with_other_settings_is_read_layer_by_layer():
    """A MobileNetV2 block with a non-default batch norm is not the composite: its layers import one by one."""
    torch.manual_seed(0)
    module = torchvision.models.mobilenet_v2(num_classes=10, norm_layer=lambda c: nn.BatchNorm2d(c, eps=1e-3))
    graph = import_module(module.eval(), (3, 32, 32))
    assert not any(n.type == "inverted_residual" for n in graph.nodes.values())
    assert graph.by_name("features.2.conv.1.0").params["groups"] == 96


def test_shufflenet_v2_imports_as_shufflenet_units():
    torch.manual_seed(0)
    module = torchvision.models.shufflenet_v2_x0_5(num_classes=10).eval()
    graph = import_module(module, (3, 32, 32))
    units = [n for n in graph.nodes.values() if n.type == "shufflenet_unit"]
    assert len(units) == 16
    assert graph.by_name("stage2.0").params == dict(out_channels=48, stride=2)
    assert graph.by_name("stage3.1").params == dict(out_channels=96, stride=1)
    model = compile_model(graph).eval()
    model.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(model(x), module(x), rtol=1e-4, atol=1e-5)
