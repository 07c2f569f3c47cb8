"""``coco:PATH``: a COCO-format detection set — ``PATH/annotations.json`` (or PATH is the .json itself) with
``images``, ``annotations`` (``bbox`` = x, y, width, height in pixels) and ``categories``. An image's
``file_name`` is looked up beside the json, then in ``images/`` beside it. Classes are the category names in
category-id order; images without annotations are kept as images with no objects."""

from __future__ import annotations

import json
from pathlib import Path

from cnnstudio.core.safe_io import FileProblem, read_regular

from ....core.i18n import translate
from ...errors import DataError
from .reading import MAX_ANNOTATION_BYTES, Problems, Record, number


def coco_records(path: str, problems: Problems) -> tuple[list[str], list[Record]]:
    given = Path(path).expanduser()
    file = given if given.is_file() else given / "annotations.json"
    root = file.parent
    try:
        data = json.loads(read_regular(file, MAX_ANNOTATION_BYTES, "COCO annotations file").decode("utf-8-sig"))
    except FileProblem as exc:
        raise DataError(translate("Data", "coco:{path}: {reason}").format(path=path, reason=exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise DataError(
            translate("Data", "coco:{path}: {file} is not valid JSON ({reason})").format(
                path=path, file=file, reason=str(exc).splitlines()[0]
            )
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("images"), list):
        raise DataError(
            translate("Data", "coco:{path}: {file} has no 'images' list, so it is not a COCO annotations file").format(
                path=path, file=file
            )
        )
    categories = [c for c in data.get("categories") or [] if isinstance(c, dict)]
    named = sorted((c["id"], str(c["name"])) for c in categories if isinstance(c.get("id"), int) and "name" in c)
    for _ in range(len(data.get("categories") or []) - len(named)):
        problems.add("line", f"{file.name}: a category without an integer id and a name")
    classes = [name for _, name in named]
    label_of = {cid: label for label, (cid, _) in enumerate(named)}

    records: dict[object, Record] = {}
    for entry in data["images"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("file_name"), str) or "id" not in entry:
            problems.add("line", f"{file}: an image entry without an id and a file_name")
            continue
        name = entry["file_name"]
        if Path(name).is_absolute() or ".." in Path(name).parts:
            problems.add("image", f"{name}: outside the dataset folder")
            continue
        candidates = [root / name, root / "images" / name]
        image = next((c for c in candidates if c.is_file()), candidates[0])
        records[entry.get("id")] = Record(image)
    for n, ann in enumerate(data.get("annotations") or []):
        where = f"{file.name} annotation {ann.get('id', n) if isinstance(ann, dict) else n}"
        if not isinstance(ann, dict) or ann.get("image_id") not in records:
            problems.add("line", f"{where}: no such image")
            continue
        if ann.get("iscrowd"):
            problems.add("crowd", where)
            continue
        if ann.get("category_id") not in label_of:
            problems.add("class", f"{where}: category_id {ann.get('category_id')!r}")
            continue
        bbox = ann.get("bbox")
        if not isinstance(bbox, list) or len(bbox) != 4:
            problems.add("line", f"{where}: bbox is not [x, y, width, height]")
            continue
        x, y, w, h = (number(v) for v in bbox)
        box = (x, y, x + w, y + h) if None not in (x, y, w, h) else (None,) * 4
        record = records[ann["image_id"]]
        record.boxes.append(box)
        record.labels.append(label_of[ann["category_id"]])
        record.where.append(f"{record.image.name} ({where})")
    if not classes:
        raise DataError(translate("Data", "coco:{path}: {file} names no categories").format(path=path, file=file))
    return classes, list(records.values())
