"""The Learn pages' numbers agree with the blocks' own formulas and counts."""

from __future__ import annotations

import itertools

from cnnstudio.blocks.composite import Inception
from cnnstudio.blocks.conv import Conv2d
from cnnstudio.core.formulas import conv_out, conv_transpose_out
from cnnstudio.core.lessons import (
    ConvSetup,
    example_kernel,
    gap_vs_flatten,
    inception_counts,
    pool,
    sample_image,
    shift,
    transposed_steps,
    vgg_stack,
)


def test_conv_setup_sizes_equal_the_blocks_and_its_sums_are_sums_of_products():
    for size, k, s, p, d in itertools.product((5, 8, 11), (1, 3, 4), (1, 2, 3), (0, 1, 2), (1, 2)):
        if size + 2 * p < d * (k - 1) + 1:
            continue
        setup = ConvSetup((size, size + 1), (k, k), (s, s), (p, p), (p, p), (d, d))
        params = Conv2d.resolve({"out_channels": 2, "kernel_size": k, "stride": s, "padding": p, "dilation": d})
        assert (2, *setup.out) == Conv2d.infer(params, [(1, size, size + 1)])
        assert setup.out[0] == conv_out(size, k, s, p, d)
    setup = ConvSetup((6, 6), (3, 3), (2, 2), (1, 1), (1, 1))
    image, kernel = sample_image(6, 6), example_kernel(3, 3)
    out = setup.output(image, kernel)
    window = setup.window(4)  # row 1, column 1 of a 3×3 output: rows 2..4, columns 2..4 of the padded input
    assert (window.row, window.col, window.top, window.left) == (1, 1, 2, 2)
    by_hand = sum(image[1 + i][1 + j] * kernel[i][j] for i in range(3) for j in range(3))
    assert out[1][1] == by_hand == setup.products(image, kernel, 4)[1]
    assert setup.is_padding(0, 3) and not setup.is_padding(1, 1) and setup.value(image, 0, 3) == 0


def test_lenet_conv1_walks_784_positions_over_a_32_by_32_padded_input():
    setup = ConvSetup((28, 28), (5, 5), (1, 1), (2, 2), (2, 2))
    assert setup.padded == (32, 32) and setup.out == (28, 28) and setup.positions == 784
    assert setup.window(28).top == 1 and setup.window(28).left == 0


def test_inception_counts_plus_batch_norm_equal_the_blocks_parameter_count():
    p = Inception.resolve({"ch5x5_kernel": 5})
    counts = inception_counts(192, p)
    widths = p["ch1x1"] + p["ch3x3red"] + p["ch3x3"] + p["ch5x5red"] + p["ch5x5"] + p["pool_proj"]
    assert counts.with_reduction + 2 * widths == Inception.param_count(p, [(192, 28, 28)], (256, 28, 28))
    # GoogLeNet's 3a: the 1×1 reductions cut the 3×3 branch from 221,184 to 129,024 weights
    assert counts.branch_without[1] == 128 * 192 * 9 and counts.branch_with[1] == 96 * 192 + 128 * 96 * 9
    assert counts.without_reduction > counts.with_reduction


def test_stacked_3x3_and_gap_and_transposed_arithmetic():
    vgg = vgg_stack(64, 64, 7)
    assert (vgg.layers, vgg.receptive_field, vgg.large, vgg.stacked) == (3, 7, 49 * 64 * 64, 27 * 64 * 64)
    resnet = gap_vs_flatten(512, 7, 7, 1000)
    assert (resnet.flatten_dense, resnet.gap_dense) == (25_088 * 1000 + 1000, 512 * 1000 + 1000)
    for size, k, s, p, op in itertools.product((1, 4, 7), (2, 3, 4, 5), (1, 2, 3), (0, 1, 2), (0, 1)):
        if op >= s or p > k - 1:
            continue
        steps = transposed_steps(size, k, s, p, 1, op)
        assert steps.out == conv_transpose_out(size, k, s, p, 1, op)
        assert steps.upsampled == (size - 1) * s + 1


def test_shift_and_pool():
    grid = [[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 5, 6], [0, 0, 7, 9]]
    assert pool(grid, 2, 2, "max") == [[4, 0], [0, 9]]
    assert pool(grid, 2, 2, "avg") == [[2.5, 0], [0, 6.75]]
    assert shift(grid, 1, 1)[1][1] == 1 and shift(grid, 1, 1)[0] == [0, 0, 0, 0]
    assert shift(grid, -1, 0)[0] == [3, 4, 0, 0]
