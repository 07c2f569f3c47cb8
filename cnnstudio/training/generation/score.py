"""A quality score for generated digits that needs no internet: what a classifier trained on the real data says.

Mean top-class confidence (are the samples recognisable?), how many classes appear among the samples and the
largest class's share (mode coverage: a generator that draws only ones scores confident but not covering).
"""

from __future__ import annotations

import torch

from cnnstudio.core.i18n import translate

from ..errors import TrainingError

MIN_CONFIDENCE = 0.80  # the bar the issue sets for generated digits
MAX_SHARE = 0.25


def load_classifier(project: str, weights: str):
    """(model in eval mode, its normalizer, class names) of a trained classifier; TrainingError when it is not one."""
    from ..assess import load_trained, normalizer_for

    loaded = load_trained(project, weights)
    if loaded.kind != "classification":
        raise TrainingError(
            translate(
                "Training", "{project}: its main output is not a Classification output (scoring needs a classifier)"
            ).format(project=project)
        )
    model = loaded.model
    channels = model.input_shape[0] if len(model.input_shape) == 3 else 1
    classes = (loaded.meta.get("data") or {}).get("classes") or []
    return model, normalizer_for(loaded.meta, channels), classes


def score_images(images: torch.Tensor, model, normalizer, classes: list[str] | None = None) -> dict:
    """Scores of N×C×H×W images in [0, 1] under a classifier (fitted to its input as training data are)."""
    from ..data.fit import fit_images, image_layout

    chw, shape = image_layout(model.input_shape)
    with torch.inference_mode():
        x = normalizer(fit_images(images.float(), chw)).view(-1, *shape)
        out = model(x)
        out = out[0] if isinstance(out, (tuple, list)) else out
        confidence, predicted = torch.softmax(out.float(), 1).max(1)
    count = out.shape[1] if not classes else len(classes)
    counts = torch.bincount(predicted, minlength=count)[:count]
    n = max(len(images), 1)
    mean = float(confidence.mean()) if len(images) else 0.0
    covered = int((counts > 0).sum())
    share = float(counts.max()) / n if len(images) else 0.0
    return {
        "samples": len(images),
        "mean_confidence": round(mean, 4),
        "classes_covered": covered,
        "classes": count,
        "largest_share": round(share, 4),
        "counts": counts.tolist(),
        "passed": mean >= MIN_CONFIDENCE and covered == count and share <= MAX_SHARE,
    }


def describe(score: dict) -> str:
    """One line for the terminal."""
    verdict = translate("Training", "passes") if score["passed"] else translate("Training", "misses")
    return translate(
        "Training",
        "score on {samples} samples: mean confidence {confidence:.3f}, {covered}/{classes} classes, largest class {share:.0%} ({verdict} ≥ {bar:.2f}, all classes, ≤ {most:.0%} each); counts {counts}",
    ).format(
        samples=score["samples"],
        confidence=score["mean_confidence"],
        covered=score["classes_covered"],
        classes=score["classes"],
        share=score["largest_share"],
        verdict=verdict,
        bar=MIN_CONFIDENCE,
        most=MAX_SHARE,
        counts=score["counts"],
    )
