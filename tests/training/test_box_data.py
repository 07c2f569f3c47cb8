"""Detection data: generated shapes-boxes, COCO / VOC / YOLO folders the tests write (with bad annotations),
the train/val split, batches, and augmentation that keeps each box on its object."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.training.data import is_detection_spec, load_data, parse_spec, split_seed
from cnnstudio.training.data.boxes import BoxAugment, BoxSet, augment_boxes, load_box_data, make_target
from cnnstudio.training.data.boxes.shapes_boxes import BOX_CLASSES as CLASSES
from cnnstudio.training.data.boxes.shapes_boxes import MAX_SIZE, MIN_SIZE, generate_shape_boxes
from cnnstudio.training.errors import DataError

# ---------------------------------------------------------------- shapes-boxes


def test_shape_boxes_are_seeded_and_differ_per_seed():
    a, b, c = generate_shape_boxes(20, 3), generate_shape_boxes(20, 3), generate_shape_boxes(20, 4)
    assert a.images.shape == (20, 3, 128, 128) and a.images.dtype == torch.uint8
    assert torch.equal(a.images, b.images)
    assert all(
        torch.equal(x["boxes"], y["boxes"]) and torch.equal(x["labels"], y["labels"])
        for x, y in zip(a.targets, b.targets)
    )
    assert not torch.equal(a.images, c.images)


def test_shape_boxes_hold_one_to_four_shapes_of_every_class_inside_the_image():
    boxes = generate_shape_boxes(200, 0)
    counts = [len(t["labels"]) for t in boxes.targets]
    assert min(counts) == 1 and max(counts) == 4
    labels = torch.cat([t["labels"] for t in boxes.targets])
    assert torch.bincount(labels, minlength=len(CLASSES)).min() > 80  # every class well represented
    all_boxes = torch.cat([t["boxes"] for t in boxes.targets])
    assert all_boxes.dtype == torch.float32 and (all_boxes >= 0).all() and (all_boxes <= 128).all()
    sides = torch.maximum(all_boxes[:, 2] - all_boxes[:, 0], all_boxes[:, 3] - all_boxes[:, 1])
    assert (
        sides.min() >= MIN_SIZE * 0.65 and sides.max() <= MAX_SIZE + 1e-3
    )  # an upright square's side is 0.71 of its diameter


def test_a_shape_box_is_the_exact_extent_of_the_drawn_shape():
    boxes = generate_shape_boxes(60, 1)
    checked = 0
    for image, target in zip(boxes.images, boxes.targets):
        if len(target["labels"]) != 1:
            continue
        pixels = image.int()
        background = pixels[:, :4, :4].flatten(1).median(dim=1).values.view(3, 1, 1)
        drawn = (pixels - background).abs().amax(dim=0) > 60  # shapes are bright, backgrounds dark
        ys, xs = torch.nonzero(drawn, as_tuple=True)
        found = torch.tensor([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], dtype=torch.float32)
        assert torch.allclose(found, target["boxes"][0], atol=1.5), (found, target["boxes"][0])
        checked += 1
    assert checked >= 5


def test_shapes_boxes_spec_loads_a_detection_split_at_the_model_size():
    split = load_data("shapes-boxes:50", val_split=0.2, seed=0, input_shape=(1, 64, 64))
    assert split.task == "detection" and split.classes == CLASSES and split.warnings == []
    assert isinstance(split.train, BoxSet) and (len(split.train), len(split.val)) == (40, 10)
    assert split.train.images.shape[1:] == (1, 64, 64) and not hasattr(split.train, "labels")
    full = generate_shape_boxes(50, 0)
    # the val images are some of the generated ones, halved, and their boxes halved with them
    first_val = split.val.targets[0]["boxes"]
    assert any(t["boxes"].shape == first_val.shape and torch.allclose(t["boxes"] / 2, first_val) for t in full.targets)


def test_at_seed_draws_other_images_and_overrides_the_seed_argument():
    a = load_box_data("shapes-boxes:20@seed=7", val_split=0.0, seed=0)
    b = load_box_data("shapes-boxes:20", val_split=0.0, seed=7)
    c = load_box_data("shapes-boxes:20", val_split=0.0, seed=0)
    assert len(a.val) == 0 and len(a.train) == 20
    assert torch.equal(a.train.images, b.train.images) and not torch.equal(a.train.images, c.train.images)


@pytest.mark.parametrize(
    "spec, expected",
    [("shapes-boxes", ("shapes-boxes", "")), ("shapes-boxes:300@seed=7", ("shapes-boxes", "300")),
     ("coco:/d/a@b", ("coco", "/d/a@b")), ("VOC:/v@seed=2", ("voc", "/v")), ("yolo:y", ("yolo", "y")),
     ("shapes:100@seed=3", ("shapes", "100"))],
)  # fmt: skip
def test_box_specs_parse(spec, expected):
    assert parse_spec(spec) == expected
    assert is_detection_spec(spec) == (expected[0] != "shapes")


@pytest.mark.parametrize(
    "spec", ["shapes-boxes:1", "shapes-boxes:x", "coco:", "voc", "shapes-boxes@seed=-1", "shapes@seed=x"]
)
def test_bad_box_specs_are_one_line_errors(spec):
    with pytest.raises(DataError) as info:
        parse_spec(spec)
    assert "\n" not in str(info.value)


def test_split_seed_reads_only_a_trailing_seed():
    assert split_seed("shapes-boxes:500@seed=7") == ("shapes-boxes:500", 7)
    assert split_seed("coco:/a@seed=x/b@seed=3") == ("coco:/a@seed=x/b", 3)
    assert split_seed("digits") == ("digits", None)


def test_batches_are_float_with_targets_and_a_seeded_shuffle():
    boxes = generate_shape_boxes(10, 0)
    first = list(boxes.batches(4, shuffle=True, seed=5))
    again = list(boxes.batches(4, shuffle=True, seed=5))
    other = list(boxes.batches(4, shuffle=True, seed=6))
    assert [len(t) for _, t in first] == [4, 4, 2]
    images, targets = first[0]
    assert (
        images.dtype == torch.float32 and images.shape == (4, 3, 128, 128) and 0 <= images.min() and images.max() <= 1
    )
    assert isinstance(targets, list) and set(targets[0]) == {"boxes", "labels"}
    assert all(torch.equal(a[0], b[0]) for a, b in zip(first, again))
    assert not all(torch.equal(a[0], b[0]) for a, b in zip(first, other))
    plain = torch.cat([i for i, _ in boxes.batches(4)])
    assert torch.equal(plain, boxes.images.float() / 255)


# ---------------------------------------------------------------- COCO, VOC and YOLO folders

CLASS_NAMES = ["cat", "dog"]
# (file, width, height, [(x1, y1, x2, y2, class), ...]) in whole pixels, so every format can state them exactly
IMAGES = [
    ("a.png", 80, 60, [(10, 5, 30, 25, 0), (40, 20, 70, 58, 1)]),
    ("b.png", 100, 100, [(0, 0, 50, 50, 1)]),
    ("c.png", 64, 64, []),
    ("d.png", 50, 40, [(5, 5, 45, 35, 0)]),
]


def _write_images(folder, images=IMAGES):
    folder.mkdir(parents=True, exist_ok=True)
    for name, w, h, boxes in images:
        data = np.zeros((h, w, 3), dtype=np.uint8)
        for x1, y1, x2, y2, cls in boxes:
            data[y1:y2, x1:x2, cls] = 255
        Image.fromarray(data).save(folder / name)


def write_coco(root, images=IMAGES, extra_annotations=(), classes=CLASS_NAMES):
    _write_images(root / "images", images)
    data = {"images": [], "annotations": [], "categories": [{"id": i + 1, "name": n} for i, n in enumerate(classes)]}
    for image_id, (name, w, h, boxes) in enumerate(images):
        data["images"].append({"id": image_id, "file_name": name, "width": w, "height": h})
        for x1, y1, x2, y2, cls in boxes:
            ann = {"id": len(data["annotations"]), "image_id": image_id, "category_id": cls + 1}
            data["annotations"].append({**ann, "bbox": [x1, y1, x2 - x1, y2 - y1], "iscrowd": 0})
    data["annotations"] += list(extra_annotations)
    (root / "annotations.json").write_text(json.dumps(data))


def _voc_xml(name, w, h, boxes, classes=CLASS_NAMES):
    objects = "".join(
        f"<object><name>{classes[c]}</name><bndbox><xmin>{x1 + 1}</xmin><ymin>{y1 + 1}</ymin>"
        f"<xmax>{x2}</xmax><ymax>{y2}</ymax></bndbox></object>"
        for x1, y1, x2, y2, c in boxes
    )
    return f"<annotation><filename>{name}</filename><size><width>{w}</width><height>{h}</height></size>{objects}</annotation>"


def write_voc(root, images=IMAGES):
    _write_images(root / "JPEGImages", images)
    (root / "Annotations").mkdir(parents=True)
    for name, w, h, boxes in images:
        (root / "Annotations" / f"{name[:-4]}.xml").write_text(_voc_xml(name, w, h, boxes))


def write_yolo(root, images=IMAGES, yaml=True):
    _write_images(root / "images", images)
    (root / "labels").mkdir(parents=True)
    for name, w, h, boxes in images:
        lines = [
            f"{c} {(x1 + x2) / 2 / w} {(y1 + y2) / 2 / h} {(x2 - x1) / w} {(y2 - y1) / h}"
            for x1, y1, x2, y2, c in boxes
        ]
        (root / "labels" / f"{name[:-4]}.txt").write_text("\n".join(lines) + "\n")
    if yaml:
        (root / "data.yaml").write_text("path: .\ntrain: images\nval: images\nnames:\n  0: cat\n  1: dog\n")
    else:
        (root / "classes.txt").write_text("cat\ndog\n")


def test_one_set_in_coco_voc_and_yolo_loads_to_identical_images_and_targets(tmp_path):
    write_coco(tmp_path / "coco")
    write_voc(tmp_path / "voc")
    write_yolo(tmp_path / "yolo")
    write_yolo(tmp_path / "yolo_txt", yaml=False)
    loaded = {
        kind: load_box_data(f"{kind.split('_')[0]}:{tmp_path / kind}", (3, 32, 32), val_split=0.25, seed=1)
        for kind in ("coco", "voc", "yolo", "yolo_txt")
    }
    coco = loaded["coco"]
    assert coco.classes == CLASS_NAMES and coco.warnings == [] and coco.task == "detection"
    assert (len(coco.train), len(coco.val)) == (3, 1)
    # hand-checked: image a (80×60) at 32×32 scales x by 0.4 and y by 32/60
    everything = {len(t["labels"]): t for t in coco.train.targets + coco.val.targets}
    assert torch.allclose(
        everything[2]["boxes"],
        torch.tensor([[4.0, 5 * 32 / 60, 12.0, 25 * 32 / 60], [16.0, 20 * 32 / 60, 28.0, 58 * 32 / 60]]),
    )
    assert everything[2]["labels"].tolist() == [0, 1]
    for kind, split in loaded.items():
        assert split.classes == CLASS_NAMES and split.warnings == [], kind
        for part in ("train", "val"):
            mine, theirs = getattr(split, part), getattr(coco, part)
            assert torch.equal(mine.images, theirs.images), kind
            for a, b in zip(mine.targets, theirs.targets):
                assert torch.allclose(a["boxes"], b["boxes"], atol=1e-4) and torch.equal(a["labels"], b["labels"]), kind


def test_the_pixels_under_a_loaded_box_are_its_object(tmp_path):
    write_coco(tmp_path)
    split = load_box_data(f"coco:{tmp_path}", (3, 80, 60), val_split=0.0)  # a stretch, not a letterbox
    image, target = split.train.images[0], split.train.targets[0]  # a.png, 80×60 at 60 wide 80 tall
    for (x1, y1, x2, y2), cls in zip(target["boxes"].round().int().tolist(), target["labels"].tolist()):
        assert image[cls, y1 + 1 : y2 - 1, x1 + 1 : x2 - 1].min() > 200
        assert image[cls, y1 + 1 : y2 - 1, x1 + 1 : x2 - 1].float().mean() > 250


BAD_IMAGES = [
    ("a.png", 80, 60, [(10, 5, 30, 25, 0)]),
    ("b.png", 100, 100, [(0, 0, 50, 50, 1)]),
]


def test_coco_bad_annotations_are_counted_named_and_skipped(tmp_path):
    bad = [
        {"id": 100, "image_id": 0, "category_id": 1, "bbox": [70, 50, 20, 20]},  # partly outside: clipped
        {"id": 101, "image_id": 0, "category_id": 1, "bbox": [200, 200, 10, 10]},  # wholly outside
        {"id": 102, "image_id": 0, "category_id": 9, "bbox": [1, 1, 5, 5]},  # unknown category
        {"id": 103, "image_id": 1, "category_id": 2, "bbox": [5, 5, 0, 10]},  # no width
        {"id": 104, "image_id": 1, "category_id": 2, "bbox": [5, 5, "x", 10]},  # not a number
        {"id": 105, "image_id": 1, "category_id": 2, "bbox": [1, 2, 3]},  # malformed
        {"id": 106, "image_id": 42, "category_id": 1, "bbox": [1, 2, 3, 4]},  # no such image
        {"id": 107, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "iscrowd": 1},
    ]
    write_coco(tmp_path, BAD_IMAGES, bad)
    data = json.loads((tmp_path / "annotations.json").read_text())
    data["images"].append({"id": 7, "file_name": "missing.png"})
    data["images"].append({"id": 8, "file_name": "../escape.png"})
    (tmp_path / "images" / "broken.png").write_bytes(b"not a png")
    data["images"].append({"id": 9, "file_name": "broken.png"})
    (tmp_path / "annotations.json").write_text(json.dumps(data))
    split = load_box_data(f"coco:{tmp_path}", (3, 60, 80), val_split=0.0)
    text = "\n".join(split.warnings)
    assert "skipped 3 missing or unreadable image(s)" in text and "missing.png: no such file" in text
    assert "broken.png: not an image PIL can read" in text and "outside the dataset folder" in text
    assert "skipped 1 box(es) wholly outside" in text and "annotation 101" in text
    assert "clipped 1 box(es)" in text and "skipped 1 box(es) of an unknown class" in text
    assert "skipped 2 degenerate box(es)" in text and "skipped 2 malformed annotation(s)" in text
    assert "ignored 1 crowd annotation(s)" in text
    assert len(split.train) == 2
    a = split.train.targets[0]
    assert a["labels"].tolist() == [0, 0] and torch.allclose(a["boxes"][1], torch.tensor([70.0, 50, 80, 60]))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_or_folder_named_like_an_image_is_skipped_without_blocking(tmp_path):
    write_voc(tmp_path, BAD_IMAGES)
    (tmp_path / "JPEGImages" / "a.png").unlink()
    os.mkfifo(tmp_path / "JPEGImages" / "a.png")
    (tmp_path / "JPEGImages" / "b.png").unlink()
    (tmp_path / "JPEGImages" / "b.png").mkdir()
    (tmp_path / "Annotations" / "c.xml").write_text(_voc_xml("c.png", 9, 9, []))
    _write_images(tmp_path / "JPEGImages", [("c.png", 9, 9, [])])
    split = load_box_data(f"voc:{tmp_path}", val_split=0.0)
    assert len(split.train) == 1
    assert "skipped 2 missing or unreadable image(s)" in split.warnings[0]
    assert "a pipe or a device" in split.warnings[0] and "is a folder" in split.warnings[0]


def test_a_set_with_no_usable_image_is_one_data_error(tmp_path):
    (tmp_path / "annotations.json").write_text(
        json.dumps({"images": [{"id": 1, "file_name": "gone.png"}], "categories": [{"id": 1, "name": "x"}]})
    )
    with pytest.raises(DataError, match=r"no usable image \(skipped 1 missing or unreadable image\(s\): .*gone.png"):
        load_box_data(f"coco:{tmp_path}")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"images": 3}'])
def test_a_malformed_coco_file_is_one_data_error(tmp_path, content):
    (tmp_path / "annotations.json").write_text(content)
    with pytest.raises(DataError) as info:
        load_box_data(f"coco:{tmp_path}")
    assert "\n" not in str(info.value) and "annotations.json" in str(info.value)


def test_missing_folders_are_one_data_error(tmp_path):
    for spec in (f"coco:{tmp_path}", f"voc:{tmp_path}", f"yolo:{tmp_path}"):
        with pytest.raises(DataError) as info:
            load_box_data(spec)
        assert "\n" not in str(info.value)


def test_voc_bad_files_are_skipped_and_entities_never_expand(tmp_path):
    write_voc(tmp_path, BAD_IMAGES)
    ann = tmp_path / "Annotations"
    (ann / "broken.xml").write_text("<annotation><object>")
    bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><annotation><filename>&y;</filename></annotation>'
    (ann / "bomb.xml").write_text(bomb)
    (ann / "nobox.xml").write_text(
        "<annotation><filename>b.png</filename><object><name>cat</name></object>"
        "<object><name>bird</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>0</xmax><ymax>9</ymax></bndbox></object>"
        "<object><name>bird</name><bndbox><xmin>91</xmin><ymin>1</ymin><xmax>120</xmax><ymax>9</ymax></bndbox></object>"
        "</annotation>"
    )
    split = load_box_data(f"voc:{tmp_path}", val_split=0.0)
    text = "\n".join(split.warnings)
    assert "skipped 2 unreadable or malformed annotation file(s)" in text and "DOCTYPE" in text
    assert "broken.xml" in text and "nobox.xml object 1: no name or bndbox" in text
    assert "skipped 1 degenerate box(es)" in text and "clipped 1 box(es)" in text
    assert split.classes == ["bird", "cat", "dog"]  # the names found, sorted
    assert len(split.train) == 3
    clipped = split.train.targets[2]  # nobox.xml: b.png again, with the clipped bird at 128/100 scale
    assert clipped["labels"].tolist() == [0] and torch.allclose(
        clipped["boxes"], torch.tensor([[115.2, 0, 128, 9 * 1.28]])
    )


def test_yolo_bad_lines_are_skipped(tmp_path):
    write_yolo(tmp_path, BAD_IMAGES)
    (tmp_path / "labels" / "a.txt").write_text(
        "0 0.25 0.25 0.2 0.2\n5 0.5 0.5 0.1 0.1\n0 0.5 0.5\n0 nan 0.5 0.1 0.1\n1 0.5 0.5 0 0.1\n1 1.5 1.5 0.2 0.2\n0.5 0.5 0.5 0.1 0.1\n\n"
    )
    (tmp_path / "images" / "c.png").write_bytes(b"")
    split = load_box_data(f"yolo:{tmp_path}", (3, 100, 100), val_split=0.0)
    text = "\n".join(split.warnings)
    assert "skipped 2 box(es) of an unknown class: a.txt line 2: class 5; a.txt line 7: class 0.5" in text
    assert "skipped 2 malformed annotation(s)" in text and "skipped 1 degenerate box(es)" in text
    assert "skipped 1 box(es) wholly outside" in text and "skipped 1 missing or unreadable image(s)" in text
    assert len(split.train) == 2 and split.train.targets[0]["labels"].tolist() == [0]
    assert torch.allclose(split.train.targets[0]["boxes"], torch.tensor([[15.0, 15, 35, 35]]), atol=1e-4)


def test_yolo_class_names_must_be_given(tmp_path):
    write_yolo(tmp_path, BAD_IMAGES)
    (tmp_path / "data.yaml").write_text("names: 3\n")
    with pytest.raises(DataError, match="no 'names:' list"):
        load_box_data(f"yolo:{tmp_path}")
    (tmp_path / "data.yaml").unlink()
    with pytest.raises(DataError, match="no data.yaml"):
        load_box_data(f"yolo:{tmp_path}")


# ---------------------------------------------------------------- augmentation


def _bounds(mask: torch.Tensor) -> torch.Tensor:
    ys, xs = torch.nonzero(mask, as_tuple=True)
    return torch.tensor([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], dtype=torch.float32)


def test_a_box_still_bounds_its_square_after_every_augmentation():
    images = torch.zeros(32, 1, 64, 64)
    images[:, :, 12:30, 20:46] = 1.0
    targets = [make_target([[20, 12, 46, 30]], [1]) for _ in images]
    config = BoxAugment(flip=0.5, scale=(0.6, 1.4), translate=0.2, min_size=2)
    out, moved = augment_boxes(images, targets, config, torch.Generator().manual_seed(3))
    assert out.shape == images.shape
    flipped = scaled = 0
    for image, target in zip(out, moved):
        square = image[0] > 0.5
        if len(target["labels"]) == 0:  # pushed out of view: nothing of the square left either
            assert square.sum() < 4
            continue
        assert target["labels"].tolist() == [1]
        assert torch.allclose(_bounds(square), target["boxes"][0], atol=1.5), (_bounds(square), target["boxes"])
        width = target["boxes"][0, 2] - target["boxes"][0, 0]
        scaled += abs(width - 26) > 2
        flipped += bool((target["boxes"][0, 0] + target["boxes"][0, 2]) / 2 < 32)  # the square sat right of centre
    assert flipped >= 5 and scaled >= 10  # the draws really flip and scale


def test_boxes_move_as_torchvision_v2_flip_and_affine_move_them():
    from torchvision import tv_tensors
    from torchvision.transforms.v2 import functional as TF

    from cnnstudio.training.data.boxes.augment import _move_boxes

    g = torch.Generator().manual_seed(0)
    boxes = torch.rand(20, 2, generator=g, dtype=torch.float64) * 60
    boxes = torch.cat([boxes, boxes + 5 + torch.rand(20, 2, generator=g, dtype=torch.float64) * 30], dim=1)
    flips = torch.rand(20, generator=g) < 0.5
    factors = 0.5 + torch.rand(20, generator=g, dtype=torch.float64)
    shifts = (torch.rand(20, 2, generator=g, dtype=torch.float64) - 0.5) * 30
    mine = _move_boxes(boxes, flips, factors, shifts, (96, 128))
    for i in range(20):
        box = tv_tensors.BoundingBoxes(
            boxes[i : i + 1].float(), format="XYXY", canvas_size=(96, 128), clamping_mode=None
        )
        if flips[i]:
            box = TF.horizontal_flip(box)
        theirs = TF.affine(box, angle=0.0, translate=shifts[i].tolist(), scale=float(factors[i]), shear=[0.0, 0.0])
        assert torch.allclose(mine[i].float(), theirs[0].as_subclass(torch.Tensor), atol=1e-3), i


def test_augmentation_is_the_same_for_the_same_generator_seed():
    boxes = generate_shape_boxes(6, 0)
    a = augment_boxes(boxes.images, boxes.targets, None, torch.Generator().manual_seed(9))
    b = augment_boxes(boxes.images, boxes.targets, None, torch.Generator().manual_seed(9))
    c = augment_boxes(boxes.images, boxes.targets, None, torch.Generator().manual_seed(10))
    assert torch.equal(a[0], b[0]) and all(torch.equal(x["boxes"], y["boxes"]) for x, y in zip(a[1], b[1]))
    assert not torch.equal(a[0], c[0])
    assert a[0].dtype == torch.uint8  # the images' own type is kept


def test_a_box_pushed_out_of_view_is_dropped_with_its_label():
    images = torch.zeros(1, 1, 40, 40)
    images[:, :, 0:4, 0:4] = 1.0
    targets = [make_target([[0, 0, 4, 4], [10, 10, 30, 30]], [0, 1])]
    config = BoxAugment(flip=0.0, scale=(1.0, 1.0), translate=0.2)
    # a seed whose draws shift the image left and up by over 5 px (the shift is (2u - 1) · 0.2 · 40 px)
    seed = next(
        s
        for s in range(200)
        if (torch.rand(1, 4, generator=torch.Generator().manual_seed(s), dtype=torch.float64)[0, 2:] < 0.15).all()
    )
    u = torch.rand(1, 4, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)[0].float()
    shift = (2 * u[2:] - 1) * 8
    _, moved = augment_boxes(images, targets, config, torch.Generator().manual_seed(seed))
    assert moved[0]["labels"].tolist() == [1]
    expected = torch.tensor([10, 10, 30, 30]) + shift.repeat(2)
    assert torch.allclose(moved[0]["boxes"][0], expected, atol=1e-4)


def test_a_large_jpeg_decoded_at_a_reduced_scale_keeps_its_boxes_in_place(tmp_path):
    data = np.zeros((300, 400, 3), dtype=np.uint8)
    data[60:180, 100:300] = 255
    (tmp_path / "images").mkdir()
    Image.fromarray(data).save(tmp_path / "images" / "big.jpg", quality=95)
    coco = {"images": [{"id": 1, "file_name": "big.jpg"}], "categories": [{"id": 1, "name": "box"}]}
    coco["annotations"] = [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [100, 60, 200, 120]}]
    (tmp_path / "annotations.json").write_text(json.dumps(coco))
    split = load_box_data(f"coco:{tmp_path}", (1, 50, 50), val_split=0.0)
    assert torch.allclose(split.train.targets[0]["boxes"], torch.tensor([[12.5, 10.0, 37.5, 30.0]]))
    lit = _bounds(split.train.images[0, 0] > 128)
    assert torch.allclose(lit, split.train.targets[0]["boxes"][0], atol=1.0)


def test_a_yolo_set_without_labels_warns_that_nothing_has_a_box(tmp_path):
    _write_images(tmp_path / "images", BAD_IMAGES)
    (tmp_path / "classes.txt").write_text("cat\n")
    split = load_box_data(f"yolo:{tmp_path}", val_split=0.5)
    assert (len(split.train), len(split.val)) == (1, 1)
    assert any("labels: no such folder" in w for w in split.warnings)
    assert any("not one box in 2 image(s)" in w for w in split.warnings)
