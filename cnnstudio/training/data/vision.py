"""MNIST, Fashion-MNIST and CIFAR-10 through torchvision, from a local folder (downloaded only when allowed)."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import torch

from ...core.i18n import translate
from ..errors import DataError
from .base import DataSplit, ImageSet

SOURCES = {  # spec name → (torchvision class name, display name)
    "mnist": ("MNIST", "MNIST"),
    "fashion-mnist": ("FashionMNIST", "Fashion-MNIST"),
    "cifar10": ("CIFAR10", "CIFAR-10"),
}


def _as_image_set(dataset) -> ImageSet:
    data = dataset.data
    images = torch.from_numpy(np.ascontiguousarray(data)) if isinstance(data, np.ndarray) else data
    images = images.unsqueeze(1) if images.ndim == 3 else images.permute(0, 3, 1, 2)  # → N×C×H×W uint8
    labels = torch.as_tensor(dataset.targets, dtype=torch.int64)
    return ImageSet(images.contiguous(), labels)


def vision_split(kind: str, root: str, allow_download: bool) -> DataSplit:
    """The official train set for training and its test set for validation."""
    import torchvision.datasets as tvd

    class_name, display = SOURCES[kind]
    cls = getattr(tvd, class_name)
    sets = []
    for train in (True, False):
        chatter = io.StringIO()  # torchvision's download progress and per-mirror failures: one line from us instead
        try:
            with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(chatter):
                sets.append(cls(root, train=train, download=allow_download))
        except RuntimeError as exc:
            if allow_download:
                raise DataError(
                    translate("Data", "{display} could not be read from {root} after downloading: {reason}").format(
                        display=display, root=root, reason=exc
                    )
                ) from None
            raise DataError(
                translate(
                    "Data",
                    "{display} is not in {root} ({reason}): copy it there, or allow downloading (--download) when online",
                ).format(display=display, root=root, reason=str(exc).split(".")[0].lower())
            ) from None
        except Exception as exc:  # network errors come in many types (URLError, socket, HTTP, SSL)
            reason = getattr(exc, "reason", None) or exc
            raise DataError(
                translate("Data", "could not download {display} into {root} (offline?): {reason}").format(
                    display=display, root=root, reason=reason
                )
            ) from None
    train_set, val_set = (_as_image_set(s) for s in sets)
    return DataSplit(f"{kind}:{root}", [str(c) for c in sets[0].classes], train_set, val_set)
