"""mAP from torchmetrics' MeanAveragePrecision against cases worked out by hand.

COCO AP samples precision at 101 recall levels 0, 0.01, …, 1 (precision made non-increasing first) and
averages them; mAP@[.5:.95] averages that over the IoU thresholds 0.50, 0.55, …, 0.95."""

from __future__ import annotations

import json
import math

import pytest
import torch

from cnnstudio.training.detection_metrics import BACKENDS, DetectionMetric, json_ready


def pred(boxes, scores, labels):
    return {
        "boxes": torch.tensor(boxes, dtype=torch.float32),
        "scores": torch.tensor(scores),
        "labels": torch.tensor(labels),
    }


def truth(boxes, labels):
    return {
        "boxes": torch.tensor(boxes, dtype=torch.float32).reshape(-1, 4),
        "labels": torch.tensor(labels, dtype=torch.int64),
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_perfect_predictions_score_one(backend):
    metric = DetectionMetric(["circle", "square"], backend=backend)
    targets = [truth([[10, 10, 40, 40], [50, 60, 90, 100]], [0, 1]), truth([[0, 0, 20, 30]], [1])]
    metric.update([pred(t["boxes"].tolist(), [0.9] * len(t["labels"]), t["labels"].tolist()) for t in targets], targets)
    result = metric.compute()
    assert result["map50"] == pytest.approx(1.0) and result["map"] == pytest.approx(1.0)
    assert result["ap_per_class"] == pytest.approx({"circle": 1.0, "square": 1.0})


def test_one_of_two_objects_found_is_recall_limited():
    metric = DetectionMetric(["circle"])
    metric.update([pred([[10, 10, 40, 40]], [0.8], [0])], [truth([[10, 10, 40, 40], [60, 60, 90, 90]], [0, 0])])
    result = metric.compute()
    # recall reaches 0.5 at precision 1, never more: recall levels 0, 0.01, …, 0.50 (51 of 101) score 1
    assert result["map50"] == pytest.approx(51 / 101) and result["map"] == pytest.approx(51 / 101)


def test_a_false_positive_ranked_first_halves_the_precision():
    metric = DetectionMetric(["circle"])
    preds = pred([[60, 60, 90, 90], [10, 10, 40, 40]], [0.9, 0.5], [0, 0])  # the confident one is wrong
    metric.update([preds], [truth([[10, 10, 40, 40]], [0])])
    # ranked: miss (precision 0), hit (recall 1, precision 1/2): every recall level scores 1/2
    assert metric.compute()["map50"] == pytest.approx(0.5)


def test_a_box_at_iou_062_counts_at_05_but_not_at_075():
    metric = DetectionMetric(["circle"])
    metric.update([pred([[0, 0, 100, 62]], [0.9], [0])], [truth([[0, 0, 100, 100]], [0])])  # IoU = 6200/10000
    result = metric.compute()
    assert result["map50"] == pytest.approx(1.0) and result["map75"] == pytest.approx(0.0)
    assert result["map"] == pytest.approx(3 / 10)  # a hit at 0.50, 0.55 and 0.60 of the ten thresholds


def test_a_class_absent_from_the_ground_truth_has_no_ap():
    metric = DetectionMetric(["circle", "square", "triangle"])
    preds = pred([[10, 10, 40, 40], [50, 50, 80, 80]], [0.9, 0.7], [0, 1])  # a square where there is none
    metric.update([preds], [truth([[10, 10, 40, 40]], [0])])
    result = metric.compute()
    assert result["ap_per_class"]["circle"] == pytest.approx(1.0)
    assert math.isnan(result["ap_per_class"]["square"]) and math.isnan(result["ap_per_class"]["triangle"])
    assert result["map"] == pytest.approx(1.0)  # the mean is over the classes that occur
    assert json.loads(json.dumps(json_ready(result)))["ap_per_class"] == {
        "circle": 1.0,
        "square": None,
        "triangle": None,
    }


def test_updates_accumulate_until_reset_and_images_without_objects_count():
    metric = DetectionMetric(["circle"])
    metric.update([pred([[10, 10, 40, 40]], [0.9], [0])], [truth([[10, 10, 40, 40]], [0])])
    metric.update([pred([[5, 5, 25, 25]], [0.95], [0])], [truth([], [])])  # a false alarm on an empty image
    assert metric.compute()["map50"] == pytest.approx(0.5)
    metric.reset()
    metric.update([pred([], [], [])], [truth([[10, 10, 40, 40]], [0])])
    assert metric.compute()["map50"] == pytest.approx(0.0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_ap_at_05_per_class_beside_the_coco_ap(backend):
    metric = DetectionMetric(["circle", "square", "triangle"], backend=backend)
    preds = pred([[0, 0, 100, 62], [10, 10, 40, 40]], [0.9, 0.8], [0, 1])  # circle at IoU 0.62, square found
    targets = truth([[0, 0, 100, 100], [10, 10, 40, 40], [60, 60, 90, 90]], [0, 1, 1])  # a second square missed
    metric.update([preds], [targets])
    result = metric.compute()
    assert result["ap50_per_class"]["circle"] == pytest.approx(1.0)
    assert result["ap_per_class"]["circle"] == pytest.approx(3 / 10)
    assert result["ap50_per_class"]["square"] == pytest.approx(51 / 101)  # recall 0.5 at precision 1
    assert result["ap_per_class"]["square"] == pytest.approx(51 / 101)
    assert math.isnan(result["ap50_per_class"]["triangle"])
    assert result["map50"] == pytest.approx((1.0 + 51 / 101) / 2)
