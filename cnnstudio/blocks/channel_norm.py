"""Normalisations that do not depend on the batch: GroupNorm and ConvNeXt's LayerNorm over channels.

Both work with batch size 1 and train the same at any batch size, unlike batch norm; ConvNeXt replaced batch norm
with a LayerNorm over the channels of each pixel.
"""

from __future__ import annotations

import math

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw
from .importing import Step, need, shape

_EPS = Param(
    "eps", "float", 1e-5, QT_TRANSLATE_NOOP("BlockParams", "added to the variance for stability"), min=0.0, max=1.0
)
_AFFINE = Param("affine", "bool", True, QT_TRANSLATE_NOOP("BlockParams", "learn a scale and shift per channel"))


@register
class GroupNorm(Block):
    type = "groupnorm"
    label = QT_TRANSLATE_NOOP("Blocks", "GroupNorm")
    category = "Normalization"
    name_prefix = "gn"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "group normalization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "gn"),
        QT_TRANSLATE_NOOP("BlockKeywords", "batch independent"),
    )
    torch_modules = ("torch.nn.GroupNorm",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Normalises each group of channels of each image over the group and space, then scales and shifts: "
        "batch norm's statistics without the batch (small batches, detection, GANs).",
    )
    params = (
        Param(
            "num_groups",
            "int",
            32,
            QT_TRANSLATE_NOOP("BlockParams", "number of channel groups (must divide the channels)"),
            min=1,
            max=65536,
        ),
    )
    params += (_EPS, _AFFINE)
    examples = (
        ({"num_groups": 2}, [(8, 5, 5)], (8, 5, 5)),
        ({"num_groups": 32}, [(64, 4, 4)], (64, 4, 4)),
        ({"num_groups": 3, "affine": False}, [(6, 9)], (6, 9)),
    )

    @classmethod
    def infer(cls, p, ins):
        s = ins[0]
        if len(s) < 2:
            raise ShapeError(
                "rank",
                translate("BlockErrors", "GroupNorm expects C×H×W (or C×L), got {shape}").format(shape=fmt_shape(s)),
            )
        c, g = s[0], p["num_groups"]
        if c % g:
            fixes = [SetParams(messages.use_groups(math.gcd(c, g)), {"num_groups": math.gcd(c, g)})]
            if math.gcd(c, g) != 1:
                fixes.append(
                    SetParams(translate("BlockErrors", "Use 1 group (layer norm over C×H×W)"), {"num_groups": 1})
                )
            raise ShapeError(
                "groups",
                translate(
                    "BlockErrors", "num_groups = {groups} must divide the {c} channels ({c} mod {groups} = {rest})"
                ).format(groups=g, c=c, rest=c % g),
                tuple(fixes),
            )
        return s

    @classmethod
    def param_count(cls, p, ins, out):
        return 2 * ins[0][0] if p["affine"] else 0

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "{count} groups").format(count=p["num_groups"])

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.GroupNorm(p["num_groups"], ins[0][0], eps=float(p["eps"]), affine=p["affine"])

    @classmethod
    def code(cls, p, in_channels):
        args = [str(p["num_groups"]), in_channels]
        kw(args, "eps", float(p["eps"]), 1e-5)
        kw(args, "affine", p["affine"], True)
        return Call("nn.GroupNorm", args)

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(num_groups=m.num_groups, eps=float(m.eps), affine=bool(m.affine)))


@register
class LayerNorm2d(Block):
    type = "layernorm2d"
    label = QT_TRANSLATE_NOOP("Blocks", "LayerNorm2d")
    category = "Normalization"
    name_prefix = "norm"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "layer normalization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "ln"),
        QT_TRANSLATE_NOOP("BlockKeywords", "convnext"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channels last"),
    )
    torch_modules = ("LayerNorm2d",)  # torchvision.models.convnext.LayerNorm2d and its look-alikes, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Normalises the C channels of each pixel (mean 0, variance 1), then scales and shifts: ConvNeXt's "
        "LayerNorm on a feature map, independent of batch and image size.",
    )
    params = (
        Param(
            "eps",
            "float",
            1e-6,
            QT_TRANSLATE_NOOP("BlockParams", "added to the variance for stability"),
            min=0.0,
            max=1.0,
        ),
        _AFFINE,
    )
    examples = (({}, [(96, 7, 7)], (96, 7, 7)), ({"affine": False, "eps": 1e-5}, [(3, 4, 5)], (3, 4, 5)))

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3)

    @classmethod
    def param_count(cls, p, ins, out):
        return 2 * ins[0][0] if p["affine"] else 0

    @classmethod
    def build(cls, p, ins):
        from .modules import LayerNorm2d as Module

        return Module(ins[0][0], eps=float(p["eps"]), elementwise_affine=p["affine"])

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "eps", float(p["eps"]), 1e-5)
        kw(args, "elementwise_affine", p["affine"], True)
        return Call("LayerNorm2d", args, {"LayerNorm2d"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        if not isinstance(m, nn.LayerNorm) or len(list(m.children())):
            return None
        channels = shape(inputs[0])[1] if inputs else None
        need(
            tuple(m.normalized_shape) == (channels,) or not inputs,
            translate("BlockImport", "a LayerNorm2d over more than the channels"),
        )
        need(
            getattr(m, "bias", None) is not None or not m.elementwise_affine,
            translate("BlockImport", "LayerNorm2d without a bias"),
        )
        return Step(cls.type, inputs, dict(eps=float(m.eps), affine=bool(m.elementwise_affine)))
