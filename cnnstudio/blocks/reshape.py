"""Reshape and Permute: a sample's values read in another shape, or its dimensions in another order.

Flatten covers the usual C×H×W → C·H·W; these two are for the rest: a vector back to a map (a decoder's first
layer), a view with an extra dimension, channels last for a LayerNorm and back (ConvNeXt). The batch dimension
is never touched. A reshape keeps the number of values, which inference checks before torch would.
"""

from __future__ import annotations

import functools
import math

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages
from .importing import Step, arg, first_tensor, is_node, need, shape

MAX_RANK = 4  # dims per sample: a C×H×W map with one extra (the g×C/g×H×W view of a channel shuffle)


def _reshape(x, shape: tuple[int, ...]):
    return x.reshape(x.shape[0], *shape)


def _permute(x, dims: tuple[int, ...]):
    return x.permute(0, *(d + 1 for d in dims))


def _batch_kept(before, after) -> bool:
    return before is not None and after is not None and len(before) >= 1 and after[:1] == before[:1]


def _shown(values) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


@register
class Reshape(Block):
    type = "reshape"
    label = QT_TRANSLATE_NOOP("Blocks", "Reshape")
    category = "Dense"
    name_prefix = "reshape"
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "view"),
        QT_TRANSLATE_NOOP("BlockKeywords", "unflatten"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reshape"),
        QT_TRANSLATE_NOOP("BlockKeywords", "vector to map"),
    )
    torch_functions = ("reshape", "view", "unflatten")
    stricter_than_torch = {
        "empty": "a sample of no dims would be a scalar, which no other block takes; torch runs it only when the "
        "sample has one value",
        "rank": "more than four dims per sample: no other block takes them",
    }
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Reads each sample's values in another shape (x.reshape(N, …)): the number of values must stay the same; "
        "one size may be −1 to take what is left. A vector back to a C×H×W map (a decoder), a view with an extra "
        "dimension. Flatten is the usual C×H×W → C·H·W.",
    )
    params = (
        Param(
            "shape",
            "sizes",
            [-1],
            QT_TRANSLATE_NOOP("BlockParams", "the sizes of each sample after the reshape (−1: what is left)"),
            min=-1,
            max=1 << 24,
        ),
    )
    examples = (
        ({"shape": [16, 4, 4]}, [(256,)], (16, 4, 4)),
        ({"shape": [4, -1]}, [(8, 3, 3)], (4, 18)),
        ({"shape": [2, 4, 5, 5]}, [(8, 5, 5)], (2, 4, 5, 5)),
        ({}, [(3, 4, 5)], (60,)),
    )

    @classmethod
    def infer(cls, p, ins):
        sizes = [int(v) for v in p["shape"]]
        source = ins[0]
        total = math.prod(source)
        if not sizes:
            raise ShapeError(
                "empty",
                translate("BlockErrors", "shape is empty: give the sizes of each sample"),
                (SetParams(messages.use_value("[-1]"), {"shape": [-1]}),),
            )
        if len(sizes) > MAX_RANK:
            raise ShapeError(
                "rank",
                translate("BlockErrors", "shape {shape} has {count} dims; at most {most} per sample").format(
                    shape=_shown(sizes), count=len(sizes), most=MAX_RANK
                ),
            )
        if 0 in sizes or sizes.count(-1) > 1:
            what = (
                translate("BlockErrors", "a size of 0") if 0 in sizes else translate("BlockErrors", "more than one −1")
            )
            raise ShapeError(
                "sizes",
                translate("BlockErrors", "shape {shape} has {what}").format(shape=_shown(sizes), what=what),
                cls._fixes(sizes, total),
            )
        known = math.prod(v for v in sizes if v != -1)
        if -1 in sizes:
            if total % known:
                raise ShapeError(
                    "elements",
                    translate(
                        "BlockErrors",
                        "cannot reshape {before} ({total} values) to {shape}: {total} is not a multiple of {known}",
                    ).format(before=fmt_shape(source), total=total, shape=_shown(sizes), known=known),
                    cls._fixes(sizes, total),
                )
            sizes[sizes.index(-1)] = total // known
        elif known != total:
            raise ShapeError(
                "elements",
                translate(
                    "BlockErrors",
                    "cannot reshape {before} ({total} values) to {after} ({count} values): the number of values must "
                    "stay the same",
                ).format(before=fmt_shape(source), total=total, after=fmt_shape(sizes), count=known),
                cls._fixes(sizes, total),
            )
        return tuple(sizes)

    @staticmethod
    def _fixes(sizes: list[int], total: int) -> tuple[SetParams, ...]:
        """Let the last size take what is left, when the others divide the values; or flatten."""
        fixes = []
        head = [v for v in sizes[:-1] if v > 0]
        if len(sizes) > 1 and len(head) == len(sizes) - 1 and total % math.prod(head) == 0:
            fitted = head + [-1]
            fixes.append(SetParams(messages.use_value(_shown(fitted)), {"shape": fitted}))
        fixes.append(SetParams(messages.use_value("[-1]"), {"shape": [-1]}))
        return tuple(fixes)

    @classmethod
    def subtitle(cls, p):
        return "→ " + "×".join(str(v) for v in p["shape"])

    @classmethod
    def function(cls, p):
        return functools.partial(_reshape, shape=tuple(int(v) for v in p["shape"]))

    @classmethod
    def emit(cls, p, call, args):
        import torch

        batch = call(torch.Tensor.size, (args[0], 0))
        return call(torch.reshape, (args[0], (batch, *(int(v) for v in p["shape"]))))

    @classmethod
    def forward_code(cls, p, args):
        x = args[0]
        return f"{x}.reshape({x}.size(0), {', '.join(str(int(v)) for v in p['shape'])})"

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        before, after = shape(x), shape(node)
        if name == "unflatten":
            need(arg(node, 1, "dim") not in (0, -len(before or ())), translate("BlockImport", "unflatten of the batch"))
        need(
            _batch_kept(before, after),
            translate("BlockImport", "a reshape from {before} to {after} that moves the batch dimension").format(
                before=list(before or ()), after=list(after or ())
            ),
        )
        if before == after:
            return Step(None, [x])
        need(
            1 <= len(after) - 1 <= MAX_RANK,
            translate("BlockImport", "a reshape to {after} (1 to {most} dims per sample)").format(
                after=list(after), most=MAX_RANK
            ),
        )
        return Step(cls.type, [x], dict(shape=[int(v) for v in after[1:]]))


@register
class Permute(Block):
    type = "permute"
    label = QT_TRANSLATE_NOOP("Blocks", "Permute")
    category = "Dense"
    name_prefix = "permute"
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "transpose"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channels last"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reorder dimensions"),
        QT_TRANSLATE_NOOP("BlockKeywords", "convnext"),
    )
    torch_modules = ("Permute",)  # torchvision.ops.misc.Permute and our exported copy, by name
    torch_functions = ("permute", "transpose")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Reorders the dimensions of each sample (x.permute(0, …)): dims [1, 2, 0] turns C×H×W into H×W×C "
        "(channels last, for a LayerNorm or a Linear over the channels, as ConvNeXt does) and [2, 0, 1] turns it "
        "back. Dims count from 0 after the batch.",
    )
    params = (
        Param(
            "dims",
            "sizes",
            [1, 2, 0],
            QT_TRANSLATE_NOOP("BlockParams", "the input's dims in their new order, counted from 0 after the batch"),
            min=0,
            max=MAX_RANK - 1,
        ),
    )
    examples = (
        ({}, [(8, 4, 5)], (4, 5, 8)),
        ({"dims": [2, 0, 1]}, [(4, 5, 8)], (8, 4, 5)),
        ({"dims": [1, 0]}, [(3, 7)], (7, 3)),
    )

    @classmethod
    def infer(cls, p, ins):
        dims, source = [int(d) for d in p["dims"]], ins[0]
        if sorted(dims) != list(range(len(source))):
            rank = len(source)
            fixes = []
            if rank >= 2:
                last = list(range(1, rank)) + [0]
                fixes.append(SetParams(messages.use_value(_shown(last)), {"dims": last}))
                first = [rank - 1] + list(range(rank - 1))
                fixes.append(SetParams(messages.use_value(_shown(first)), {"dims": first}))
            raise ShapeError(
                "dims",
                translate(
                    "BlockErrors",
                    "dims {dims} do not reorder the {rank} dims of {shape}: give each of 0 … {top} once",
                ).format(dims=_shown(dims), rank=rank, shape=fmt_shape(source), top=rank - 1),
                tuple(fixes),
            )
        return tuple(source[d] for d in dims)

    @classmethod
    def subtitle(cls, p):
        return _shown(p["dims"])

    @classmethod
    def function(cls, p):
        return functools.partial(_permute, dims=tuple(int(d) for d in p["dims"]))

    @classmethod
    def emit(cls, p, call, args):
        import torch

        return call(torch.permute, (args[0], (0, *(int(d) + 1 for d in p["dims"]))))

    @classmethod
    def forward_code(cls, p, args):
        return f"{args[0]}.permute(0, {', '.join(str(int(d) + 1) for d in p['dims'])})"

    @classmethod
    def from_module(cls, m, inputs):
        dims = getattr(m, "dims", None)
        if not isinstance(dims, (list, tuple)) or list(m.children()):
            return None
        return cls._step(inputs[0], list(dims))

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        rank = len(shape(x))
        if name == "transpose":
            a, b = arg(node, 1, "dim0"), arg(node, 2, "dim1")
            need(isinstance(a, int) and isinstance(b, int), translate("BlockImport", "a transpose of computed dims"))
            dims = list(range(rank))
            dims[a % rank], dims[b % rank] = dims[b % rank], dims[a % rank]
        else:
            rest = node.args[1:] if len(node.args) > 1 else [node.kwargs.get("dims")]
            dims = list(rest[0]) if len(rest) == 1 and isinstance(rest[0], (list, tuple)) else list(rest)
        return cls._step(x, dims)

    @classmethod
    def _step(cls, x, dims: list) -> Step:
        rank = len(shape(x) or ())
        need(
            all(isinstance(d, int) and not is_node(d) for d in dims) and len(dims) == rank,
            translate("BlockImport", "a permute with dims {dims}").format(dims=dims),
        )
        dims = [d % rank for d in dims]
        need(
            dims[0] == 0,
            translate("BlockImport", "a permute that moves the batch dimension ({dims})").format(dims=dims),
        )
        if dims == list(range(rank)):
            return Step(None, [x])
        return Step(cls.type, [x], dict(dims=[d - 1 for d in dims[1:]]))
