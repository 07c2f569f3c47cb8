"""Write a BoxSet as a COCO, a Pascal VOC or a YOLO folder that ``coco:``, ``voc:`` and ``yolo:`` read back.

The same images (PNG, lossless) and the same boxes go into every format, so one set loads identically from
each: boxes are written as whole pixels (the smallest integer box around each; VOC can state nothing else),
which every format states exactly — COCO's x, y, width, height; VOC's 1-based inclusive corners; YOLO's
centre and size over the image's size (a multiple of 1/2ⁿ for power-of-two sizes, exact in binary). Images
are named ``000000.png`` … in the set's order, which is the order each reader lists them in.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

from PIL import Image

from cnnstudio.core.safe_io import write_bytes, write_text

from .boxset import BoxSet

FORMATS = ("coco", "voc", "yolo")


def pixel_boxes(boxes) -> list[tuple[int, int, int, int]]:
    """The smallest whole-pixel xyxy box around each box."""
    return [(math.floor(a), math.floor(b), math.ceil(c), math.ceil(d)) for a, b, c, d in boxes.tolist()]


def _png(image) -> bytes:
    array = image.permute(1, 2, 0).numpy()
    buffer = io.BytesIO()
    Image.fromarray(array[:, :, 0] if array.shape[2] == 1 else array).save(buffer, format="PNG")
    return buffer.getvalue()


def write_box_folder(boxes: BoxSet, classes: list[str], root: str | Path, kind: str) -> Path:
    """``boxes`` as a ``kind`` (coco, voc or yolo) dataset in ``root``; returns ``root``."""
    if kind not in FORMATS:
        raise ValueError(f"unknown box format {kind!r}: one of {', '.join(FORMATS)}")
    root = Path(root)
    images_dir = root / ("JPEGImages" if kind == "voc" else "images")
    for folder in (images_dir, root / {"voc": "Annotations", "yolo": "labels"}.get(kind, "images")):
        folder.mkdir(parents=True, exist_ok=True)
    _, height, width = boxes.image_size
    coco = {"images": [], "annotations": [], "categories": [{"id": i + 1, "name": n} for i, n in enumerate(classes)]}
    for index, (image, target) in enumerate(zip(boxes.images, boxes.targets)):
        name = f"{index:06d}.png"
        write_bytes(images_dir / name, _png(image), fsync=False)
        rows = list(zip(pixel_boxes(target["boxes"]), target["labels"].tolist()))
        if kind == "coco":
            coco["images"].append({"id": index, "file_name": name, "width": width, "height": height})
            for (x1, y1, x2, y2), label in rows:
                coco["annotations"].append(
                    {
                        "id": len(coco["annotations"]),
                        "image_id": index,
                        "category_id": label + 1,
                        "bbox": [x1, y1, x2 - x1, y2 - y1],
                        "area": (x2 - x1) * (y2 - y1),
                        "iscrowd": 0,
                    }
                )
        elif kind == "voc":
            objects = "".join(
                f"<object><name>{classes[label]}</name><difficult>0</difficult><bndbox><xmin>{x1 + 1}</xmin>"
                f"<ymin>{y1 + 1}</ymin><xmax>{x2}</xmax><ymax>{y2}</ymax></bndbox></object>"
                for (x1, y1, x2, y2), label in rows
            )
            xml = (
                f"<annotation><folder>JPEGImages</folder><filename>{name}</filename><size><width>{width}</width>"
                f"<height>{height}</height><depth>{boxes.image_size[0]}</depth></size>{objects}</annotation>\n"
            )
            write_text(root / "Annotations" / f"{index:06d}.xml", xml, fsync=False)
        else:
            lines = [
                f"{label} {(x1 + x2) / 2 / width!r} {(y1 + y2) / 2 / height!r} {(x2 - x1) / width!r} "
                f"{(y2 - y1) / height!r}\n"
                for (x1, y1, x2, y2), label in rows
            ]
            write_text(root / "labels" / f"{index:06d}.txt", "".join(lines), fsync=False)
    if kind == "coco":
        write_text(root / "annotations.json", json.dumps(coco))
    elif kind == "yolo":
        names = "".join(f"  {i}: {json.dumps(n)}\n" for i, n in enumerate(classes))
        write_text(root / "data.yaml", f"path: .\ntrain: images\nval: images\nnames:\n{names}")
    return root
