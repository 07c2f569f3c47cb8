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
