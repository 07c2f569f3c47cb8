"""Worker events made by hand, shaped like the protocol in cnnstudio/training/worker.py."""

from __future__ import annotations

import base64

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage


def png(shade: int, size: int = 12) -> str:
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor(shade, shade, shade))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data)).decode("ascii")


def started(kind: str = "classification", classes=("circle", "square"), epochs: int = 3, steps: int = 10) -> dict:
    return {
        "event": "started",
        "t": 1.0,
        "protocol": 1,
        "device": "cpu",
        "model": {"params": 100, "trainable_params": 100, "heads": [{"name": "output", "kind": kind}]},
        "data": {"name": "shapes", "classes": list(classes), "train_size": 48, "val_size": 12},
        "epochs": epochs,
        "steps_per_epoch": steps,
        "start_epoch": 0,
        "start_batch": 0,
        "step": 0,
        "resumed": False,
        "history": [],
    }


def batch(step: int, steps: int = 10, epochs: int = 3) -> dict:
    return {
        "event": "batch",
        "t": 1.0 + 0.1 * step,
        "epoch": (step - 1) // steps + 1,
        "epochs": epochs,
        "batch": (step - 1) % steps + 1,
        "batches": steps,
        "step": step,
        "loss": 2.0 / step,
        "losses": [2.0 / step],
        "lr": 0.01,
        "images_per_s": 500.0,
    }


def epoch_end(epoch: int = 1, step: int = 10, **fields) -> dict:
    return {
        "event": "epoch_end",
        "t": 3.0,
        "epoch": epoch,
        "epochs": 3,
        "step": step,
        "train_loss": 0.9,
        "train_accuracy": 0.6,
        "val_loss": 0.8,
        "val_accuracy": 5 / 6,
        "lr": 0.01,
        "seconds": 1.0,
        "images_per_s": 500.0,
        "best": True,
        **fields,
    }


def classification_end(**fields) -> dict:
    samples = [
        {"index": 4, "label": 1, "predicted": 0, "confidence": 0.7, "image": png(200)},
        {"index": 0, "label": 0, "predicted": 0, "confidence": 0.9, "image": png(40)},
    ]
    return epoch_end(confusion=[[3, 0], [1, 2]], per_class_accuracy=[1.0, 2 / 3], samples=samples, **fields)


def colour_png(rgb: tuple[int, int, int], size: int) -> str:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(*rgb))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data)).decode("ascii")


def detection_end(**fields) -> dict:
    """A detector's epoch end: mAP, AP per class at 0.5 and 0.5:0.95, loss parts, box samples worst first."""
    samples = [
        {
            "index": 3,
            "score": 0.2,
            "image": colour_png((0, 0, 0), 32),  # a thumbnail of half the frame's size
            "width": 64,
            "height": 64,
            "boxes": [[8.0, 8.0, 40.0, 40.0]],
            "scores": [0.91],
            "labels": [1],
            "truth_boxes": [[30.0, 30.0, 60.0, 60.0]],
            "truth_labels": [0],
        },
        {
            "index": 0,
            "score": 0.95,
            "image": colour_png((0, 0, 60), 64),  # navy: the black pixels are the first tile's
            "boxes": [],
            "scores": [],
            "labels": [],
            "truth_boxes": [],
            "truth_labels": [],
        },
    ]
    return epoch_end(
        train_accuracy=None,
        val_accuracy=None,
        val_map50=0.75,
        val_map=0.5,
        ap_per_class={"circle": 0.6, "square": 0.4, "triangle": None},
        ap50_per_class={"circle": 0.9, "square": 0.6, "triangle": None},
        val_loss_cls=0.3,
        val_loss_box=0.2,
        val_loss_offset=0.1,
        box_samples=samples,
        **fields,
    )
