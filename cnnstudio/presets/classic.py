"""Small classic networks: LeNet-5 and AlexNet."""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .registry import preset

IMAGENET = (3, 224, 224)


@preset(
    "lenet5",
    QT_TRANSLATE_NOOP(
        "Presets",
        "LeNet-5 (LeCun 1998) with ReLU and max pooling: two 5×5 convolutions, three dense layers. "
        "The default project: trains on the bundled 8×8 digits in seconds.",
    ),
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


@preset(
    "alexnet",
    QT_TRANSLATE_NOOP(
        "Presets",
        "AlexNet (Krizhevsky 2012, torchvision's one-GPU variant): five convolutions with overlapping max pools, "
        "adaptive pooling to 6×6 and three dense layers with dropout. Same layers and state_dict keys as "
        "torchvision.models.alexnet, so its ImageNet weights load unchanged. Inputs from 63×63 up.",
    ),
    input_shape=IMAGENET,
    num_classes=1000,
    family="classic",
)
def alexnet(num_classes: int = 1000, input_shape=IMAGENET):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "features.0", dict(out_channels=64, kernel_size=11, stride=4, padding=2)),  # N x 64 x 55 x 55
        ("relu", "features.1", {}),
        ("maxpool2d", "features.2", dict(kernel_size=3, stride=2)),  # N x 64 x 27 x 27
        ("conv2d", "features.3", dict(out_channels=192, kernel_size=5, padding=2)),  # N x 192 x 27 x 27
        ("relu", "features.4", {}),
        ("maxpool2d", "features.5", dict(kernel_size=3, stride=2)),  # N x 192 x 13 x 13
        ("conv2d", "features.6", dict(out_channels=384, kernel_size=3, padding=1)),  # N x 384 x 13 x 13
        ("relu", "features.7", {}),
        ("conv2d", "features.8", dict(out_channels=256, kernel_size=3, padding=1)),  # N x 256 x 13 x 13
        ("relu", "features.9", {}),
        ("conv2d", "features.10", dict(out_channels=256, kernel_size=3, padding=1)),  # N x 256 x 13 x 13
        ("relu", "features.11", {}),
        ("maxpool2d", "features.12", dict(kernel_size=3, stride=2)),  # N x 256 x 6 x 6
        ("adaptive_avgpool2d", "avgpool", dict(output_size=6)),  # N x 256 x 6 x 6 whatever the input size
        ("flatten", "flatten", {}),  # N x 9216
        ("dropout", "classifier.0", dict(p=0.5)),
        ("linear", "classifier.1", dict(out_features=4096)),
        ("relu", "classifier.2", {}),
        ("dropout", "classifier.3", dict(p=0.5)),
        ("linear", "classifier.4", dict(out_features=4096)),
        ("relu", "classifier.5", {}),
        ("linear", "classifier.6", dict(out_features=num_classes)),
        ("classification_output", "output", {}),
    )
    return b.build(layout="tb")
