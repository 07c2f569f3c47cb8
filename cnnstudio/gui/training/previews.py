"""What the setup page previews: the learning rate over the run and a few augmented training images.

Both come from the engine's own code: the curve from ``optim.build_scheduler`` stepped as training steps
it, the images from ``data.augment.Augmenter`` after ``data.fit.fit_images`` (what the batcher does),
so the preview cannot drift from what training does. torch is imported only when a preview is drawn.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

from cnnstudio.training.config import TrainingConfig

CURVE_EPOCHS = 400  # longer runs are previewed at this length: the same shape, scaled back on the x axis
CURVE_STEPS = 240  # about this many points over the run


def lr_curve(config: TrainingConfig) -> tuple[list[float], list[float]]:
    """(epoch, learning rate) at each step of the run, as the engine's scheduler sets them."""
    import torch

    from cnnstudio.training.optim import build_scheduler, current_lr

    scale = 1.0
    if config.epochs > CURVE_EPOCHS:
        scale = config.epochs / CURVE_EPOCHS
        step_epochs = max(1, round(config.step_epochs / scale)) if config.step_epochs else 0
        config = config.replace(epochs=CURVE_EPOCHS, step_epochs=step_epochs)
    per_epoch = max(1, min(50, math.ceil(CURVE_STEPS / config.epochs)))
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=config.lr)
    scheduler = build_scheduler(optimizer, config, per_epoch)
    xs, ys = [], []
    total = config.epochs * per_epoch
    with warnings.catch_warnings():  # "scheduler.step() before optimizer.step()": nothing is trained here
        warnings.simplefilter("ignore", UserWarning)
        for step in range(total):
            xs.append(step / per_epoch * scale)
            ys.append(current_lr(optimizer))
            if scheduler is not None:
                scheduler.step()
    xs.append(config.epochs * scale)
    ys.append(ys[-1])
    return xs, ys


def sample_images(spec: str, count: int, seed: int = 0):
    """A few [0, 1] N×C×H×W images of the data source, cheap to get (None when that would mean a long read)."""
    import torch

    from cnnstudio.training.data import parse_spec
    from cnnstudio.training.errors import DataError

    try:
        kind, arg = parse_spec(spec)
    except DataError:
        return None
    if kind == "digits":
        from cnnstudio.training.data.digits import load_digits

        images = load_digits().images
        step = max(1, len(images) // count)
        return images[::step][:count]
    if kind == "shapes":
        from cnnstudio.training.data.shapes import generate_shapes

        return generate_shapes(max(count, 12), seed).images[:count]
    if kind == "folder":
        return _folder_samples(Path(arg).expanduser(), count, torch)
    return None


def _folder_samples(root: Path, count: int, torch):
    from cnnstudio.training.data.folder import decode

    files = []
    try:
        for class_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            files.extend(sorted(f for f in class_dir.iterdir() if f.is_file())[:1])
            if len(files) >= count:
                break
    except OSError:
        return None
    images = []
    for path in files:
        try:
            images.append(decode(path, (3, 64, 64)))
        except Exception:  # a broken file: the preview shows the others (training reports it)
            continue
    return torch.stack(images) if images else None


def augmented(images, config: TrainingConfig, chw: tuple[int, int, int], seed: int):
    """The images as the batcher feeds them: fitted to ``chw``, then augmented (black fill)."""
    import torch

    from cnnstudio.training.data.augment import Augmenter
    from cnnstudio.training.data.fit import fit_images

    fitted = fit_images(images, chw)
    generator = torch.Generator().manual_seed(seed)
    return Augmenter(config.augment, [0.0] * chw[0])(fitted, generator).clamp(0.0, 1.0)
