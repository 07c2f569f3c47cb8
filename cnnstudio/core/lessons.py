"""The numbers the Learn pages teach with, computed from a block's own params (stdlib only, no Qt).

Every count here is the same arithmetic the blocks use for the inspector (``conv_out``, weights
``C_out × C_in/groups × k × k`` + bias); the pages only lay them out step by step. Input values and
kernels are small integers so a reader can check a sum of element-wise products by hand.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache, lru_cache

from .formulas import conv_out, conv_transpose_out

Grid = list[list[int]]


@dataclass(frozen=True)
class Window:
    """One output position of a convolution: where its kernel lies on the zero-padded input."""

    row: int
    col: int
    top: int  # in padded coordinates: padded row 0 is the first row of zeros
    left: int


@dataclass(frozen=True)
class ConvSetup:
    """One spatial convolution: input size, kernel, stride, padding on each side and dilation, per axis."""

    size: tuple[int, int]
    kernel: tuple[int, int]
    stride: tuple[int, int]
    pad_lo: tuple[int, int]
    pad_hi: tuple[int, int]
    dilation: tuple[int, int] = (1, 1)

    @property
    def padded(self) -> tuple[int, int]:
        return tuple(self.size[a] + self.pad_lo[a] + self.pad_hi[a] for a in (0, 1))  # type: ignore[return-value]

    @property
    def out(self) -> tuple[int, int]:
        """Output H, W, by the same formula as the block (asymmetric 'same' padding counted per side)."""
        return tuple(
            (self.padded[a] - self.dilation[a] * (self.kernel[a] - 1) - 1) // self.stride[a] + 1 for a in (0, 1)
        )  # type: ignore[return-value]

    @property
    def positions(self) -> int:
        oh, ow = self.out
        return max(oh, 0) * max(ow, 0)

    def window(self, index: int) -> Window:
        """The index-th output position, row by row (the order the kernel slides in)."""
        row, col = divmod(index, self.out[1])
        return Window(row, col, row * self.stride[0], col * self.stride[1])

    def taps(self, window: Window) -> list[tuple[int, int]]:
        """Padded (y, x) of each kernel tap, row by row (dilation spreads them apart)."""
        dh, dw = self.dilation
        kh, kw = self.kernel
        return [(window.top + i * dh, window.left + j * dw) for i in range(kh) for j in range(kw)]

    def is_padding(self, y: int, x: int) -> bool:
        """Whether padded cell (y, x) is one of the zeros added around the input."""
        return not (
            self.pad_lo[0] <= y < self.pad_lo[0] + self.size[0] and self.pad_lo[1] <= x < self.pad_lo[1] + self.size[1]
        )

    def value(self, image: Grid, y: int, x: int) -> int:
        """The padded input at (y, x): 0 in the padding."""
        return 0 if self.is_padding(y, x) else image[y - self.pad_lo[0]][x - self.pad_lo[1]]

    def products(self, image: Grid, kernel: Grid, index: int) -> tuple[list[tuple[int, int, int]], int]:
        """(input, weight, product) for each tap of one output position, and their sum (no bias)."""
        window = self.window(index)
        kw = self.kernel[1]
        terms = []
        for n, (y, x) in enumerate(self.taps(window)):
            a, w = self.value(image, y, x), kernel[n // kw][n % kw]
            terms.append((a, w, a * w))
        return terms, sum(t[2] for t in terms)

    def output(self, image: Grid, kernel: Grid) -> Grid:
        """The whole output map (one input channel, one filter, no bias)."""
        oh, ow = self.out
        return [[self.products(image, kernel, r * ow + c)[1] for c in range(ow)] for r in range(oh)]


def example_kernel(kh: int, kw: int) -> Grid:
    """An edge detector with small integer weights: −1 on the left columns, +1 on the right, 0 in the middle."""
    half = kw // 2
    row = [-1 if j < half else (1 if j >= kw - half else 0) for j in range(kw)]
    if kw == 1:  # a 1×1 kernel only rescales: weight 2 makes the product visible
        row = [2]
    return [list(row) for _ in range(kh)]


@cache
def digit_images() -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The bundled 8×8 handwritten digits (values 0–16), the first one of each class 0–9."""
    from ..resources import path

    found: dict[int, tuple] = {}
    with gzip.open(path("data/digits.csv.gz"), "rt", encoding="ascii") as stream:
        for row in csv.reader(stream):
            label = int(row[64])
            if label not in found:
                pixels = [int(v) for v in row[:64]]
                found[label] = tuple(tuple(pixels[r * 8 : r * 8 + 8]) for r in range(8))
            if len(found) == 10:
                break
    return tuple(found[k] for k in sorted(found))


@lru_cache(maxsize=8)
def sample_image(height: int, width: int, digit: int = 3, top: int = 9) -> Grid:
    """A bundled digit resized (nearest neighbour) to height × width, values scaled to 0..top (shared: read only)."""
    image = digit_images()[digit % 10]
    return [[round(image[r * 8 // height][c * 8 // width] * top / 16) for c in range(width)] for r in range(height)]


def shift(image: Grid, dy: int, dx: int) -> Grid:
    """The image moved by (dy, dx) pixels; what enters is 0 (translation, not wrap-around)."""
    h, w = len(image), len(image[0])
    return [[image[r - dy][c - dx] if 0 <= r - dy < h and 0 <= c - dx < w else 0 for c in range(w)] for r in range(h)]


def relu_map(grid: Grid) -> Grid:
    return [[max(v, 0) for v in row] for row in grid]


def pool(grid: Grid, k: int, s: int, kind: str) -> list[list[float]]:
    """Max or average pooling of a small map without padding (kind: 'max' or 'avg')."""
    h, w = len(grid), len(grid[0])
    oh, ow = conv_out(h, k, s, 0), conv_out(w, k, s, 0)
    out = []
    for r in range(oh):
        row = []
        for c in range(ow):
            cells = [grid[r * s + i][c * s + j] for i in range(k) for j in range(k)]
            row.append(max(cells) if kind == "max" else sum(cells) / len(cells))
        out.append(row)
    return out


# parameter counts -------------------------------------------------------------------------------
def conv_weights(c_in: int, c_out: int, kh: int, kw: int | None = None, groups: int = 1) -> int:
    """Weights of one convolution, without bias: C_out × C_in/groups × kh × kw."""
    return c_out * (c_in // groups) * kh * (kh if kw is None else kw)


@dataclass(frozen=True)
class InceptionCounts:
    with_reduction: int  # convolution weights as GoogLeNet builds it
    without_reduction: int  # the same branches with the 1×1 reductions before the 3×3 and 5×5 removed
    branch_with: tuple[int, int, int, int]
    branch_without: tuple[int, int, int, int]


def inception_counts(c_in: int, p: dict) -> InceptionCounts:
    """Convolution weights of an inception module with and without its 1×1 reductions (bias and BN left out)."""
    k5 = p.get("ch5x5_kernel", 5)
    with_red = (
        conv_weights(c_in, p["ch1x1"], 1),
        conv_weights(c_in, p["ch3x3red"], 1) + conv_weights(p["ch3x3red"], p["ch3x3"], 3),
        conv_weights(c_in, p["ch5x5red"], 1) + conv_weights(p["ch5x5red"], p["ch5x5"], k5),
        conv_weights(c_in, p["pool_proj"], 1),
    )
    without = (
        with_red[0],
        conv_weights(c_in, p["ch3x3"], 3),
        conv_weights(c_in, p["ch5x5"], k5),
        with_red[3],
    )
    return InceptionCounts(sum(with_red), sum(without), with_red, without)


@dataclass(frozen=True)
class StackCounts:
    large_kernel: int
    layers: int  # how many stacked 3×3 convolutions cover the same receptive field
    large: int  # weights of one large convolution C_in → C_out
    stacked: int  # weights of the stack: C_in → C_out, then C_out → C_out
    receptive_field: int


def vgg_stack(c_in: int, c_out: int, large_kernel: int) -> StackCounts:
    """One k×k convolution against (k − 1)/2 stacked 3×3 ones: the same receptive field, fewer weights."""
    layers = max(1, (large_kernel - 1) // 2)
    stacked = conv_weights(c_in, c_out, 3) + (layers - 1) * conv_weights(c_out, c_out, 3)
    return StackCounts(large_kernel, layers, conv_weights(c_in, c_out, large_kernel), stacked, 1 + 2 * layers)


@dataclass(frozen=True)
class HeadCounts:
    flatten_dense: int  # Flatten (C·H·W features) then Linear(C·H·W → N) with bias
    gap_dense: int  # global average pooling (C features) then Linear(C → N) with bias
    features_flat: int
    features_gap: int


def gap_vs_flatten(channels: int, height: int, width: int, classes: int) -> HeadCounts:
    flat = channels * height * width
    return HeadCounts(flat * classes + classes, channels * classes + classes, flat, channels)


@dataclass(frozen=True)
class TransposedSteps:
    """A transposed convolution as upsampling (s − 1 zeros between pixels), padding, then a stride-1 convolution."""

    size: int
    upsampled: int  # (in − 1)·s + 1
    border: int  # zeros on each side: d(k − 1) − p
    padded: int
    out: int


def transposed_steps(size: int, k: int, s: int, p: int, d: int = 1, output_padding: int = 0) -> TransposedSteps:
    upsampled = (size - 1) * s + 1
    border = d * (k - 1) - p
    padded = upsampled + 2 * border + output_padding
    out = padded - d * (k - 1)
    assert out == conv_transpose_out(size, k, s, p, d, output_padding)  # the same size as the block's formula
    return TransposedSteps(size, upsampled, border, padded, out)
