"""Element-wise activations and upsampling."""

from __future__ import annotations

import math

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw, literal
from .importing import Step, arg, first_tensor, need


class Activation(Block):
    """An element-wise ``nn.<torch_name>`` whose params are its constructor's keyword arguments."""

    category = "Activation"
    keeps_channels = True
    torch_name = ""
    examples = (({}, [(4, 5, 6)], (4, 5, 6)), ({}, [(7,)], (7,)))

    @classmethod
    def infer(cls, p, ins):
        return ins[0]

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return getattr(nn, cls.torch_name)(**p)

    @classmethod
    def code(cls, p, in_channels):
        args = []
        for spec in cls.params:
            kw(args, spec.name, float(p[spec.name]) if spec.kind == "float" else p[spec.name], spec.default)
        return Call(f"nn.{cls.torch_name}", args)

    @classmethod
    def read(cls, spec: Param, v):
        need(isinstance(v, (int, float)) and not isinstance(v, bool), f"{spec.name}={v!r}")
        return float(v) if spec.kind == "float" else int(v)

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, {spec.name: cls.read(spec, getattr(m, spec.name)) for spec in cls.params})

    @classmethod
    def from_call(cls, node, name):
        # F.leaky_relu(x, negative_slope), F.elu(x, alpha), F.softmax(x, dim): params follow the tensor in order
        x = first_tensor(node)
        params = {
            spec.name: cls.read(spec, arg(node, i + 1, spec.name, spec.default)) for i, spec in enumerate(cls.params)
        }
        return Step(cls.type, [x], params)


def activation(
    type_: str, torch_name: str, description: str, params=(), functions=(), keywords=(), base=None, **extra
) -> type[Block]:
    """Register an element-wise activation that is ``nn.<torch_name>`` and ``F.<function>`` in torch."""
    cls = type(
        torch_name,
        (base or Activation,),
        {
            "type": type_,
            "label": torch_name,
            "torch_name": torch_name,
            "name_prefix": type_,
            "description": description,
            "params": params,
            "torch_modules": (f"torch.nn.{torch_name}",),
            "torch_functions": functions,
            "keywords": keywords,
            "__module__": extra.pop("module", __name__),
            **extra,
        },
    )
    return register(cls)


class _GELU(Activation):
    @classmethod
    def from_module(cls, m, inputs):
        need(m.approximate == "none", translate("BlockImport", "GELU(approximate='tanh')"))
        return Step(cls.type, inputs)

    @classmethod
    def from_call(cls, node, name):
        need(node.kwargs.get("approximate", "none") == "none", translate("BlockImport", "gelu(approximate='tanh')"))
        return Step(cls.type, [first_tensor(node)])


ReLU = activation(
    "relu",
    QT_TRANSLATE_NOOP("Blocks", "ReLU"),
    QT_TRANSLATE_NOOP("Blocks", "max(0, x): keeps positive responses."),
    functions=("relu", "relu_"),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "rectifier"),),
)
LeakyReLU = activation(
    "leaky_relu",
    QT_TRANSLATE_NOOP("Blocks", "LeakyReLU"),
    QT_TRANSLATE_NOOP("Blocks", "x for x > 0, slope·x otherwise: no dead units."),
    (
        Param(
            "negative_slope",
            "float",
            0.01,
            QT_TRANSLATE_NOOP("BlockParams", "slope for negative inputs"),
            min=0.0,
            max=1.0,
        ),
    ),
    functions=("leaky_relu",),
)
GELU = activation(
    "gelu",
    QT_TRANSLATE_NOOP("Blocks", "GELU"),
    QT_TRANSLATE_NOOP("Blocks", "x·Φ(x): the smooth ReLU of transformers."),
    functions=("gelu",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "gaussian error"),),
    base=_GELU,
)
SiLU = activation(
    "silu",
    QT_TRANSLATE_NOOP("Blocks", "SiLU"),
    QT_TRANSLATE_NOOP("Blocks", "x·sigmoid(x) (swish)."),
    functions=("silu",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "swish"),),
)
Sigmoid = activation(
    "sigmoid",
    QT_TRANSLATE_NOOP("Blocks", "Sigmoid"),
    QT_TRANSLATE_NOOP("Blocks", "1 / (1 + e^−x): squashes to (0, 1)."),
    functions=("sigmoid",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "logistic"),),
)
Tanh = activation(
    "tanh",
    QT_TRANSLATE_NOOP("Blocks", "Tanh"),
    QT_TRANSLATE_NOOP("Blocks", "squashes to (−1, 1)."),
    functions=("tanh",),
    keywords=(QT_TRANSLATE_NOOP("BlockKeywords", "hyperbolic tangent"),),
)


@register
class Upsample(Block):
    type = "upsample"
    label = QT_TRANSLATE_NOOP("Blocks", "Upsample")
    category = "Convolution"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "up"
    keeps_channels = True
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "interpolate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "resize"),
        QT_TRANSLATE_NOOP("BlockKeywords", "nearest"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bilinear"),
        QT_TRANSLATE_NOOP("BlockKeywords", "upscale"),
    )
    torch_modules = ("torch.nn.Upsample",)
    torch_functions = ("interpolate",)
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Enlarges the map by a scale factor (nearest or bilinear), no learned weights."
    )
    params = (
        Param(
            "scale_factor",
            "float",
            2.0,
            QT_TRANSLATE_NOOP("BlockParams", "output = floor(input · scale)"),
            min=0.01,
            max=64.0,
        ),
        Param(
            "mode",
            "choice",
            "nearest",
            QT_TRANSLATE_NOOP("BlockParams", "interpolation"),
            choices=("nearest", "bilinear"),
        ),
    )
    examples = (({}, [(3, 7, 5)], (3, 14, 10)), ({"scale_factor": 1.5, "mode": "bilinear"}, [(2, 5, 4)], (2, 7, 6)))

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        oh, ow = math.floor(h * p["scale_factor"]), math.floor(w * p["scale_factor"])
        if min(oh, ow) < 1:
            raise ShapeError("negative_size", messages.empty_output(f"floor({h} · {p['scale_factor']}) = {oh}"))
        return (c, oh, ow)

    @classmethod
    def receptive_layers(cls, p):
        s = p["scale_factor"]
        return ((1, 1, -s, -s, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return f"×{p['scale_factor']:g} {p['mode']}"

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.Upsample(scale_factor=float(p["scale_factor"]), mode=p["mode"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.Upsample", [f"scale_factor={float(p['scale_factor'])!r}", f"mode={literal(p['mode'])}"])

    @classmethod
    def step(cls, x, scale, mode, align_corners, size=None) -> Step | None:
        """An Upsample for a uniform scale, nearest or bilinear without align_corners; None leaves the call to
        the Interpolate block (sizes, other modes, align_corners)."""
        if isinstance(scale, (tuple, list)):
            scale = scale[0] if len(set(scale)) == 1 else None
        if size is not None or scale is None or mode not in ("nearest", "bilinear") or align_corners:
            return None
        return Step(cls.type, [x], dict(scale_factor=float(scale), mode=mode))

    @classmethod
    def from_module(cls, m, inputs):
        return cls.step(inputs[0], m.scale_factor, m.mode, m.align_corners, m.size)

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        return cls.step(
            x,
            arg(node, 2, "scale_factor"),
            arg(node, 3, "mode", "nearest"),
            arg(node, 4, "align_corners"),
            arg(node, 1, "size"),
        )
