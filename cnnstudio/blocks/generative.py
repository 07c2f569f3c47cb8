"""Blocks of generative models: a latent (noise) input, the generated image and real/fake heads of a GAN,
and the reparameterised sampling of a VAE."""

from __future__ import annotations

import math

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.params import Param

from .code import Call
from .io import Input, _Head


@register
class LatentInput(Input):
    type = "latent_input"
    label = "Latent input"
    name_prefix = "noise"
    role = "latent"
    description = (
        "A generator's input: a latent vector sampled from a standard normal for every image, not read from "
        "the data (100×1×1 feeds transposed convolutions, a flat 100 feeds a Linear layer)."
    )
    params = (Param("shape", "shape", [100, 1, 1], "latent size: Z×1×1 for convolutions, or a flat length Z"),)
    examples = (({"shape": [100, 1, 1]}, [], (100, 1, 1)), ({"shape": [64]}, [], (64,)))

    @classmethod
    def subtitle(cls, p):
        return "noise " + fmt_shape(p["shape"])


@register
class GeneratedOutput(_Head):
    type = "generated_output"
    label = "Generated image"
    keywords = ("gan", "generator", "fake image", "synthesis")
    role = "generated_image"
    description = (
        "Marks a generator's image (C×H×W). It has no target of its own: a GAN trains it against a "
        "discriminator, whose input must have this shape."
    )
    stricter_than_torch = {"rank": "a generated image is C×H×W; anything else cannot feed an image discriminator"}
    examples = (({}, [(1, 28, 28)], (1, 28, 28)),)

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3, "a C×H×W image")

    @classmethod
    def subtitle(cls, p):
        return "generated image"


@register
class RealFakeOutput(_Head):
    type = "realfake_output"
    label = "Real/fake"
    keywords = ("gan", "discriminator", "critic", "adversarial")
    role = "real_fake"
    description = (
        "A discriminator's head: one logit per image, high for real images and low for generated ones "
        "(trained with a GAN loss against a generator)."
    )
    stricter_than_torch = {"one_logit": "the GAN loss reads exactly one logit per image"}
    examples = (({}, [(1,)], (1,)), ({}, [(1, 1, 1)], (1, 1, 1)))

    @classmethod
    def infer(cls, p, ins):
        shape = ins[0]
        if math.prod(shape) != 1:
            raise ShapeError(
                "one_logit",
                f"a real/fake head takes one logit per image, got {fmt_shape(shape)}: end the discriminator in "
                "a convolution to 1 channel over the whole map, or Flatten and a Linear layer with 1 output",
                (InsertBefore("Insert Flatten", "flatten"),) if len(shape) > 1 else (),
            )
        return shape

    @classmethod
    def subtitle(cls, p):
        return "real / fake logit"


@register
class SampleGaussian(Block):
    type = "sample_gaussian"
    label = "Sample Gaussian"
    category = "Generative"
    name_prefix = "sample"
    keeps_channels = True
    keywords = ("vae", "reparameterization", "reparameterisation", "latent", "variational")
    description = (
        "A VAE's reparameterisation: z = mu + exp(logvar / 2) · ε with ε ~ N(0, 1) while training, z = mu in "
        "evaluation. Its inputs mu and logvar (equal shapes) are what the VAE's KL loss reads."
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
                f"mu and logvar must have equal shapes, got mu {fmt_shape(mu)}, logvar {fmt_shape(logvar)}",
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
