"""Detection metrics: COCO mAP@[.5:.95], mAP@0.5 and AP per class, by torchmetrics' MeanAveragePrecision
(the COCO evaluation, through faster-coco-eval or pycocotools), not by hand.

Predictions and targets are dicts of tensors in one pixel frame: targets {boxes K×4 xyxy, labels K},
predictions {boxes, scores, labels}. A class that never occurs in the ground truth has no AP: NaN here,
``None`` in JSON (``json_ready``)."""

from __future__ import annotations

import importlib.util
import math

import torch

from ..core.i18n import translate
from .errors import TrainingError

BACKENDS = ("faster_coco_eval", "pycocotools")


def available_backend() -> str:
    """The first COCO-evaluation package installed; TrainingError naming both when neither is."""
    for name in BACKENDS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise TrainingError(
        translate("Training", "detection metrics need faster-coco-eval or pycocotools: pip install faster-coco-eval")
    )


class DetectionMetric:
    """Accumulates a validation pass with ``update`` and reports it with ``compute``."""

    def __init__(self, classes: list[str], backend: str | None = None):
        from torchmetrics.detection import MeanAveragePrecision

        self.classes = list(classes)
        self._map = MeanAveragePrecision(
            box_format="xyxy",
            iou_type="bbox",
            class_metrics=True,
            extended_summary=True,  # the precision table: AP@0.5 per class comes from it, no second evaluation
            backend=backend or available_backend(),
        )

    def reset(self) -> None:
        self._map.reset()

    def update(self, preds: list[dict[str, torch.Tensor]], targets: list[dict[str, torch.Tensor]]) -> None:
        self._map.update(
            [
                {
                    "boxes": p["boxes"].detach().float().cpu().reshape(-1, 4),
                    "scores": p["scores"].detach().float().cpu().reshape(-1),
                    "labels": p["labels"].detach().long().cpu().reshape(-1),
                }
                for p in preds
            ],
            [
                {
                    "boxes": t["boxes"].detach().float().cpu().reshape(-1, 4),
                    "labels": t["labels"].long().cpu().reshape(-1),
                }
                for t in targets
            ],
        )

    def compute(self) -> dict:
        """``{"map", "map50", "map75": float, "ap_per_class", "ap50_per_class": {name: float}}``: AP per class
        at IoU 0.50:0.95 and at 0.5; NaN where there is nothing to score."""
        result = self._map.compute()
        per_class = {name: math.nan for name in self.classes}
        per_class50 = dict(per_class)
        ids = result["classes"].reshape(-1).tolist()
        values = result["map_per_class"].reshape(-1).tolist()
        at50 = _ap50_per_class(result.get("precision"), len(ids))
        for k, (cls, ap) in enumerate(zip(ids, values)):
            if 0 <= cls < len(self.classes):
                per_class[self.classes[cls]] = _score(ap)
                per_class50[self.classes[cls]] = at50[k]
        return {
            "map": _score(result["map"].item()),
            "map50": _score(result["map_50"].item()),
            "map75": _score(result["map_75"].item()),
            "ap_per_class": per_class,
            "ap50_per_class": per_class50,
        }


def _ap50_per_class(precision, count: int) -> list[float]:
    """COCO's AP at IoU 0.5 per class from the precision table (IoU × recall × class × area × max dets):
    the mean over the 101 recall levels of the first threshold, all areas, the most detections; −1 marks
    a class with nothing to score (NaN here)."""
    if not isinstance(precision, torch.Tensor) or precision.dim() != 5 or precision.shape[2] != count:
        return [math.nan] * count
    table = precision[0, :, :, 0, -1]  # recall levels × classes
    out = []
    for k in range(count):
        levels = table[:, k]
        levels = levels[levels > -1]
        out.append(float(levels.mean()) if len(levels) else math.nan)
    return out


def _score(value: float) -> float:
    """torchmetrics marks "nothing to score" with −1: NaN here, so it can never be mistaken for an AP."""
    return math.nan if value < 0 else float(value)


def json_ready(value):
    """``compute()``'s result with NaN as None, for JSON (which has no NaN)."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
