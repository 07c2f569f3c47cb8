"""Receptive-field mapping: which input pixels feed one position of a node's feature map.

Inference knows each node's field size and effective stride (jump); placing the field also needs its
offset, which follows from the paddings along the way. For output index 0 a window layer with kernel k,
stride s, dilation d and leading padding p reads input indices -p … -p + d(k-1), so in image pixels

    lo' = lo + (-p)·jump        hi' = hi + (-p + d(k-1))·jump        jump' = jump·s

and position i of the output covers [lo' + i·jump', hi' + i·jump']. Merges (add, concat) take the union
of their branches. Transposed convolution and upsampling spread each input over several outputs; their
field is approximated by the centred formula (lo' = lo + jump·(p - d(k-1))/s, jump' = jump/s).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from cnnstudio.blocks.conv import resolve_padding
from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.formulas import pair
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference, infer_shapes

from ..core.i18n import translate


@dataclass(frozen=True)
class Field:
    """The input interval seen by output position (0, 0) (inclusive pixels, unclipped) and the step."""

    lo: tuple[float, float]
    hi: tuple[float, float]
    jump: tuple[float, float]
    whole: bool = False  # every output sees the whole image (after a dense layer or global pooling)

    @property
    def size(self) -> tuple[float, float]:
        return (self.hi[0] - self.lo[0] + 1, self.hi[1] - self.lo[1] + 1)


def _leading_paddings(block_type: str, p: dict, layers) -> list[tuple[float, float]]:
    """Top/left padding of each window in ``receptive_layers``; the blocks store padding differently."""
    if block_type == "conv2d":
        return [resolve_padding(p)[0]]
    if block_type in ("conv_transpose2d", "maxpool2d", "avgpool2d", "conv_bn_relu"):
        return [pair(p["padding"])]
    if block_type == "upsample":
        # nearest: output i reads input floor(i/s); centred on (i + 0.5)/s - 0.5 as the formula wants
        half = (1 - p["scale_factor"]) / 2
        return [(half, half)]
    # inception and residual blocks pad their windows to keep the size ('same'), as does anything unknown
    return [(d_h * (k_h - 1) / 2, d_w * (k_w - 1) / 2) for k_h, k_w, _, _, d_h, d_w in layers]


def _through(field: Field, layers, paddings) -> Field:
    lo, hi, jump = list(field.lo), list(field.hi), list(field.jump)
    for (kh, kw, sh, sw, dh, dw), pad in zip(layers, paddings):
        for a, k, s, d in ((0, kh, sh, dh), (1, kw, sw, dw)):
            if s < 0:  # transposed convolution / upsampling: the window spreads, steps shrink
                s = -s
                lo[a] += jump[a] * (pad[a] - d * (k - 1)) / s
                hi[a] += jump[a] * pad[a] / s
                jump[a] /= s
            else:
                lo[a] += -pad[a] * jump[a]
                hi[a] += (-pad[a] + d * (k - 1)) * jump[a]
                jump[a] *= s
    return Field((lo[0], lo[1]), (hi[0], hi[1]), (jump[0], jump[1]), field.whole)


def receptive_fields(
    graph: Graph, inference: Inference | None = None, registry: Registry = REGISTRY
) -> dict[str, Field]:
    """The field of every node whose shape is known, by node id."""
    result = inference or infer_shapes(graph, registry)
    fields: dict[str, Field] = {}
    for nid in result.order:
        info = result.info.get(nid)
        if info is None or info.shape is None:
            continue
        node = graph.nodes[nid]
        block = registry.get(node.type)
        if block.is_input:
            fields[nid] = Field((0.0, 0.0), (0.0, 0.0), (1.0, 1.0))
            continue
        ins = [fields[e.src] for e in graph.in_edges(nid).values() if e.src in fields]
        if not ins:
            continue
        p = block.resolve(node.params)
        layers = block.receptive_layers(p)
        if layers is None or any(f.whole for f in ins):
            fields[nid] = Field((0.0, 0.0), (0.0, 0.0), (1.0, 1.0), whole=True)
            continue
        merged = Field(
            (min(f.lo[0] for f in ins), min(f.lo[1] for f in ins)),
            (max(f.hi[0] for f in ins), max(f.hi[1] for f in ins)),
            max((f.jump for f in ins), key=lambda j: j[0] * j[1]),
        )
        fields[nid] = _through(merged, layers, _leading_paddings(block.type, p, layers)) if layers else merged
    return fields


Span = tuple[tuple[int, int], tuple[int, int]]  # inclusive (first, last) rows and columns


def input_region(
    graph: Graph, node_id: str, y: int, x: int, inference: Inference | None = None, registry: Registry = REGISTRY
) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the input pixels that feed position (y, x) of a node's output.

    Bottom and right are exclusive: ``image[..., top:bottom, left:right]`` is the region. Walks back
    from the node window by window, clipping to each layer's real input, so rows that padding adds or
    that a floor-mode pooling drops are not counted. A node without a C×H×W output sees the whole image.
    """
    result = inference or infer_shapes(graph, registry)
    image = _input_shape(graph, node_id, result, registry)
    shape = result.info[node_id].shape
    if shape is None:
        raise ValueError(
            translate("Insight", "node {name!r} has no known shape").format(name=graph.nodes[node_id].name)
        )
    if image is None:
        raise ValueError(
            translate("Insight", "node {name!r} is not fed by an image input").format(name=graph.nodes[node_id].name)
        )
    if len(shape) != 3:
        return 0, 0, image[-2], image[-1]
    spans: dict[str, Span] = {node_id: ((y, y), (x, x))}
    position = {nid: i for i, nid in enumerate(result.order)}
    queue = [(-position[node_id], node_id)]
    found: list[Span] = []
    while queue:
        _, nid = heapq.heappop(queue)  # the consumers of a node come before it: its span is complete
        span = spans.pop(nid)
        node, info = graph.nodes[nid], result.info[nid]
        block = registry.get(node.type)
        if block.is_input:
            found.append(span)
            continue
        p = block.resolve(node.params)
        layers = block.receptive_layers(p)
        edges = graph.in_edges(nid)
        for port, in_shape in zip(block.input_ports(p), info.in_shapes):
            src = edges[port].src
            if len(in_shape) != 3:
                continue  # cannot happen above a C×H×W output in this catalog: nothing turns flat into maps
            if layers is None:  # every output reads the whole input (adaptive pooling)
                back: Span | None = ((0, in_shape[1] - 1), (0, in_shape[2] - 1))
            else:
                back = _back(block.type, p, layers, span, in_shape[1:], info.shape[1:])
            if back is None:
                continue
            if src in spans:
                back = _union(spans[src], back)
            else:
                heapq.heappush(queue, (-position[src], src))
            spans[src] = back
    if not found:
        return 0, 0, 0, 0
    (top, bottom), (left, right) = found[0]
    for (t, b), (lft, r) in found[1:]:
        top, bottom, left, right = min(top, t), max(bottom, b), min(left, lft), max(right, r)
    return top, left, bottom + 1, right + 1


def _back(block_type: str, p: dict, layers, span: Span, in_hw, out_hw) -> Span | None:
    """The input span a block reads for an output span, layer by layer from the last; None if empty."""
    paddings = _leading_paddings(block_type, p, layers)
    # the first window resizes, the rest keep the size (true of every block in the catalog)
    sizes = [in_hw] + [out_hw] * (len(layers) - 1)
    rows, cols = span
    for j in reversed(range(len(layers))):
        kh, kw, sh, sw, dh, dw = layers[j]
        rows = _axis_back(block_type, p, rows, kh, sh, dh, paddings[j][0], sizes[j][0])
        cols = _axis_back(block_type, p, cols, kw, sw, dw, paddings[j][1], sizes[j][1])
        if rows is None or cols is None:
            return None
    return rows, cols


def _axis_back(block_type, p, interval, k, s, d, pad, size) -> tuple[int, int] | None:
    a, b = interval
    if block_type == "upsample":
        scale = float(p["scale_factor"])
        if p["mode"] == "nearest":  # output i copies input floor(i / scale)
            lo, hi = math.floor(a / scale), math.floor(b / scale)
        else:  # bilinear (align_corners False) blends the two inputs around (i + 0.5) / scale - 0.5
            lo, hi = math.floor((a + 0.5) / scale - 0.5), math.ceil((b + 0.5) / scale - 0.5)
    elif s < 0:  # transposed: input i reaches output o = i·s - pad + t·d for a tap t in 0 … k-1
        found = []
        for t in range(k):
            first = max(-((pad - t * d + a) // s), 0)  # ceil((a + pad - t·d) / s)
            last = min((b + pad - t * d) // -s, size - 1)
            if first <= last:
                found += [first, last]
        return (min(found), max(found)) if found else None
    else:
        return _taps_back(a, b, k, s, d, pad, size)
    lo, hi = max(int(lo), 0), min(int(hi), size - 1)
    return (lo, hi) if lo <= hi else None


def _taps_back(a: int, b: int, k: int, s: int, d: int, pad: int, size: int) -> tuple[int, int] | None:
    """First and last real input index read by outputs a … b; dilated taps skip, so clip tap-wise."""
    lo = hi = None
    for o in range(a, b + 1):  # only windows hanging over the leading edge need more than one look
        start = o * s - pad
        t = 0 if start >= 0 else -(start // d)  # the first tap at or after index 0: ceil(-start / d)
        if t < k and start + t * d < size:
            lo = start + t * d if lo is None else min(lo, start + t * d)
        if start >= 0:
            break
    for o in range(b, a - 1, -1):
        start = o * s - pad
        t = k - 1 if start + (k - 1) * d < size else (size - 1 - start) // d  # the last tap inside
        if t >= 0 and start + t * d >= 0:
            hi = start + t * d if hi is None else max(hi, start + t * d)
        if start + (k - 1) * d < size:
            break
    if lo is None or hi is None or lo > hi:
        return None
    return int(lo), int(hi)


def _union(first: Span, second: Span) -> Span:
    (a0, b0), (c0, d0) = first
    (a1, b1), (c1, d1) = second
    return (min(a0, a1), max(b0, b1)), (min(c0, c1), max(d0, d1))


def _input_shape(graph: Graph, node_id: str, result: Inference, registry: Registry):
    for nid in [node_id, *graph.ancestors(node_id)]:
        if registry.get(graph.nodes[nid].type).is_input:
            return result.info[nid].shape
    return None
