"""Training: datasets, the training engine, checkpoints and metrics."""
