"""Training errors a user can act on: each str() is one line, the CLI exits with code 2."""

from __future__ import annotations


class TrainingError(Exception):
    """A problem with the user's input (config, data, checkpoint, model): one clear line."""

    kind = "bad_input"


class ConfigError(TrainingError):
    """An invalid training config (project meta, command-line overrides)."""


class DataError(TrainingError):
    """A data source that cannot be read or does not fit the model."""


class CheckpointError(TrainingError):
    """A checkpoint or weights file that cannot be read or does not fit the model."""


class DivergedError(TrainingError):
    """The loss became NaN or infinite, or climbed above 10⁶ × the run's first loss; training stopped."""

    kind = "nan_loss"
