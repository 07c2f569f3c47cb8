"""BatchNormAct2d: a batch norm followed by an activation (and an optional dropout) as one layer, as timm writes it."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from .code import Call, kw, literal
from .importing import Step, need

# param value → torch.nn class; timm's own activation classes are read back by their names (``_READ``)
ACTIVATIONS = {
    "identity": "Identity",
    "relu": "ReLU",
    "relu6": "ReLU6",
    "silu": "SiLU",
    "gelu": "GELU",
    "hardswish": "Hardswish",
    "hardsigmoid": "Hardsigmoid",
    "sigmoid": "Sigmoid",
    "tanh": "Tanh",
    "mish": "Mish",
    "elu": "ELU",
}
_READ = {
    **{name: value for value, name in ACTIVATIONS.items()},
    "Swish": "silu",  # timm.layers.activations: the same functions under their own names
    "HardSwish": "hardswish",
    "HardSigmoid": "hardsigmoid",
    "HardMish": None,
    "GELUTanh": None,
}


def _activation_name(act) -> str | None:
    """The param value of an activation module, None when this block cannot hold it (a tanh-GELU, a slope…)."""
    name = _READ.get(type(act).__name__)
    if name == "gelu" and getattr(act, "approximate", "none") != "none":
        return None
    if name == "elu" and getattr(act, "alpha", 1.0) != 1.0:
        return None
    return name


@register
class BatchNormAct2d(Block):
    type = "batchnorm_act2d"
    label = QT_TRANSLATE_NOOP("Blocks", "BatchNormAct2d")
    category = "Normalization"
    name_prefix = "bn"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "batch norm activation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bn act"),
        QT_TRANSLATE_NOOP("BlockKeywords", "norm act"),
        QT_TRANSLATE_NOOP("BlockKeywords", "timm"),
        QT_TRANSLATE_NOOP("BlockKeywords", "efficientnet"),
    )
    torch_modules = ("BatchNormAct2d",)  # timm.layers.BatchNormAct2d and our exported copy, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Batch norm, then an optional dropout and an activation, in one layer with batch norm's weights "
        "(weight, bias, running_mean, running_var): how timm writes EfficientNet, MobileNetV3 and RegNet, so their "
        "checkpoints load unchanged.",
    )
    params = (
        Param(
            "activation",
            "choice",
            "relu",
            QT_TRANSLATE_NOOP("BlockParams", "applied after the normalisation (identity: none)"),
            choices=tuple(ACTIVATIONS),
        ),
        Param(
            "eps",
            "float",
            1e-5,
            QT_TRANSLATE_NOOP("BlockParams", "added to the variance for stability"),
            min=0.0,
            max=1.0,
        ),
        Param(
            "momentum",
            "float",
            0.1,
            QT_TRANSLATE_NOOP("BlockParams", "running-statistics update rate"),
            min=0.0,
            max=1.0,
        ),
        Param("affine", "bool", True, QT_TRANSLATE_NOOP("BlockParams", "learn a scale and shift per channel")),
        Param(
            "drop",
            "float",
            0.0,
            QT_TRANSLATE_NOOP("BlockParams", "dropout probability between the norm and the activation (0: none)"),
            min=0.0,
            max=1.0,
        ),
    )
    examples = (
        ({}, [(32, 8, 8)], (32, 8, 8)),
        ({"activation": "silu", "eps": 0.001}, [(16, 5, 7)], (16, 5, 7)),
        ({"activation": "identity", "affine": False, "drop": 0.2}, [(4, 3, 3)], (4, 3, 3)),
        ({"activation": "hardswish"}, [(8, 4, 4)], (8, 4, 4)),
    )

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3)

    @classmethod
    def param_count(cls, p, ins, out):
        return 2 * ins[0][0] if p["affine"] else 0

    @classmethod
    def subtitle(cls, p):
        return f"+ {p['activation']}" + (f" · drop {p['drop']:g}" if p["drop"] else "")

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        from .norm_modules import BatchNormAct2d as Module

        return Module(
            ins[0][0],
            eps=float(p["eps"]),
            momentum=float(p["momentum"]),
            affine=p["affine"],
            act_layer=getattr(nn, ACTIVATIONS[p["activation"]]),
            drop=float(p["drop"]),
        )

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "eps", float(p["eps"]), 1e-5)
        kw(args, "momentum", float(p["momentum"]), 0.1)
        kw(args, "affine", p["affine"], True)
        if p["activation"] != "relu":
            args.append(f"act_layer=nn.{ACTIVATIONS[p['activation']]}")
        if p["drop"]:
            args.append(f"drop={literal(float(p['drop']))}")
        return Call("BatchNormAct2d", args, {"BatchNormAct2d"})

    @classmethod
    def from_module(cls, m, inputs):
        act, drop = getattr(m, "act", None), getattr(m, "drop", None)
        if act is None or not hasattr(m, "running_mean"):
            return None
        name = _activation_name(act)
        need(
            name is not None,
            translate("BlockImport", "activation {name} after the batch norm").format(name=type(act).__name__),
        )
        need(
            m.track_running_stats and m.momentum is not None,
            translate("BlockImport", "batch norm without running statistics"),
        )
        p = 0.0
        if drop is not None and type(drop).__name__ != "Identity":
            need(
                type(drop).__name__ == "Dropout",
                translate("BlockImport", "{name} between the batch norm and its activation").format(
                    name=type(drop).__name__
                ),
            )
            p = float(drop.p)
        params = dict(activation=name, eps=float(m.eps), momentum=float(m.momentum), affine=bool(m.affine), drop=p)
        return Step(cls.type, inputs, params)
