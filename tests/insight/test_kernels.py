import pytest
import torch

import cnnstudio
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.insight import InsightError, kernel_tiles


def _rgb_model():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    x = b.add("conv2d", "conv1", x, out_channels=4, kernel_size=3)
    x = b.add("conv2d", "conv2", x, out_channels=3, kernel_size=3)
    x = b.add("conv2d", "conv3", x, out_channels=2, kernel_size=1)
    b.add("conv_bn_relu", "block", x, out_channels=2, kernel_size=3)
    return cnnstudio.compile_model(b.build())


def test_a_first_layer_on_colour_images_gives_rgb_tiles_stretched_per_filter():
    model = _rgb_model()
    tiles = kernel_tiles(model, "conv1")
    assert tiles.rgb and tiles.tiles.shape == (4, 3, 3, 3) and tiles.source == "conv1"
    flat = tiles.tiles.reshape(4, -1)
    torch.testing.assert_close(flat.min(1).values, torch.zeros(4))
    torch.testing.assert_close(flat.max(1).values, torch.ones(4))
    # tile pixel (y, x) holds the filter's (r, g, b) weights, stretched
    w = model.conv1.weight.detach()[2]
    expected = (w - w.min()) / (w.max() - w.min())
    torch.testing.assert_close(tiles.tiles[2], expected.permute(1, 2, 0))


def test_deeper_layers_give_one_grey_tile_per_input_channel_with_zero_at_half():
    model = _rgb_model()
    tiles = kernel_tiles(model, "conv2")  # 3 input channels, but they are features, not colours
    assert not tiles.rgb and tiles.tiles.shape == (3, 4, 3, 3)
    w = model.conv2.weight.detach()
    torch.testing.assert_close(tiles.tiles, 0.5 + 0.5 * w / w.abs().amax(dim=(1, 2, 3), keepdim=True))
    assert tiles.weight_range == (float(w.min()), float(w.max()))


def test_lenet_first_layer_is_grey_and_composites_show_their_convolution():
    lenet = cnnstudio.compile_model(cnnstudio.presets.build("lenet5"))
    tiles = kernel_tiles(lenet, "conv1")
    assert not tiles.rgb and tiles.tiles.shape == (6, 1, 5, 5)
    assert float(tiles.tiles.min()) >= 0.0 and float(tiles.tiles.max()) <= 1.0
    block = kernel_tiles(_rgb_model(), "block")
    assert block.source == "block.conv" and block.tiles.shape == (2, 2, 3, 3)
    with pytest.raises(InsightError, match="no module"):
        kernel_tiles(lenet, "flatten")
    with pytest.raises(InsightError, match="no convolution kernels"):
        kernel_tiles(lenet, "fc1")
