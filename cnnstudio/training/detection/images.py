"""``cnnstudio detect``: a trained detector on image files — boxes in each file's own pixels, drawn on request.

Each file is checked as a regular file and decoded with the same reader as the training data (a size limit
before any pixel is decoded); a file that cannot be read is one line and is skipped, the others go on.
A video file gives one result per frame (or per ``every``-th) and, with ``out_dir``, a copy with the boxes drawn.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import torch

from cnnstudio.core.safe_io import FileProblem, check_regular, write_bytes
from cnnstudio.insight.pixels import open_image, pixels

from ..video import VideoProblem, is_video, video_results
from .decode import final_boxes

# a colour per class, cycled (the Okabe–Ito palette: tells classes apart also for colour-blind readers)
COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#FFFFFF")


@dataclass
class ImageBoxes:
    image: str
    width: int
    height: int
    boxes: list[dict] = field(default_factory=list)  # {"class", "label", "score", "box": [x1, y1, x2, y2]}
    error: str | None = None
    frame: int | None = None  # a video's frame, from 0 (None for an image)
    time: float | None = None  # that frame's time in seconds


def detect_files(
    model: torch.nn.Module,
    files: list[str],
    classes: list[str],
    normalizer,
    min_score: float = 0.3,
    every: int = 1,
    out_dir: Path | None = None,
) -> list[ImageBoxes]:
    """Boxes (score ≥ ``min_score``) in each file's own pixel frame (each used frame of a video); with
    ``out_dir``, a video's copy with its boxes drawn (images are drawn by draw_boxes)."""
    channels, height, width = model.input_shape

    def detect(name: str, img) -> ImageBoxes:
        size = img.size
        x = pixels(img, channels, (width, height))
        with torch.inference_mode():
            decoded = model(normalizer(x[None]))
        (found,) = final_boxes(decoded, (height, width))
        scale = torch.tensor([size[0] / width, size[1] / height] * 2)
        entry = ImageBoxes(name, size[0], size[1])
        for box, score, label in zip((found["boxes"] * scale).tolist(), found["scores"].tolist(), found["labels"]):
            if score < min_score:
                continue
            label = int(label)
            entry.boxes.append(
                {
                    "class": classes[label] if label < len(classes) else str(label),
                    "label": label,
                    "score": round(score, 4),
                    "box": [round(v, 1) for v in box],
                }
            )
        return entry

    def detect_frame(name, frame) -> ImageBoxes:
        entry = detect(name, frame.image)
        entry.frame, entry.time = frame.index, round(frame.time, 6)
        return entry

    results = []
    for name in files:
        try:
            if is_video(name):
                found, _ = video_results(name, every, lambda f, n=name: detect_frame(n, f), boxes_on, out_dir)
                results.extend(found)
                continue
            check_regular(name, "image")
            with open_image(name) as img:
                results.append(detect(name, img))
        except (FileProblem, OSError, ValueError, VideoProblem) as exc:
            results.append(ImageBoxes(name, 0, 0, error=f"{name}: {exc}"))
    return results


def draw_boxes(result: ImageBoxes, out_dir: Path) -> Path:
    """The image with its boxes and "class score" labels, written (atomically) as OUT_DIR/<name>.png."""
    with open_image(result.image) as img:
        canvas = boxes_on(img.convert("RGB"), result)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    target = out_dir / f"{Path(result.image).stem}.png"
    write_bytes(target, buffer.getvalue())
    return target


def boxes_on(canvas, result: ImageBoxes):
    """``canvas`` (an RGB PIL image) with the result's boxes and "class score" labels drawn on it."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(canvas)
    line = max(1, round(max(canvas.size) / 200))
    for found in result.boxes:
        colour = COLOURS[found["label"] % len(COLOURS)]
        x1, y1, x2, y2 = found["box"]
        draw.rectangle((x1, y1, x2, y2), outline=colour, width=line)
        text = f"{found['class']} {found['score']:.2f}"
        left, top, right, bottom = draw.textbbox((x1, y1), text)
        shift = bottom - top + 2
        draw.rectangle((left, top - shift, right + 2, bottom - shift), fill=colour)
        draw.text((x1 + 1, y1 - shift), text, fill="black")
    return canvas
