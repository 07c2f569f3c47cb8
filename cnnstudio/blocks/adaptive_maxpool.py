"""Adaptive max pooling: the largest value of each of a fixed grid of regions, whatever the input size."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.formulas import pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, literal
from .importing import Step, arg, first_tensor, need
from .pooling import adaptive_size


@register
class AdaptiveMaxPool2d(Block):
    type = "adaptive_maxpool2d"
    label = QT_TRANSLATE_NOOP("Blocks", "AdaptiveMaxPool2d")
    category = "Pooling"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "maxpool"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "adaptive max pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "global max pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "spatial pyramid"),
    )
    torch_modules = ("torch.nn.AdaptiveMaxPool2d",)
    torch_functions = ("adaptive_max_pool2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Takes the maximum of each region of a fixed output grid (1 = global max pooling): the strongest "
        "response per channel, whatever the input size.",
    )
    params = (
        Param("output_size", "size", 1, QT_TRANSLATE_NOOP("BlockParams", "output height and width"), min=1, max=4096),
    )
    examples = (({}, [(512, 7, 7)], (512, 1, 1)), ({"output_size": [2, 3]}, [(4, 5, 9)], (4, 2, 3)))

    @classmethod
    def infer(cls, p, ins):
        c, _, _ = cls.need_rank(ins, 3)
        oh, ow = pair(p["output_size"])
        return (c, oh, ow)

    @classmethod
    def receptive_layers(cls, p):
        return None

    @classmethod
    def subtitle(cls, p):
        oh, ow = pair(p["output_size"])
        return f"max → {oh}×{ow}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.AdaptiveMaxPool2d(pair(p["output_size"]))

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.AdaptiveMaxPool2d", [literal(pair(p["output_size"]))])

    @classmethod
    def from_module(cls, m, inputs):
        need(not m.return_indices, translate("BlockImport", "adaptive max pooling with return_indices=True"))
        return Step(cls.type, inputs, dict(output_size=adaptive_size(m.output_size)))

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        need(
            not arg(node, 2, "return_indices", False),
            translate("BlockImport", "adaptive max pooling with return_indices=True"),
        )
        return Step(cls.type, [x], dict(output_size=adaptive_size(arg(node, 1, "output_size"))))
