"""Generative presets: a DCGAN (generator and discriminator on one canvas) and a convolutional VAE.

Both are sized for 1×28×28 grayscale: MNIST's own size, and the bundled 8×8 digits are resized to the
network's input like for every preset. The GAN's two networks are two components of one graph; their node
names start with ``generator.`` and ``discriminator.``, which become the state_dict prefixes.
"""

from __future__ import annotations

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from .image_to_image import COLUMN, _divisible
from .registry import preset

LATENT = 100  # DCGAN's latent length
NGF = NDF = 64  # feature widths of the generator's last and the discriminator's first stage

# Adam with lr 2e-4 and β1 = 0.5 as in DCGAN; 20 epochs on the bundled digits (460 steps of each network) give
# samples a LeNet-5 trained on the real digits reads with mean confidence ≥ 0.8 over all ten classes
# (bench/gan_digits.py measures it)
GAN_TRAINING = {
    "optimizer": "adam",
    "lr": 2e-4,
    "betas": [0.5, 0.999],
    "batch_size": 64,
    "epochs": 20,
    "data": "digits",
    "seed": 0,
}
# kl_weight 2 (KL and squared error both per pixel: a Gaussian decoder with σ² = 1/4): on the bundled digits
# its prior samples spread over all ten classes (at 1 a blurry "4" takes a third of them)
VAE_TRAINING = {
    "optimizer": "adam",
    "lr": 1e-3,
    "kl_weight": 2.0,
    "batch_size": 64,
    "epochs": 20,
    "data": "digits",
    "seed": 0,
}


@preset(
    "dcgan",
    QT_TRANSLATE_NOOP(
        "Presets",
        "DCGAN for 1×28×28 digits (Radford 2015, sized for MNIST): a generator grows a 100-number latent vector "
        "through 4×4 transposed convolutions with batch norm and ReLU into a 28×28 image with tanh; a "
        "discriminator shrinks an image through 4×4 stride-2 convolutions with LeakyReLU 0.2 (and batch norm) "
        "to one real/fake logit. Two networks on one canvas, trained against each other (Adam, lr 2e-4, β1 0.5).",
    ),
    input_shape=(1, 28, 28),
    num_classes=None,
    family="generative",
    training=GAN_TRAINING,
)
def dcgan(input_shape=(1, 28, 28)) -> Graph:
    _divisible("dcgan", input_shape, 4)
    c, h, w = input_shape
    b = GraphBuilder()
    z = b.add("latent_input", "noise", shape=[LATENT, 1, 1])
    b.chain(
        z,
        (
            "conv_transpose2d",
            "generator.main.0",
            dict(out_channels=NGF * 2, kernel_size=[h // 4, w // 4], stride=1, padding=0, bias=False),
        ),
        ("batchnorm2d", "generator.main.1", {}),
        ("relu", "generator.main.2", {}),  # N x 128 x 7 x 7
        (
            "conv_transpose2d",
            "generator.main.3",
            dict(out_channels=NGF, kernel_size=4, stride=2, padding=1, bias=False),
        ),
        ("batchnorm2d", "generator.main.4", {}),
        ("relu", "generator.main.5", {}),  # N x 64 x 14 x 14
        ("conv_transpose2d", "generator.main.6", dict(out_channels=c, kernel_size=4, stride=2, padding=1, bias=False)),
        ("tanh", "generator.main.7", {}),  # N x C x 28 x 28 in -1..1
        ("generated_output", "generator.output", {}),
    )
    x = b.add("input", "image", shape=list(input_shape))
    b.chain(
        x,
        ("conv2d", "discriminator.main.0", dict(out_channels=NDF, kernel_size=4, stride=2, padding=1, bias=False)),
        ("leaky_relu", "discriminator.main.1", dict(negative_slope=0.2)),  # N x 64 x 14 x 14
        ("conv2d", "discriminator.main.2", dict(out_channels=NDF * 2, kernel_size=4, stride=2, padding=1, bias=False)),
        ("batchnorm2d", "discriminator.main.3", {}),
        ("leaky_relu", "discriminator.main.4", dict(negative_slope=0.2)),  # N x 128 x 7 x 7
        ("conv2d", "discriminator.main.5", dict(out_channels=1, kernel_size=[h // 4, w // 4], bias=False)),
        ("realfake_output", "discriminator.output", {}),  # N x 1 x 1 x 1: the logit
    )
    graph = b.build(layout="tb")
    for node in graph.nodes.values():  # the two networks side by side
        if node.name == "image" or node.name.startswith("discriminator."):
            node.pos = (node.pos[0] + 2 * COLUMN, node.pos[1])
    return graph


@preset(
    "vae",
    QT_TRANSLATE_NOOP(
        "Presets",
        "Convolutional VAE (Kingma 2013) for 1×28×28 digits: the autoencoder's encoder ends in two heads, mu and "
        "log σ² of a 16-number latent, a Sample Gaussian block draws z = mu + σ·ε while training (mu in evaluation), "
        "and the decoder paints z back into an image with a sigmoid. Trained on reconstruction plus a KL term; "
        "decoding samples from N(0, 1) generates new digits.",
    ),
    input_shape=(1, 28, 28),
    num_classes=None,
    family="generative",
    training=VAE_TRAINING,
)
def vae(input_shape=(1, 28, 28), latent: int = 16) -> Graph:
    _divisible("vae", input_shape, 4)
    c, h, w = input_shape
    code = [h // 4, w // 4]
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.chain(
        x,
        ("conv2d", "encoder.0", dict(out_channels=16, kernel_size=3, stride=2, padding=1)),  # N x 16 x 14 x 14
        ("relu", "encoder.1", {}),
        ("conv2d", "encoder.2", dict(out_channels=32, kernel_size=3, stride=2, padding=1)),  # N x 32 x 7 x 7
        ("relu", "encoder.3", {}),
    )
    mu = b.add("conv2d", "mu", x, out_channels=latent, kernel_size=code)  # N x 16 x 1 x 1
    logvar = b.add("conv2d", "logvar", x, out_channels=latent, kernel_size=code)
    z = b.add("sample_gaussian", "sample", mu, logvar)
    b.chain(
        z,
        ("conv_transpose2d", "decoder.0", dict(out_channels=32, kernel_size=code, stride=1, padding=0)),
        ("relu", "decoder.1", {}),  # N x 32 x 7 x 7
        ("conv_transpose2d", "decoder.2", dict(out_channels=16, kernel_size=3, stride=2, padding=1, output_padding=1)),
        ("relu", "decoder.3", {}),  # N x 16 x 14 x 14
        ("conv_transpose2d", "decoder.4", dict(out_channels=c, kernel_size=3, stride=2, padding=1, output_padding=1)),
        ("sigmoid", "decoder.5", {}),  # N x C x 28 x 28 in 0..1
        ("reconstruction_output", "output", {}),
    )
    return b.build(layout="tb")
