"""Whole-graph passes over large graphs: the cyclic garbage collector paused while one runs.

Loading or inferring a 100,000-node graph creates a few hundred thousand small containers that hold no
reference cycles. Each of them counts towards the collector's next pass, and every pass walks everything
still alive, so with the collector on, the cost per node grows with the graph (1.6× at 100,000 nodes,
measured by bench/large_graphs.py). Pausing it for the pass keeps the cost per node flat; anything the
pass leaves unreachable is collected as usual after it.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with the cyclic garbage collector off (left as it was: nested and threaded calls are safe)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # an outer pass (or the caller) already paused it
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper
