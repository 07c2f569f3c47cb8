"""Param validation: the one-line reasons the inspector and the diagnostics show."""

import pytest

from cnnstudio.core.params import Param

SIZE = Param("kernel_size", "size", 3, min=1, max=255)
PADDING = Param("padding", "padding", 0, min=0, max=255)


@pytest.mark.parametrize("value", [3, [3, 5], (1, 1)])
def test_sizes_accept_an_int_or_a_pair(value):
    assert SIZE.check(value) is None


@pytest.mark.parametrize("value", [[1], [1, 2, 3], [], "3", 2.0, True, [1, "a"]])
def test_sizes_refuse_anything_but_an_int_or_a_pair(value):
    reason = SIZE.check(value)
    assert reason and reason.startswith("kernel_size must be a whole number or a pair [h, w]")


def test_out_of_range_shows_the_range():
    assert SIZE.check([3, 0]) == "kernel_size = 0 is outside the allowed range [1, 255]"


@pytest.mark.parametrize("value", ["same", "valid", 1, [1, 2]])
def test_padding_takes_same_and_valid(value):
    assert PADDING.check(value) is None


def test_padding_refuses_other_words():
    assert "'same' or 'valid'" in PADDING.check("full")


# integers from files: bounded, and messages that stay short ------------------------------------------
OUT = Param("out_channels", "int", 16, min=1, max=65536)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2**63, "9.22e+18"),
        (10**400, "1.00e+400"),
        (-(10**30), "−1.00e+30"),
        (10**5000, "≈1e+5000"),
        (10**15, "1.00e+15"),
    ],
    ids=["2^63", "1e400", "-1e30", "1e5000", "1e15"],  # pytest's own ids would str() a 5,000-digit int
)
def test_huge_integers_show_the_range_in_a_short_message(value, shown):
    assert OUT.check(value) == f"out_channels = {shown} is outside the allowed range [1, 65536]"
    assert OUT.suggest(value) == (65536 if value > 0 else 1)
    assert SIZE.check([3, value]) == f"kernel_size = {shown} is outside the allowed range [1, 255]"


def test_long_values_are_quoted_short():
    assert (
        SIZE.check("x" * 10_000)
        == "kernel_size must be a whole number or a pair [h, w], got 'xxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx'"
    )
    assert SIZE.check([[[[[1]]]]]).endswith("got [[[[...]]]]")
    assert Param("p", "float", 0.5, min=0.0, max=1.0).suggest(10**400) == 1.0


def test_every_numeric_param_of_every_block_is_bounded():
    """A file cannot ask for a 10²⁰-channel layer: every int, size and float param declares its range."""
    import cnnstudio.blocks  # noqa: F401  (registers the catalog)
    from cnnstudio.core.block import REGISTRY
    from cnnstudio.core.params import INT_LIMIT

    for block in REGISTRY:
        for spec in block.params:
            if spec.kind in ("int", "size", "padding", "float"):
                assert spec.min is not None and spec.max is not None, f"{block.type}.{spec.name} has no range"
                assert -INT_LIMIT <= spec.min <= spec.max <= INT_LIMIT, f"{block.type}.{spec.name}"
