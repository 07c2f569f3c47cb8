"""Training: data sources, the training engine, checkpoints and metrics.

One engine, three front ends: ``cnnstudio train`` (command.py), the GUI's child process speaking JSON
lines (worker.py, which documents the protocol) and, later, torchrun (engine.RunContext).

- config.py — ``TrainingConfig``, saved in the project as ``graph.meta["training"]``
- data/ — the sources named by a spec (``digits``, ``shapes``, ``folder:PATH``, ``mnist:ROOT``, ...) and the
  ``Feeder`` that fits, normalises, augments and batches them
- session.py — from a project file and options to a ready Trainer; engine.py — the loop
- losses.py, evaluate.py, metrics.py — per-head losses, validation, confusion matrix, sample images
- checkpoint.py — safetensors + JSON checkpoints (``last``, ``best``), exact resume
- events.py — the events and their sinks (JSON lines, progress bar); stop.py — graceful stop requests

Importing this package does not import torch.
"""

from .config import Augmentation, TrainingConfig
from .errors import CheckpointError, ConfigError, DataError, DivergedError, TrainingError

__all__ = [
    "Augmentation",
    "CheckpointError",
    "ConfigError",
    "DataError",
    "DivergedError",
    "TrainingConfig",
    "TrainingError",
]
