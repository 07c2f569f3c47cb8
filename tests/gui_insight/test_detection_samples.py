"""The Feature maps dock's worker on a detector: box data gives sample images at the model's size, taken as
[0, 1] pixels (no standardisation: a detector trains on the image as it is)."""

from __future__ import annotations

import torch

from cnnstudio import presets
from cnnstudio.gui.insight.install import build_insight_model


def test_box_data_samples_are_fitted_images_without_labels():
    graph = presets.build("det_small", input_shape=(3, 64, 64))
    built = build_insight_model(graph, None, "shapes-boxes:12", (None, None, None, ""))
    assert built["model"] is not None and built["classes"] == ["circle", "square", "triangle"]
    images, labels = built["samples"]
    assert labels is None and images.shape[1:] == (3, 64, 64) and len(images) >= 2
    assert images.dtype == torch.float32 and 0.0 <= images.min() and images.max() <= 1.0
    assert built["normalization"] is None
