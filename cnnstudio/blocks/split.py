"""Split: one tensor cut into several along the channels, one output port per piece (torch.chunk / torch.split).

The first block with several outputs: ports ``out0``, ``out1``…, and every wire names the port it leaves
(``from_port`` in the project file). ShuffleNetV2 splits its channels in two; GhostNet and CSP nets split too.
"""

from __future__ import annotations

import math

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import SetParams
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import MAX_SIZES, Param

from .importing import Step, arg, channel_dim, first_tensor, is_node, need, pieces, shape


def chunk_sizes(channels: int, outputs: int) -> list[int]:
    """torch.chunk's pieces: ceil(C / n) channels each, the last one what is left (maybe fewer pieces)."""
    size = math.ceil(channels / outputs)
    return [min(size, channels - start) for start in range(0, channels, size)]


def _chunk(x, outputs: int):
    import torch

    return torch.chunk(x, outputs, 1)


def _split(x, sizes: list[int]):
    import torch

    return torch.split(x, sizes, 1)


@register
class Split(Block):
    type = "split"
    label = QT_TRANSLATE_NOOP("Blocks", "Split")
    category = "Merge"
    name_prefix = "split"
    multi_output = True
    stricter_than_torch = {
        "split_count": "torch.chunk returns fewer pieces than asked when they do not fit: output ports would be empty",
        "split_outputs": "torch.split makes one piece per listed size: the other output ports would be empty",
    }
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "chunk"),
        QT_TRANSLATE_NOOP("BlockKeywords", "channel split"),
        QT_TRANSLATE_NOOP("BlockKeywords", "slice channels"),
        QT_TRANSLATE_NOOP("BlockKeywords", "branches"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shufflenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "torch.split"),
    )
    torch_functions = ("chunk", "split")
    description = QT_TRANSLATE_NOOP(
        "Blocks",
        "Cuts the channels into pieces, one output per piece: equal pieces (torch.chunk) or the channel counts "
        "you list (torch.split). ShuffleNetV2 splits the channels in two: one half passes, the other is convolved.",
    )
    params = (
        Param(
            "outputs",
            "int",
            2,
            QT_TRANSLATE_NOOP("BlockParams", "number of pieces (output ports out0, out1, …)"),
            min=2,
            max=MAX_SIZES,
        ),
        Param(
            "sizes",
            "sizes",
            [],
            QT_TRANSLATE_NOOP("BlockParams", "channels of each piece; empty: equal pieces as torch.chunk"),
            min=1,
            max=65536,
        ),
    )
    examples = (
        ({}, [(8, 4, 4)], (4, 4, 4)),
        ({"outputs": 3, "sizes": [1, 2, 3]}, [(6, 5, 5)], (1, 5, 5)),
        ({"outputs": 3}, [(10,)], (4,)),
    )

    @classmethod
    def output_ports(cls, p):
        return tuple(f"out{i}" for i in range(p["outputs"]))

    @classmethod
    def pieces(cls, p, channels: int) -> list[int]:
        """Channels of each output, or ShapeError when the input cannot be cut into ``outputs`` pieces."""
        n, sizes = p["outputs"], list(p["sizes"])
        if sizes:
            if len(sizes) != n:
                raise ShapeError(
                    "split_outputs",
                    translate("BlockErrors", "{count} sizes listed for {outputs} outputs").format(
                        count=len(sizes), outputs=n
                    ),
                    (
                        SetParams(
                            translate("BlockErrors", "Use {count} outputs").format(count=len(sizes)),
                            {"outputs": len(sizes)},
                        ),
                    ),
                )
            if sum(sizes) != channels:
                equal = (
                    (SetParams(translate("BlockErrors", "Use equal pieces"), {"sizes": []}),) if channels >= n else ()
                )
                raise ShapeError(
                    "split_sizes",
                    translate(
                        "BlockErrors", "the sizes add up to {sum} = {total}, but the input has {channels} channels"
                    ).format(sum=" + ".join(map(str, sizes)), total=sum(sizes), channels=channels),
                    equal,
                )
            return sizes
        pieces = chunk_sizes(channels, n)
        if len(pieces) != n:
            fit = len(pieces)
            raise ShapeError(
                "split_count",
                translate(
                    "BlockErrors",
                    "{channels} channels in pieces of ⌈{channels}/{outputs}⌉ = {size} make {fit} pieces, not "
                    "{outputs} (torch.chunk would return fewer)",
                ).format(channels=channels, outputs=n, size=pieces[0], fit=fit),
                (SetParams(translate("BlockErrors", "Use {count} outputs").format(count=fit), {"outputs": fit}),)
                if fit >= 2
                else (),
            )
        return pieces

    @classmethod
    def infer_ports(cls, p, ins):
        x = ins[0]
        if not x:
            raise ShapeError("rank", translate("BlockErrors", "expects a tensor with channels, got a scalar"))
        return tuple((c, *x[1:]) for c in cls.pieces(p, x[0]))

    @classmethod
    def infer(cls, p, ins):
        return cls.infer_ports(p, ins)[0]

    @classmethod
    def subtitle(cls, p):
        return (
            " + ".join(map(str, p["sizes"]))
            if p["sizes"]
            else translate("BlockSubtitles", "{count} equal").format(count=p["outputs"])
        )

    @classmethod
    def function(cls, p):
        return _split if p["sizes"] else _chunk

    @classmethod
    def emit(cls, p, call, args):
        import torch

        if p["sizes"]:
            return call(torch.split, (args[0], list(p["sizes"]), 1))
        return call(torch.chunk, (args[0], p["outputs"], 1))

    @classmethod
    def forward_code(cls, p, args):
        if p["sizes"]:
            return f"torch.split({args[0]}, {list(p['sizes'])}, 1)"
        return f"torch.chunk({args[0]}, {p['outputs']}, 1)"

    @classmethod
    def from_call(cls, node, name):
        x = first_tensor(node)
        traced = pieces(node)
        need(traced is not None, f"{name} whose pieces are not known")
        dim = channel_dim(node, x, 2, "dim", 0)
        need(not is_node(arg(node, 1, "split_size_or_sections")), f"{name} with sizes computed at run time")
        need(dim == 1, f"{name} on dim {dim} (only on channels, dim 1)")
        sizes = [int(piece.shape[1]) for piece in traced]
        need(2 <= len(sizes) <= MAX_SIZES, f"{name} into {len(sizes)} piece(s) (2 to {MAX_SIZES})")
        equal = chunk_sizes(shape(x)[1], len(sizes)) == sizes
        return Step(cls.type, [x], dict(outputs=len(sizes), sizes=[] if equal else sizes))
