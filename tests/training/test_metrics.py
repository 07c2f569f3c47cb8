import base64
import io

import pytest
import torch
from PIL import Image

from cnnstudio.training.metrics import MAX_SIDE, png_base64


@pytest.mark.parametrize("shape", [(1, 28, 28), (3, 17, 5), (1, 1, 1)])
def test_sample_images_are_pngs_with_exactly_the_images_pixels(shape):
    image = torch.rand(*shape, generator=torch.Generator().manual_seed(0))
    png = Image.open(io.BytesIO(base64.b64decode(png_base64(image))))
    assert png.format == "PNG" and png.mode == ("L" if shape[0] == 1 else "RGB")
    assert png.size == (shape[2], shape[1])
    expected = (image * 255).round().to(torch.uint8).permute(1, 2, 0).flatten()
    assert torch.equal(torch.frombuffer(bytearray(png.tobytes()), dtype=torch.uint8), expected)


def test_large_sample_images_are_shrunk_and_odd_channel_counts_shown_grey():
    png = Image.open(io.BytesIO(base64.b64decode(png_base64(torch.rand(2, 200, 90)))))
    assert png.mode == "L" and max(png.size) == MAX_SIDE and png.size == (29, 64)
