"""StochasticDepth (torchvision.ops): randomly skips a residual branch per sample while training."""

from __future__ import annotations

from cnnstudio.core.block import Block, register
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, literal
from .importing import Step, arg, first_tensor, need


@register
class StochasticDepth(Block):
    type = "stochastic_depth"
    label = QT_TRANSLATE_NOOP("Blocks", "StochasticDepth")
    category = "Dense"
    name_prefix = "stochastic_depth"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "drop path"),
        QT_TRANSLATE_NOOP("BlockKeywords", "droppath"),
        QT_TRANSLATE_NOOP("BlockKeywords", "residual dropout"),
        QT_TRANSLATE_NOOP("BlockKeywords", "efficientnet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "convnext"),
    )
    # torchvision.ops.StochasticDepth, and timm's DropPath (the same per-sample drop, rescaled), matched by name
    torch_modules = ("StochasticDepth", "DropPath")
    torch_functions = ("torchvision.ops.stochastic_depth",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Zeroes the whole branch for a random fraction p of the samples while training (and rescales the "
        "rest): deep residual networks train as if shallower (EfficientNet, ConvNeXt). Identity in eval.",
    )
    params = (
        Param(
            "p", "float", 0.2, QT_TRANSLATE_NOOP("BlockParams", "probability of dropping the branch"), min=0.0, max=1.0
        ),
        Param(
            "mode",
            "choice",
            "row",
            QT_TRANSLATE_NOOP("BlockParams", "row: per sample; batch: the whole batch at once"),
            choices=("row", "batch"),
        ),
    )
    examples = (({}, [(8, 5, 5)], (8, 5, 5)), ({"p": 0.5, "mode": "batch"}, [(6,)], (6,)))

    @classmethod
    def infer(cls, p, ins):
        return ins[0]

    @classmethod
    def subtitle(cls, p):
        return f"p={p['p']:g} {p['mode']}"

    @classmethod
    def build(cls, p, ins):
        from .modules import StochasticDepth as Module

        return Module(float(p["p"]), p["mode"])

    @classmethod
    def code(cls, p, in_channels):
        args = [literal(float(p["p"]))] + ([f"mode={literal(p['mode'])}"] if p["mode"] != "row" else [])
        return Call("StochasticDepth", args, {"StochasticDepth"})

    @classmethod
    def from_module(cls, m, inputs):
        if type(m).__name__ == "DropPath" and hasattr(m, "drop_prob") and not list(m.children()):
            need(
                getattr(m, "scale_by_keep", True),
                translate("BlockImport", "DropPath without rescaling the kept samples"),
            )
            return Step(cls.type, inputs, dict(p=float(m.drop_prob), mode="row"))
        if not hasattr(m, "p") or getattr(m, "mode", None) not in ("row", "batch") or list(m.children()):
            return None
        return Step(cls.type, inputs, dict(p=float(m.p), mode=m.mode))

    @classmethod
    def from_call(cls, node, name):
        mode = arg(node, 2, "mode", "row")
        need(mode in ("row", "batch"), translate("BlockImport", "stochastic depth mode {mode}").format(mode=repr(mode)))
        return Step(cls.type, [first_tensor(node)], dict(p=float(arg(node, 1, "p", 0.2)), mode=mode))
