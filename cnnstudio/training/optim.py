"""Optimisers and learning-rate schedules from the training config (PyTorch's own classes)."""

from __future__ import annotations

import warnings

import torch

from ..core.i18n import translate
from .config import TrainingConfig
from .errors import TrainingError


def trainable_parameters(model: torch.nn.Module) -> list[torch.nn.Parameter]:
    """Only what can learn: frozen nodes (transfer learning) are left out of the optimiser."""
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise TrainingError(translate("Training", "every layer is frozen: nothing to train (unfreeze some nodes)"))
    return params


def group_lr(group: dict, config: TrainingConfig) -> float:
    """A parameter group's base learning rate: a GAN's discriminator may have its own (``lr_discriminator``)."""
    if group.get("network") == "discriminator" and config.lr_discriminator is not None:
        return config.lr_discriminator
    return config.lr


def build_optimizer(model: torch.nn.Module, config: TrainingConfig) -> torch.optim.Optimizer:
    # a model with parts that learn at their own rates (a GAN's two networks) names its groups
    named = model.parameter_groups() if hasattr(model, "parameter_groups") else None
    params = [dict(group, lr=group_lr(group, config)) for group in named] if named else trainable_parameters(model)
    if config.optimizer == "sgd":
        return torch.optim.SGD(params, lr=config.lr, momentum=config.momentum, weight_decay=config.weight_decay)
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=config.lr, betas=config.betas, weight_decay=config.weight_decay)
    return torch.optim.AdamW(params, lr=config.lr, betas=config.betas, weight_decay=config.weight_decay)


def build_scheduler(optimizer, config: TrainingConfig, steps_per_epoch: int):
    """A scheduler stepped once per batch, or None for a constant learning rate."""
    total = config.epochs * steps_per_epoch
    if config.schedule == "none":
        return None
    if config.schedule == "step":
        every = config.step_epochs or max(1, config.epochs // 3)
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=every * steps_per_epoch, gamma=config.gamma)
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, total))
    peaks = [group_lr(group, config) for group in optimizer.param_groups]
    return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=peaks, total_steps=max(2, total))


def fast_forward(optimizer, config: TrainingConfig, steps_per_epoch: int, steps: int):
    """A scheduler as it is after ``steps`` batches, for resuming.

    Stepping a fresh scheduler repeats the uninterrupted run's arithmetic exactly, and follows a changed
    number of epochs (whose cosine or one-cycle shape differs) without loading a stale total.
    """
    for group in optimizer.param_groups:  # the values a fresh optimiser starts from
        group.pop("initial_lr", None)
        group["lr"] = group_lr(group, config)
    scheduler = build_scheduler(optimizer, config, steps_per_epoch)
    if scheduler is None:
        return None
    with warnings.catch_warnings():  # "scheduler.step() before optimizer.step()": intended here
        warnings.simplefilter("ignore", UserWarning)
        for _ in range(steps):
            scheduler.step()
    return scheduler


def current_lr(optimizer) -> float:
    return float(optimizer.param_groups[0]["lr"])
