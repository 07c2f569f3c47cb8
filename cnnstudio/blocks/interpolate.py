"""Interpolate: resize a feature map to a fixed size or by a scale, nearest / bilinear / bicubic, align_corners."""

from __future__ import annotations

import math

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, literal, size
from .importing import Step, arg, first_tensor, need, shape, value

_MODES = ("nearest", "bilinear", "bicubic", "nearest-exact")
_SMOOTH = ("bilinear", "bicubic")  # the modes where align_corners means something


@register
class Interpolate(Block):
    type = "interpolate"
    label = QT_TRANSLATE_NOOP("Blocks", "Interpolate")
    category = "Convolution"
    name_prefix = "resize"
    keeps_channels = True
    stricter_than_torch = {
        **RANK_STRICTER,
        "align_corners": "torch ignores align_corners=False for nearest but refuses True; one rule reads simpler",
    }
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "resize"),
        QT_TRANSLATE_NOOP("BlockKeywords", "upsample"),
        QT_TRANSLATE_NOOP("BlockKeywords", "downsample"),
        QT_TRANSLATE_NOOP("BlockKeywords", "scale"),
        QT_TRANSLATE_NOOP("BlockKeywords", "f.interpolate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bilinear"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bicubic"),
    )
    torch_modules = ("torch.nn.Upsample", "torch.nn.UpsamplingBilinear2d", "torch.nn.UpsamplingNearest2d")
    torch_functions = ("interpolate", "upsample")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Resizes the map to a fixed size (a decoder matching its skip connection) or by a scale factor; "
        "bilinear/bicubic blend neighbours, align_corners keeps the corner pixels in place.",
    )
    params = (
        Param(
            "by",
            "choice",
            "size",
            QT_TRANSLATE_NOOP("BlockParams", "give the output size, or a scale factor"),
            choices=("size", "scale"),
        ),
        Param(
            "size", "size", 32, QT_TRANSLATE_NOOP("BlockParams", "output height and width (by size)"), min=1, max=16384
        ),
        Param(
            "scale_factor",
            "float",
            2.0,
            QT_TRANSLATE_NOOP("BlockParams", "output = floor(input · scale) (by scale)"),
            min=0.01,
            max=64.0,
        ),
        Param("mode", "choice", "bilinear", QT_TRANSLATE_NOOP("BlockParams", "interpolation"), choices=_MODES),
        Param(
            "align_corners",
            "bool",
            False,
            QT_TRANSLATE_NOOP("BlockParams", "bilinear/bicubic: corner pixels of input and output coincide"),
        ),
    )
    examples = (
        ({"size": [7, 9]}, [(3, 4, 5)], (3, 7, 9)),
        ({"size": 4, "mode": "bicubic", "align_corners": True}, [(2, 9, 9)], (2, 4, 4)),
        ({"by": "scale", "scale_factor": 0.5, "mode": "nearest"}, [(2, 8, 7)], (2, 4, 3)),
        ({"by": "scale", "scale_factor": 2.0, "align_corners": True}, [(1, 3, 3)], (1, 6, 6)),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        if p["align_corners"] and p["mode"] not in _SMOOTH:
            raise ShapeError(
                "align_corners",
                translate("BlockErrors", "align_corners applies to bilinear and bicubic only, not {mode}").format(
                    mode=p["mode"]
                ),
                (SetParams(translate("BlockErrors", "Turn align_corners off"), {"align_corners": False}),),
            )
        if p["by"] == "size":
            oh, ow = pair(p["size"])
            return (c, oh, ow)
        s = p["scale_factor"]
        oh, ow = math.floor(h * s), math.floor(w * s)
        if min(oh, ow) < 1:
            raise ShapeError(
                "negative_size",
                messages.empty_output(f"floor({min(h, w)} · {s}) = {min(oh, ow)}"),
                (SetParams(translate("BlockErrors", "Scale by 1"), {"scale_factor": 1.0}),),
            )
        return (c, oh, ow)

    @classmethod
    def receptive_layers(cls, p):
        return ()

    @classmethod
    def subtitle(cls, p):
        target = (
            "→ " + "×".join(map(str, dict.fromkeys(pair(p["size"]))))
            if p["by"] == "size"
            else f"×{p['scale_factor']:g}"
        )
        return f"{target} {p['mode']}"

    @classmethod
    def _kwargs(cls, p) -> dict:
        out = {"size": pair(p["size"])} if p["by"] == "size" else {"scale_factor": float(p["scale_factor"])}
        out["mode"] = p["mode"]
        if p["mode"] in _SMOOTH:
            out["align_corners"] = bool(p["align_corners"])
        return out

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.Upsample(**cls._kwargs(p))

    @classmethod
    def code(cls, p, in_channels):
        args = []
        for key, v in cls._kwargs(p).items():
            args.append(f"size={size(v)}" if key == "size" else f"{key}={literal(v)}")
        return Call("nn.Upsample", args)

    @classmethod
    def step(cls, x, out, size_, scale, mode, align_corners) -> Step:
        need(
            mode in _MODES,
            translate("BlockImport", "interpolation mode {mode} ({modes})").format(
                mode=repr(mode), modes=", ".join(_MODES)
            ),
        )
        need(len(shape(x)) == 4, translate("BlockImport", "interpolation of a tensor that is not N×C×H×W"))
        params = dict(mode=mode, align_corners=bool(align_corners) and mode in _SMOOTH)
        if size_ is not None and out is None:
            return Step(cls.type, [x], {**params, "by": "size", "size": value(pair(size_))})
        if size_ is not None:
            # a size computed in forward (x.shape[-2:] of a skip) is read from the traced output
            return Step(cls.type, [x], {**params, "by": "size", "size": value(shape(out)[2:])})
        scales = scale if isinstance(scale, (tuple, list)) else (scale, scale)
        need(
            scales[0] is not None and len(set(scales)) == 1,
            translate("BlockImport", "different scale factors for height and width"),
        )
        return Step(cls.type, [x], {**params, "by": "scale", "scale_factor": float(scales[0])})

    @classmethod
    def from_module(cls, m, inputs):
        return cls.step(inputs[0], None, m.size, m.scale_factor, m.mode, m.align_corners)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        need(not arg(node, 6, "antialias", False), translate("BlockImport", "interpolation with antialias=True"))
        need(
            not arg(node, 5, "recompute_scale_factor", None),
            translate("BlockImport", "interpolation with recompute_scale_factor=True"),
        )
        size_, scale = arg(node, 1, "size"), arg(node, 2, "scale_factor")
        return cls.step(x, node, size_, scale, arg(node, 3, "mode", "nearest"), arg(node, 4, "align_corners"))
