"""timm's ConvNeXt block, held whole so that its layer-scale parameter ``gamma`` keeps timm's state_dict key."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call, kw
from .importing import Step


def _is(module, *names: str) -> bool:
    return any(type(module).__name__ == n for n in names)


@register
class TimmConvNeXtBlock(Block):
    type = "timm_convnext_block"
    label = QT_TRANSLATE_NOOP("Blocks", "ConvNeXt block (timm)")
    category = "Composite"
    name_prefix = "block"
    keeps_channels = True
    stricter_than_torch = {
        **RANK_STRICTER,
        "even_kernel": "an even kernel grows the map by one; torch may broadcast the sum of the two sizes",
    }
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "convnext"),
        QT_TRANSLATE_NOOP("BlockKeywords", "timm"),
        QT_TRANSLATE_NOOP("BlockKeywords", "layer scale"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise"),
    )
    torch_modules = ("ConvNeXtBlock",)  # timm.models.convnext.ConvNeXtBlock and our exported copy, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "ConvNeXt's residual block as timm writes it: a depthwise convolution, LayerNorm over the channels, a "
        "wider two-layer MLP with GELU (1×1 convolutions or Linear layers), a learned per-channel scale gamma, "
        "then + input. timm's ConvNeXt checkpoints load into it unchanged. Same width in and out.",
    )
    params = (
        Param("kernel_size", "int", 7, QT_TRANSLATE_NOOP("BlockParams", "side of the depthwise kernel"), min=1, max=31),
        Param("mlp_ratio", "int", 4, QT_TRANSLATE_NOOP("BlockParams", "MLP width ÷ channels"), min=1, max=16),
        Param("conv_mlp", "bool", False, QT_TRANSLATE_NOOP("BlockParams", "MLP of 1×1 convolutions, not Linear")),
        Param(
            "ls_init_value",
            "float",
            1e-6,
            QT_TRANSLATE_NOOP("BlockParams", "initial value of the per-channel scale of the branch"),
            min=0.0,
            max=10.0,
        ),
        Param("eps", "float", 1e-6, QT_TRANSLATE_NOOP("BlockParams", "layer-norm epsilon"), min=0.0, max=1.0),
    )
    examples = (
        ({}, [(8, 5, 5)], (8, 5, 5)),
        ({"conv_mlp": True, "kernel_size": 3, "mlp_ratio": 2}, [(4, 6, 7)], (4, 6, 7)),
    )

    @classmethod
    def infer(cls, p, ins):
        shape = cls.need_rank(ins, 3)
        k = p["kernel_size"]
        if k % 2 == 0:
            raise ShapeError(
                "even_kernel",
                translate(
                    "BlockErrors", "kernel_size {k} is even: padding {k}//2 = {pad} grows the map and the + input fails"
                ).format(k=k, pad=k // 2),
                (SetParams(messages.use_value(k + 1), {"kernel_size": k + 1}),),
            )
        return shape

    @classmethod
    def param_count(cls, p, ins, out):
        c, k, r = ins[0][0], p["kernel_size"], p["mlp_ratio"]
        return c * k * k + c + 2 * c + (r * c * c + r * c) + (r * c * c + c) + c

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return h * w * (c * p["kernel_size"] ** 2 + 2 * p["mlp_ratio"] * c * c)

    @classmethod
    def receptive_layers(cls, p):
        k = p["kernel_size"]
        return ((k, k, 1, 1, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        k = p["kernel_size"]
        return f"{k}×{k} dw · MLP ×{p['mlp_ratio']}"

    @classmethod
    def build(cls, p, ins):
        from .timm_modules import ConvNeXtBlock

        return ConvNeXtBlock(
            ins[0][0], p["kernel_size"], p["mlp_ratio"], p["conv_mlp"], float(p["ls_init_value"]), float(p["eps"])
        )

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "kernel_size", p["kernel_size"], 7)
        kw(args, "mlp_ratio", p["mlp_ratio"], 4)
        kw(args, "conv_mlp", p["conv_mlp"], False)
        kw(args, "ls_init_value", float(p["ls_init_value"]), 1e-6)
        kw(args, "eps", float(p["eps"]), 1e-6)
        return Call("ConvNeXtBlock", args, {"Mlp", "ConvNeXtBlock"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        # from _parameters, not by attribute: while fx traces, a parameter read by attribute is a Proxy
        gamma = m._parameters.get("gamma")
        conv, norm, mlp = getattr(m, "conv_dw", None), getattr(m, "norm", None), getattr(m, "mlp", None)
        if gamma is None or not isinstance(conv, nn.Conv2d) or not isinstance(norm, nn.LayerNorm) or mlp is None:
            return None
        conv_mlp = bool(getattr(m, "use_conv_mlp", False))
        fc1, act, fc2 = getattr(mlp, "fc1", None), getattr(mlp, "act", None), getattr(mlp, "fc2", None)
        c, k = conv.out_channels, conv.kernel_size[0]
        layer = nn.Conv2d if conv_mlp else nn.Linear
        hidden = getattr(fc1, "out_channels" if conv_mlp else "out_features", 0)
        passes = [getattr(m, name, None) for name in ("drop_path", "shortcut")]
        passes += [getattr(mlp, name, None) for name in ("drop1", "drop2", "norm")]
        ok = (
            (conv.in_channels, conv.kernel_size, conv.padding, conv.groups) == (c, (k, k), (k // 2, k // 2), c)
            and conv.stride == (1, 1)
            and conv.dilation == (1, 1)
            and conv.bias is not None
            and conv.padding_mode == "zeros"
            and tuple(norm.normalized_shape) == (c,)
            and norm.elementwise_affine
            and norm.bias is not None
            and type(fc1) is layer
            and type(fc2) is layer
            and hidden % c == 0
            and fc1.bias is not None
            and fc2.bias is not None
            and (not conv_mlp or (fc1.kernel_size, fc2.kernel_size) == ((1, 1), (1, 1)))
            and _is(act, "GELU")
            and getattr(act, "approximate", "none") == "none"
            and gamma.dim() == 1
            and gamma.numel() == c
            and all(x is None or _is(x, "Identity") or (_is(x, "Dropout") and x.p == 0) for x in passes)
        )
        if not ok:
            return None
        params = dict(kernel_size=k, mlp_ratio=hidden // c, conv_mlp=conv_mlp, eps=float(norm.eps))
        return Step(cls.type, inputs, {**params, "ls_init_value": float(gamma.detach()[0])})
