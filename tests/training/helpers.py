"""Tiny graphs and data for the training tests: trains in a fraction of a second."""

from __future__ import annotations

import torch

from cnnstudio.compiler import compile_model
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.data import DataSplit, Feeder, ImageSet
from cnnstudio.training.data.base import split_set
from cnnstudio.training.engine import Trainer
from cnnstudio.training.probe import HealthProbe


def tiny_classifier(
    classes: int = 4, input_shape=(1, 8, 8), dropout: bool = False, batchnorm: bool = False, aux: bool = False
):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    x = b.add("conv2d", "conv1", x, out_channels=4, kernel_size=3, padding=1)
    if batchnorm:
        x = b.add("batchnorm2d", "bn1", x)
    x = b.add("relu", "relu1", x)
    x = b.add("maxpool2d", "pool1", x, kernel_size=2, stride=2)
    flat = b.add("flatten", "flatten", x)
    x = b.add("dropout", "drop", flat, p=0.3) if dropout else flat
    x = b.add("linear", "fc", x, out_features=classes)
    b.add("classification_output", "output", x)
    if aux:
        a = b.add("linear", "aux_fc", flat, out_features=classes)
        b.add("classification_output", "aux_output", a, auxiliary=True, loss_weight=0.3)
    return b.build()


def tiny_autoencoder(input_shape=(1, 8, 8), squash: bool = True):
    """``squash``: a sigmoid bounds the output (without it, blown-up weights give huge but finite losses)."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(input_shape))
    layers = [
        ("conv2d", "encoder", dict(out_channels=6, kernel_size=3, stride=2, padding=1)),  # 6×4×4
        ("relu", "act", {}),
        ("conv_transpose2d", "decoder", dict(out_channels=input_shape[0], kernel_size=4, stride=2, padding=1)),
        ("sigmoid", "squash", {}),
        ("reconstruction_output", "output", {}),
    ]
    b.chain(x, *[layer for layer in layers if squash or layer[1] != "squash"])
    return b.build()


def blob_images(n: int = 96, classes: int = 4, size: int = 8, channels: int = 1, seed: int = 0) -> ImageSet:
    """Class k: a bright square in quadrant k, plus noise. Easy to learn, not trivial at step 0."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % classes
    images = 0.15 * torch.rand(n, channels, size, size, generator=g)
    half = size // 2
    for i, k in enumerate(labels.tolist()):
        r, c = divmod(k % 4, 2)
        images[i, :, r * half : (r + 1) * half, c * half : (c + 1) * half] += 0.7
    return ImageSet(images.clamp(0, 1), labels)


def blob_split(n: int = 96, classes: int = 4, size: int = 8, channels: int = 1, seed: int = 0) -> DataSplit:
    train, val = split_set(blob_images(n, classes, size, channels, seed), 0.25, seed)
    return DataSplit("blobs", [f"c{k}" for k in range(classes)], train, val)


def make_trainer(graph, split: DataSplit, config: TrainingConfig, **kwargs) -> Trainer:
    """What session.prepare does, minus the project file and the data spec (with the GUI's epoch probe)."""
    kwargs.setdefault("epoch_probe", HealthProbe())
    torch.manual_seed(config.seed)
    model = compile_model(graph)
    feeder = Feeder(
        split,
        model.input_shape,
        batch_size=config.batch_size,
        seed=config.seed,
        normalize=config.normalize,
        augmentation=config.augment,
        device="cpu",
        workers=0,
        reconstruct=any(h.kind == "reconstruction" for h in model.heads),
    )
    return Trainer(model, feeder, config, **kwargs)
