"""``cnnstudio predict``: a trained classifier on image files — each file's k most probable classes.

Each file is checked as a regular file and decoded with the same reader as ``detect`` and the training data
(a pixel limit before any pixel is decoded), stretched to the network's input and normalised as in training
(the checkpoint's sidecar says how); a file that cannot be read is one line and is skipped, the others go on.
A video file (.mp4, .avi, .webm, …) gives one result per frame (or per ``every``-th), decoded by
training.video; with ``out_dir``, a copy with each frame's best class written on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch
from PIL import Image

from cnnstudio.core.safe_io import FileProblem, check_regular, write_bytes
from cnnstudio.insight.gradcam import class_scores
from cnnstudio.insight.pixels import open_image, pixels

from .data.fit import image_layout
from .video import VideoProblem, is_video, video_results


@dataclass
class ImageClasses:
    image: str
    predictions: list[dict] = field(default_factory=list)  # {"class", "label", "probability"}, best first
    error: str | None = None
    frame: int | None = None  # a video's frame, from 0 (None for an image)
    time: float | None = None  # that frame's time in seconds


def predict_files(
    model: torch.nn.Module,
    files: list[str],
    classes: list[str],
    normalizer,
    top_k: int = 5,
    every: int = 1,
    out_dir: Path | None = None,
) -> list[ImageClasses]:
    """The ``top_k`` classes (softmax probabilities) of each file (of each used frame of a video), best first."""
    chw, shape = image_layout(tuple(model.input_shape))

    def classify(name: str, img: Image.Image) -> ImageClasses:
        x = pixels(img, chw[0], (chw[2], chw[1]))
        with torch.inference_mode():
            scores = class_scores(model(normalizer(x[None]).reshape(1, *shape)))[0].float()
        probabilities = torch.softmax(scores, 0)
        values, indices = probabilities.topk(min(top_k, len(probabilities)))
        entry = ImageClasses(name)
        for p, i in zip(values.tolist(), indices.tolist()):
            entry.predictions.append(
                {"class": classes[i] if i < len(classes) else str(i), "label": i, "probability": round(p, 6)}
            )
        return entry

    def classify_frame(name, frame) -> ImageClasses:
        entry = classify(name, frame.image)
        entry.frame, entry.time = frame.index, round(frame.time, 6)
        return entry

    results = []
    for name in files:
        try:
            if is_video(name):
                found, _ = video_results(name, every, lambda f, n=name: classify_frame(n, f), draw_label, out_dir)
                results.extend(found)
                continue
            check_regular(name, "image")
            with open_image(name) as img:
                entry = classify(name, img)
                if out_dir is not None:
                    write_png(draw_label(img.convert("RGB"), entry), out_dir / f"{Path(name).stem}.png")
            results.append(entry)
        except (FileProblem, OSError, ValueError, VideoProblem) as exc:
            results.append(ImageClasses(name, error=f"{name}: {exc}"))
    return results


def draw_label(image: Image.Image, entry: ImageClasses) -> Image.Image:
    """``image`` with its best class and probability written in its top left corner."""
    from PIL import ImageDraw

    if not entry.predictions:
        return image
    best = entry.predictions[0]
    draw = ImageDraw.Draw(image)
    text = f"{best['class']} {best['probability']:.2f}"
    left, top, right, bottom = draw.textbbox((2, 2), text)
    draw.rectangle((0, 0, right + 2, bottom + 2), fill="black")
    draw.text((2, 2), text, fill="white")
    return image


def write_png(image: Image.Image, target: Path) -> None:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    write_bytes(target, buffer.getvalue())
