"""One image through a detector, for the Feature maps dock: its boxes and the head's heat maps.

One pass records the map the detection head reads (the class heat maps as logits, sizes, offsets); the head
decodes it as the compiled model does in eval, and ``final_boxes`` removes overlapping duplicates, so the
boxes equal what ``cnnstudio detect`` reports for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.fx as fx

from cnnstudio.compiler.fx_compile import NODE_META
from cnnstudio.insight import InsightError, activations

from .decode import final_boxes


@dataclass
class ImageDetections:
    boxes: torch.Tensor  # K×4 xyxy in pixels of the model's input
    scores: torch.Tensor  # K, best first
    labels: torch.Tensor  # K
    heat: torch.Tensor  # classes×h×w: each class's heat map as probabilities (sigmoid of the logits)
    source: str  # the graph node whose output the head reads


def head_input(model: torch.nn.Module) -> str:
    """The graph name of the node feeding the model's detection head; InsightError when there is none."""
    heads = getattr(model, "heads", ())
    if not heads or heads[0].kind != "detection":
        raise InsightError("the model has no Detection output")
    for node in model.graph.nodes:
        if node.op == "call_module" and node.target == heads[0].name and node.args:
            source = node.args[0]
            if isinstance(source, fx.Node) and NODE_META in source.meta:
                return source.meta[NODE_META]
    raise InsightError("the Detection output's input is not a node of the graph")


def detect_image(model: torch.nn.Module, image: torch.Tensor, min_score: float = 0.3) -> ImageDetections:
    """Boxes scoring at least ``min_score`` and the class heat maps of one C×H×W image (as the model takes it)."""
    source = head_input(model)
    raw = activations(model, image, [source])[source]  # (classes + 4)×h×w
    head = model.get_submodule(model.heads[0].name)
    was_training = head.training
    head.eval()
    try:
        with torch.no_grad():
            decoded = head(raw[None].float())
    finally:
        head.train(was_training)
    (found,) = final_boxes(decoded, tuple(image.shape[-2:]))
    keep = found["scores"] >= min_score
    return ImageDetections(
        found["boxes"][keep],
        found["scores"][keep],
        found["labels"][keep],
        torch.sigmoid(raw[: head.num_classes].float()),
        source,
    )
