"""Typed block parameters: one declaration drives the inspector form, the file format and validation."""

from __future__ import annotations

import copy
import math
import reprlib
from dataclasses import dataclass, field
from typing import Any

from .i18n import translate

# kinds: int, float, bool, choice, size (int or [h, w]), padding (size or 'same'/'valid'), shape (list of ints),
# sizes (a list of up to MAX_SIZES whole numbers within min..max, possibly empty: a Split's channels per output)
KINDS = ("int", "float", "bool", "choice", "size", "padding", "shape", "sizes")
MAX_SIZES = 64
MAX_DIM = 65536  # largest channel count or side an Input may declare
# Integers a file may hold in params at all: what every consumer (Qt spin boxes, torch's C++ arguments) can
# take. Declared ranges are far inside it; a value beyond it is refused at load rather than carried around.
INT_LIMIT = 2**31 - 1


@dataclass(frozen=True)
class Param:
    """One parameter of a block: its kind, default, allowed range or choices, and help text."""

    name: str
    kind: str
    default: Any
    help: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)

    def check(self, value: Any) -> str | None:
        """None if ``value`` is valid, else a one-line reason that shows the allowed range."""
        kind = self.kind
        if kind == "bool":
            return (
                None
                if isinstance(value, bool)
                else translate("Diagnostics", "{name} must be true or false, got {value}").format(
                    name=self.name, value=shown(value)
                )
            )
        if kind == "choice":
            if value in self.choices:
                return None
            return translate("Diagnostics", "{name} must be one of {choices}, got {value}").format(
                name=self.name, choices=", ".join(self.choices), value=shown(value)
            )
        if kind == "int":
            if not _is_int(value):
                return translate("Diagnostics", "{name} must be a whole number, got {value}").format(
                    name=self.name, value=shown(value)
                )
            return self._range(value)
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                return translate("Diagnostics", "{name} must be a number, got {value}").format(
                    name=self.name, value=shown(value)
                )
            return self._range(value)
        if kind == "padding" and value in ("same", "valid"):
            return None
        if kind in ("size", "padding"):
            is_pair = isinstance(value, (list, tuple))
            items = value if is_pair else [value]
            if (is_pair and len(items) != 2) or not all(_is_int(v) for v in items):
                extra = ", 'same' or 'valid'" if kind == "padding" else ""
                return translate(
                    "Diagnostics", "{name} must be a whole number or a pair [h, w]{extra}, got {value}"
                ).format(name=self.name, extra=extra, value=shown(value))
            for v in items:
                reason = self._range(v)
                if reason:
                    return reason
            return None
        if kind == "shape":
            if (
                not isinstance(value, (list, tuple))
                or not 1 <= len(value) <= 3
                or not all(_is_int(v) and 1 <= v <= MAX_DIM for v in value)
            ):
                return translate(
                    "Diagnostics", "{name} must be 1 to 3 whole numbers from 1 to {max_dim} (C, H, W), got {value}"
                ).format(name=self.name, max_dim=MAX_DIM, value=shown(value))
            return None
        if kind == "sizes":
            if not isinstance(value, (list, tuple)) or len(value) > MAX_SIZES or not all(_is_int(v) for v in value):
                return translate(
                    "Diagnostics", "{name} must be a list of at most {count} whole numbers, got {value}"
                ).format(name=self.name, count=MAX_SIZES, value=shown(value))
            for v in value:
                reason = self._range(v)
                if reason:
                    return reason
            return None
        raise ValueError(f"unknown param kind {kind!r}")

    def suggest(self, value: Any) -> Any:
        """A valid value near ``value``: numbers clamped into the range, anything else the default."""
        if self.check(value) is None:
            return value
        if self.kind in ("int", "float") and _is_number(value) and value == value:
            if self.kind == "float":
                v = self._clamp(value)  # clamped before float(): a huge int overflows it
                return float(v) if _is_int(v) and abs(v) < 1e300 else v
            if _is_int(value):
                return self._clamp(value)
            return self._clamp(int(value)) if math.isfinite(value) and value.is_integer() else self._default()
        if self.kind in ("size", "padding"):
            items = value if isinstance(value, (list, tuple)) else [value]
            if len(items) in (1, 2) and all(_is_int(v) for v in items):
                clamped = [self._clamp(v) for v in items]
                return clamped[0] if len(clamped) == 1 else clamped
        return self._default()

    def _default(self):
        return copy.deepcopy(self.default)

    def _clamp(self, v):
        if self.min is not None and v < self.min:
            v = type(v)(self.min)
        if self.max is not None and v > self.max:
            v = type(v)(self.max)
        return v if self.check(v) is None else self._default()

    def _range(self, v) -> str | None:
        lo, hi = self.min, self.max
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            lo_s = "−∞" if lo is None else number_text(lo)
            hi_s = "∞" if hi is None else number_text(hi)
            return translate("Diagnostics", "{name} = {value} is outside the allowed range [{low}, {high}]").format(
                name=self.name, value=number_text(v), low=lo_s, high=hi_s
            )
        return None

    def to_json(self) -> dict:
        """Describe this parameter for tools and documentation."""
        out = {"name": self.name, "kind": self.kind, "default": self.default, "help": self.help}
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        if self.choices:
            out["choices"] = list(self.choices)
        return out


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def number_text(v) -> str:
    """A number for a message, kept short however large it is (a file may hold 10**4000)."""
    if isinstance(v, int):
        return str(v) if -(10**15) < v < 10**15 else _huge(v)
    if not math.isfinite(v):
        return str(v)
    if abs(v) >= 1e15:
        return f"{v:.3g}"
    return str(int(v)) if v.is_integer() else str(v)


def _huge(v: int) -> str:
    """1.23e+400 for an int too large for float() (and for str(), past Python's 4,300-digit limit)."""
    sign = "−" if v < 0 else ""
    v = abs(v)
    digits = int(v.bit_length() * 0.30102999566398)  # log10(2): the exponent, or one below it
    if digits > 4000:
        return f"{sign}≈1e+{digits}"
    text = str(v)
    return f"{sign}{text[0]}.{text[1:3]}e+{len(text) - 1}"


class _ShortRepr(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxstring = self.maxother = 40
        self.maxlist = self.maxtuple = self.maxdict = 4
        self.maxlevel = 3

    def repr_int(self, x, level):
        return number_text(x)


_SHORT = _ShortRepr()


def shown(value: Any) -> str:
    """``repr(value)`` cut short: a message quoting a value from a file stays one short line."""
    return _SHORT.repr(value)
