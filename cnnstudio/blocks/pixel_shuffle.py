"""PixelShuffle and PixelUnshuffle: trade channels for resolution (sub-pixel convolution, ESPCN) and back."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call
from .importing import Step, arg, first_tensor


def _divisors(n: int, limit: int = 8) -> list[int]:
    return [r for r in range(2, limit + 1) if n % r == 0]


def _use_factor(factor: int) -> str:
    return translate("BlockErrors", "Use factor {factor}").format(factor=factor)


@register
class PixelShuffle(Block):
    type = "pixel_shuffle"
    label = QT_TRANSLATE_NOOP("Blocks", "PixelShuffle")
    category = "Convolution"
    name_prefix = "shuffle"
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "sub-pixel convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depth to space"),
        QT_TRANSLATE_NOOP("BlockKeywords", "espcn"),
        QT_TRANSLATE_NOOP("BlockKeywords", "super resolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "upscale"),
    )
    torch_modules = ("torch.nn.PixelShuffle",)
    torch_functions = ("pixel_shuffle",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Rearranges C·r² channels into an r× larger map with C channels (depth-to-space): upsampling learned "
        "by the convolution before it, without the checkerboard of transposed convolutions.",
    )
    params = (
        Param(
            "upscale_factor",
            "int",
            2,
            QT_TRANSLATE_NOOP("BlockParams", "r: each side grows r times, channels shrink r² times"),
            min=1,
            max=16,
        ),
    )
    examples = (({}, [(12, 4, 5)], (3, 8, 10)), ({"upscale_factor": 3}, [(9, 2, 2)], (1, 6, 6)))

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        r = p["upscale_factor"]
        if c % (r * r):
            fixes = tuple(SetParams(_use_factor(k), {"upscale_factor": k}) for k in range(1, 9) if c % (k * k) == 0)
            message = translate("BlockErrors", "{c} channels are not divisible by r² = {r}² = {square}")
            raise ShapeError("channels", message.format(c=c, r=r, square=r * r), fixes[-1:])
        return (c // (r * r), h * r, w * r)

    @classmethod
    def receptive_layers(cls, p):
        r = p["upscale_factor"]
        return ((1, 1, -r, -r, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return f"×{p['upscale_factor']}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.PixelShuffle(p["upscale_factor"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.PixelShuffle", [str(p["upscale_factor"])])

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(upscale_factor=int(m.upscale_factor)))

    @classmethod
    def from_call(cls, node, name):
        return Step(cls.type, [first_tensor(node)], dict(upscale_factor=int(arg(node, 1, "upscale_factor"))))


@register
class PixelUnshuffle(Block):
    type = "pixel_unshuffle"
    label = QT_TRANSLATE_NOOP("Blocks", "PixelUnshuffle")
    category = "Convolution"
    name_prefix = "unshuffle"
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "space to depth"),
        QT_TRANSLATE_NOOP("BlockKeywords", "downsample"),
        QT_TRANSLATE_NOOP("BlockKeywords", "focus"),
    )
    torch_modules = ("torch.nn.PixelUnshuffle",)
    torch_functions = ("pixel_unshuffle",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Folds each r×r patch into channels (space-to-depth): an r× smaller map with C·r² channels, "
        "downsampling without losing any value.",
    )
    params = (
        Param(
            "downscale_factor",
            "int",
            2,
            QT_TRANSLATE_NOOP("BlockParams", "r: each side shrinks r times, channels grow r² times"),
            min=1,
            max=16,
        ),
    )
    examples = (({}, [(3, 8, 10)], (12, 4, 5)), ({"downscale_factor": 3}, [(1, 6, 9)], (9, 2, 3)))

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        r = p["downscale_factor"]
        if h % r or w % r:
            common = [k for k in _divisors(h) if w % k == 0]
            fixes = (SetParams(_use_factor(common[-1]), {"downscale_factor": common[-1]}),) if common else ()
            raise ShapeError(
                "size",
                translate(
                    "BlockErrors", "a {h}×{w} map does not split into {r}×{r} patches ({h} mod {r}, {w} mod {r})"
                ).format(h=h, w=w, r=r),
                fixes,
            )
        return (c * r * r, h // r, w // r)

    @classmethod
    def receptive_layers(cls, p):
        r = p["downscale_factor"]
        return ((r, r, r, r, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return f"/{p['downscale_factor']}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.PixelUnshuffle(p["downscale_factor"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.PixelUnshuffle", [str(p["downscale_factor"])])

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(downscale_factor=int(m.downscale_factor)))

    @classmethod
    def from_call(cls, node, name):
        return Step(cls.type, [first_tensor(node)], dict(downscale_factor=int(arg(node, 1, "downscale_factor"))))
