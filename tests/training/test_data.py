"""Data sources and the feeder: bundled digits, generated shapes, image folders with bad files, fitting."""

from __future__ import annotations

import gzip
import struct

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
    from importlib import resources

    ref = resources.files("cnnstudio.resources").joinpath("data/digits.csv.gz")
    with ref.open("rb") as raw:
        assert gzip.decompress(raw.read()).count(b"\n") == 1797
    assert "CC BY 4.0" in resources.files("cnnstudio.resources").joinpath("data/README.md").read_text()


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
