"""Class scores for one image: top-k predictions and Grad-CAM heat maps."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.fx as fx
import torch.nn as nn
import torch.nn.functional as F

from ..core.i18n import translate
from .probe import InsightError, as_batch, evaluating, fx_node_names


@dataclass(frozen=True)
class Prediction:
    """One class and its softmax probability."""

    index: int
    label: str
    probability: float


def class_scores(output) -> torch.Tensor:
    """The main classification output (batch × classes) out of whatever the model returned."""
    if isinstance(output, (tuple, list)):
        output = output[0]  # main heads come first; auxiliary heads only in training mode anyway
    if not isinstance(output, torch.Tensor) or output.dim() != 2:
        shape = tuple(output.shape) if isinstance(output, torch.Tensor) else type(output).__name__
        raise InsightError(
            translate("Insight", "needs a classification output (batch × classes), the model returns {shape}").format(
                shape=shape
            )
        )
    return output


def top_predictions(
    model: nn.Module, image: torch.Tensor, k: int = 5, labels: list[str] | None = None
) -> list[Prediction]:
    """The k most probable classes for one C×H×W image, most probable first."""
    batch = as_batch(model, image)
    with evaluating(model), torch.no_grad():
        scores = class_scores(model(batch))[0].float()
    probs = torch.softmax(scores, 0).cpu()
    values, indices = probs.topk(min(k, probs.numel()))
    out = []
    for p, i in zip(values.tolist(), indices.tolist()):
        label = labels[i] if labels is not None and i < len(labels) else str(i)
        out.append(Prediction(i, label, p))
    return out


class _LeafAt(fx.Interpreter):
    """Runs the graph and makes one node's value a fresh leaf, so d(score)/d(value) is one backward away."""

    def __init__(self, module: fx.GraphModule, target: str):
        super().__init__(module)
        self.target = target
        self.leaf: torch.Tensor | None = None

    def run_node(self, n: fx.Node):
        # nothing upstream of the leaf needs a gradient: skip recording it (memory on large models)
        with torch.set_grad_enabled(self.leaf is not None):
            result = super().run_node(n)
        if n.name == self.target and isinstance(result, torch.Tensor):
            self.leaf = result.detach().requires_grad_(True)
            # downstream gets a copy: an in-place ReLU on the leaf itself would be refused by autograd
            return self.leaf.clone()
        return result


def grad_cam(model: nn.Module, image: torch.Tensor, name: str, target_class: int | None = None) -> torch.Tensor:
    """Grad-CAM at node ``name`` for one C×H×W image: an H×W heat map in [0, 1] (CPU, float32).

    Channel weights are the spatial means of d(score)/d(activation); the map is the ReLU of the weighted
    sum of the channels, upsampled bilinearly to the input size and divided by its maximum. ``target_class``
    None explains the predicted (arg-max) class.
    """
    fx_name = fx_node_names(model, [name])[name]
    batch = as_batch(model, image)
    runner = _LeafAt(model, fx_name)
    with evaluating(model), torch.enable_grad():
        scores = class_scores(runner.run(batch))
        activation = runner.leaf
        if activation is None or activation.dim() != 4:
            got = "no tensor" if activation is None else "×".join(str(v) for v in activation.shape[1:])
            raise InsightError(
                translate("Insight", "Grad-CAM needs a C×H×W feature map, node {name!r} gives {got}").format(
                    name=name, got=got
                )
            )
        classes = scores.shape[1]
        target = int(scores[0].argmax()) if target_class is None else int(target_class)
        if not 0 <= target < classes:
            raise InsightError(
                translate("Insight", "class {target} is out of range: the model has {classes} classes").format(
                    target=target, classes=classes
                )
            )
        (grads,) = torch.autograd.grad(scores[0, target], activation, allow_unused=True)
    if grads is None:
        raise InsightError(translate("Insight", "the class score does not depend on node {name!r}").format(name=name))
    weights = grads[0].mean(dim=(1, 2))  # one weight per channel
    cam = torch.relu((weights[:, None, None] * activation[0].detach()).sum(0))
    cam = F.interpolate(cam[None, None], size=tuple(batch.shape[-2:]), mode="bilinear", align_corners=False)[0, 0]
    cam = cam.clamp_min(0)
    peak = cam.max()
    if peak > 0:
        cam = cam / peak
    return cam.float().cpu()
