"""How much memory is free, and a one-line refusal for work that would not fit in it.

An allocation that cannot succeed should be refused before torch tries it: torch's allocator error is a
RuntimeError naming bytes and a C++ frame, and on Linux an overcommitted allocation may succeed and the
process be killed later. Estimates come from shape inference, so nothing is built to find out.
"""

from __future__ import annotations

import os

from ..core.i18n import translate

FLOAT_BYTES = 4  # a parameter is a float32 in a freshly built model
MARGIN_BYTES = 512 << 20  # the interpreter, torch and the exporter's own working memory


def available_bytes() -> int | None:
    """Memory the system can give this process now (Linux MemAvailable), None where it cannot tell."""
    try:
        with open("/proc/meminfo", "rb") as handle:
            for line in handle:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def gigabytes(n: int) -> str:
    """``51.2 GB`` (decimal, as disks and the task manager count); smaller sizes in MB, kB or bytes."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def shortfall(needed: int, what: str, available: int | None = None) -> str | None:
    """A one-line reason when ``needed`` bytes (plus a margin) exceed the free memory, else None."""
    available = available_bytes() if available is None else available
    if available is None or needed + MARGIN_BYTES <= available:
        return None
    return translate("Compiler", "{what} needs {size}; this machine has {free} free").format(
        what=what, size=gigabytes(needed), free=gigabytes(available)
    )
