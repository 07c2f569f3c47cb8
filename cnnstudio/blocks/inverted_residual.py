"""MobileNetV2's inverted residual (Sandler 2018; torchvision.models.mobilenetv2.InvertedResidual)."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.formulas import conv_out, pair
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.params import Param

from .code import Call
from .importing import Step


def _cna(name: str, out: int, k: int, s: int, groups: int, source: str) -> list[Part]:
    """Conv2dNormActivation: ``name.0`` bias-free conv padded to keep the size, ``.1`` batch norm, ``.2`` ReLU6."""
    conv = dict(out_channels=out, kernel_size=k, stride=s, padding=(k - 1) // 2, groups=groups, bias=False)
    return [
        Part(f"{name}.0", "conv2d", conv, (source,)),
        Part(f"{name}.1", "batchnorm2d", {}, (f"{name}.0",)),
        Part(f"{name}.2", "relu6", {}, (f"{name}.1",)),
    ]


@register
class InvertedResidual(Block):
    type = "inverted_residual"
    label = QT_TRANSLATE_NOOP("Blocks", "Inverted residual")
    category = "Composite"
    name_prefix = "block"
    composite = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobilenetv2"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mbconv"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise separable"),
        QT_TRANSLATE_NOOP("BlockKeywords", "linear bottleneck"),
        QT_TRANSLATE_NOOP("BlockKeywords", "expansion"),
    )
    torch_modules = ("InvertedResidual",)  # torchvision.models.mobilenetv2.InvertedResidual, by name
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "MobileNetV2's block: a 1×1 convolution widens the channels (× expand ratio), a 3×3 depthwise "
        "convolution filters each channel on its own, a linear 1×1 convolution narrows again (no ReLU: "
        "it would lose information in few channels), + input when the shape is kept. Few weights and MACs.",
    )
    params = (
        Param(
            "out_channels",
            "int",
            24,
            QT_TRANSLATE_NOOP("BlockParams", "channels out (the narrow ends)"),
            min=1,
            max=8192,
        ),
        Param(
            "stride",
            "int",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "stride of the depthwise 3×3 (2 halves the map)"),
            min=1,
            max=2,
        ),
        Param(
            "expand_ratio",
            "int",
            6,
            QT_TRANSLATE_NOOP("BlockParams", "how many times wider the inside is (1: no expansion layer)"),
            min=1,
            max=64,
        ),
    )
    examples = (
        ({}, [(24, 56, 56)], (24, 56, 56)),
        ({"out_channels": 16, "expand_ratio": 1}, [(32, 9, 9)], (16, 9, 9)),
        ({"out_channels": 8, "stride": 2, "expand_ratio": 3}, [(4, 7, 6)], (8, 4, 3)),
    )

    @classmethod
    def infer(cls, p, ins):
        _, h, w = cls.need_rank(ins, 3)
        s = p["stride"]
        return (p["out_channels"], conv_out(h, 3, s, 1), conv_out(w, 3, s, 1))

    @staticmethod
    def hidden(p, c_in: int) -> int:
        return int(round(c_in * p["expand_ratio"]))

    @classmethod
    def _convs(cls, p, c_in, in_hw, out_hw):
        """(weights, norm channels, output pixels) of every convolution inside."""
        hidden, c_out = cls.hidden(p, c_in), p["out_channels"]
        convs = [(c_in * hidden, hidden, in_hw)] if p["expand_ratio"] != 1 else []
        return convs + [(9 * hidden, hidden, out_hw), (hidden * c_out, c_out, out_hw)]

    @classmethod
    def param_count(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(weights + 2 * norm for weights, norm, _ in cls._convs(p, c, h * w, out[1] * out[2]))

    @classmethod
    def macs(cls, p, ins, out):
        c, h, w = ins[0]
        return sum(weights * px for weights, _, px in cls._convs(p, c, h * w, out[1] * out[2]))

    @classmethod
    def receptive_layers(cls, p):
        s = p["stride"]
        return ((3, 3, s, s, 1, 1),)

    @classmethod
    def subtitle(cls, p):
        tail = f" /{p['stride']}" if p["stride"] != 1 else ""
        return f"×{p['expand_ratio']} · {p['out_channels']}{tail}"

    @classmethod
    def expand(cls, p, in_shape):
        hidden, c_out, s = cls.hidden(p, in_shape[0]), p["out_channels"], p["stride"]
        parts, i, source = [], 0, ""
        if p["expand_ratio"] != 1:
            parts += _cna("conv.0", hidden, 1, 1, 1, "")
            i, source = 1, "conv.0.2"
        parts += _cna(f"conv.{i}", hidden, 3, s, hidden, source)
        project = dict(out_channels=c_out, kernel_size=1, bias=False)
        parts += [
            Part(f"conv.{i + 1}", "conv2d", project, (f"conv.{i}.2",)),
            Part(f"conv.{i + 2}", "batchnorm2d", {}, (f"conv.{i + 1}",)),
        ]
        if s == 1 and in_shape[0] == c_out:
            parts.append(Part("add", "add", {"num_inputs": 2}, ("", f"conv.{i + 2}")))
        return parts

    @classmethod
    def collapse_on(cls, parts, in_shape):
        expanded = "conv.3" in parts  # the last batch norm is conv.3 after an expansion layer, else conv.2
        project, depthwise = parts.get(f"conv.{int(expanded) + 1}"), parts.get(f"conv.{int(expanded)}.0")
        if project is None or depthwise is None or project.type != "conv2d" or depthwise.type != "conv2d":
            return None
        hidden = depthwise.params.get("out_channels", 1)
        ratio = max(1, round(hidden / max(1, in_shape[0]))) if expanded else 1
        stride = pair(depthwise.params.get("stride", 1))[0]
        return dict(out_channels=project.params.get("out_channels", 1), stride=stride, expand_ratio=ratio)

    @classmethod
    def build(cls, p, ins):
        from .modules import InvertedResidual as Module

        return Module(ins[0][0], p["out_channels"], p["stride"], p["expand_ratio"])

    @classmethod
    def code(cls, p, in_channels):
        args = [in_channels, str(p["out_channels"]), str(p["stride"]), str(p["expand_ratio"])]
        return Call("InvertedResidual", args, {"InvertedResidual", "Conv2dNormActivation"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        seq = getattr(m, "conv", None)
        if not isinstance(seq, nn.Sequential) or len(seq) not in (3, 4) or len(list(m.children())) != 1:
            return None
        expanded = len(seq) == 4
        first = seq[0][0] if isinstance(seq[0], nn.Sequential) and len(seq[0]) == 3 else None
        if type(first) is not nn.Conv2d:
            return None
        c_in = first.in_channels
        dw = seq[int(expanded)]
        if not isinstance(dw, nn.Sequential) or len(dw) != 3 or type(dw[0]) is not nn.Conv2d:
            return None
        hidden, stride, c_out = dw[0].out_channels, dw[0].stride[0], seq[-2].out_channels
        ratio = round(hidden / c_in) if expanded else 1
        p = dict(out_channels=c_out, stride=stride, expand_ratio=ratio)
        if cls.hidden(p, c_in) != hidden or stride not in (1, 2):
            return None
        expected = cls.expand(p, (c_in, 1, 1))
        layers = dict(_layers(seq, "conv"))
        for part in expected:
            if part.type == "add":
                continue
            if not _same(layers.pop(part.name, None), part):
                return None
        if layers or getattr(m, "use_res_connect", None) != (stride == 1 and c_in == c_out):
            return None
        return Step(cls.type, inputs, p)


def _layers(seq, prefix: str):
    for name, child in seq.named_children():
        if len(list(child.children())):
            yield from _layers(child, f"{prefix}.{name}")
        else:
            yield f"{prefix}.{name}", child


def _same(m, part: Part) -> bool:
    """Whether torch module ``m`` is exactly what ``part`` builds (PyTorch's defaults otherwise)."""
    import torch.nn as nn

    p = part.params
    if part.type == "relu6":
        return type(m) is nn.ReLU6
    if part.type == "batchnorm2d":
        return type(m) is nn.BatchNorm2d and (m.eps, m.momentum, m.affine, m.track_running_stats) == (
            1e-5,
            0.1,
            True,
            True,
        )
    k, s = p["kernel_size"], p.get("stride", 1)
    return (
        type(m) is nn.Conv2d
        and m.out_channels == p["out_channels"]
        and (m.kernel_size, m.stride, m.padding, m.dilation) == ((k, k), (s, s), ((k - 1) // 2,) * 2, (1, 1))
        and m.groups == p.get("groups", 1)
        and m.bias is None
        and m.padding_mode == "zeros"
    )
