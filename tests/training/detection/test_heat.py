"""One image through a detector for the Feature maps dock: the boxes `detect` would give, and the heat maps."""

from __future__ import annotations

import math

import pytest
import torch

from cnnstudio.insight import InsightError
from cnnstudio.training.detection.decode import final_boxes
from cnnstudio.training.detection.heat import detect_image, head_input

from .planted import planted_detector, red_patch


def test_the_boxes_are_the_compiled_models_and_the_heat_peaks_at_the_object():
    graph, model = planted_detector()
    image = red_patch(row=2, col=5)
    found = detect_image(model, image)
    assert found.source == "head"
    assert found.labels.tolist() == [1] and found.scores.tolist() == pytest.approx([1 / (1 + math.exp(-11.0))])
    assert found.boxes.tolist() == [pytest.approx([18.0, 6.0, 26.0, 14.0])]  # centre (5.5, 2.5) cells, 2 cells wide
    with torch.no_grad():
        (same,) = final_boxes(model(image[None]), (32, 32))
    torch.testing.assert_close(found.boxes, same["boxes"][same["scores"] >= 0.3])
    assert found.heat.shape == (3, 8, 8)
    assert found.heat[1].argmax().item() == 2 * 8 + 5 and found.heat[1].max() > 0.99
    assert found.heat[0].max() < 0.01  # no circle anywhere


def test_a_classifier_has_no_heat_maps():
    from cnnstudio import compile_model, presets

    with pytest.raises(InsightError, match="no Detection output"):
        head_input(compile_model(presets.build("lenet5")))
