"""When a loss means the weights have blown up, and the one-line error that stops the run.

A loss that is NaN or infinite has diverged; so has a finite one above 10⁶ times the run's first loss (a
resumed Adam run at a huge learning rate climbs to 1e34 without ever reaching inf). The first loss is that
of the run's first step, kept in the checkpoints so a resumed run judges by the same yardstick. The engine
asks before each backward pass and before each epoch's checkpoint, so a diverged run never overwrites the
last good checkpoint.
"""

from __future__ import annotations

import math

from ..core.i18n import translate
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
        if not math.isfinite(value):
            return ""
        return translate("Training", ", over {factor:.0e} times the first loss {first:.4g}").format(
            factor=FACTOR, first=self.first
        )


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
    if checkpoint:
        kept = translate("Training", "The last good checkpoint is {checkpoint}.").format(checkpoint=checkpoint)
    else:
        kept = translate("Training", "No checkpoint had been written yet.")
    if bad_input:
        advice = translate("Training", "The input images contain NaN or infinite values: check the data.")
    else:
        advice = translate("Training", "The learning rate {lr:g} is probably too high: try {lower:.0e} or lower.")
        advice = advice.format(lr=lr, lower=lr / 10)
    why = watch.reason(value)
    if steps:
        where = translate(
            "Training", "the loss became {loss:.4g} at step {step} (epoch {epoch}, batch {batch} of {batches}){why}"
        ).format(loss=value, step=step, epoch=epoch + 1, batch=number + 1, batches=steps, why=why)
    else:
        where = translate("Training", "the validation loss became {loss:.4g} after epoch {epoch} (step {step}){why}")
        where = where.format(loss=value, epoch=epoch + 1, step=step, why=why)
    error = DivergedError(
        translate("Training", "{where}. {advice} {kept}").format(where=where, advice=advice, kept=kept)
    )
    error.details = {"step": step, "epoch": epoch + 1, "batch": number + 1, "checkpoint": checkpoint}
    return error
