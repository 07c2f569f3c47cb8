"""Blocks of generative models: a latent (noise) input, the generated image and real/fake heads of a GAN,
and the reparameterised sampling of a VAE."""

from __future__ import annotations

import math

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call
from .io import Input, _Head


@register
class LatentInput(Input):
    type = "latent_input"
    label = QT_TRANSLATE_NOOP("Blocks", "Latent input")
    name_prefix = "noise"
    role = "latent"
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "A generator's input: a latent vector sampled from a standard normal for every image, not read from "
        "the data (100×1×1 feeds transposed convolutions, a flat 100 feeds a Linear layer).",
    )
    params = (
        Param(
            "shape",
            "shape",
            [100, 1, 1],
            QT_TRANSLATE_NOOP("BlockParams", "latent size: Z×1×1 for convolutions, or a flat length Z"),
        ),
    )
    examples = (({"shape": [100, 1, 1]}, [], (100, 1, 1)), ({"shape": [64]}, [], (64,)))

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "noise {shape}").format(shape=fmt_shape(p["shape"]))


@register
class GeneratedOutput(_Head):
    type = "generated_output"
    label = QT_TRANSLATE_NOOP("Blocks", "Generated image")
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "gan"),
        QT_TRANSLATE_NOOP("BlockKeywords", "generator"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fake image"),
        QT_TRANSLATE_NOOP("BlockKeywords", "synthesis"),
    )
    role = "generated_image"
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Marks a generator's image (C×H×W). It has no target of its own: a GAN trains it against a "
        "discriminator, whose input must have this shape.",
    )
    stricter_than_torch = {"rank": "a generated image is C×H×W; anything else cannot feed an image discriminator"}
    examples = (({}, [(1, 28, 28)], (1, 28, 28)),)

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3, translate("BlockErrors", "a C×H×W image"))

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "generated image")


@register
class RealFakeOutput(_Head):
    type = "realfake_output"
    label = QT_TRANSLATE_NOOP("Blocks", "Real/fake")
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "gan"),
        QT_TRANSLATE_NOOP("BlockKeywords", "discriminator"),
        QT_TRANSLATE_NOOP("BlockKeywords", "critic"),
        QT_TRANSLATE_NOOP("BlockKeywords", "adversarial"),
    )
    role = "real_fake"
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "A discriminator's head: one logit per image, high for real images and low for generated ones "
        "(trained with a GAN loss against a generator).",
    )
    stricter_than_torch = {"one_logit": "the GAN loss reads exactly one logit per image"}
    examples = (({}, [(1,)], (1,)), ({}, [(1, 1, 1)], (1, 1, 1)))

    @classmethod
    def infer(cls, p, ins):
        shape = ins[0]
        if math.prod(shape) != 1:
            raise ShapeError(
                "one_logit",
                translate(
                    "BlockErrors",
                    "a real/fake head takes one logit per image, got {shape}: end the discriminator in "
                    "a convolution to 1 channel over the whole map, or Flatten and a Linear layer with 1 output",
                ).format(shape=fmt_shape(shape)),
                (InsertBefore(messages.insert_block("Flatten"), "flatten"),) if len(shape) > 1 else (),
            )
        return shape

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "real / fake logit")


@register
class SampleGaussian(Block):
    type = "sample_gaussian"
    label = QT_TRANSLATE_NOOP("Blocks", "Sample Gaussian")
    category = "Generative"
    name_prefix = "sample"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "vae"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reparameterization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reparameterisation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "latent"),
        QT_TRANSLATE_NOOP("BlockKeywords", "variational"),
    )
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "A VAE's reparameterisation: z = mu + exp(logvar / 2) · ε with ε ~ N(0, 1) while training, z = mu in "
        "evaluation. Its inputs mu and logvar (equal shapes) are what the VAE's KL loss reads.",
    )
    stricter_than_torch = {"shape_mismatch": "torch would broadcast; mu and logvar describe the same latent"}
    examples = (({}, [(16,), (16,)], (16,)), ({}, [(8, 1, 1), (8, 1, 1)], (8, 1, 1)))

    @classmethod
    def input_ports(cls, p):
        return ("mu", "logvar")

    @classmethod
    def infer(cls, p, ins):
        mu, logvar = ins
        if mu != logvar:
            raise ShapeError(
                "shape_mismatch",
                translate("BlockErrors", "mu and logvar must have equal shapes, got mu {mu}, logvar {logvar}").format(
                    mu=fmt_shape(mu), logvar=fmt_shape(logvar)
                ),
            )
        return mu

    @classmethod
    def build(cls, p, ins):
        from .modules import SampleGaussian as Module

        return Module()

    @classmethod
    def code(cls, p, in_channels):
        return Call("SampleGaussian", [], {"SampleGaussian"})

    @classmethod
    def subtitle(cls, p):
        return "mu + σ·ε"
