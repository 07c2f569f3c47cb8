"""How the engine trains and validates a detector: the CenterNet loss, then mAP on the validation split.

In training the model returns the head's raw map (the loss reads it). Validation runs the network in eval
mode (batch norm frozen) with only the decoding module switched to training, so one forward gives the raw
map for the validation loss; the decoding module then turns it into boxes for mAP, as ``model.eval()``
would.
"""

from __future__ import annotations

import math

import torch

from cnnstudio.compiler import Head

from ...core.i18n import translate
from ..errors import TrainingError
from ..metrics import png_base64
from .decode import final_boxes
from .loss import DetectionLoss, detection_loss

BOX_SAMPLES = 8  # validation images with their boxes in each epoch event (the worst first)


class DetectionObjective:
    """The engine's objective for a network whose main output is a detection head."""

    classifier = None  # the engine counts right answers only for classifiers
    reconstruction = None
    reconstructs = False
    primary = "map50"  # "best" is the highest mAP@0.5

    def __init__(self, model: torch.nn.Module, image_size: tuple[int, int]):
        heads: tuple[Head, ...] = model.heads
        if len(heads) != 1 or heads[0].kind != "detection":
            raise TrainingError(translate("Data", "a detector trains one Detection output and no other head, for now"))
        self.heads = heads
        self.head = model.get_submodule(heads[0].name)
        self.num_classes = self.head.num_classes
        self.image_size = tuple(image_size)
        self.loss_weight = heads[0].loss_weight

    def loss(self, raw: torch.Tensor, targets: list[dict]) -> DetectionLoss:
        return detection_loss(raw, targets, self.image_size, self.num_classes)

    def train_loss(self, outputs, x: torch.Tensor, y: list[dict]) -> tuple[torch.Tensor, list[torch.Tensor]]:
        total = self.loss(outputs, y).total
        return (total if self.loss_weight == 1.0 else self.loss_weight * total), [outputs]

    def validate(self, model: torch.nn.Module, feeder, classes: list[str], context=None, epoch: int = 0) -> dict:
        """The epoch_end event's validation fields: loss and its parts, mAP, AP per class, box samples.

        The losses are means over the validation set's objects. Under torchrun each process runs its share of
        the set; the loss sums are added up and every image's boxes are gathered, so every process scores mAP on
        the whole set, as one process would."""
        from ..detection_metrics import DetectionMetric, json_ready

        sums = {"loss": 0.0, "loss_cls": 0.0, "loss_box": 0.0, "loss_offset": 0.0}
        seen = 0
        records: list[tuple[int, dict, dict]] = []  # (validation index, prediction, target), on the CPU
        model.eval()
        self.head.train()  # the raw map out of an eval-mode network
        try:
            with torch.inference_mode():
                for batch in feeder.val_batches():
                    raw = model(batch.x)
                    parts = self.loss(raw, batch.y)
                    # every part is a mean over the batch's objects: weighted by them, the sums make the mean
                    # over the whole set's objects, whatever the batches (torchrun's shares included)
                    n = max(sum(len(t["labels"]) for t in batch.y), 1)
                    sums["loss"] += float(parts.total) * n
                    for key, value in parts.components().items():
                        sums[key] += value * n
                    seen += n
                    self.head.eval()
                    predictions = final_boxes(self.head(raw), self.image_size)
                    self.head.train()
                    for i, (p, t) in enumerate(zip(predictions, batch.y)):
                        records.append((int(batch.index[i]), _cpu(p), _cpu(t)))
        finally:
            self.head.eval()
        if context is not None and context.distributed:
            totals = context.reduce_sum(torch.tensor([*sums.values(), seen], dtype=torch.float64)).tolist()
            sums, seen = dict(zip(sums, totals[:-1])), int(totals[-1])
            records = sorted((r for share in gather_objects(context, records) for r in share), key=lambda r: r[0])
        val = {f"val_{key}": value / max(seen, 1) for key, value in sums.items()}
        if not math.isfinite(val["val_loss"]):
            return {"val_loss": val["val_loss"], "val_accuracy": None}
        metric = DetectionMetric(classes)
        metric.update([p for _, p, _ in records], [t for _, _, t in records])
        result = metric.compute()
        worst = sorted(((_image_score(p, t), index, p, t) for index, p, t in records), key=lambda item: item[0])
        val |= {
            "val_accuracy": None,
            "val_map50": json_ready(result["map50"]),
            "val_map": json_ready(result["map"]),
            "ap_per_class": json_ready(result["ap_per_class"]),
            "ap50_per_class": json_ready(result["ap50_per_class"]),
            "box_samples": _samples(feeder, worst[:BOX_SAMPLES], classes),
        }
        return val


def _cpu(item: dict) -> dict:
    return {key: value.cpu() for key, value in item.items()}


def gather_objects(context, value) -> list:
    """Every process's ``value``, in rank order (a collective: all processes call it at the same point)."""
    import torch.distributed as dist

    shares: list = [None] * context.world_size
    dist.all_gather_object(shares, value)
    return shares


def _image_score(prediction: dict, target: dict) -> float:
    """How well one image went: the mean over its objects of the best matching box's IoU (1: no object, no box)."""
    from torchvision.ops import box_iou

    boxes, truth = prediction["boxes"][prediction["scores"] >= 0.3], target["boxes"]
    if not len(truth):
        return 1.0 if not len(boxes) else 0.5
    if not len(boxes):
        return 0.0
    return float(box_iou(truth.float(), boxes.float()).max(1).values.mean())


def _samples(feeder, chosen, classes: list[str]) -> list[dict]:
    """Validation images with predicted boxes (score ≥ 0.3) and the ground truth, as the panel draws them."""
    if not chosen:
        return []
    images = feeder.val_images([index for _, index, _, _ in chosen])
    out = []
    for image, (score, index, p, t) in zip(images, chosen):
        keep = p["scores"] >= 0.3
        out.append(
            {
                "index": index,
                "score": round(score, 4),
                "image": png_base64(image),  # a thumbnail: the boxes are in pixels of width × height
                "width": int(image.shape[-1]),
                "height": int(image.shape[-2]),
                "boxes": [[round(v, 1) for v in box] for box in p["boxes"][keep].tolist()],
                "scores": [round(v, 4) for v in p["scores"][keep].tolist()],
                "labels": p["labels"][keep].tolist(),
                "truth_boxes": [[round(v, 1) for v in box] for box in t["boxes"].tolist()],
                "truth_labels": t["labels"].tolist(),
            }
        )
    return out
