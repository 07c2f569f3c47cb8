import numpy as np
import pytest
import torch
from PIL import Image

from cnnstudio.insight import ImageLoadError, load_image
from cnnstudio.insight.images import as_maps, normalise_channels, tile, tile_layout


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
