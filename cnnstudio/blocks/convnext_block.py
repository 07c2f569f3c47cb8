"""ConvNeXt's block (torchvision's CNBlock): a ResNet block modernised like a transformer's."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call, kw
from .importing import Step


@register
class ConvNeXtBlock(Block):
    type = "convnext_block"
    label = QT_TRANSLATE_NOOP("Blocks", "ConvNeXt block")
    category = "Composite"
    name_prefix = "block"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "cnblock"),
        QT_TRANSLATE_NOOP("BlockKeywords", "convnext"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise"),
        QT_TRANSLATE_NOOP("BlockKeywords", "inverted bottleneck"),
        QT_TRANSLATE_NOOP("BlockKeywords", "layer scale"),
        QT_TRANSLATE_NOOP("BlockKeywords", "modern resnet"),
    )
    torch_modules = ("CNBlock",)  # torchvision.models.convnext.CNBlock, by name; state_dict keys kept
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "ConvNeXt's residual block: a 7×7 depthwise convolution (large receptive field, few weights), "
        "LayerNorm over channels, a 4× wider two-layer MLP with GELU per pixel, a learned per-channel scale, "
        "then + input. Same width in and out.",
    )
    params = (
        Param(
            "layer_scale",
            "float",
            1e-6,
            QT_TRANSLATE_NOOP("BlockParams", "initial value of the per-channel scale of the branch"),
            min=0.0,
            max=10.0,
        ),
        Param(
            "stochastic_depth_prob",
            "float",
            0.0,
            QT_TRANSLATE_NOOP("BlockParams", "probability of skipping the branch while training"),
            min=0.0,
            max=1.0,
        ),
        Param("eps", "float", 1e-6, QT_TRANSLATE_NOOP("BlockParams", "layer-norm epsilon"), min=0.0, max=1.0),
    )
    examples = (({}, [(8, 5, 5)], (8, 5, 5)), ({"layer_scale": 0.5, "eps": 1e-5}, [(3, 9, 7)], (3, 9, 7)))

    @classmethod
    def infer(cls, p, ins):
        return cls.need_rank(ins, 3)

    @classmethod
    def param_count(cls, p, ins, out):
        c = ins[0][0]
        return 8 * c * c + 58 * c  # dwconv 49c + c, norm 2c, 4c² + 4c, 4c² + c, layer scale c

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return h * w * (49 * c + 8 * c * c)

    @classmethod
    def receptive_layers(cls, p):
        return ((7, 7, 1, 1, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        return "7×7 dw · MLP ×4"

    @classmethod
    def build(cls, p, ins):
        from .modules import CNBlock

        return CNBlock(ins[0][0], float(p["layer_scale"]), float(p["stochastic_depth_prob"]), float(p["eps"]))

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels]
        kw(args, "layer_scale", float(p["layer_scale"]), 1e-6)
        kw(args, "stochastic_depth_prob", float(p["stochastic_depth_prob"]), 0.0)
        kw(args, "eps", float(p["eps"]), 1e-6)
        return Call("CNBlock", args, {"CNBlock", "Permute", "StochasticDepth"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        # from _parameters, not by attribute: while fx traces, a parameter read by attribute is a Proxy
        scale = m._parameters.get("layer_scale")
        seq, drop = getattr(m, "block", None), getattr(m, "stochastic_depth", None)
        if not isinstance(seq, nn.Sequential) or len(seq) != 7 or scale is None or drop is None:
            return None
        conv, norm, fc1, act, fc2 = seq[0], seq[2], seq[3], seq[4], seq[5]
        c = conv.out_channels if type(conv) is nn.Conv2d else -1
        ok = (
            type(conv) is nn.Conv2d
            and (conv.in_channels, conv.kernel_size, conv.padding, conv.groups) == (c, (7, 7), (3, 3), c)
            and conv.stride == (1, 1)
            and conv.dilation == (1, 1)
            and conv.bias is not None
            and conv.padding_mode == "zeros"
            and [getattr(seq[i], "dims", None) for i in (1, 6)] == [[0, 2, 3, 1], [0, 3, 1, 2]]
            and type(norm) is nn.LayerNorm
            and tuple(norm.normalized_shape) == (c,)
            and norm.elementwise_affine
            and norm.bias is not None
            and type(fc1) is nn.Linear
            and (fc1.in_features, fc1.out_features) == (c, 4 * c)
            and type(act) is nn.GELU
            and act.approximate == "none"
            and type(fc2) is nn.Linear
            and (fc2.in_features, fc2.out_features) == (4 * c, c)
            and fc1.bias is not None
            and fc2.bias is not None
            and type(scale).__name__ == "Parameter"
            and scale.dim() == 3
            and scale.numel() == c
            and getattr(drop, "mode", None) == "row"
            and len(list(m.children())) == 2
        )
        if not ok:
            return None
        # the parameter is the scale's initial value; trained scales may be negative or large, and the weights
        # loaded after the import hold them anyway
        initial = min(max(float(scale.detach().flatten()[0]), 0.0), 10.0)
        params = dict(layer_scale=initial, stochastic_depth_prob=float(drop.p))
        return Step(cls.type, inputs, {**params, "eps": float(norm.eps)})
