"""Identity and Dropout2d: layers that pass the map through (Dropout2d drops whole channels while training)."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call, literal
from .importing import Step, arg, first_tensor


@register
class Identity(Block):
    type = "identity"
    label = QT_TRANSLATE_NOOP("Blocks", "Identity")
    category = "Dense"
    name_prefix = "identity"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "pass through"),
        QT_TRANSLATE_NOOP("BlockKeywords", "placeholder"),
        QT_TRANSLATE_NOOP("BlockKeywords", "no-op"),
        QT_TRANSLATE_NOOP("BlockKeywords", "noop"),
    )
    # an imported nn.Identity is a pass-through wire (no node); this block is for designs that keep a slot
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Passes its input through unchanged: a placeholder where a layer may go later."
    )
    examples = (({}, [(4, 5, 6)], (4, 5, 6)), ({}, [(7,)], (7,)))

    @classmethod
    def infer(cls, p, ins):
        return ins[0]

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.Identity()

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.Identity", [])


@register
class Dropout2d(Block):
    type = "dropout2d"
    label = QT_TRANSLATE_NOOP("Blocks", "Dropout2d")
    category = "Dense"
    name_prefix = "dropout"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "spatial dropout"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channel dropout"),
        QT_TRANSLATE_NOOP("BlockKeywords", "regularization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "regularisation"),
    )
    torch_modules = ("torch.nn.Dropout2d",)
    torch_functions = ("dropout2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Zeroes whole channels with probability p while training: neighbouring pixels are correlated, so "
        "dropping single values of a feature map regularises little.",
    )
    params = (
        Param(
            "p",
            "float",
            0.5,
            QT_TRANSLATE_NOOP("BlockParams", "probability of dropping each channel"),
            min=0.0,
            max=1.0,
        ),
    )
    examples = (({}, [(8, 5, 5)], (8, 5, 5)), ({"p": 0.1}, [(3, 4, 6)], (3, 4, 6)))

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3)

    @classmethod
    def subtitle(cls, p):
        return f"p={p['p']}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.Dropout2d(p["p"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.Dropout2d", [f"p={literal(float(p['p']))}"])

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(p=float(m.p)))

    @classmethod
    def from_call(cls, node, name):
        return Step(cls.type, [first_tensor(node)], dict(p=float(arg(node, 1, "p", 0.5))))
