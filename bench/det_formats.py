"""det_small's second done-when (issue 13): the same images as a COCO, a VOC and a YOLO folder, trained as a
user would, with the preset's saved config and no other flags:

    cnnstudio new --preset det_small -o det.cnn.json
    cnnstudio train det.cnn.json --data coco:PATH --checkpoint-dir ck_coco      # then voc:PATH, yolo:PATH

The folders hold several hundred generated shapes-boxes images (128×128 PNG, boxes as whole pixels; see
cnnstudio/training/data/boxes/writing.py). PASS when every epoch's losses and metrics are identical across the
three formats and the best mAP@0.5 is clearly better than chance: ≥ 0.5, and ≥ 10× that of random boxes
(measured here on the same validation images: 20 boxes per image of the shapes' sizes, random classes and
scores). Times are the training process's CPU seconds (see det_small_map.py). Exits 1 on a MISS.
Measured 2026-11-30 on the 2-core box: 600 images, mAP@0.5 0.770 (mAP 0.576) in all three formats, identical
in every epoch, 35–45 s of CPU each; random boxes 0.008. With --images 300: 0.544 (random 0.001).

    python bench/det_formats.py [--images 600] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from det_small_map import cli

KINDS = ("coco", "voc", "yolo")
TARGET = 0.5
OVER_CHANCE = 10.0
COMPARED = ("train_loss", "val_loss", "val_loss_cls", "val_loss_box", "val_loss_offset", "val_map50", "val_map")


def random_boxes_map50(folder: Path, seed: int = 0) -> float:
    """mAP@0.5 of random boxes on the validation split train holds out of ``coco:folder``."""
    import torch

    from cnnstudio.training.data.boxes import load_box_data
    from cnnstudio.training.data.boxes.shapes_boxes import MAX_SIZE, MIN_SIZE
    from cnnstudio.training.detection_metrics import DetectionMetric

    split = load_box_data(f"coco:{folder}", (3, 128, 128), val_split=0.2, seed=0)
    generator = torch.Generator().manual_seed(seed)
    metric = DetectionMetric(split.classes)
    for target in split.val.targets:
        size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * torch.rand(20, 2, generator=generator)
        corner = torch.rand(20, 2, generator=generator) * (128 - size)
        prediction = {
            "boxes": torch.cat([corner, corner + size], 1),
            "scores": torch.rand(20, generator=generator),
            "labels": torch.randint(len(split.classes), (20,), generator=generator),
        }
        metric.update([prediction], [target])
    return metric.compute()["map50"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=600)
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="det_formats_"))
    folder.mkdir(parents=True, exist_ok=True)

    from cnnstudio.training.data.boxes.shapes_boxes import BOX_CLASSES, generate_shape_boxes
    from cnnstudio.training.data.boxes.writing import write_box_folder

    boxes = generate_shape_boxes(args.images, seed=11)
    for kind in KINDS:
        write_box_folder(boxes, BOX_CLASSES, folder / kind, kind)
    cli("new", "--preset", "det_small", "-o", "det.cnn.json", cwd=folder)
    runs = {}
    for kind in KINDS:
        _, wall, cpu = cli(
            "train",
            "det.cnn.json",
            "--data",
            f"{kind}:{folder / kind}",
            "--checkpoint-dir",
            f"ck_{kind}",
            "--metrics",
            f"{kind}.jsonl",
            "-q",
            cwd=folder,
        )
        events = [json.loads(line) for line in (folder / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()]
        epochs = [e for e in events if e["event"] == "epoch_end"]
        runs[kind] = (epochs, wall, cpu)
        best = max(e["val_map50"] or 0.0 for e in epochs)
        last = epochs[-1]
        print(
            f"{kind:4s}: best mAP@0.5 {best:.3f}, last mAP@0.5 {last['val_map50']:.3f} mAP {last['val_map']:.3f}, "
            f"{len(epochs)} epochs, {cpu:.0f} s CPU, {wall:.0f} s wall"
        )
    chance = random_boxes_map50(folder / "coco")
    print(f"random boxes on the same validation images: mAP@0.5 {chance:.4f}")

    reference = [{k: e.get(k) for k in (*COMPARED, "ap_per_class")} for e in runs["coco"][0]]
    best = max(e["val_map50"] or 0.0 for e in runs["coco"][0])
    checks = []
    for kind in ("voc", "yolo"):
        mine = [{k: e.get(k) for k in (*COMPARED, "ap_per_class")} for e in runs[kind][0]]
        checks.append((f"{kind} gives COCO's losses and metrics in every epoch, exactly", mine == reference))
    checks += [
        (f"best mAP@0.5 {best:.3f} ≥ {TARGET}", best >= TARGET),
        (f"best mAP@0.5 {best:.3f} ≥ {OVER_CHANCE:.0f}× random boxes' {chance:.4f}", best >= OVER_CHANCE * chance),
    ]
    for text, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
