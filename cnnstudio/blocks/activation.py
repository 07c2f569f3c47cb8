"""Element-wise activations and upsampling."""

from __future__ import annotations

import math

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.params import Param


class _Activation(Block):
    category = "Activation"
    torch_name = ""
    examples = (({}, [(4, 5, 6)], (4, 5, 6)), ({}, [(7,)], (7,)))

    @classmethod
    def infer(cls, p, ins):
        return ins[0]

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return getattr(nn, cls.torch_name)(**p)


def _activation(type_: str, torch_name: str, description: str, params=()) -> type[Block]:
    cls = type(
        torch_name,
        (_Activation,),
        {
            "type": type_,
            "label": torch_name,
            "torch_name": torch_name,
            "name_prefix": type_,
            "description": description,
            "params": params,
            "__module__": __name__,
        },
    )
    return register(cls)


ReLU = _activation("relu", "ReLU", "max(0, x): keeps positive responses.")
LeakyReLU = _activation(
    "leaky_relu",
    "LeakyReLU",
    "x for x > 0, slope·x otherwise: no dead units.",
    (Param("negative_slope", "float", 0.01, "slope for negative inputs", min=0.0, max=1.0),),
)
GELU = _activation("gelu", "GELU", "x·Φ(x): the smooth ReLU of transformers.")
SiLU = _activation("silu", "SiLU", "x·sigmoid(x) (swish).")
Sigmoid = _activation("sigmoid", "Sigmoid", "1 / (1 + e^−x): squashes to (0, 1).")
Tanh = _activation("tanh", "Tanh", "squashes to (−1, 1).")


@register
class Upsample(Block):
    type = "upsample"
    label = "Upsample"
    category = "Convolution"
    stricter_than_torch = RANK_STRICTER
    name_prefix = "up"
    description = "Enlarges the map by a scale factor (nearest or bilinear), no learned weights."
    params = (
        Param("scale_factor", "float", 2.0, "output = floor(input · scale)", min=0.01, max=64.0),
        Param("mode", "choice", "nearest", "interpolation", choices=("nearest", "bilinear")),
    )
    examples = (({}, [(3, 7, 5)], (3, 14, 10)), ({"scale_factor": 1.5, "mode": "bilinear"}, [(2, 5, 4)], (2, 7, 6)))

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        oh, ow = math.floor(h * p["scale_factor"]), math.floor(w * p["scale_factor"])
        if min(oh, ow) < 1:
            raise ShapeError("negative_size", f"floor({h} · {p['scale_factor']}) = {oh}: the output would be empty")
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
