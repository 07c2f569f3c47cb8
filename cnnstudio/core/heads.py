"""Classification and detection heads: find the layer that gives each class its score, and change the number
of classes.

Transfer learning starts with "replace the head": the last Linear (or, SqueezeNet style, the 1×1 Conv
before the pooling) of every classification output gets one output per new class. The layer keeps its
node and its name, so loading the old weights afterwards reports ``fc.weight``/``fc.bias`` as skipped for
their shape while the backbone loads. GoogLeNet's auxiliary heads are changed with the main one: they
are trained against the same labels. A detector's head is the 1×1 Conv before its Detection output: one
heat map per class and 4 box channels, so it gets classes + 4 channels and the output its num_classes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .edits import Compound, SetParam
from .graph import Graph
from .i18n import translate

CLASSIFIER_TYPE = "classification_output"
DETECTOR_TYPE = "detection_output"
BOX_CHANNELS = 4  # a detector's channels after the class heat maps: box width, height and the centre's offset
# the layer types whose width is the class count, and the param that sets it
HEAD_PARAMS = {"linear": "out_features", "conv2d": "out_channels"}


@dataclass(frozen=True)
class Head:
    """One classification output and the layer that sets its class count."""

    output: str  # the classification_output node's id
    layer: str  # the Linear / Conv2d node's id
    param: str  # out_features or out_channels
    classes: int  # the class count: the layer's width (less a detector's box channels)
    auxiliary: bool
    box_channels: int = 0  # the layer's channels beyond the classes (a detector's 4)


def find_heads(graph: Graph) -> list[Head]:
    """Every classification output whose class count a single layer sets (main head first)."""
    heads = []
    for node in graph.nodes.values():
        if node.type not in (CLASSIFIER_TYPE, DETECTOR_TYPE):
            continue
        detector = node.type == DETECTOR_TYPE
        layer = _scoring_layer(graph, node.id, maps=detector)
        if layer is None:
            continue
        param = HEAD_PARAMS[graph.nodes[layer].type]
        classes = node.params.get("num_classes") if detector else graph.nodes[layer].params.get(param)
        if isinstance(classes, int) and not isinstance(classes, bool):
            auxiliary = bool(node.params.get("auxiliary", False))
            heads.append(Head(node.id, layer, param, classes, auxiliary, BOX_CHANNELS if detector else 0))
    heads.sort(key=lambda h: h.auxiliary)  # stable: the main head first, then the auxiliary ones in graph order
    return heads


def head_classes(graph: Graph) -> int | None:
    """The main head's class count (None when the network has no classification head a layer sets)."""
    heads = find_heads(graph)
    return heads[0].classes if heads else None


def replace_head(graph: Graph, classes: int) -> Compound | None:
    """One edit giving every classification head ``classes`` outputs (None when no head needs a change).

    ValueError for a count below 2 or a network without a head this can change."""
    if not isinstance(classes, int) or isinstance(classes, bool) or classes < 2:
        raise ValueError(
            translate("Edits", "a classifier needs at least 2 classes, got {classes!r}").format(classes=classes)
        )
    heads = find_heads(graph)
    if not heads:
        raise ValueError(
            translate(
                "Edits",
                "no classification or detection head to replace: the network needs a Linear (or 1×1 Conv) layer feeding a "
                "Classification output, or a Conv feeding a Detection output",
            )
        )
    edits = []
    for head in heads:
        if head.classes != classes and not any(e.node_id == head.layer for e in edits):
            edits.append(SetParam(head.layer, head.param, classes + head.box_channels))
            if head.box_channels:
                edits.append(SetParam(head.output, "num_classes", classes))
    if not edits:
        return None
    names = ", ".join(dict.fromkeys(graph.nodes[e.node_id].name for e in edits))
    return Compound(
        edits,
        text=translate("Edits", "Replace head ({names}) with {classes} classes").format(names=names, classes=classes),
    )


def _scoring_layer(graph: Graph, output_id: str, maps: bool = False) -> str | None:
    """Walk back from an output through single-input layers (dropout, pooling, flatten, activations) to
    the first Linear or Conv2d; None at a merge (add/concat) or when the chain ends without one. ``maps``: the
    output reads maps (a detector), so a Conv scores without pooling."""
    seen = {output_id}
    current = output_id
    pooled = False
    while True:
        edges = graph.in_edges(current)
        if len(edges) != 1:
            return None
        current = next(iter(edges.values())).src
        if current in seen:  # a cycle in a hand-edited file: no head
            return None
        seen.add(current)
        node = graph.nodes.get(current)
        if node is None:
            return None
        if node.type in HEAD_PARAMS:
            # a Conv scores the classes only when its maps are pooled to one value each on the way (SqueezeNet);
            # flattened whole, its channels are not the classes (16 channels of 5×5 are 400 outputs)
            return current if node.type != "conv2d" or pooled or maps else None
        pooled = pooled or _pools_to_one(node)


def _pools_to_one(node) -> bool:
    """A global pooling: each channel's map becomes one value."""
    if node.type == "global_avgpool":
        return True
    if node.type in ("adaptive_avgpool2d", "adaptive_maxpool2d"):
        size = node.params.get("output_size", 1)
        return size == 1 or size == [1, 1] or size == (1, 1)
    return False
