"""A detector whose weights are set by hand: a red 4×4 patch is a "square" (class 1) centred in its cell."""

from __future__ import annotations

import math

import torch

from cnnstudio.compiler import compile_model
from cnnstudio.core.builder import GraphBuilder

CLASSES = ["circle", "square", "triangle"]


def planted_detector():
    """3×32×32 → one 4×4 stride-4 convolution (an 8×8 grid) → the Detection output, weights set so that the
    red channel's sum in a cell is the class-1 logit (−5 elsewhere), boxes 2 cells wide, centred in the cell."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 32, 32])
    x = b.add("conv2d", "head", x, out_channels=7, kernel_size=4, stride=4)
    b.add("detection_output", "output", x, num_classes=3)
    graph = b.build()
    model = compile_model(graph)
    conv = model.get_submodule("head")
    with torch.no_grad():
        conv.weight.zero_()
        conv.weight[1, 0] = 1.0  # class 1 ← red
        conv.bias.copy_(torch.tensor([-5.0, -5.0, -5.0, math.log(2.0), math.log(2.0), 0.5, 0.5]))
    return graph, model.eval()


def red_patch(row: int = 2, col: int = 5) -> torch.Tensor:
    image = torch.zeros(3, 32, 32)
    image[0, 4 * row : 4 * row + 4, 4 * col : 4 * col + 4] = 1.0
    return image
