"""ChannelShuffle: interleaves the channels of g groups so grouped convolutions see each other's (ShuffleNet)."""

from __future__ import annotations

from cnnstudio.core.block import RANK_STRICTER, Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .code import Call
from .importing import Step, arg, first_tensor, is_node, shape


def _is_call(node, name: str) -> bool:
    if not is_node(node):
        return False
    if node.op == "call_method":
        return node.target == name
    return node.op == "call_function" and getattr(node.target, "__name__", "") == name


def _group_split(node) -> int | None:
    """g if ``node`` views N×C×H×W as N×g×(C/g)×H×W (the first step of torchvision's channel_shuffle)."""
    if not (_is_call(node, "view") or _is_call(node, "reshape")):
        return None
    before, after = shape(first_tensor(node)), shape(node)
    if before is None or after is None or len(before) != 4 or len(after) != 5:
        return None
    n, c, h, w = before
    g = after[1]
    return g if after == (n, g, c // g, h, w) and g * (c // g) == c else None


def _swaps_groups(node) -> bool:
    """``node`` is transpose(1, 2) (or permute(0, 2, 1, 3, 4), as ONNX writes it) of a group split."""
    if _is_call(node, "permute"):
        dims = node.args[1] if len(node.args) == 2 else node.args[1:]
        return list(dims) == [0, 2, 1, 3, 4] and _group_split(node.args[0]) is not None
    if not _is_call(node, "transpose"):
        return False
    dims = {arg(node, 1, "dim0") % 5, arg(node, 2, "dim1") % 5} if len(shape(node) or ()) == 5 else set()
    return dims == {1, 2} and _group_split(node.args[0]) is not None


@register
class ChannelShuffle(Block):
    type = "channel_shuffle"
    label = QT_TRANSLATE_NOOP("Blocks", "ChannelShuffle")
    category = "Convolution"
    name_prefix = "shuffle"
    keeps_channels = True
    stricter_than_torch = RANK_STRICTER
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "shufflenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "group shuffle"),
        QT_TRANSLATE_NOOP("BlockKeywords", "interleave channels"),
    )
    torch_modules = ("torch.nn.ChannelShuffle",)
    # F.channel_shuffle, and torchvision's view → transpose(1, 2) → contiguous → view idiom, read back whole
    torch_functions = ("channel_shuffle", "native_channel_shuffle", "view", "reshape", "transpose", "permute")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Splits the channels into g groups and interleaves them (C = g·k: channel i·k + j moves to j·g + i), "
        "so the next grouped convolution mixes information across groups at no cost (ShuffleNet).",
    )
    params = (
        Param(
            "groups",
            "int",
            2,
            QT_TRANSLATE_NOOP("BlockParams", "number of channel groups (must divide the channels)"),
            min=1,
            max=1024,
        ),
    )
    examples = (({}, [(6, 4, 4)], (6, 4, 4)), ({"groups": 3}, [(12, 5, 3)], (12, 5, 3)))

    @classmethod
    def infer(cls, p, ins):
        c, h, w = cls.need_rank(ins, 3)
        g = p["groups"]
        if c % g:
            fit = max(k for k in range(1, min(g, c) + 1) if c % k == 0)
            raise ShapeError(
                "groups",
                translate("BlockErrors", "groups = {groups} must divide the {c} channels").format(groups=g, c=c),
                (SetParams(messages.use_groups(fit), {"groups": fit}),),
            )
        return (c, h, w)

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "{count} groups").format(count=p["groups"])

    @classmethod
    def build(cls, p, ins):
        import torch.nn as nn

        return nn.ChannelShuffle(p["groups"])

    @classmethod
    def code(cls, p, in_channels):
        return Call("nn.ChannelShuffle", [str(p["groups"])])

    @classmethod
    def from_module(cls, m, inputs):
        return Step(cls.type, inputs, dict(groups=int(m.groups)))

    @classmethod
    def from_call(cls, node, name):
        if name in ("channel_shuffle", "native_channel_shuffle"):
            return Step(cls.type, [first_tensor(node)], dict(groups=int(arg(node, 1, "groups"))))
        if _group_split(node) is not None:  # the 5-d view: a step of the shuffle, if a transpose follows
            users = list(node.users)
            return Step(None, [first_tensor(node)]) if len(users) == 1 and _swaps_groups(users[0]) else None
        if _swaps_groups(node):
            return Step(None, [node.args[0]])
        if name in ("view", "reshape"):  # the view back to N×C×H×W after transpose (and contiguous)
            source = node.args[0]
            while _is_call(source, "contiguous"):
                source = source.args[0]
            if _swaps_groups(source) and shape(node) == shape(first_tensor(source.args[0])):
                split = source.args[0]
                return Step(cls.type, [split], dict(groups=_group_split(split)))
        return None
