import os

import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.insight import ImageLoadError, load_image, read_image
from cnnstudio.insight.images import as_maps, normalise_channels, tile, tile_layout
from cnnstudio.insight.pixels import pixels


def test_a_colour_file_becomes_a_grey_image_of_the_input_size(tmp_path):
    pixels = np.zeros((40, 30, 3), dtype=np.uint8)
    pixels[:20] = (255, 255, 255)  # white top half, black bottom half
    Image.fromarray(pixels).save(tmp_path / "half.png")
    grey = load_image(tmp_path / "half.png", (1, 28, 28))
    assert grey.shape == (1, 28, 28) and grey.dtype == torch.float32
    assert float(grey[0, :10].min()) == pytest.approx(1.0) and float(grey[0, -10:].max()) == pytest.approx(0.0)
    rgb = load_image(tmp_path / "half.png", (3, 40, 30))
    assert rgb.shape == (3, 40, 30) and float(rgb.max()) == 1.0


def test_broken_and_missing_files_give_one_clear_error(tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(ImageLoadError, match="broken.png: not an image file"):
        load_image(tmp_path / "broken.png", (1, 28, 28))
    with pytest.raises(ImageLoadError, match="nothere.png: no such file"):
        load_image(tmp_path / "nothere.png", (1, 28, 28))
    with pytest.raises(ImageLoadError, match="not a grey or RGB image"):
        load_image(tmp_path / "broken.png", (4, 28, 28))


def test_tiles_are_laid_out_and_found_again():
    layout = tile_layout(6, 28, 28)
    assert (layout.rows, layout.columns) in ((2, 3), (3, 2))
    layout = tile_layout(512, 7, 7, aspect=2.0)
    assert layout.columns * layout.rows >= 512 and layout.columns > layout.rows
    top, left = layout.origin(100)
    assert layout.locate(top + 3, left + 6) == (100, 3, 6)
    assert layout.locate(top + 7, left) is None  # the gap below a tile
    assert layout.locate(-1, 0) is None

    maps = normalise_channels(torch.arange(2 * 3 * 4, dtype=torch.float32).reshape(2, 3, 4))
    assert float(maps.min()) == 0.0 and float(maps.max()) == 1.0
    picture = tile(maps.numpy(), tile_layout(2, 3, 4, gap=1))
    assert picture.shape in ((3, 9), (7, 4))
    assert np.isnan(picture).sum() == picture.size - 24  # only the gap is empty


def test_a_flat_vector_is_shown_as_one_square_map():
    maps = as_maps(torch.arange(10.0))
    assert maps.shape == (1, 3, 4)
    assert int(torch.isnan(maps).sum()) == 2


def test_a_16_bit_png_shows_its_real_values(tmp_path):
    values = (np.arange(40 * 30).reshape(30, 40) * 50).astype(np.uint16)
    Image.fromarray(values).save(tmp_path / "deep.png")
    grey = read_image(tmp_path / "deep.png", 1)
    assert torch.allclose(grey[0], torch.from_numpy(values / 65535.0).float(), atol=1e-6)
    rgb = load_image(tmp_path / "deep.png", (3, 30, 40))  # the panel's loader: grey in every channel
    assert torch.allclose(rgb[1], grey[0], atol=1e-6) and torch.equal(rgb[0], rgb[2])
    big_endian = Image.frombytes("I;16B", (40, 30), values.astype(">u2").tobytes())
    big_endian.save(tmp_path / "deep.tif")
    assert torch.allclose(read_image(tmp_path / "deep.tif", 1), grey, atol=1e-6)


def _grey_of(img):
    return torch.from_numpy(np.asarray(img.convert("L"), dtype=np.float32) / 255.0)


def _modes():
    ramp = np.tile(np.arange(0, 256, 16, dtype=np.uint8), (4, 1))  # 4×16, 0..240
    grey = Image.fromarray(ramp)
    rgb = Image.merge("RGB", (grey, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grey))
    return {
        "I;16": (Image.fromarray(ramp.astype(np.uint16) * 257), ramp / 255.0),
        "I": (Image.fromarray(ramp.astype(np.int32) * 257), ramp / 255.0),
        "F in [0, 1]": (Image.fromarray(ramp.astype(np.float32) / 255), ramp / 255.0),
        "F in [-1, 1000]": (Image.fromarray(ramp.astype(np.float32) * 4 - 1), ramp / 240.0),  # stretched
        "LA": (Image.merge("LA", (grey, grey)), _grey_of(grey)),
        "P": (rgb.convert("P"), _grey_of(rgb.convert("P"))),
        "PA": (rgb.convert("PA"), _grey_of(rgb.convert("PA"))),
        "CMYK": (rgb.convert("CMYK"), _grey_of(rgb.convert("CMYK"))),
        "1": (grey.convert("1"), _grey_of(grey.convert("1"))),
    }


@pytest.mark.parametrize("mode", list(_modes()))
def test_every_image_mode_reads_as_its_real_grey_values(mode):
    img, expected = _modes()[mode]
    grey = pixels(img, 1)
    assert grey.shape == (1, 4, 16) and grey.dtype == torch.float32
    assert torch.allclose(grey[0], torch.as_tensor(expected, dtype=torch.float32), atol=1e-6)
    assert float(grey.max()) > 0.5 and float(grey.min()) < 0.5  # not all white, not all black
    assert pixels(img, 3).shape == (3, 4, 16)


def test_huge_truncated_and_special_files_give_one_line_and_no_raw_warning(tmp_path):
    import struct
    import warnings
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 12000, 12000, 8, 0, 0, 0, 0))
    (tmp_path / "huge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IEND", b""))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # PIL's DecompressionBombWarning would raise here
        with pytest.raises(ImageLoadError) as info:
            read_image(tmp_path / "huge.png")
    assert str(info.value) == "huge.png: too large to show (12000×12000 pixels, over the 64-megapixel limit)"

    Image.fromarray((np.arange(64 * 64 * 3) % 251).astype(np.uint8).reshape(64, 64, 3)).save(tmp_path / "whole.png")
    data = (tmp_path / "whole.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageLoadError) as info:
        read_image(tmp_path / "cut.png")
    assert str(info.value).startswith("cut.png: cannot read the image (") and "\n" not in str(info.value)

    os.mkfifo(tmp_path / "pipe.png")  # opening it would block forever
    with pytest.raises(ImageLoadError, match="pipe.png: is not a regular file"):
        read_image(tmp_path / "pipe.png")
    with pytest.raises(ImageLoadError, match="is a folder"):
        read_image(tmp_path)
