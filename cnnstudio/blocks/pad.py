"""Pad: adds rows and columns around the map (zeros, mirror image, repeated edge or wrap-around), per side."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call
from .importing import Step, arg, first_tensor, is_node, need, shape

_SIDES = ("left", "right", "top", "bottom")
_MODULES = {
    "zeros": "ZeroPad2d",
    "reflect": "ReflectionPad2d",
    "replicate": "ReplicationPad2d",
    "circular": "CircularPad2d",
}
_F_MODES = {"constant": "zeros", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}
_SIDE_HELP = {
    "left": QT_TRANSLATE_NOOP("BlockParams", "columns/rows added on the left"),
    "right": QT_TRANSLATE_NOOP("BlockParams", "columns/rows added on the right"),
    "top": QT_TRANSLATE_NOOP("BlockParams", "columns/rows added on the top"),
    "bottom": QT_TRANSLATE_NOOP("BlockParams", "columns/rows added on the bottom"),
}


@register
class Pad(Block):
    type = "pad"
    label = QT_TRANSLATE_NOOP("Blocks", "Pad")
    category = "Convolution"
    name_prefix = "pad"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "padding"),
        QT_TRANSLATE_NOOP("BlockKeywords", "zero pad"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reflection"),
        QT_TRANSLATE_NOOP("BlockKeywords", "replicate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "crop"),
        QT_TRANSLATE_NOOP("BlockKeywords", "border"),
        QT_TRANSLATE_NOOP("BlockKeywords", "f.pad"),
    )
    torch_modules = tuple(f"torch.nn.{name}" for name in (*_MODULES.values(), "ConstantPad2d"))
    torch_functions = ("pad",)
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Adds rows and columns around the map, per side: zeros, a mirror image (reflect: no artificial edge), "
        "the repeated border (replicate) or the opposite side (circular). U-Net pads to match its skips.",
    )
    params = tuple(Param(side, "int", 1, _SIDE_HELP[side], min=0, max=1024) for side in _SIDES)
    params += (
        Param(
            "mode",
            "choice",
            "zeros",
            QT_TRANSLATE_NOOP("BlockParams", "what the new border holds"),
            choices=tuple(_MODULES),
        ),
    )
    examples = (
        ({}, [(3, 5, 5)], (3, 7, 7)),
        ({"left": 0, "right": 1, "top": 2, "bottom": 0, "mode": "reflect"}, [(2, 4, 6)], (2, 6, 7)),
        ({"mode": "replicate", "left": 3}, [(1, 2, 2)], (1, 4, 6)),
        ({"mode": "circular"}, [(2, 3, 3)], (2, 5, 5)),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        limit = {"reflect": (h - 1, w - 1), "circular": (h, w)}.get(p["mode"])
        if limit is not None:
            for side in _SIDES:
                most = limit[0] if side in ("top", "bottom") else limit[1]
                if p[side] > most:
                    if p["mode"] == "reflect":
                        message = translate(
                            "BlockErrors",
                            "reflect padding of {amount} on the {side} needs at most {most} (size − 1) of a {h}×{w} map",
                        )
                    else:
                        message = translate(
                            "BlockErrors",
                            "circular padding of {amount} on the {side} needs at most {most} (the size) of a {h}×{w} map",
                        )
                    side_name = translate("BlockParamNames", side)
                    raise ShapeError(
                        "pad_too_large",
                        message.format(amount=p[side], side=side_name, most=most, h=h, w=w),
                        (SetParams(translate("BlockErrors", "Pad with zeros"), {"mode": "zeros"}),),
                    )
        return (c, h + p["top"] + p["bottom"], w + p["left"] + p["right"])

    @classmethod
    def subtitle(cls, p):
        return f"{p['mode']} ←{p['left']} →{p['right']} ↑{p['top']} ↓{p['bottom']}"

    @classmethod
    def _sides(cls, p) -> tuple[int, int, int, int]:
        return tuple(int(p[side]) for side in _SIDES)

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return getattr(nn, _MODULES[p["mode"]])(cls._sides(p))

    @classmethod
    def code(cls, p, in_channels):
        sides = cls._sides(p)
        return Call(f"nn.{_MODULES[p['mode']]}", [str(sides[0]) if len(set(sides)) == 1 else str(sides)])

    @classmethod
    def step(cls, x, sides, mode: str) -> Step:
        need(
            len(sides) in (2, 4),
            translate("BlockImport", "padding {count} values (only the last two dims: 2 or 4 values)").format(
                count=len(sides)
            ),
        )
        sides = [int(v) for v in sides] + [0] * (4 - len(sides))
        need(min(sides) >= 0, translate("BlockImport", "negative padding {sides} (cropping)").format(sides=sides))
        return Step(cls.type, [x], {**dict(zip(_SIDES, sides)), "mode": mode})

    @classmethod
    def from_module(cls, m, inputs):
        if type(m).__name__ == "ConstantPad2d":
            need(
                m.value == 0,
                translate("BlockImport", "ConstantPad2d with value {value} (only zeros)").format(value=m.value),
            )
        mode = {v: k for k, v in _MODULES.items()}.get(type(m).__name__, "zeros")
        return cls.step(inputs[0], m.padding, mode)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        need(len(shape(x)) == 4, translate("BlockImport", "F.pad of a tensor that is not N×C×H×W"))
        mode = arg(node, 2, "mode", "constant")
        need(mode in _F_MODES, translate("BlockImport", "padding mode {mode}").format(mode=repr(mode)))
        need(
            arg(node, 3, "value") in (None, 0, 0.0),
            translate("BlockImport", "constant padding with value {value}").format(value=arg(node, 3, "value")),
        )
        sides = list(arg(node, 1, "pad"))
        if any(is_node(v) for v in sides):
            # sizes computed in forward (U-Net's diffX // 2, diffX - diffX // 2): read the totals from the traced
            # shapes and split them the same way; the importer's output check confirms the split
            need(len(sides) == 4, translate("BlockImport", "padding computed from sizes (only 4 values)"))
            (h, w), (oh, ow) = shape(x)[2:], shape(node)[2:]
            dw, dh = ow - w, oh - h
            sides = [dw // 2, dw - dw // 2, dh // 2, dh - dh // 2]
        return cls.step(x, sides, _F_MODES[mode])
