"""Fix labels and error phrases several blocks share, in the user's language (context ``BlockErrors``)."""

from __future__ import annotations

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate


def set_padding_to_0() -> str:
    return translate("BlockErrors", "Set padding to 0")


def shrink_kernel(size: str) -> str:
    """The fix that shrinks a kernel to ``size`` ("3×3")."""
    return translate("BlockErrors", "Shrink kernel to {size}").format(size=size)


def use_groups(count: int) -> str:
    return translate("BlockErrors", "Use {count} groups").format(count=count)


def use_value(value) -> str:
    """The fix that sets one param to ``value`` ("Use 3")."""
    return translate("BlockErrors", "Use {value}").format(value=value)


def insert_block(title: str) -> str:
    """The fix that inserts a block before this one ("Insert Flatten")."""
    return translate("BlockErrors", "Insert {block}").format(block=title)


def empty_output(arithmetic: str) -> str:
    """``floor(5 · 0.1) = 0: the output would be empty``, the arithmetic kept as it is."""
    return translate("BlockErrors", "{arithmetic}: the output would be empty").format(arithmetic=arithmetic)


# core.block.Block.need_rank's texts (core cannot be extracted into the blocks' catalogue, so they are marked here)
RANK_TEXTS = (
    QT_TRANSLATE_NOOP("BlockErrors", "expects {what}, got {shape}"),
    QT_TRANSLATE_NOOP("BlockErrors", "a C×H×W tensor"),
    QT_TRANSLATE_NOOP("BlockErrors", "a scalar"),
)
