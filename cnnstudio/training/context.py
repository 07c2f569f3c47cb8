"""Where this process stands in a run: alone (RunContext), or one of several under torchrun (distributed.py)."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass
class RunContext:
    """This process's place in a run: a single process here; distributed.DistributedContext under torchrun.

    Every method is a collective in a distributed run: all processes call it at the same point.
    """

    rank: int = 0
    world_size: int = 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.world_size > 1

    def reduce_sum(self, values: torch.Tensor) -> torch.Tensor:
        """Sum a metric tensor over all processes (identity in a single process)."""
        return values

    def any(self, flag: bool) -> bool:
        """True on every process when it is true on any."""
        return flag

    def agree_step(self, loss: float, images: int, stop: bool) -> tuple[float, bool]:
        """A step's loss (the mean over all processes' images) and whether any process was asked to stop."""
        return loss, stop

    def wrap(self, model: torch.nn.Module) -> torch.nn.Module:
        """The module to train through (DistributedDataParallel when distributed)."""
        return model

    def sync_buffers(self, model: torch.nn.Module) -> None:
        """Give every process rank 0's buffers (batch-norm statistics) before evaluating and saving."""
