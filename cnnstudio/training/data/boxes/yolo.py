"""``yolo:PATH``: a YOLO set — images under ``PATH/images/`` and, for each, ``PATH/labels/<same path>.txt``
with one ``class cx cy w h`` line per object (all normalised to the image's size). Class names come from
``PATH/data.yaml`` (``names:`` as a list or an {id: name} map) or ``PATH/classes.txt`` (one per line). An
image without a label file has no objects (YOLO's convention)."""

from __future__ import annotations

from pathlib import Path

from torchvision.datasets.folder import IMG_EXTENSIONS

from ....core.i18n import translate
from ...errors import DataError
from .reading import Problems, Record, number, read_label_file


def _class_names(root: Path, path: str, problems: Problems) -> list[str]:
    for name in ("data.yaml", "data.yml"):
        if (root / name).is_file():
            import yaml

            text = read_label_file(root / name, problems)
            try:
                data = yaml.safe_load(text) if text is not None else None
            except yaml.YAMLError as exc:
                raise DataError(
                    translate("Data", "yolo:{path}: {name} is not valid YAML ({reason})").format(
                        path=path, name=name, reason=str(exc).splitlines()[0]
                    )
                ) from None
            names = data.get("names") if isinstance(data, dict) else None
            if isinstance(names, dict) and all(isinstance(k, int) for k in names):
                if sorted(names) != list(range(len(names))):
                    raise DataError(
                        translate("Data", "yolo:{path}: {name} names: ids must be 0, 1, 2, …").format(
                            path=path, name=name
                        )
                    )
                names = [names[k] for k in range(len(names))]
            if not isinstance(names, list) or not all(isinstance(n, (str, int, float)) for n in names):
                raise DataError(
                    translate("Data", "yolo:{path}: {name} has no 'names:' list of class names").format(
                        path=path, name=name
                    )
                )
            return [str(n) for n in names]
    if (root / "classes.txt").is_file():
        text = read_label_file(root / "classes.txt", problems)
        return [line.strip() for line in (text or "").splitlines() if line.strip()]
    raise DataError(
        translate("Data", "yolo:{path}: no data.yaml (with names:) or classes.txt to name the classes").format(
            path=path
        )
    )


def _read_labels(txt: Path, image: Path, classes: list[str], problems: Problems) -> Record:
    record = Record(image, normalised=True)
    if not txt.is_file():
        return record
    text = read_label_file(txt, problems)
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{txt.name} line {n}"
        parts = line.split()
        values = [number(v) for v in parts[1:]]
        if len(parts) != 5 or None in values:
            problems.add("line", f"{where}: not 'class cx cy w h'")
            continue
        cls = number(parts[0])
        if cls is None or cls != int(cls) or not 0 <= cls < len(classes):
            problems.add("class", f"{where}: class {parts[0]}")
            continue
        cx, cy, w, h = values
        record.boxes.append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        record.labels.append(int(cls))
        record.where.append(where)
    return record


def yolo_records(path: str, problems: Problems) -> tuple[list[str], list[Record]]:
    root = Path(path).expanduser()
    images_dir, labels_dir = root / "images", root / "labels"
    if not images_dir.is_dir():
        raise DataError(
            translate("Data", "yolo:{path}: no images/ folder (expected images/, labels/*.txt and data.yaml)").format(
                path=path
            )
        )
    classes = _class_names(root, path, problems)
    if not classes:
        raise DataError(translate("Data", "yolo:{path}: the class list is empty").format(path=path))
    images = sorted(p for p in images_dir.rglob("*") if p.suffix.lower() in IMG_EXTENSIONS and p.is_file())
    records = [
        _read_labels((labels_dir / image.relative_to(images_dir)).with_suffix(".txt"), image, classes, problems)
        for image in images
    ]
    if not records:
        raise DataError(translate("Data", "yolo:{path}: no images in {folder}").format(path=path, folder=images_dir))
    if not labels_dir.is_dir():
        problems.add("file", f"{labels_dir}: no such folder, so no image has a box")
    return classes, records
