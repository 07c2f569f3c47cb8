"""Progress for long steps, shown on a terminal only (stderr), never in output a program reads."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator

from .core.i18n import translate


@contextlib.contextmanager
def step(text: str, stream=None) -> Iterator[None]:
    """``exporting to ONNX… done in 12.3 s`` on stderr when it is a terminal; silent otherwise."""
    stream = stream or sys.stderr
    shown = _is_terminal(stream)
    if shown:
        print(f"{text}…", end="", file=stream, flush=True)
    began = time.perf_counter()
    try:
        yield
    except BaseException:
        if shown:
            print(translate("CLI", " failed"), file=stream, flush=True)
        raise
    if shown:
        done = translate("CLI", " done in {seconds:.1f} s").format(seconds=time.perf_counter() - began)
        print(done, file=stream, flush=True)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False
