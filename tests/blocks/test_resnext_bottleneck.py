"""ResNeXt's grouped bottleneck is the residual block with groups and a width per group: torchvision's
resnext50_32x4d imports as residual blocks with its weights, and the block's formulas count what torch builds."""

from __future__ import annotations

import torch
import torchvision

from cnnstudio.compiler import compile_model
from cnnstudio.compiler.importer import import_module
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.inference import infer_shapes


def test_torchvision_resnext_imports_as_grouped_residual_blocks():
    torch.manual_seed(0)
    module = torchvision.models.resnext50_32x4d(num_classes=10).eval()
    graph = import_module(module, (3, 32, 32))
    first = graph.by_name("layer1.0")
    assert first.type == "residual"
    assert first.params == dict(kind="bottleneck", planes=64, stride=1, groups=32, width_per_group=4)
    assert graph.by_name("layer4.0").params["stride"] == 2
    model = compile_model(graph).eval()
    model.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(model(x), module(x), rtol=1e-4, atol=1e-5)


def test_grouped_bottleneck_counts_params_and_macs_like_torch():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[48, 10, 10])
    b.add("residual", "block", x, kind="bottleneck", planes=32, stride=2, groups=8, width_per_group=8)
    graph = b.build()
    info = infer_shapes(graph).info[graph.by_name("block").id]
    module = torchvision.models.resnet.Bottleneck(
        48,
        32,
        stride=2,
        groups=8,
        base_width=8,
        downsample=torch.nn.Sequential(torch.nn.Conv2d(48, 128, 1, 2, bias=False), torch.nn.BatchNorm2d(128)),
    )
    assert info.shape == (128, 5, 5)
    assert info.params == sum(p.numel() for p in module.parameters())
    # conv1 32·48·100 px, the grouped 3×3 (32/8)·32·9·25, conv3 128·32·25, the projection 128·48·25
    assert info.macs == 32 * 48 * 100 + 4 * 32 * 9 * 25 + 128 * 32 * 25 + 128 * 48 * 25
