"""The Training panel's one-line texts about a run: started, each epoch, finished, stopped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def clock(seconds: float | None) -> str:
    """0:42, 12:05, 1:02:03."""
    if seconds is None:
        return "–"
    s = int(max(0, round(seconds)))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def started_text(e: dict) -> str:
    data, model = e.get("data") or {}, e.get("model") or {}
    trainable, total = model.get("trainable_params", 0), model.get("params", 0)
    params = (
        QCoreApplication.translate("Runs", "{0:,} parameters").format(trainable)
        if trainable == total
        else QCoreApplication.translate("Runs", "{0:,} of {1:,} parameters").format(trainable, total)
    )
    resumed = (
        QCoreApplication.translate("Runs", ", resumed at epoch {0}").format(e.get("start_epoch", 0) + 1)
        if e.get("resumed")
        else ""
    )
    return QCoreApplication.translate(
        "Runs", "Training {0} on {1}: {2}, {3:,} training / {4:,} validation images{5}"
    ).format(
        params, e.get("device", "?"), data.get("name", "?"), data.get("train_size", 0), data.get("val_size", 0), resumed
    )


def epoch_text(e: dict) -> str:
    parts = [
        QCoreApplication.translate("Runs", "Epoch {0}/{1}: val loss {2:.4f}").format(
            e["epoch"], e["epochs"], e["val_loss"]
        )
        if e.get("val_loss") is not None
        else ""
    ]
    if e.get("val_accuracy") is not None:
        parts.append(QCoreApplication.translate("Runs", "val accuracy {0}").format(percent(e["val_accuracy"])))
    if e.get("val_map50") is not None:
        text = QCoreApplication.translate("Runs", "mAP@0.5 {0:.3f} · mAP@[.5:.95] {1:.3f}")
        parts.append(text.format(e["val_map50"], e.get("val_map") or 0.0))
    return " · ".join(p for p in parts if p)


def finished_text(e: dict, seconds: float) -> str:
    best = e.get("best") or {}
    if e.get("val_accuracy") is not None:
        text = QCoreApplication.translate("Runs", "Finished at epoch {0}: val accuracy {1}").format(
            e.get("epochs"), percent(e["val_accuracy"])
        )
        if best.get("metric") == "accuracy" and best.get("epoch") != e.get("epochs"):
            text += QCoreApplication.translate("Runs", " (best {0} at epoch {1})").format(
                percent(best.get("value")), best.get("epoch")
            )
    elif best.get("metric") == "map50" and best.get("value") is not None:
        text = QCoreApplication.translate("Runs", "Finished at epoch {0}: best mAP@0.5 {1:.3f} at epoch {2}")
        text = text.format(e.get("epochs"), best["value"], best.get("epoch"))
    elif e.get("val_loss") is not None:
        text = QCoreApplication.translate("Runs", "Finished at epoch {0}: val loss {1:.5f}").format(
            e.get("epochs"), e["val_loss"]
        )
    else:
        text = QCoreApplication.translate("Runs", "Finished at epoch {0}").format(e.get("epochs"))
    return QCoreApplication.translate("Runs", "{0} in {1}").format(text, clock(seconds))


def stopped_text(e: dict) -> str:
    at = (
        QCoreApplication.translate("Runs", "in epoch {0} after batch {1}").format(e["epoch"], e["batch"])
        if e.get("batch")
        else QCoreApplication.translate("Runs", "after epoch {0}").format(e.get("epoch"))
    )
    saved = (
        QCoreApplication.translate("Runs", "; Resume continues from its checkpoint")
        if e.get("checkpoint")
        else QCoreApplication.translate("Runs", "; no checkpoint was written")
    )
    return QCoreApplication.translate("Runs", "Stopped {0}{1}").format(at, saved)
