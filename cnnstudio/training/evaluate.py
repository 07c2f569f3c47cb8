"""One pass over the validation set: loss, accuracy, confusion matrix, sample predictions, reconstructions.

In a distributed run each process evaluates its share of the validation set and the sums (loss, images,
right answers, the confusion matrix) are added up over all processes, so every process reports the
numbers one process would find on the whole set; the sample images come from each process's own share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import torch

from .data import Feeder
from .losses import Objective
from .metrics import RECONSTRUCTION_COUNT, confusion_matrix, per_class_accuracy, pick_samples, png_base64

if TYPE_CHECKING:
    from .context import RunContext


def evaluate(
    model: torch.nn.Module,
    feeder: Feeder,
    objective: Objective,
    classes: list[str],
    context: RunContext | None = None,
    first_forward: Callable[[torch.Tensor], Any] | None = None,
) -> dict:
    """The epoch_end event's validation fields (model left in eval mode).

    ``first_forward``: runs the model on the first batch instead of the model itself (the layer-health probe
    measures the model on the way: probe.py).
    """
    model.eval()
    loss_sum, seen = 0.0, 0
    labels, predictions, confidences, positions = [], [], [], []
    pairs = None
    forward = first_forward or model
    with torch.inference_mode():
        for batch in feeder.val_batches():
            loss, outs = objective.eval_losses(forward(batch.x), batch.x, batch.y)
            forward = model
            loss_sum += float(loss) * len(batch.y)
            seen += len(batch.y)
            if objective.classifier is not None:
                probs = torch.softmax(outs[objective.classifier].float(), 1)
                confidence, predicted = probs.max(1)
                labels.append(batch.y)  # kept where they are: one copy to the host after the loop
                predictions.append(predicted)
                confidences.append(confidence)
                positions.append(batch.index)
            if objective.reconstruction is not None and pairs is None:
                k = RECONSTRUCTION_COUNT
                pairs = (batch.index[:k].tolist(), batch.x[:k], outs[objective.reconstruction][:k])
    distributed = context is not None and context.distributed
    if distributed:
        loss_sum, seen = context.reduce_sum(torch.tensor([loss_sum, seen], dtype=torch.float64)).tolist()
    result: dict = {"val_loss": loss_sum / max(seen, 1), "val_accuracy": None}
    if objective.classifier is not None and (predictions or distributed):  # a share may be empty: sum it anyway
        y, p, c, idx = (
            torch.cat(v).cpu() if v else torch.empty(0, dtype=dtype)
            for v, dtype in zip(
                (labels, predictions, confidences, positions), (torch.int64, torch.int64, torch.float32, torch.int64)
            )
        )
        matrix = confusion_matrix(y, p, len(classes))
        if distributed:
            matrix = context.reduce_sum(matrix)
            right = context.reduce_sum(torch.tensor([int((p == y).sum())], dtype=torch.int64)).item()
            # as float32, like the mean below: the same number a single process reports for the whole set
            result["val_accuracy"] = float(torch.tensor(float(right)) / max(seen, 1))
        else:
            result["val_accuracy"] = float((p == y).float().mean())
        result["confusion"] = matrix.tolist()
        result["per_class_accuracy"] = per_class_accuracy(matrix)
        chosen = pick_samples(y, p)
        rows = torch.tensor(chosen, dtype=torch.int64)
        index, label, predicted = idx[rows].tolist(), y[rows].tolist(), p[rows].tolist()
        confidence = c[rows].tolist()  # one conversion each, not one per sample and field
        images = feeder.val_thumbnails(index) if chosen else []
        result["samples"] = [
            {
                "index": index[k],
                "label": label[k],
                "predicted": predicted[k],
                "confidence": round(confidence[k], 4),
                "image": image,
            }
            for k, image in enumerate(images)
        ]
    if pairs is not None:
        index, inputs, outputs = pairs
        result["reconstructions"] = [
            {"index": i, "input": png_base64(a), "output": png_base64(b)}
            for i, a, b in zip(index, feeder.to_display(inputs), feeder.to_display(outputs))
        ]
    return result
