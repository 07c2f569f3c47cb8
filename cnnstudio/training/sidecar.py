"""What a checkpoint's sidecar (``last.json``) may hold: every value the engine reads is checked at load.

A sidecar is a file someone may have edited or damaged; a bad value becomes one CheckpointError naming the
file and the key (``runs/a/last.json: batch must be a whole number ≥ 0, got -3``), never a traceback later
in the middle of a resume.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

from ..core.i18n import QT_TRANSLATE_NOOP, translate
from .config import TrainingConfig
from .errors import CheckpointError, ConfigError

MAX_COUNT = 2**53  # epochs, batches and steps beyond this are not counts a run produced (and not exact in JSON)
_HEX = re.compile(r"[0-9a-f]+")
_SHOWN = 60  # characters of a bad value quoted in a message


def validate_sidecar(meta: dict[str, Any], sidecar: Path, version: int) -> None:
    """Raise CheckpointError (one line naming the key) for a value a resume could not use."""

    def bad(key: str, expected: str, value: Any) -> CheckpointError:
        shown = repr(value)
        shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"
        return CheckpointError(
            translate("Training", "{sidecar}: {key} must be {expected}, got {shown}").format(
                sidecar=sidecar, key=key, expected=translate("Training", expected), shown=shown
            )
        )

    def count(key: str, value: Any, low: int = 0) -> None:
        if not _is_int(value) or not low <= value <= MAX_COUNT:
            raise bad(key, translate("Training", "a whole number ≥ {low}").format(low=low), value)

    if not isinstance(meta["token"], str) or not _HEX.fullmatch(meta["token"]):
        raise bad("token", QT_TRANSLATE_NOOP("Training", "a hexadecimal string"), meta["token"])
    for key in ("weights", "state"):
        name = meta[key]
        if not isinstance(name, str) or not name.endswith(".safetensors") or not _plain_name(name):
            raise bad(key, QT_TRANSLATE_NOOP("Training", "a .safetensors file name beside the sidecar"), name)
    if version >= 2:
        sums = meta.get("sha256")
        if not isinstance(sums, dict):
            raise bad("sha256", QT_TRANSLATE_NOOP("Training", "an object with the checksums of the tensor files"), sums)
        for key in ("weights", "state"):
            digest = sums.get(key)
            if not isinstance(digest, str) or len(digest) != 64 or not _HEX.fullmatch(digest):
                raise bad(
                    f"sha256.{key}", QT_TRANSLATE_NOOP("Training", "a SHA-256 digest (64 hexadecimal digits)"), digest
                )
    for key in ("epochs_done", "batch", "step"):
        count(key, meta[key])
    if "processes" in meta:
        count("processes", meta["processes"], 1)
    if meta.get("kind") is not None and not isinstance(meta["kind"], str):
        raise bad("kind", QT_TRANSLATE_NOOP("Training", "a string"), meta["kind"])
    if not isinstance(meta["config"], dict):
        raise bad("config", QT_TRANSLATE_NOOP("Training", "an object (the training config)"), meta["config"])
    try:
        TrainingConfig.from_dict(meta["config"])
    except ConfigError as exc:
        raise CheckpointError(f"{sidecar}: {exc}") from None
    progress = meta.get("progress")
    if progress is not None:
        if not isinstance(progress, dict):
            raise bad("progress", QT_TRANSLATE_NOOP("Training", "an object or null"), progress)
        if not _is_number(progress.get("loss_sum")):
            raise bad("progress.loss_sum", QT_TRANSLATE_NOOP("Training", "a finite number"), progress.get("loss_sum"))
        for key in ("correct", "seen"):
            count(f"progress.{key}", progress.get(key))
    history = meta.get("history", [])
    if not isinstance(history, list):
        raise bad("history", QT_TRANSLATE_NOOP("Training", "a list of objects"), history)
    for i, entry in enumerate(history):  # the engine and the curves read these numbers back
        if not isinstance(entry, dict) or not {"val_loss", "val_accuracy"} <= set(entry):
            raise bad(f"history.{i}", QT_TRANSLATE_NOOP("Training", "an object with val_loss and val_accuracy"), entry)
        for key, value in entry.items():
            if value is not None and not _is_number(value):
                raise bad(f"history.{i}.{key}", QT_TRANSLATE_NOOP("Training", "a finite number or null"), value)
    best = meta.get("best")
    if best is not None:
        if not isinstance(best, dict) or not isinstance(best.get("metric"), str):
            raise bad("best", QT_TRANSLATE_NOOP("Training", "an object with metric, value and epoch, or null"), best)
        if not _is_number(best.get("value")):
            raise bad("best.value", QT_TRANSLATE_NOOP("Training", "a finite number"), best.get("value"))
        count("best.epoch", best.get("epoch"))
    data = meta.get("data")
    if data is not None:
        if not isinstance(data, dict):
            raise bad("data", QT_TRANSLATE_NOOP("Training", "an object"), data)
        classes = data.get("classes", [])
        if not isinstance(classes, list) or not all(isinstance(c, str) for c in classes):
            raise bad("data.classes", QT_TRANSLATE_NOOP("Training", "a list of class names"), classes)
    _validate_optimizer(meta.get("optimizer"), bad)


def _validate_optimizer(saved: Any, bad) -> None:
    """The optimiser's structure (its tensors are checked against the state file when restored)."""
    if saved is None:
        return
    if not isinstance(saved, dict) or not isinstance(saved.get("state"), dict):
        raise bad("optimizer", QT_TRANSLATE_NOOP("Training", "an object with a state and param_groups"), saved)
    for pid, entries in saved["state"].items():
        if not (pid.isascii() and pid.isdigit()) or not isinstance(entries, dict):
            raise bad(
                f"optimizer.state.{pid}", QT_TRANSLATE_NOOP("Training", "an object under a parameter number"), entries
            )
        for key, value in entries.items():
            if isinstance(value, dict) and not isinstance(value.get("tensor"), str):
                raise bad(
                    f"optimizer.state.{pid}.{key}", QT_TRANSLATE_NOOP("Training", 'a number or {"tensor": NAME}'), value
                )
    groups = saved.get("param_groups")
    if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
        raise bad("optimizer.param_groups", QT_TRANSLATE_NOOP("Training", "a list of objects"), groups)
    for i, group in enumerate(groups):
        params = group.get("params")
        if not isinstance(params, list) or not all(_is_int(p) and p >= 0 for p in params):
            raise bad(
                f"optimizer.param_groups.{i}.params",
                QT_TRANSLATE_NOOP("Training", "a list of parameter numbers"),
                params,
            )
        for key, value in group.items():
            numbers = value if key == "betas" and isinstance(value, list) else [value]
            if key != "params" and any(isinstance(v, float) and not math.isfinite(v) for v in numbers):
                raise bad(f"optimizer.param_groups.{i}.{key}", QT_TRANSLATE_NOOP("Training", "a finite number"), value)
        if "lr" in group and not (_is_number(group["lr"]) and group["lr"] >= 0):
            raise bad(
                f"optimizer.param_groups.{i}.lr", QT_TRANSLATE_NOOP("Training", "a finite number ≥ 0"), group["lr"]
            )


def _plain_name(name: str) -> bool:
    """A file name the system can open beside the sidecar: no folder, NUL, lone surrogate or over-long name."""
    if Path(name).name != name or "\\" in name or "\0" in name:
        return False
    try:
        return len(os.fsencode(name)) <= 255
    except UnicodeError:
        return False


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
