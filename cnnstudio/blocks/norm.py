"""Batch normalisation."""

from __future__ import annotations

from cnnstudio.core.block import Block, register
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step, need
from .texts import title

_COMMON = (
    Param(
        "eps", "float", 1e-5, QT_TRANSLATE_NOOP("BlockParams", "added to the variance for stability"), min=0.0, max=1.0
    ),
    Param(
        "momentum", "float", 0.1, QT_TRANSLATE_NOOP("BlockParams", "running-statistics update rate"), min=0.0, max=1.0
    ),
    Param("affine", "bool", True, QT_TRANSLATE_NOOP("BlockParams", "learn a scale and shift per channel")),
)


class _BatchNorm(Block):
    category = "Normalization"
    name_prefix = "bn"
    params = _COMMON
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "batch normalization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "batchnorm"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bn"),
    )
    ranks: tuple[int, ...] = ()

    @classmethod
    def infer(cls, p, ins):
        if len(ins[0]) not in cls.ranks:
            want = translate("BlockErrors", " or ").join({1: "C", 2: "C×L", 3: "C×H×W"}[r] for r in cls.ranks)
            raise ShapeError(
                "rank",
                translate("BlockErrors", "{block} expects {ranks}, got {shape}").format(
                    block=title(cls), ranks=want, shape=fmt_shape(ins[0])
                ),
            )
        return ins[0]

    @classmethod
    def param_count(cls, p, ins, out):
        return 2 * ins[0][0] if p["affine"] else 0

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "eps", float(p["eps"]), 1e-5)
        kw(args, "momentum", float(p["momentum"]), 0.1)
        kw(args, "affine", p["affine"], True)
        return Call(f"nn.{cls.label}", args)

    @classmethod
    def from_module(cls, m, inputs):
        need(
            m.track_running_stats and m.momentum is not None,
            translate("BlockImport", "batch norm without running statistics"),
        )
        return Step(cls.type, inputs, dict(eps=float(m.eps), momentum=float(m.momentum), affine=bool(m.affine)))


@register
class BatchNorm2d(_BatchNorm):
    type = "batchnorm2d"
    label = QT_TRANSLATE_NOOP("Blocks", "BatchNorm2d")
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Normalises each channel over the batch and space, then scales and shifts."
    )
    ranks = (3,)
    torch_modules = ("torch.nn.BatchNorm2d",)
    examples = (({}, [(64, 56, 56)], (64, 56, 56)), ({"affine": False}, [(3, 4, 4)], (3, 4, 4)))

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.BatchNorm2d(ins[0][0], eps=p["eps"], momentum=p["momentum"], affine=p["affine"])


@register
class BatchNorm1d(_BatchNorm):
    type = "batchnorm1d"
    label = QT_TRANSLATE_NOOP("Blocks", "BatchNorm1d")
    description = QT_TRANSLATE_NOOP("Blocks", "Normalises each feature over the batch, then scales and shifts.")
    ranks = (1, 2)
    torch_modules = ("torch.nn.BatchNorm1d",)
    examples = (({}, [(120,)], (120,)), ({}, [(4, 9)], (4, 9)))

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.BatchNorm1d(ins[0][0], eps=p["eps"], momentum=p["momentum"], affine=p["affine"])
