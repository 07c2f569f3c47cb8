"""argparse help that wraps Japanese by the columns it takes: a kana or kanji is two columns wide, and a line may
break between any two of them (argparse's textwrap counts characters and breaks only at spaces, so Japanese help
overflowed the terminal and broke inside English words next to it)."""

from __future__ import annotations

import argparse
import re
import unicodedata

# no line starts with these (kinsoku): they stay on the line before
CLOSING = set("、。，．）」』】〕：；！？ー・")
# no line ends with these: they go to the next line with what they open
OPENING = set("（「『【〔")


def columns(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _units(text: str) -> list[str]:
    """Unbreakable pieces: a run of narrow characters (a word), one wide character, or a space."""
    units: list[str] = []
    for ch in text:
        if ch == " ":
            units.append(" ")
        elif ch in CLOSING and units and units[-1] != " ":
            units[-1] += ch
        elif units and units[-1] != " " and (units[-1][-1] in OPENING or not (_wide(ch) or _wide(units[-1][-1]))):
            units[-1] += ch
        else:
            units.append(ch)
    return units


def wrap(text: str, width: int) -> list[str]:
    """``text``'s whitespace collapsed, in lines of at most ``width`` columns (a longer word stands alone)."""
    lines: list[str] = []
    line, used = "", 0
    for unit in _units(re.sub(r"\s+", " ", text).strip()):
        if unit == " ":
            if line:
                line, used = line + " ", used + 1
            continue
        size = columns(unit)
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + unit, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _has_wide(text: str) -> bool:
    return any(_wide(ch) for ch in text)


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter; text with wide characters is wrapped by ``wrap`` (English as before)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width) if _has_wide(text) else super()._split_lines(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _has_wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))
