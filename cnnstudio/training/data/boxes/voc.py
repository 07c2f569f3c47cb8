"""``voc:PATH``: a Pascal VOC set — ``PATH/Annotations/*.xml`` (one per image: ``filename``, ``object`` with
``name`` and ``bndbox``) and ``PATH/JPEGImages/``. Classes are the object names found, sorted.

VOC's coordinates are 1-based pixel indices, both ends included: a box over columns 0–9 is written
xmin=1, xmax=10, so it becomes x1 = xmin − 1, x2 = xmax (as Detectron2 reads it). The XML is parsed with
defusedxml when installed; otherwise a file declaring a DOCTYPE or an ENTITY is refused before parsing,
so entity expansion cannot happen either way."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from ....core.i18n import translate
from ...errors import DataError
from .reading import Problems, Record, number, read_label_file

try:  # pragma: no cover - which parser depends on what is installed
    from defusedxml.ElementTree import fromstring as _parse_xml
except ImportError:  # pragma: no cover
    _parse_xml = ElementTree.fromstring


def _parse(text: str):
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ValueError(translate("Data", "declares a DOCTYPE or ENTITY, which annotation files never need"))
    return _parse_xml(text)


def voc_records(path: str, problems: Problems) -> tuple[list[str], list[Record]]:
    root = Path(path).expanduser()
    folder = root / "Annotations"
    if not folder.is_dir():
        raise DataError(
            translate("Data", "voc:{path}: no Annotations/ folder (expected Annotations/*.xml and JPEGImages/)").format(
                path=path
            )
        )
    found: list[tuple[Path, list[tuple], list[str], list[str]]] = []
    for xml in sorted(folder.glob("*.xml")):
        text = read_label_file(xml, problems)
        if text is None:
            continue
        try:
            tree = _parse(text)
        except Exception as exc:  # ParseError, defusedxml's refusals, ValueError: all "malformed"
            problems.add("file", f"{xml}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            continue
        name = (tree.findtext("filename") or "").strip() or xml.stem + ".jpg"
        if Path(name).is_absolute() or ".." in Path(name).parts:
            problems.add("image", f"{xml.name}: filename {name!r} outside the dataset folder")
            continue
        boxes, names, where = [], [], []
        for n, obj in enumerate(tree.iter("object"), 1):
            cls = (obj.findtext("name") or "").strip()
            bnd = obj.find("bndbox")
            label = f"{xml.name} object {n}"
            if not cls or bnd is None:
                problems.add("line", f"{label}: no name or bndbox")
                continue
            x1, y1, x2, y2 = (number(bnd.findtext(k)) for k in ("xmin", "ymin", "xmax", "ymax"))
            boxes.append((x1 - 1, y1 - 1, x2, y2) if None not in (x1, y1) else (None, None, x2, y2))
            names.append(cls)
            where.append(label)
        found.append((root / "JPEGImages" / name, boxes, names, where))
    classes = sorted({cls for _, _, names, _ in found for cls in names})
    label_of = {cls: i for i, cls in enumerate(classes)}
    records = [Record(image, boxes, [label_of[c] for c in names], where) for image, boxes, names, where in found]
    if not records:
        raise DataError(
            translate("Data", "voc:{path}: no readable annotation file in {folder}").format(path=path, folder=folder)
        )
    return classes, records
