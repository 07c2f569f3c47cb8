"""FrozenBatchNorm2d (torchvision.ops): batch norm whose statistics and affine are fixed buffers."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step, need


@register
class FrozenBatchNorm2d(Block):
    type = "frozen_batchnorm2d"
    label = QT_TRANSLATE_NOOP("Blocks", "FrozenBatchNorm2d")
    category = "Normalization"
    name_prefix = "bn"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "frozen batch norm"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fixed statistics"),
        QT_TRANSLATE_NOOP("BlockKeywords", "detection backbone"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fine-tuning"),
    )
    # torchvision.ops.FrozenBatchNorm2d, timm's and detectron's look-alikes and our exported copy, by name
    torch_modules = ("FrozenBatchNorm2d",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "A batch norm whose mean, variance, scale and shift are fixed (buffers, not learned): y = (x − mean) / "
        "√(var + eps) · weight + bias per channel. Detection backbones use it to fine-tune with batches too small "
        "for batch statistics (torchvision's Faster R-CNN).",
    )
    params = (
        Param(
            "eps",
            "float",
            1e-5,
            QT_TRANSLATE_NOOP("BlockParams", "added to the variance for stability"),
            min=0.0,
            max=1.0,
        ),
    )
    examples = (({}, [(64, 8, 8)], (64, 8, 8)), ({"eps": 0.001}, [(3, 5, 4)], (3, 5, 4)))

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3)

    @classmethod
    def param_count(cls, p, ins, out):
        return 0  # four buffers of C values each: loaded, never trained

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "frozen")

    @classmethod
    def build(cls, p, ins):
        from .norm_modules import FrozenBatchNorm2d as Module

        return Module(ins[0][0], eps=float(p["eps"]))

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "eps", float(p["eps"]), 1e-5)
        return Call("FrozenBatchNorm2d", args, {"FrozenBatchNorm2d"})

    @classmethod
    def from_module(cls, m, inputs):
        buffers = dict(m.named_buffers(recurse=False))
        if not {"weight", "bias", "running_mean", "running_var"} <= set(buffers) or list(m.children()):
            return None
        need(
            all(buffers[k].dim() == 1 for k in ("weight", "bias", "running_mean", "running_var")),
            translate("BlockImport", "a frozen batch norm whose statistics are not one value per channel"),
        )
        return Step(cls.type, inputs, dict(eps=float(getattr(m, "eps", 1e-5))))
