"""What each node shows, derived from the graph and the latest inference (no Qt)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from cnnstudio.blocks import texts
from cnnstudio.core.block import Registry
from cnnstudio.core.formulas import fmt_shape
from cnnstudio.core.graph import Node
from cnnstudio.core.inference import Inference

from .node_item import NodeLook


@lru_cache(maxsize=8192)
def shape_text(shape: tuple | None) -> str:
    """64×56×56 (cached: the same few shapes recur all over a big network)."""
    return fmt_shape(shape)


def errors_by_node(inference: Inference) -> dict[str | None, str]:
    """The first error message of each node (graph-wide ones under None)."""
    out: dict[str | None, str] = {}
    for diag in inference.diagnostics:
        if diag.level == "error" and diag.node not in out:
            out[diag.node] = diag.message
    return out


def node_look(node: Node, registry: Registry, inference: Inference, errors: dict) -> NodeLook:
    info = inference.info.get(node.id)
    error = errors.get(node.id)
    if node.type not in registry:
        return NodeLook(
            node.name,
            node.type,
            "",
            "?",
            "Input",
            error or QCoreApplication.translate("Looks", "unknown block type"),
            not node.trainable,
            "",
        )
    block = registry.get(node.type)
    try:
        subtitle = block.subtitle(block.resolve(node.params))
    except (KeyError, TypeError, ValueError, IndexError):
        subtitle = ""  # params invalid: the error line says why
    shape = shape_text(info.shape) if info is not None and info.shape is not None else "?"
    if info is not None and info.outputs:  # a Split: every piece, in port order
        shape = " | ".join(shape_text(s) for s in info.outputs.values())
    if error:
        tooltip = f"{node.name}: {error}"
    else:
        # the full name first: on the canvas a long one is elided in the middle
        description = texts.description(block)
        tooltip = f"{node.name}  ({texts.title(block)})" + (f"\n{description}" if description else "")
        if not node.trainable:
            tooltip += QCoreApplication.translate("Looks", "\nFrozen: its weights are not trained.")
    return NodeLook(node.name, texts.title(block), subtitle, shape, block.category, error, not node.trainable, tooltip)
