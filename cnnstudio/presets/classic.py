"""Small classic networks: LeNet-5."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder

from .registry import preset


@preset(
    "lenet5",
    "LeNet-5 (LeCun 1998) with ReLU and max pooling: two 5×5 convolutions, three dense layers. "
    "The default project: trains on the bundled 8×8 digits in seconds.",
    input_shape=(1, 28, 28),
)
def lenet5(num_classes: int = 10, input_shape=(1, 28, 28)):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "conv1", dict(out_channels=6, kernel_size=5, padding=2)),  # N x 6 x 28 x 28
        ("relu", "relu1", {}),
        ("maxpool2d", "pool1", dict(kernel_size=2, stride=2)),  # N x 6 x 14 x 14
        ("conv2d", "conv2", dict(out_channels=16, kernel_size=5)),  # N x 16 x 10 x 10
        ("relu", "relu2", {}),
        ("maxpool2d", "pool2", dict(kernel_size=2, stride=2)),  # N x 16 x 5 x 5
        ("flatten", "flatten", {}),  # N x 400
        ("linear", "fc1", dict(out_features=120)),
        ("relu", "relu3", {}),
        ("linear", "fc2", dict(out_features=84)),
        ("relu", "relu4", {}),
        ("linear", "fc3", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")
