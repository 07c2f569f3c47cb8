"""Transfer learning on a graph: a new class count, trained weights, the lower layers frozen.

The seed's "reuse of trained lower layers": load a checkpoint into the network, keep what matches, and freeze
the backbone so only the new head trains. Every graph change here is an invertible edit (the GUI can undo it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import torch

from cnnstudio.core.block import REGISTRY
from cnnstudio.core.edits import Compound, SetParam, SetTrainable, freeze_up_to
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes

from ..core.i18n import translate
from .fx_compile import CompiledModel, compile_model
from .weights import LoadReport, WeightsError, load_weights, match_state_dict, read_state_dict

AUTO = "auto"  # freeze everything that feeds the layers the weights did not fit
# Single-input layers that may sit between a head's Linear and the head itself.
_PASS_THROUGH = {"dropout", "relu", "leaky_relu", "gelu", "silu", "sigmoid", "tanh", "batchnorm1d"}


def classifier_layers(graph: Graph) -> list[str]:
    """Ids of the Linear layers that give each classification head its class scores."""
    found = []
    for node in graph.nodes.values():
        if node.type != "classification_output":
            continue
        current = node.id
        while True:
            edges = graph.in_edges(current)
            if len(edges) != 1:
                break
            current = next(iter(edges.values())).src
            kind = graph.nodes[current].type
            if kind == "linear":
                found.append(current)
                break
            if kind not in _PASS_THROUGH:
                break
    return found


def set_num_classes(graph: Graph, num_classes: int) -> Compound:
    """Replace the head: the edit that gives every classifier's last Linear ``num_classes`` outputs."""
    if num_classes < 2:
        raise ValueError(
            translate("Compiler", "a classifier needs at least 2 classes, got {num_classes}").format(
                num_classes=num_classes
            )
        )
    layers = classifier_layers(graph)
    if not layers:
        raise ValueError(
            translate(
                "Compiler", "the network has no Linear layer feeding a classification head, so it has no class count"
            )
        )
    edits = [
        SetParam(nid, "out_features", num_classes)
        for nid in layers
        if graph.nodes[nid].params.get("out_features") != num_classes
    ]
    return Compound(edits, text=translate("Compiler", "Set {num_classes} classes").format(num_classes=num_classes))


def nodes_of_keys(graph: Graph, keys) -> set[str]:
    """Ids of the nodes that own these state_dict keys (``layer1.0.conv1.weight`` → node ``layer1.0``)."""
    by_name = {node.name: node.id for node in graph.nodes.values()}
    owners = set()
    for key in keys:
        parts = key.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            nid = by_name.get(".".join(parts[:cut]))
            if nid is not None:
                owners.add(nid)
                break
    return owners


def backbone_freeze(graph: Graph, report: LoadReport) -> Compound | None:
    """Freeze every node that feeds a layer left without weights (a new head), or None if all loaded."""
    # a checkpoint without batch-norm step counters still loaded those layers' weights and statistics
    fresh = [key for key in report.not_loaded() if not key.endswith("num_batches_tracked")]
    heads = nodes_of_keys(graph, fresh)
    if not heads:
        return None
    backbone: set[str] = set()
    for nid in heads:
        backbone |= graph.ancestors(nid)
    backbone -= heads
    edits = [SetTrainable(nid, False) for nid in graph.nodes if nid in backbone and graph.nodes[nid].trainable]
    return Compound(edits, text=translate("Compiler", "Freeze the loaded backbone"))


@dataclass
class FineTune:
    """A graph ready to fine-tune: frozen flags set, and its model with the trained weights loaded."""

    graph: Graph
    model: CompiledModel
    report: LoadReport
    frozen: list[str]  # names of the nodes this call froze
    trainable_params: int
    total_params: int

    def summary(self) -> str:
        lines = [self.report.summary()]
        if self.frozen:
            froze = translate(
                "Compiler", "froze {count} nodes ({first} … {last}): {trainable:,} of {total:,} parameters train"
            )
            lines.append(
                froze.format(
                    count=len(self.frozen),
                    first=self.frozen[0],
                    last=self.frozen[-1],
                    trainable=self.trainable_params,
                    total=self.total_params,
                )
            )
        else:
            nothing = translate("Compiler", "nothing frozen: all {total:,} parameters train")
            lines.append(nothing.format(total=self.total_params))
        return "\n".join(lines)


def prepare_finetune(
    graph: Graph,
    weights: str | os.PathLike | Mapping[str, torch.Tensor],
    *,
    num_classes: int | None = None,
    freeze: str | None = AUTO,
    name: str | None = None,
) -> FineTune:
    """A copy of ``graph`` with the new class count and the backbone frozen, and its model with the weights.

    ``freeze``: ``"auto"`` freezes everything feeding the layers the weights did not fit (the replaced head),
    a node name freezes that node and all its ancestors, None freezes nothing. Raises WeightsError when no
    tensor of the file fits, ValueError for a bad node name or class count, CompileError for a broken graph.
    """
    graph = graph.copy()
    if num_classes is not None:
        set_num_classes(graph, num_classes).apply(graph)
    if isinstance(weights, Mapping):
        state, label = dict(weights), name or "<state_dict>"
    else:
        state, label = read_state_dict(weights), name or str(weights)

    with torch.device("meta"):  # the key shapes alone decide what loads: no memory, no initialisation
        shapes = {k: tuple(v.shape) for k, v in compile_model(graph).state_dict().items()}
    planned, _ = match_state_dict(shapes, state, label)
    if not planned.matched:
        sample_file, sample_model = next(iter(state)), next(iter(shapes), "nothing")
        raise WeightsError(
            label,
            translate(
                "Compiler",
                "none of its {count} tensors fit the model (the file has keys like {sample_file!r}, the model {sample_model!r})",
            ).format(count=len(state), sample_file=sample_file, sample_model=sample_model),
        )

    before = {nid for nid, node in graph.nodes.items() if not node.trainable}
    if freeze == AUTO:
        edit = backbone_freeze(graph, planned)
    elif freeze:
        target = graph.by_name(freeze)
        if target is None:
            raise ValueError(translate("Compiler", "no node named {freeze!r} to freeze up to").format(freeze=freeze))
        edit = freeze_up_to(graph, target.id)
    else:
        edit = None
    if edit is not None:
        edit.apply(graph)
    frozen = [
        node.name
        for nid, node in graph.nodes.items()
        if not node.trainable and nid not in before and not REGISTRY.get(node.type).is_input
    ]

    model = compile_model(graph)
    report = load_weights(model, state, name=label)
    result = infer_shapes(graph, REGISTRY)
    return FineTune(graph, model, report, frozen, result.trainable_params, result.total_params)
