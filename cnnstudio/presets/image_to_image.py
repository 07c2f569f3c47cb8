"""Image-to-image presets: a convolutional autoencoder, the DCGAN generator and a small U-Net.

They take ``input_shape`` only (no classes). Their outputs are images: the autoencoder and the U-Net are
trained against their own input (reconstruction, MSE); the generator has no target of its own.
"""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate

from .registry import preset

COLUMN, ROW = 240.0, 150.0  # canvas grid for hand-made layouts (nodes are about 200×70)


def _divisible(name: str, input_shape, by: int) -> None:
    if len(input_shape) != 3 or input_shape[1] % by or input_shape[2] % by:
        raise ValueError(
            translate(
                "Presets", "{name} needs a C,H,W input with height and width divisible by {by}, got {shape}"
            ).format(name=name, by=by, shape=input_shape)
        )


@preset(
    "autoencoder",
    QT_TRANSLATE_NOOP(
        "Presets",
        "Convolutional autoencoder, image → 64-number code → image: two stride-2 convolutions and a 7×7 one squeeze a 1×28×28 image into a "
        "64-number code, three transposed convolutions paint it back, and a sigmoid keeps pixels in 0..1. "
        "Trained to reproduce its input (reconstruction, MSE): the seed's 'generate images from learned features'.",
    ),
    input_shape=(1, 28, 28),
    num_classes=None,
    family="image-to-image",
)
def autoencoder(input_shape=(1, 28, 28)) -> Graph:
    _divisible("autoencoder", input_shape, 4)
    c, h, w = input_shape
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "encoder.0", dict(out_channels=16, kernel_size=3, stride=2, padding=1)),  # N x 16 x 14 x 14
        ("relu", "encoder.1", {}),
        ("conv2d", "encoder.2", dict(out_channels=32, kernel_size=3, stride=2, padding=1)),  # N x 32 x 7 x 7
        ("relu", "encoder.3", {}),
        ("conv2d", "encoder.4", dict(out_channels=64, kernel_size=[h // 4, w // 4])),  # N x 64 x 1 x 1: the code
        ("conv_transpose2d", "decoder.0", dict(out_channels=32, kernel_size=[h // 4, w // 4], stride=1, padding=0)),
        ("relu", "decoder.1", {}),  # N x 32 x 7 x 7
        (
            "conv_transpose2d",
            "decoder.2",
            dict(out_channels=16, kernel_size=3, stride=2, padding=1, output_padding=1),
        ),  # N x 16 x 14 x 14
        ("relu", "decoder.3", {}),
        (
            "conv_transpose2d",
            "decoder.4",
            dict(out_channels=c, kernel_size=3, stride=2, padding=1, output_padding=1),
        ),  # N x C x 28 x 28
        ("sigmoid", "decoder.5", {}),
        ("reconstruction_output", "output", {}),
    )
    return b.build(layout="tb")


@preset(
    "dcgan_generator",
    QT_TRANSLATE_NOOP(
        "Presets",
        "DCGAN generator (Radford 2015, as in PyTorch's DCGAN tutorial): a 100-number latent vector, given as a "
        "100×1×1 map, grows through five 4×4 transposed convolutions with batch norm and ReLU into a 3×64×64 image "
        "with tanh. Node names match the tutorial's main.N, so its checkpoints load. It has no training target of "
        "its own: it is trained against a discriminator (adversarially), which the trainer does not do; use it to "
        "study transposed-convolution shapes or load generator weights.",
    ),
    input_shape=(100, 1, 1),
    num_classes=None,
    family="image-to-image",
)
def dcgan_generator(input_shape=(100, 1, 1)) -> Graph:
    ngf = 64  # the tutorial's generator feature width
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    index = 0
    # (width, stride, padding) per stage: N x 512 x 4 x 4, N x 256 x 8 x 8, N x 128 x 16 x 16, N x 64 x 32 x 32
    stages = ((ngf * 8, 1, 0), (ngf * 4, 2, 1), (ngf * 2, 2, 1), (ngf, 2, 1))
    for width, stride, padding in stages:
        x = b.chain(
            x,
            (
                "conv_transpose2d",
                f"main.{index}",
                dict(out_channels=width, kernel_size=4, stride=stride, padding=padding, bias=False),
            ),
            ("batchnorm2d", f"main.{index + 1}", {}),
            ("relu", f"main.{index + 2}", {}),
        )
        index += 3
    b.chain(
        x,
        ("conv_transpose2d", f"main.{index}", dict(out_channels=3, kernel_size=4, stride=2, padding=1, bias=False)),
        ("tanh", f"main.{index + 1}", {}),  # N x 3 x 64 x 64 in -1..1
    )
    return b.build(layout="tb")


@preset(
    "unet_small",
    QT_TRANSLATE_NOOP(
        "Presets",
        "A small U-Net (Ronneberger 2015): three down stages (two Conv-BN-ReLU, 2×2 max pool), a bottom stage, and "
        "three up stages (2×2 transposed convolution, concatenated with the skip from the same depth, two "
        "Conv-BN-ReLU), then a 1×1 convolution and a sigmoid. Trained here to reproduce its input image "
        "(reconstruction, MSE) on the digits or shapes; for segmentation, give the last 1×1 convolution one "
        "channel per class. Height and width must be divisible by 8.",
    ),
    input_shape=(1, 64, 64),
    num_classes=None,
    family="image-to-image",
)
def unet_small(input_shape=(1, 64, 64)) -> Graph:
    _divisible("unet_small", input_shape, 8)
    widths = (16, 32, 64)  # N x 16 x 64², N x 32 x 32², N x 64 x 16²; the bottom is N x 128 x 8²
    b = GraphBuilder()
    # the U drawn along the canvas: each node one column right of the last, one row lower per depth
    place: dict[str, tuple[int, int]] = {}

    def add(type_: str, name: str, *inputs: str, depth: int, **params) -> str:
        nid = b.add(type_, name, *inputs, **params)
        place[nid] = (len(place), depth)
        return nid

    def double_conv(prefix: str, x: str, width: int, depth: int) -> str:
        x = add("conv_bn_relu", f"{prefix}.0", x, depth=depth, out_channels=width)
        return add("conv_bn_relu", f"{prefix}.1", x, depth=depth, out_channels=width)

    x = add("input", "input", depth=0, shape=list(input_shape))
    skips = []
    for level, width in enumerate(widths, start=1):
        x = double_conv(f"down{level}", x, width, level - 1)
        skips.append(x)
        x = add("maxpool2d", f"pool{level}", x, depth=level, kernel_size=2, stride=2)
    x = double_conv("bottom", x, widths[-1] * 2, len(widths))
    for level in range(len(widths), 0, -1):
        width, depth = widths[level - 1], level - 1
        x = add("conv_transpose2d", f"up{level}", x, depth=depth, out_channels=width, kernel_size=2, padding=0)
        x = add("concat", f"cat{level}", x, skips[level - 1], depth=depth)  # N x 2·width: up-sampled, then skip
        x = double_conv(f"dec{level}", x, width, depth)
    x = add("conv2d", "head", x, depth=0, out_channels=input_shape[0], kernel_size=1)
    x = add("sigmoid", "sigmoid", x, depth=0)
    add("reconstruction_output", "output", x, depth=0)
    graph = b.build()
    for nid, (column, depth) in place.items():
        graph.nodes[nid].pos = (column * COLUMN, depth * ROW)
    return graph
