"""Receptive field and effective stride against a gradient measurement in PyTorch.

The receptive field of one output pixel is the extent of the input pixels whose gradient is nonzero. Max
pooling and ReLU pass gradient to some inputs only, so the extent is the union over a batch of random inputs.
"""

from __future__ import annotations

import pytest
import torch
from core_graphs import node_id

import cnnstudio.blocks  # noqa: F401
from cnnstudio.compiler.fx_compile import compile_model
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.inference import infer_shapes


def _measured(model, in_shape, out_hw: tuple[int, int], batch: int = 24) -> tuple[int, int, int, int]:
    """(first row, height, first column, width) of the input region one output pixel depends on."""
    torch.manual_seed(0)
    x = torch.randn(batch, *in_shape, requires_grad=True)
    y = model.eval()(x)
    y[:, :, out_hw[0], out_hw[1]].sum().backward()
    touched = x.grad.abs().sum(dim=(0, 1)) > 0
    rows = touched.any(dim=1).nonzero().flatten()
    cols = touched.any(dim=0).nonzero().flatten()
    return int(rows[0]), int(rows[-1] - rows[0] + 1), int(cols[0]), int(cols[-1] - cols[0] + 1)


def _graph(*layers, shape):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    b.chain(x, *layers)
    return b.build()


STACKS = {
    "conv_pool_stack": (
        (
            ("conv2d", "c1", dict(out_channels=4, kernel_size=3, padding=1)),
            ("relu", "r1", {}),
            ("maxpool2d", "p1", dict(kernel_size=2, stride=2)),
            ("conv2d", "c2", dict(out_channels=4, kernel_size=3, dilation=2, padding=2)),
            ("avgpool2d", "p2", dict(kernel_size=3, stride=2, padding=1)),
            ("conv2d", "c3", dict(out_channels=3, kernel_size=[3, 5], stride=2)),
        ),
        (2, 64, 64),
    ),
    "residual_basic_stride2": (
        (("conv2d", "stem", dict(out_channels=4, kernel_size=3)), ("residual", "block", dict(planes=4, stride=2))),
        (3, 40, 40),
    ),
    "residual_bottleneck": ((("residual", "block", dict(kind="bottleneck", planes=2)),), (3, 24, 24)),
    "inception": (
        (("inception", "inc", dict(ch1x1=2, ch3x3red=2, ch3x3=2, ch5x5red=2, ch5x5=2, pool_proj=2)),),
        (3, 24, 24),
    ),
    "conv_bn_relu": ((("conv_bn_relu", "cbr", dict(out_channels=3, kernel_size=5, stride=2, padding=2)),), (3, 24, 24)),
}


@pytest.mark.parametrize("case", list(STACKS), ids=list(STACKS))
def test_receptive_field_and_stride_match_gradients(case):
    layers, shape = STACKS[case]
    graph = _graph(*layers, shape=shape)
    result = infer_shapes(graph)
    assert result.errors() == []
    last = node_id(graph, layers[-1][1])
    info = result.info[last]
    model = compile_model(graph)
    _, oh, ow = info.shape
    cy, cx = oh // 2, ow // 2  # the middle output pixel: its field lies away from the borders
    top, height, left, width = _measured(model, shape, (cy, cx))
    assert top > 0 and left > 0 and top + height < shape[1] and left + width < shape[2], "field touches a border"
    assert (height, width) == info.rf
    top2, _, left2, _ = _measured(model, shape, (cy + 1, cx + 1))
    assert (top2 - top, left2 - left) == info.jump


def test_residual_motif_of_plain_blocks():
    """conv-bn-relu-conv-bn + shortcut → add → relu: the field is that of the longer branch."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[2, 24, 24])
    y = b.chain(
        x,
        ("conv2d", "m.conv1", dict(out_channels=2, padding=1)),
        ("batchnorm2d", "m.bn1", {}),
        ("relu", "m.relu1", {}),
        ("conv2d", "m.conv2", dict(out_channels=2, padding=1)),
        ("batchnorm2d", "m.bn2", {}),
    )
    out = b.add("relu", "m.relu2", b.add("add", "m.add", y, x))
    graph = b.build()
    info = infer_shapes(graph).info[out]
    assert info.rf == (5, 5) and info.jump == (1, 1)
    _, height, _, width = _measured(compile_model(graph), (2, 24, 24), (12, 12))
    assert (height, width) == (5, 5)


def test_dense_layers_see_the_whole_image():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 12, 10])
    fc = b.chain(x, ("conv2d", "c", dict(out_channels=2)), ("flatten", "f", {}), ("linear", "fc", dict(out_features=3)))
    gap = b.chain(x, ("conv2d", "c2", dict(out_channels=2)), ("global_avgpool", "gap", {}))
    result = infer_shapes(b.build())
    assert result.info[fc].rf == (12, 10)
    assert result.info[gap].rf == (12, 10)
