"""``cnnstudio predict``: a trained classifier on image files — each file's k most probable classes.

Each file is checked as a regular file and decoded with the same reader as ``detect`` and the training data
(a pixel limit before any pixel is decoded), stretched to the network's input and normalised as in training
(the checkpoint's sidecar says how); a file that cannot be read is one line and is skipped, the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from cnnstudio.core.safe_io import FileProblem, check_regular
from cnnstudio.insight.gradcam import class_scores
from cnnstudio.insight.pixels import open_image, pixels

from .data.fit import image_layout


@dataclass
class ImageClasses:
    image: str
    predictions: list[dict] = field(default_factory=list)  # {"class", "label", "probability"}, best first
    error: str | None = None


def predict_files(
    model: torch.nn.Module, files: list[str], classes: list[str], normalizer, top_k: int = 5
) -> list[ImageClasses]:
    """The ``top_k`` classes (softmax probabilities) of each file, best first."""
    chw, shape = image_layout(tuple(model.input_shape))
    results = []
    for name in files:
        try:
            check_regular(name, "image")
            with open_image(name) as img:
                x = pixels(img, chw[0], (chw[2], chw[1]))
        except (FileProblem, OSError, ValueError) as exc:
            results.append(ImageClasses(name, error=f"{name}: {exc}"))
            continue
        with torch.inference_mode():
            scores = class_scores(model(normalizer(x[None]).reshape(1, *shape)))[0].float()
        probabilities = torch.softmax(scores, 0)
        values, indices = probabilities.topk(min(top_k, len(probabilities)))
        entry = ImageClasses(name)
        for p, i in zip(values.tolist(), indices.tolist()):
            entry.predictions.append(
                {"class": classes[i] if i < len(classes) else str(i), "label": i, "probability": round(p, 6)}
            )
        results.append(entry)
    return results
