"""Data sources and the feeder: bundled digits, generated shapes, image folders with bad files, fitting."""

from __future__ import annotations

import gzip
import struct
import warnings
import zlib

import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.training.config import Augmentation
from cnnstudio.training.data import Feeder, load_data, parse_spec
from cnnstudio.training.data.augment import affine, reference_affine
from cnnstudio.training.data.digits import load_digits
from cnnstudio.training.data.feeder import batch_chunks, epoch_order
from cnnstudio.training.data.fit import fit_images, image_layout
from cnnstudio.training.data.shapes import CLASSES, generate_shapes
from cnnstudio.training.errors import DataError

from .helpers import blob_split


def test_the_bundled_digits_are_the_uci_set():
    digits = load_digits()
    assert digits.images.shape == (1797, 1, 8, 8)
    assert torch.bincount(digits.labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert digits.images.min() == 0 and digits.images.max() == 1
    split = load_data("digits", val_split=0.2, seed=0)
    assert len(split.train) + len(split.val) == 1797 and split.classes == [str(d) for d in range(10)]
    assert 0.19 < len(split.val) / 1797 < 0.21
    assert torch.bincount(split.val.labels).min() >= 34  # stratified: every digit held out


def test_shapes_are_seeded_balanced_and_different_per_seed():
    a, b, c = generate_shapes(60, seed=1), generate_shapes(60, seed=1), generate_shapes(60, seed=2)
    assert torch.equal(a.images, b.images) and torch.equal(a.labels, b.labels)
    assert not torch.equal(a.images, c.images)
    assert a.images.shape == (60, 3, 32, 32) and torch.bincount(a.labels).tolist() == [10] * len(CLASSES)
    assert 0 <= a.images.min() and a.images.max() <= 1
    # the shape is drawn brighter than the dark background: each image has both
    assert (a.images.amax(dim=(1, 2, 3)) > 0.6).all() and (a.images.amin(dim=(1, 2, 3)) < 0.3).all()


@pytest.mark.parametrize(
    "spec, expected",
    [("digits", ("digits", "")), ("shapes", ("shapes", "")), ("shapes:120", ("shapes", "120")),
     ("folder:/d/x:y", ("folder", "/d/x:y")), ("MNIST:/data", ("mnist", "/data"))],
)  # fmt: skip
def test_data_specs_parse(spec, expected):
    assert parse_spec(spec) == expected


@pytest.mark.parametrize("spec", ["bogus", "", "folder", "folder:", "shapes:3", "shapes:lots", "cifar10"])
def test_bad_data_specs_say_what_is_allowed(spec):
    with pytest.raises(DataError) as info:
        parse_spec(spec)
    assert "\n" not in str(info.value)


def test_images_fit_any_input_shape():
    gray = torch.rand(5, 1, 8, 8)
    rgb = fit_images(gray, (3, 28, 28))
    assert rgb.shape == (5, 3, 28, 28) and torch.equal(rgb[:, 0], rgb[:, 2])
    back = fit_images((torch.rand(2, 3, 32, 32) * 255).to(torch.uint8), (1, 16, 16))
    assert back.shape == (2, 1, 16, 16) and 0 <= back.min() and back.max() <= 1
    assert image_layout((64,)) == ((1, 8, 8), (64,))
    assert image_layout((3, 32, 32)) == ((3, 32, 32), (3, 32, 32))
    with pytest.raises(DataError, match="not a flattened square image"):
        image_layout((10,))


def test_a_vector_input_gets_flattened_images():
    feeder = Feeder(blob_split(), (64,), batch_size=8, seed=0, device="cpu", workers=0)
    _, batch = next(feeder.train_batches(0))
    assert batch.x.shape == (8, 64)


def test_batch_order_is_seeded_per_epoch_and_a_single_leftover_image_is_dropped():
    assert torch.equal(epoch_order(50, 3, 1), epoch_order(50, 3, 1))
    assert not torch.equal(epoch_order(50, 3, 1), epoch_order(50, 3, 2))
    assert [len(c) for c in batch_chunks(torch.arange(17), 8)] == [8, 8]  # batch norm cannot train on one
    assert [len(c) for c in batch_chunks(torch.arange(18), 8)] == [8, 8, 2]
    feeder = Feeder(blob_split(), (1, 8, 8), batch_size=8, seed=0, device="cpu", workers=0)
    seen = torch.cat([b.index for _, b in feeder.train_batches(0)])
    assert sorted(seen.tolist()) == list(range(feeder.train_size))  # 72 images: every one, once
    resumed = [n for n, _ in feeder.train_batches(0, start=4)]
    assert resumed == list(range(4, feeder.steps_per_epoch))


def test_standardised_batches_and_display_images_round_trip():
    split = blob_split()
    feeder = Feeder(split, (1, 8, 8), batch_size=100, seed=0, device="cpu", workers=0)
    x, _ = feeder.cached_train()
    assert abs(float(x.mean())) < 1e-4 and abs(float(x.std()) - 1) < 1e-2
    shown = feeder.val_images([0, 1])
    assert torch.allclose(shown, split.val.images[:2], atol=1e-5)
    raw = Feeder(split, (1, 8, 8), batch_size=8, seed=0, device="cpu", workers=0, reconstruct=True)
    assert raw.normalizer.identity  # auto: a reconstruction target stays in [0, 1] (sigmoid outputs)


def test_sample_thumbnails_are_the_validation_images_encoded_once(monkeypatch):
    import cnnstudio.training.data.feeder as feeder_module
    from cnnstudio.training.metrics import png_base64

    feeder = Feeder(blob_split(), (1, 8, 8), batch_size=8, seed=0, device="cpu", workers=0)
    encoded = []
    monkeypatch.setattr(feeder_module, "png_base64", lambda image: encoded.append(image) or png_base64(image))
    shown = [png_base64(image) for image in feeder.val_images(list(range(6)))]  # as the sample grid shows them
    encoded.clear()
    assert feeder.val_thumbnails([3, 0, 3]) == [shown[3], shown[0], shown[3]]
    assert len(encoded) == 2  # position 3 asked twice, encoded once
    assert feeder.val_thumbnails([0, 5]) == [shown[0], shown[5]]
    assert len(encoded) == 3  # only the new one
    monkeypatch.setattr(feeder_module, "THUMBNAILS_KEPT", 4)  # a bounded cache: starts over when full
    assert feeder.val_thumbnails([1, 2]) == [shown[1], shown[2]]
    assert len(feeder._thumbnails) <= 4


def test_batched_augmentation_equals_torchvision_v2_per_image():
    torch.manual_seed(0)
    x = torch.rand(4, 3, 10, 14)
    angle = torch.tensor([0.0, 12.0, -40.0, 90.0])
    shift = torch.tensor([[0.0, 0.0], [2.0, -1.0], [-3.0, 2.0], [1.0, 1.0]])
    scale = torch.tensor([1.0, 1.2, 0.8, 1.0])
    fill = [-0.5, 0.0, 0.25]
    ours = affine(x, angle, shift, scale, fill)
    for i in range(4):
        theirs = reference_affine(x[i], float(angle[i]), shift[i].tolist(), float(scale[i]), fill)
        assert torch.allclose(ours[i], theirs, atol=1e-5), i


def test_augmented_batches_are_reproducible_and_vary_per_epoch():
    aug = Augmentation(crop_padding=1, hflip=True, rotation=20.0, scale=(0.9, 1.1))

    def first(epoch, augmentation=aug):
        feeder = Feeder(
            blob_split(), (1, 8, 8), batch_size=8, seed=0, device="cpu", workers=0, augmentation=augmentation
        )
        return next(feeder.train_batches(epoch))[1]

    plain, a, b = first(0, Augmentation()), first(0), first(0)
    assert torch.equal(a.x, b.x) and torch.equal(a.index, plain.index)
    assert not torch.equal(a.x, plain.x)
    assert not torch.equal(first(1).x, a.x)


# folders -------------------------------------------------------------------------------------
def _png(path, value, size=8, mode="L"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, (size, size), value if mode == "L" else (value, 0, 0)).save(path)


def test_an_image_folder_with_unreadable_files_trains_on_the_rest(tmp_path):
    for name, value in (("cat", 40), ("dog", 200)):
        for i in range(5):
            _png(tmp_path / "train" / name / f"{i}.png", value, size=12, mode="RGB")
        _png(tmp_path / "val" / name / "v.png", value, size=12, mode="RGB")
    (tmp_path / "train" / "cat" / "garbage.png").write_bytes(b"this is not a png")  # caught by the scan
    noise = Image.frombytes("RGB", (64, 64), bytes(torch.randint(0, 256, (64 * 64 * 3,), dtype=torch.uint8).tolist()))
    noise.save(tmp_path / "whole.png")
    whole = (tmp_path / "whole.png").read_bytes()
    (tmp_path / "train" / "dog" / "truncated.png").write_bytes(whole[: len(whole) // 2])  # fails only when decoded
    (tmp_path / "train" / "dog" / "notes.txt").write_text("not an image, not reported")

    split = load_data(f"folder:{tmp_path}")
    assert split.classes == ["cat", "dog"] and len(split.val) == 2
    assert split.warnings == [
        f"skipped 1 unreadable image(s): {tmp_path}/train/cat/garbage.png: not an image PIL can read"
    ]
    feeder = Feeder(split, (1, 8, 8), batch_size=16, seed=0, device="cpu", workers=0)
    batches = [b for _, b in feeder.train_batches(0)]
    assert sum(len(b.y) for b in batches) == 10  # 11 files found, the truncated one dropped while decoding
    assert len(feeder.warnings) == 1 and "truncated.png" in feeder.warnings[0] and "\n" not in feeder.warnings[0]
    assert batches[0].x.shape[1:] == (1, 8, 8)
    val = next(feeder.val_batches())
    assert val.y.tolist() == [0, 1] and val.x[1].mean() > val.x[0].mean()  # bright dog, dark cat


def test_a_folder_without_val_is_split_and_an_empty_one_is_refused(tmp_path):
    for name in ("a", "b"):
        for i in range(5):
            _png(tmp_path / "pics" / name / f"{i}.png", 10 * i)
    split = load_data(f"folder:{tmp_path / 'pics'}", val_split=0.2, seed=0)
    assert (len(split.train), len(split.val)) == (8, 2)
    (tmp_path / "empty" / "a").mkdir(parents=True)
    with pytest.raises(DataError, match="no readable images"):
        load_data(f"folder:{tmp_path / 'empty'}")
    with pytest.raises(DataError, match="no such folder"):
        load_data(f"folder:{tmp_path / 'missing'}")


# torchvision sets ------------------------------------------------------------------------------
def _idx(path, data: bytes, dims: tuple[int, ...], code: int):
    header = struct.pack(">HBB", 0, code, len(dims)) + b"".join(struct.pack(">I", d) for d in dims)
    path.write_bytes(header + data)


def test_mnist_reads_a_local_copy_and_says_so_in_one_line_when_missing(tmp_path):
    with pytest.raises(DataError) as info:
        load_data(f"mnist:{tmp_path}")
    assert "MNIST is not in" in str(info.value) and "--download" in str(info.value)
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for prefix, n in (("train", 6), ("t10k", 3)):
        _idx(raw / f"{prefix}-images-idx3-ubyte", bytes(n * 28 * 28), (n, 28, 28), 8)
        _idx(raw / f"{prefix}-labels-idx1-ubyte", bytes(range(n)), (n,), 8)
    split = load_data(f"mnist:{tmp_path}")
    assert (len(split.train), len(split.val), len(split.classes)) == (6, 3, 10)
    assert split.train.images.shape == (6, 1, 28, 28) and split.val.labels.tolist() == [0, 1, 2]


def test_digits_csv_is_shipped_compressed():
    from cnnstudio import resources

    ref = resources.path("data/digits.csv.gz")
    with ref.open("rb") as raw:
        assert gzip.decompress(raw.read()).count(b"\n") == 1797
    assert "CC BY 4.0" in resources.path("data/README.md").read_text()


def test_an_offline_download_fails_with_one_line(tmp_path, monkeypatch):
    import urllib.error

    import torchvision.datasets as tvd

    def offline(self):
        print("Downloading https://example/train-images-idx3-ubyte.gz")  # torchvision's chatter: not shown
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(tvd.FashionMNIST, "download", offline)
    with pytest.raises(DataError) as info:
        load_data(f"fashion-mnist:{tmp_path}", allow_download=True)
    assert str(info.value) == (
        f"could not download Fashion-MNIST into {tmp_path} (offline?): [Errno -3] Temporary failure in name resolution"
    )


# bit depths, sizes and links -------------------------------------------------------------------
def _gradient16(width=64, height=8):
    return (np.arange(width * height, dtype=np.uint32).reshape(height, width) * 127 % 65536).astype(np.uint16)


def test_a_16_bit_png_trains_on_its_real_values_not_all_white(tmp_path):
    values = _gradient16()
    for name in ("a", "b"):
        for i in range(3):
            path = tmp_path / name / f"{i}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(values).save(path)
    assert Image.open(tmp_path / "a" / "0.png").mode == "I;16"
    split = load_data(f"folder:{tmp_path}", val_split=0.34, seed=0)
    split.train.set_target((1, 8, 64))
    image, *_, error = split.train[0]
    assert error is None and image.shape == (1, 8, 64)
    expected = torch.from_numpy(values.astype(np.float32) / 65535)
    assert torch.allclose(image[0], expected, atol=1e-6) and float(image.min()) == 0.0
    split.train.set_target((3, 4, 32))  # resized and as RGB: still the gradient's range, grey in every channel
    image = split.train[0][0]
    assert torch.equal(image[0], image[2]) and 0.3 < float(image.mean()) < 0.7


def _png_header(width, height):
    """A PNG that declares its size and holds (almost) nothing: PIL reads the size without decoding."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def test_images_over_the_pixel_limit_are_skipped_with_the_reason_and_no_raw_warning(tmp_path):
    for name in ("a", "b"):
        for i in range(3):
            _png(tmp_path / name / f"{i}.png", 30 * i)
    (tmp_path / "a" / "huge.png").write_bytes(_png_header(12000, 12000))  # PIL warns of a bomb past 89 Mpx
    (tmp_path / "b" / "bomb.png").write_bytes(_png_header(40000, 40000))  # PIL refuses past 179 Mpx
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # PIL's DecompressionBombWarning would fail the test
        split = load_data(f"folder:{tmp_path}", val_split=0.34, seed=0)
    assert len(split.train) + len(split.val) == 6
    (warning,) = split.warnings
    assert warning.startswith("skipped 2 unreadable image(s): ")
    assert f"{tmp_path}/a/huge.png: too large (12000×12000 pixels, over the 64-megapixel limit)" in warning
    assert f"{tmp_path}/b/bomb.png: too large (over the 64-megapixel limit" in warning and "\n" not in warning


def test_empty_class_folders_are_reported_and_are_not_classes(tmp_path):
    for name in ("a", "c"):
        for i in range(3):
            _png(tmp_path / name / f"{i}.png", 30 * i)
    (tmp_path / "b").mkdir()
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.png").write_bytes(b"not a png")
    split = load_data(f"folder:{tmp_path}", val_split=0.34, seed=0)
    assert split.classes == ["a", "c"]
    assert sorted(set(split.train.labels.tolist())) == [0, 1]  # c is label 1, not 2
    assert "ignored 2 class folder(s) with no readable images: b, d" in split.warnings


def test_links_that_repeat_the_dataset_are_reported_and_not_trained_on(tmp_path):
    data, outside = tmp_path / "data", tmp_path / "outside"
    for name in ("cat", "dog"):
        for i in range(3):
            _png(data / name / f"{i}.png", 40 * i)
    for i in range(2):
        _png(outside / "fox" / f"{i}.png", 100 + i)
    (data / "everything").symlink_to(data, target_is_directory=True)  # a class that is the dataset root
    (data / "kitten").symlink_to(data / "cat", target_is_directory=True)  # a duplicate of another class
    (data / "fox").symlink_to(outside / "fox", target_is_directory=True)  # a class kept elsewhere: fine
    (data / "vixen").symlink_to(outside / "fox", target_is_directory=True)  # the same folder again
    (data / "cat" / "loop").symlink_to(data / "cat", target_is_directory=True)  # a folder inside itself
    (data / "cat" / "dog.png").symlink_to(data / "dog" / "0.png")  # a dog image under the cat label
    split = load_data(f"folder:{data}", val_split=0.34, seed=0)
    assert split.classes == ["cat", "dog", "fox"] and len(split.train) + len(split.val) == 8
    (warning,) = split.warnings
    assert warning.startswith("skipped 5 linked folder(s) or image(s): ") and "and 2 more" in warning
    assert f"{data}/everything: a link back into the dataset ({data})" in warning and "\n" not in warning
    files = [str(f) for s in (split.train, split.val) for f in s.files]
    assert not any("loop" in f or "dog.png" in f or "kitten" in f or "vixen" in f for f in files)


def test_a_val_folder_linked_to_train_is_not_validated_on(tmp_path):
    for name in ("cat", "dog"):
        for i in range(3):
            _png(tmp_path / "train" / name / f"{i}.png", 40 * i)
    _png(tmp_path / "val" / "dog" / "v.png", 200)
    (tmp_path / "val" / "cat").symlink_to(tmp_path / "train" / "cat", target_is_directory=True)
    split = load_data(f"folder:{tmp_path}")
    assert len(split.val) == 1 and split.val.labels.tolist() == [1]
    assert split.warnings == [
        f"skipped 1 linked folder(s) or image(s): {tmp_path}/val/cat: a link back into the dataset "
        f"({tmp_path}/train/cat)"
    ]


def test_a_farm_of_links_into_a_store_beside_the_splits_trains_on_every_image_once(tmp_path):
    for i in range(6):
        _png(tmp_path / "store" / f"{i}.png", 40 * i)
    for split, names in (("train", range(4)), ("val", range(4, 6))):
        for i in names:
            link = tmp_path / split / ("cat" if i % 2 else "dog") / f"{i}.png"
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(tmp_path / "store" / f"{i}.png")
    (tmp_path / "train" / "dog" / "again.png").symlink_to(tmp_path / "store" / "0.png")  # 0.png a second time
    split = load_data(f"folder:{tmp_path}")
    assert (len(split.train), len(split.val), split.classes) == (4, 2, ["cat", "dog"])
    assert split.warnings == [
        f"skipped 1 linked folder(s) or image(s): {tmp_path}/train/dog/again.png: reaches "
        f"{tmp_path}/store/0.png, which another link already reached"
    ]
