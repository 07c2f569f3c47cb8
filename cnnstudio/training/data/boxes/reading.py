"""What the file formats share: decode each image once at the model's size, check and scale its boxes, and
count what is skipped so the user hears about it (``Problems``) without a bad annotation stopping the load."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import torch

from cnnstudio.core.safe_io import FileProblem, check_regular, one_line, read_regular
from cnnstudio.insight.pixels import ImageTooLarge, open_image, pixels

from ....core.i18n import QT_TRANSLATE_NOOP, translate
from ...errors import DataError
from .boxset import BoxSet, make_target

MAX_ANNOTATION_BYTES = 256 << 20  # one COCO annotations.json
MAX_LABEL_BYTES = 4 << 20  # one VOC .xml, YOLO .txt, data.yaml or classes.txt
MAX_DECODED_BYTES = 4 << 30  # images are held decoded (uint8) at the model's size: ~87,000 at 3×128×128
_SHOW = 3  # items named per warning

# what each kind of problem is called in the warnings, in the order they are listed
_WHAT = {
    "image": QT_TRANSLATE_NOOP("Data", "skipped {n} missing or unreadable image(s)"),
    "file": QT_TRANSLATE_NOOP("Data", "skipped {n} unreadable or malformed annotation file(s)"),
    "line": QT_TRANSLATE_NOOP("Data", "skipped {n} malformed annotation(s)"),
    "class": QT_TRANSLATE_NOOP("Data", "skipped {n} box(es) of an unknown class"),
    "degenerate": QT_TRANSLATE_NOOP("Data", "skipped {n} degenerate box(es) (no width or height, or not finite)"),
    "outside": QT_TRANSLATE_NOOP("Data", "skipped {n} box(es) wholly outside their image"),
    "clipped": QT_TRANSLATE_NOOP("Data", "clipped {n} box(es) that reached outside their image"),
    "crowd": QT_TRANSLATE_NOOP("Data", "ignored {n} crowd annotation(s) (iscrowd=1)"),
}


@dataclass
class Problems:
    """Skipped (or clipped) items, by kind, each with a short description of where."""

    found: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, where: str) -> None:
        self.found.setdefault(kind, []).append(one_line(where))

    def warnings(self) -> list[str]:
        lines = []
        for kind, template in _WHAT.items():
            items = self.found.get(kind, [])
            if items:
                shown = "; ".join(items[:_SHOW])
                if len(items) > _SHOW:
                    shown += translate("Data", "; and {count} more").format(count=len(items) - _SHOW)
                lines.append(f"{translate('Data', template).format(n=len(items))}: {shown}")
        return lines


@dataclass
class Record:
    """One image of a dataset as its annotation file describes it: boxes xyxy in the file's pixels."""

    image: Path
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    where: list[str] = field(default_factory=list)  # per box, for the warnings (e.g. "a.xml object 2")
    normalised: bool = False  # boxes in [0, 1] of the image's size (YOLO), scaled once the image is opened


def read_label_file(path: Path, problems: Problems, max_bytes: int = MAX_LABEL_BYTES) -> str | None:
    """A small text annotation file's text, or None (and a problem) when it cannot be read."""
    try:
        return read_regular(path, max_bytes, "annotation file").decode("utf-8-sig")
    except FileProblem as exc:
        problems.add("file", str(exc))
    except UnicodeDecodeError:
        problems.add("file", f"{path}: not UTF-8 text")
    return None


def number(text) -> float | None:
    """A finite float, or None."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def checked_box(box, width: int, height: int, where: str, problems: Problems) -> tuple[float, ...] | None:
    """An xyxy box within the image (clipped when it reaches outside), or None when it is unusable."""
    if any(v is None for v in box):
        problems.add("degenerate", where)
        return None
    x1, y1, x2, y2 = box
    if not (x2 > x1 and y2 > y1):
        problems.add("degenerate", where)
        return None
    if x2 <= 0 or y2 <= 0 or x1 >= width or y1 >= height:
        problems.add("outside", where)
        return None
    clipped = (max(x1, 0.0), max(y1, 0.0), min(x2, float(width)), min(y2, float(height)))
    if clipped != (x1, y1, x2, y2):
        problems.add("clipped", where)
    return clipped


def assemble(name: str, records: list[Record], chw: tuple[int, int, int], problems: Problems) -> BoxSet:
    """Decode every record's image at ``chw`` and scale its boxes with it; DataError when none is usable."""
    channels, height, width = chw
    if len(records) * channels * height * width > MAX_DECODED_BYTES:
        raise DataError(
            translate(
                "Data",
                "{name}: {count} images of {channels}×{height}×{width} would take over {value} GiB in memory; use a smaller subset or input size",
            ).format(
                name=name,
                count=len(records),
                channels=channels,
                height=height,
                width=width,
                value=MAX_DECODED_BYTES >> 30,
            )
        )
    images, targets = [], []
    for record in records:
        try:
            check_regular(record.image, "image")  # a pipe named like an image would block PIL's open
            with open_image(record.image) as img:
                w0, h0 = img.size
                if img.format == "JPEG":  # decode at a reduced DCT scale when the target is much smaller
                    img.draft("L" if channels == 1 else "RGB", (width, height))
                data = pixels(img, channels, (width, height))
        except ImageTooLarge as exc:
            problems.add("image", f"{record.image}: too large ({exc})")
            continue
        except FileProblem as exc:
            problems.add("image", str(exc))
            continue
        except Exception as exc:  # PIL raises many types on broken or truncated files
            text = str(exc).split("\n")[0]
            problems.add(
                "image", f"{record.image}: {'not an image PIL can read' if 'cannot identify' in text else text}"
            )
            continue
        boxes, labels = [], []
        for box, label, where in zip(record.boxes, record.labels, record.where):
            if record.normalised:
                box = tuple(None if v is None else v * s for v, s in zip(box, (w0, h0, w0, h0)))
            kept = checked_box(box, w0, h0, where, problems)
            if kept is not None:
                boxes.append(kept)
                labels.append(label)
        scale = torch.tensor([width / w0, height / h0, width / w0, height / h0])
        target = make_target(boxes, labels)
        target["boxes"] *= scale
        images.append(data.mul_(255.0).round_().to(torch.uint8))
        targets.append(target)
    if not images:
        first = next(iter(problems.warnings()), "no images listed")
        raise DataError(translate("Data", "{name}: no usable image ({first})").format(name=name, first=first))
    return BoxSet(torch.stack(images), targets)
