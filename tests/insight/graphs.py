"""Small graphs for the insight tests: a branching one with every module-less node type."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder


def branching_graph(num_classes: int = 5):
    """Residual, inception, explicit add and concat, flatten and a dense head on a 3×24×24 input."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 24, 24])
    x = b.add("conv_bn_relu", "stem", x, out_channels=8, kernel_size=3, padding=1)
    x = b.add("inception", "inception3a", x, ch1x1=4, ch3x3red=4, ch3x3=6, ch5x5red=2, ch5x5=3, pool_proj=3)
    x = b.add("residual", "layer1.0", x, planes=8, stride=2)  # 16 → 8 channels, 12×12
    left = b.add("conv2d", "left", x, out_channels=8, kernel_size=3, padding=1)
    summed = b.add("add", "sum", left, x)
    right = b.add("conv2d", "right", x, out_channels=4, kernel_size=5, padding=2)
    joined = b.add("concat", "cat", summed, right)
    x = b.add("maxpool2d", "pool", joined, kernel_size=2, stride=2)
    x = b.add("flatten", "flatten", x)
    x = b.add("linear", "fc", x, out_features=num_classes)
    b.add("classification_output", "output", x)
    return b.build()
