"""ShuffleNetV2's unit (Ma 2018; torchvision.models.shufflenetv2.InvertedResidual): split, branch, shuffle."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, Part, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, conv_out
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call
from .importing import Step


@register
class ShuffleNetUnit(Block):
    type = "shufflenet_unit"
    label = QT_TRANSLATE_NOOP("Blocks", "ShuffleNetV2 unit")
    category = "Composite"
    name_prefix = "unit"
    composite = True
    # torchvision's module names (branch1.*, branch2.*) are kept, so its weights load; the stride-1 form's
    # split, cat and channel_shuffle are named as an import of torchvision's unit traced into layers names them
    stricter_than_torch = RANK_STRICTER | {
        "odd_channels": "torch would split an odd width unevenly and fail later in the concatenation or shuffle",
        "unit_width": "torch's unit would fail in the concatenation: a stride-1 unit keeps the width",
    }
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "shufflenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channel split"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channel shuffle"),
        QT_TRANSLATE_NOOP("BlockKeywords", "depthwise"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mobile"),
    )
    # torchvision.models.shufflenetv2.InvertedResidual, and the ShuffleUnit of CNN Studio's exported code
    torch_modules = ("InvertedResidual", "ShuffleUnit")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "ShuffleNetV2's unit. Stride 1: the channels are split in half, one half passes untouched, the other "
        "goes through 1×1 → 3×3 depthwise → 1×1; the halves are concatenated and shuffled so information mixes "
        "between them. Stride 2: both halves come from the input (one through a strided depthwise branch), "
        "halving the map and doubling the width.",
    )
    params = (
        Param(
            "out_channels",
            "int",
            116,
            QT_TRANSLATE_NOOP("BlockParams", "channels out (even: two halves)"),
            min=2,
            max=8192,
        ),
        Param(
            "stride",
            "int",
            1,
            QT_TRANSLATE_NOOP("BlockParams", "1 keeps the map (and the width), 2 halves the map"),
            min=1,
            max=2,
        ),
    )
    examples = (
        ({"out_channels": 116}, [(116, 28, 28)], (116, 28, 28)),
        ({"out_channels": 116, "stride": 2}, [(24, 56, 56)], (116, 28, 28)),
        ({"out_channels": 8, "stride": 2}, [(3, 5, 4)], (8, 3, 2)),
    )

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        out, s = p["out_channels"], p["stride"]
        if out % 2:
            raise ShapeError(
                "odd_channels",
                translate("BlockErrors", "out_channels {out} is odd: the unit joins two halves of equal width").format(
                    out=out
                ),
                (SetParams(messages.use_value(out + 1), {"out_channels": out + 1}),),
            )
        if s == 1 and c != out:
            raise ShapeError(
                "unit_width",
                translate("BlockErrors", "a stride-1 unit keeps the width: {c} channels in, out_channels {out}").format(
                    c=c, out=out
                ),
                (
                    SetParams(messages.use_value(c), {"out_channels": c}),
                    SetParams(translate("BlockErrors", "Use stride 2"), {"stride": 2}),
                ),
            )
        return (out, conv_out(h, 3, s, 1), conv_out(w, 3, s, 1))

    @classmethod
    def _convs(cls, p, c_in, in_hw, out_hw):
        """(weights, batch-norm channels, output pixels) of every convolution inside."""
        f = p["out_channels"] // 2
        if p["stride"] == 1:
            return [(f * f, f, in_hw), (9 * f, f, out_hw), (f * f, f, out_hw)]
        branch1 = [(9 * c_in, c_in, out_hw), (c_in * f, f, out_hw)]
        return branch1 + [(c_in * f, f, in_hw), (9 * f, f, out_hw), (f * f, f, out_hw)]

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
        return f"{p['out_channels']}" + (
            f" /{p['stride']}" if p["stride"] != 1 else translate("BlockSubtitles", " · split")
        )

    @classmethod
    def expand(cls, p, in_shape):
        f, s = p["out_channels"] // 2, p["stride"]
        parts = []
        if s == 1:
            parts.append(Part("split", "split", {"outputs": 2}))
            kept, source = "split:out0", "split:out1"
        else:
            c_in = in_shape[0]
            parts += [
                Part("branch1.0", "conv2d", _conv(c_in, 3, s, c_in)),
                Part("branch1.1", "batchnorm2d", {}, ("branch1.0",)),
                Part("branch1.2", "conv2d", _conv(f, 1, 1, 1), ("branch1.1",)),
                Part("branch1.3", "batchnorm2d", {}, ("branch1.2",)),
                Part("branch1.4", "relu", {}, ("branch1.3",)),
            ]
            kept, source = "branch1.4", ""
        parts += [
            Part("branch2.0", "conv2d", _conv(f, 1, 1, 1), (source,)),
            Part("branch2.1", "batchnorm2d", {}, ("branch2.0",)),
            Part("branch2.2", "relu", {}, ("branch2.1",)),
            Part("branch2.3", "conv2d", _conv(f, 3, s, f), ("branch2.2",)),
            Part("branch2.4", "batchnorm2d", {}, ("branch2.3",)),
            Part("branch2.5", "conv2d", _conv(f, 1, 1, 1), ("branch2.4",)),
            Part("branch2.6", "batchnorm2d", {}, ("branch2.5",)),
            Part("branch2.7", "relu", {}, ("branch2.6",)),
            Part("cat", "concat", {"num_inputs": 2}, (kept, "branch2.7")),
            Part("channel_shuffle", "channel_shuffle", {"groups": 2}, ("cat",)),
        ]
        return parts

    @classmethod
    def collapse(cls, parts):
        depthwise, last = parts.get("branch2.3"), parts.get("branch2.5")
        if depthwise is None or last is None or depthwise.type != "conv2d" or last.type != "conv2d":
            return None
        stride = depthwise.params.get("stride", 1)
        stride = stride[0] if isinstance(stride, list) else stride
        return dict(out_channels=2 * last.params.get("out_channels", 1), stride=stride)

    @classmethod
    def build(cls, p, ins):
        from .modules import ShuffleUnit

        return ShuffleUnit(ins[0][0], p["out_channels"], p["stride"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("ShuffleUnit", [in_channels, str(p["out_channels"]), str(p["stride"])], {"ShuffleUnit"})

    @classmethod
    def from_module(cls, m, inputs):
        import torch.nn as nn

        from .modules import ShuffleUnit

        branch1, branch2, stride = getattr(m, "branch1", None), getattr(m, "branch2", None), getattr(m, "stride", None)
        if not isinstance(branch1, nn.Sequential) or not isinstance(branch2, nn.Sequential) or stride not in (1, 2):
            return None
        if len(branch2) != 8 or type(branch2[5]) is not nn.Conv2d or len(list(m.children())) != 2:
            return None
        c_out = 2 * branch2[5].out_channels
        c_in = branch1[0].in_channels if stride == 2 and len(branch1) else c_out
        expected = ShuffleUnit(c_in, c_out, stride)
        # every layer as its repr (kernel, stride, padding, groups, bias, eps, momentum, inplace), by name
        if _leaves(m) != _leaves(expected):
            return None
        return Step(cls.type, inputs, dict(out_channels=c_out, stride=stride))


def _conv(out: int, k: int, s: int, groups: int) -> dict:
    """torchvision's bias-free convolutions of the unit, padded to keep the size (then strided)."""
    return dict(out_channels=out, kernel_size=k, stride=s, padding=(k - 1) // 2, groups=groups, bias=False)


def _leaves(m) -> list[tuple[str, str]]:
    return [(name, repr(child)) for name, child in m.named_modules() if not list(child.children())]
