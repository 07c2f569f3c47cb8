"""Output-size formulas, exactly as PyTorch computes them (batch dimension excluded).

These are the seed's formula ``out = (in + 2p - k) / s + 1`` generalised with dilation,
transposed convolution and pooling's ``ceil_mode``.
"""

from __future__ import annotations

Shape = tuple[int, ...]


class ShapeError(ValueError):
    """A shape rule was violated; ``code`` names the rule, ``fixes`` are suggested edits."""

    def __init__(self, code: str, message: str, fixes: tuple = ()):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fixes = fixes


def pair(value) -> tuple[int, int]:
    """An int or a 2-sequence as an (h, w) pair."""
    if isinstance(value, (list, tuple)):
        return int(value[0]), int(value[1])
    return int(value), int(value)


def conv_out(size: int, k: int, s: int, p: int, d: int = 1) -> int:
    """floor((in + 2p - d(k-1) - 1) / s) + 1."""
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def conv_arithmetic(size: int, k: int, s: int, p: int, d: int = 1) -> str:
    """The formula with this layer's numbers filled in, as the seed writes it."""
    kernel = f"{k}" if d == 1 else f"{d * (k - 1) + 1}"
    out = conv_out(size, k, s, p, d)
    return f"({size} + 2·{p} − {kernel}) / {s} + 1 = {signed(out)}"


def signed(value: int) -> str:
    """A number as the seed's notes print it, with a true minus sign."""
    return f"−{-value}" if value < 0 else str(value)


def conv_transpose_out(size: int, k: int, s: int, p: int, d: int = 1, output_padding: int = 0) -> int:
    """(in - 1)s - 2p + d(k-1) + output_padding + 1."""
    return (size - 1) * s - 2 * p + d * (k - 1) + output_padding + 1


def pool_out(size: int, k: int, s: int, p: int, d: int = 1, ceil_mode: bool = False) -> int:
    """PyTorch's pooling size; with ceil_mode the last window must start inside the input or left padding."""
    numerator = size + 2 * p - d * (k - 1) - 1
    if ceil_mode:
        out = -(-numerator // s) + 1
        if (out - 1) * s >= size + p:
            out -= 1
        return out
    return numerator // s + 1


def same_padding(k: int, d: int = 1) -> tuple[int, int]:
    """Total padding for 'same' (PyTorch pads the extra element on the right/bottom)."""
    total = d * (k - 1)
    return total // 2, total - total // 2


def fmt_shape(shape: Shape | None) -> str:
    """64×56×56; '?' for unknown."""
    if shape is None:
        return "?"
    return "×".join(str(v) for v in shape)
