"""Helpers blocks use to write themselves as PyTorch source (``Block.code``); stdlib only."""

from __future__ import annotations

from dataclasses import dataclass, field

from cnnstudio.core.formulas import pair

LINE = 88  # ruff format's default: the exported file is formatted as a fresh project would be


@dataclass
class Call:
    """A constructor call: ``func(args...)``; ``helpers`` names what it needs from ``blocks.modules``.

    ``classes``: torch classes a block file defines itself (see ``own_classes``), copied into the exported file
    after the shared helpers, in this order (a class after what it uses).
    """

    func: str
    args: list[str]
    helpers: set[str] = field(default_factory=set)
    classes: tuple = ()

    def inline(self) -> str:
        return f"{self.func}({', '.join(self.args)})"


def string_literal(text: str) -> str:
    """``text`` as a Python string literal that reads back as exactly ``text``, whatever it holds.

    ``repr`` does the escaping (newlines, quotes, backslashes, control and unprintable characters); double
    quotes as ruff writes them where that needs no other escape.
    """
    r = repr(text)
    return f'"{r[1:-1]}"' if r[0] == "'" and '"' not in text and "'" not in text else r


def literal(value) -> str:
    """A Python literal as ruff writes it (tuples for pairs, double quotes)."""
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def size(value) -> str:
    """An int for square sizes, a tuple otherwise (as torchvision writes kernel sizes)."""
    h, w = pair(value)
    return str(h) if h == w else f"({h}, {w})"


def kw(args: list[str], name: str, value, default) -> None:
    """Append ``name=value`` unless it is the default."""
    if value != default:
        args.append(f"{name}={literal(value)}")


def size_kw(args: list[str], name: str, value, default: int) -> None:
    """Append ``name=size`` unless both sides are the default."""
    if pair(value) != (default, default):
        args.append(f"{name}={size(value)}")


def call_lines(head: str, args: list[str], tail: str = "", indent: str = "") -> list[str]:
    """``head(args)tail`` split the way ruff format splits a call that is too long for one line."""
    one = f"{indent}{head}({', '.join(args)}){tail}"
    if len(one) <= LINE or not args:
        return [one]
    inner = indent + "    "
    joined = f"{inner}{', '.join(args)}"
    if len(joined) <= LINE:
        return [f"{indent}{head}(", joined, f"{indent}){tail}"]
    return [f"{indent}{head}("] + [f"{inner}{a}," for a in args] + [f"{indent}){tail}"]
