"""When a loss means the weights have blown up, and the one-line error that stops the run.

A loss that is NaN or infinite has diverged; so has a finite one above 10⁶ times the run's first loss (a
resumed Adam run at a huge learning rate climbs to 1e34 without ever reaching inf). The first loss is that
of the run's first step, kept in the checkpoints so a resumed run judges by the same yardstick. The engine
asks before each backward pass and before each epoch's checkpoint, so a diverged run never overwrites the
last good checkpoint.
"""

from __future__ import annotations

import math

from .errors import DivergedError

FACTOR = 1e6  # how far above the first loss a loss may climb
FLOOR = 1e-3  # a first loss of (nearly) zero still allows losses up to FACTOR · FLOOR


class DivergenceWatch:
    """Judges losses against the run's first one (``first``: known from a checkpoint, else the next loss seen)."""

    def __init__(self, first: float | None = None):
        self.first = first
        self.limit = math.inf if first is None else FACTOR * max(first, FLOOR)

    def diverged(self, value: float) -> bool:
        """True for NaN, inf, or more than FACTOR × the first loss (the first finite loss sets the yardstick)."""
        if not math.isfinite(value):
            return True
        if self.first is None:
            self.first = value
            self.limit = FACTOR * max(value, FLOOR)
            return False
        return value > self.limit

    def reason(self, value: float) -> str:
        return "" if not math.isfinite(value) else f", over {FACTOR:.0e} times the first loss {self.first:.4g}"


def diverged_error(
    watch: DivergenceWatch,
    value: float,
    *,
    step: int,
    epoch: int,
    number: int,
    steps: int,
    lr: float,
    bad_input: bool,
    checkpoint: str | None,
) -> DivergedError:
    """The error for a diverged loss at a training step (``steps`` 0: in the validation after ``epoch``)."""
    kept = f"the last good checkpoint is {checkpoint}" if checkpoint else "no checkpoint had been written yet"
    if bad_input:
        advice = "The input images contain NaN or infinite values: check the data."
    else:
        advice = f"The learning rate {lr:g} is probably too high: try {lr / 10:.0e} or lower."
    why = watch.reason(value)
    where = (
        f"the loss became {value:.4g} at step {step} (epoch {epoch + 1}, batch {number + 1} of {steps}){why}"
        if steps
        else f"the validation loss became {value:.4g} after epoch {epoch + 1} (step {step}){why}"
    )
    error = DivergedError(f"{where}; training stopped. {advice} {kept[0].upper()}{kept[1:]}.")
    error.details = {"step": step, "epoch": epoch + 1, "batch": number + 1, "checkpoint": checkpoint}
    return error
