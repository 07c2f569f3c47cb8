"""The loss of a compiled model: a weighted sum over its output heads.

Classification heads use cross-entropy (with label smoothing), reconstruction heads the mean squared
error against the input image. In training every head counts with its loss weight (GoogLeNet's
auxiliary classifiers 0.3); in evaluation the model returns its main outputs only and the auxiliary
heads are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from cnnstudio.compiler import Head

from ..core.i18n import translate
from .errors import TrainingError


def outputs_list(outputs, count: int) -> list[torch.Tensor]:
    """The model's return value (one tensor or a tuple) as a list of at most ``count`` tensors."""
    if isinstance(outputs, torch.Tensor):
        return [outputs]
    return list(outputs)[:count]


def _weighted(weight: float, loss: torch.Tensor) -> torch.Tensor:
    return loss if weight == 1.0 else weight * loss  # the usual single head: no extra op in the autograd graph


@dataclass(frozen=True)
class HeadLoss:
    """How one head is trained."""

    head: Head
    label_smoothing: float

    def __call__(self, output: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if self.head.kind == "classification":
            return F.cross_entropy(output, y, label_smoothing=self.label_smoothing)
        return F.mse_loss(output, x)


class Objective:
    """Losses for every head of a model, in ``model.heads`` order (main heads first)."""

    def __init__(self, heads: tuple[Head, ...], label_smoothing: float | None = None):
        trainable = [h for h in heads if h.kind in ("classification", "reconstruction")]
        if not trainable:
            raise TrainingError(
                translate(
                    "Training",
                    "the network has no output head to train: end it with a Classification output (cross-entropy) or a Reconstruction output (MSE against the input)",
                )
            )
        if heads[0].kind == "plain":
            raise TrainingError(
                translate(
                    "Training", "the network's main output {name!r} has no loss: end it with an output head"
                ).format(name=heads[0].name)
            )
        self.heads = heads
        self.losses = [
            HeadLoss(h, h.label_smoothing if label_smoothing is None else label_smoothing)
            if h.kind in ("classification", "reconstruction")
            else None
            for h in heads
        ]
        self.main = [i for i, h in enumerate(heads) if not h.auxiliary]
        self.classifier = next((i for i in self.main if heads[i].kind == "classification"), None)
        self.reconstruction = next((i for i in self.main if heads[i].kind == "reconstruction"), None)

    @property
    def reconstructs(self) -> bool:
        return any(h.kind == "reconstruction" for h in self.heads)

    @property
    def primary(self) -> str:
        """What "best" means: val accuracy when the main head classifies, else val loss."""
        return "accuracy" if self.heads[0].kind == "classification" else "loss"

    def train_loss(self, outputs, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """The weighted total over all heads (the training forward returns every head), and the outputs."""
        outs = outputs_list(outputs, len(self.heads))
        total = None
        for out, loss, head in zip(outs, self.losses, self.heads):
            if loss is None:
                continue
            term = _weighted(head.loss_weight, loss(out, x, y))
            total = term if total is None else total + term
        return total, outs

    def eval_losses(self, outputs, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Weighted total over the main heads only (what the eval forward returns), and the outputs."""
        outs = outputs_list(outputs, len(self.main))
        total = None
        for out, i in zip(outs, self.main):
            if self.losses[i] is None:
                continue
            term = _weighted(self.heads[i].loss_weight, self.losses[i](out, x, y))
            total = term if total is None else total + term
        return total, outs


def make_objective(model, feeder, config):
    """The engine's objective for classification and reconstruction heads (detection: see session.objective_for)."""
    return Objective(model.heads, config.label_smoothing)
