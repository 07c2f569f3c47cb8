"""The project's training config (``graph.meta["training"]``) as an undoable edit.

Changing epochs or the learning rate in the panel is one undo step like any other edit, and it marks
the document modified, because the config is saved with the project.
"""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import QCoreApplication

from cnnstudio.core.edits import Edit
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.training.config import META_KEY, TrainingConfig
from cnnstudio.training.errors import ConfigError

LABELS = {
    "epochs": QT_TRANSLATE_NOOP("ConfigEdit", "epochs"),
    "batch_size": QT_TRANSLATE_NOOP("ConfigEdit", "batch size"),
    "lr": QT_TRANSLATE_NOOP("ConfigEdit", "learning rate"),
    "optimizer": QT_TRANSLATE_NOOP("ConfigEdit", "optimizer"),
    "data": QT_TRANSLATE_NOOP("ConfigEdit", "data"),
    "schedule": QT_TRANSLATE_NOOP("ConfigEdit", "schedule"),
    "weight_decay": QT_TRANSLATE_NOOP("ConfigEdit", "weight decay"),
    "momentum": QT_TRANSLATE_NOOP("ConfigEdit", "momentum"),
    "step_epochs": QT_TRANSLATE_NOOP("ConfigEdit", "step interval"),
    "val_split": QT_TRANSLATE_NOOP("ConfigEdit", "validation split"),
    "label_smoothing": QT_TRANSLATE_NOOP("ConfigEdit", "label smoothing"),
    "normalize": QT_TRANSLATE_NOOP("ConfigEdit", "normalisation"),
    "workers": QT_TRANSLATE_NOOP("ConfigEdit", "loader processes"),
    "augment": QT_TRANSLATE_NOOP("ConfigEdit", "augmentation"),
    "gan_loss": QT_TRANSLATE_NOOP("ConfigEdit", "GAN loss"),
    "score_classifier": QT_TRANSLATE_NOOP("ConfigEdit", "score classifier"),
    "score_weights": QT_TRANSLATE_NOOP("ConfigEdit", "score classifier's weights"),
}


class SetTrainingConfig(Edit):
    """Replace the saved training config; revert puts the old one (or its absence) back exactly."""

    def __init__(self, config: dict | None, text: str | None = None):
        self.config = copy.deepcopy(config)
        self.text = text or QCoreApplication.translate("ConfigEdit", "Change training settings")
        self._old: dict | None = None
        self._had = False

    def apply(self, graph: Graph) -> None:
        self._had = META_KEY in graph.meta
        self._old = copy.deepcopy(graph.meta.get(META_KEY))
        if self.config is None:
            graph.meta.pop(META_KEY, None)
        else:
            graph.meta[META_KEY] = copy.deepcopy(self.config)

    def revert(self, graph: Graph) -> None:
        if self._had:
            graph.meta[META_KEY] = copy.deepcopy(self._old)
        else:
            graph.meta.pop(META_KEY, None)


def read_config(graph: Graph) -> tuple[TrainingConfig, str | None]:
    """The project's config; or what of it can be used (``salvaged_config``) and the one-line reason why not all."""
    try:
        return TrainingConfig.from_graph(graph), None
    except ConfigError as exc:
        return salvaged_config(graph), str(exc)


def salvaged_config(graph: Graph) -> TrainingConfig:
    """The project's config with only its unusable keys left at their defaults (a weight decay of -1 must not
    take the learning rate, the schedule and the epochs with it when the next setting is changed)."""
    raw = graph.meta.get(META_KEY)
    kept: dict = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            try:
                TrainingConfig.from_dict({**kept, key: value})
            except ConfigError:
                continue
            kept[key] = value
    return TrainingConfig.from_dict(kept)


def config_edit(graph: Graph, **changes) -> SetTrainingConfig | None:
    """The edit that changes these keys (None when nothing changes); ConfigError for a bad value."""
    current, problem = read_config(graph)
    if problem is None and all(getattr(current, k) == v for k, v in changes.items()):
        return None
    updated = current.replace(**changes)
    names = ", ".join(QCoreApplication.translate("ConfigEdit", LABELS[k]) if k in LABELS else k for k in changes)
    value = next(iter(changes.values())) if len(changes) == 1 else None
    shown = value is not None and not dataclasses.is_dataclass(value)  # "Change augmentation", not its repr
    text = (
        QCoreApplication.translate("ConfigEdit", "Set {0} to {1}").format(names, value)
        if shown
        else QCoreApplication.translate("ConfigEdit", "Change {0}").format(names)
    )
    return SetTrainingConfig(updated.to_dict(), text=text)
