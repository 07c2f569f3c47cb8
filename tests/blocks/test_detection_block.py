"""The detection head: its diagnostics, and the decoding of a map whose one peak is known."""

import math

import torch

from cnnstudio.blocks.modules import CenterNetDecode
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.inference import infer_shapes


def _graph(shape, channels=None, pools=0, num_classes=3):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    for i in range(pools):
        x = b.add("maxpool2d", f"pool{i}", x, kernel_size=2, stride=2)
    if channels is not None:
        x = b.add("conv2d", "head", x, out_channels=channels, kernel_size=1, padding=0)
    b.add("detection_output", "output", x, num_classes=num_classes)
    return b.graph


def _diags(graph):
    return [(d.level, d.code, d.message) for d in infer_shapes(graph).diagnostics]


def test_wrong_channel_count_shows_the_arithmetic():
    (level, code, message), *_ = _diags(_graph((3, 32, 32), channels=9))
    assert (level, code) == ("error", "channels")
    assert "num_classes + 4 = 3 + 4 = 7" in message and "got 9" in message


def test_a_flat_vector_is_refused():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[7])
    b.add("detection_output", "output", x, num_classes=3)
    (level, code, message), *_ = _diags(b.graph)
    assert code == "needs_map" and "the detection head needs a feature map, got a flat vector" in message


def test_a_tiny_grid_warns_with_the_stride():
    diags = _diags(_graph((3, 64, 64), channels=7, pools=5))
    assert ("warning", "small_grid") in [(lv, c) for lv, c, _ in diags]
    message = next(m for _, c, m in diags if c == "small_grid")
    assert message.startswith("stride 32 on a 64×64 input leaves a 2×2 grid: small objects will be missed")
    assert not [c for _, c, _ in _diags(_graph((3, 64, 64), channels=7, pools=3)) if c == "small_grid"]


def test_one_peak_decodes_to_its_box():
    decode = CenterNetDecode(num_classes=2, max_detections=5, score_threshold=0.1).eval()
    x = torch.full((1, 6, 8, 8), -10.0)
    x[0, 1, 3, 5] = 4.0  # class 1, cell (row 3, col 5)
    x[0, 2, 3, 5] = math.log(2.0)  # width: 2 cells
    x[0, 3, 3, 5] = math.log(4.0)  # height: 4 cells
    x[0, 4, 3, 5], x[0, 5, 3, 5] = 0.5, 0.25
    rows = decode(x)
    assert rows.shape == (1, 5, 6)
    cx, cy = (5 + 0.5) / 8, (3 + 0.25) / 8
    expected = torch.tensor([cx - 1 / 8, cy - 2 / 8, cx + 1 / 8, cy + 2 / 8, torch.sigmoid(torch.tensor(4.0)), 1.0])
    torch.testing.assert_close(rows[0, 0], expected)
    assert rows[0, 1:].abs().sum() == 0  # everything else is below the threshold: zeros
    decode.train()
    assert decode(x) is x  # training: the raw map for the loss
