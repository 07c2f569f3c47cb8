"""A trained model on a dataset: ``cnnstudio evaluate`` (metrics) and ``cnnstudio detect`` (boxes on images).

The weights come from a checkpoint (its sidecar also gives the normalisation and the data spec it was
trained on) or a bare safetensors file. Evaluated on the data spec it was trained on, only the validation
split counts (the rest was trained on); on any other spec (``shapes-boxes:500@seed=7``), every image.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch

from ..core.i18n import translate
from .errors import DataError, TrainingError


@dataclass
class Loaded:
    model: torch.nn.Module
    meta: dict  # the checkpoint's sidecar ({} for bare weights)
    graph: object

    @property
    def kind(self) -> str:
        return self.model.heads[0].kind if self.model.heads else "plain"


def load_trained(project: str, weights: str) -> Loaded:
    """The compiled project with the weights in, in eval mode; TrainingError (one line) when it cannot."""
    from cnnstudio.compiler import CompileError, WeightsError, compile_model, load_weights

    from .checkpoint import CheckpointError, load_checkpoint
    from .session import load_project

    graph = load_project(project)
    try:
        model = compile_model(graph)
    except CompileError as exc:
        raise TrainingError(str(exc)) from None
    path = Path(weights).expanduser()
    meta: dict = {}
    try:
        if path.is_dir() or path.suffix == ".json" or path.with_suffix(".json").is_file():
            checkpoint = load_checkpoint(path)
            meta = checkpoint.meta
            report = load_weights(model, checkpoint.weights, name=str(checkpoint.path))
        else:
            report = load_weights(model, path)
    except (CheckpointError, WeightsError) as exc:
        raise TrainingError(str(exc)) from None
    if report.missing or report.skipped:
        raise TrainingError(
            translate("Training", "{weights}: does not fit this network ({reason})").format(
                weights=weights, reason=report.summary().splitlines()[0]
            )
        )
    return Loaded(model.eval(), meta, graph)


def normalizer_for(meta: dict, channels: int):
    from .data.fit import Normalizer

    saved = (meta.get("data") or {}).get("normalize")
    if saved:
        return Normalizer(saved["mean"], saved["std"])
    return Normalizer([0.0] * channels, [1.0] * channels)


def evaluate_model(project: str, weights: str, spec: str) -> dict:
    """``{"loss", "map50", "map", "ap_per_class", "ap50_per_class"}`` for a detector, ``{"loss", "accuracy"}`` for a classifier."""
    from .config import TrainingConfig
    from .data import load_data
    from .data.base import DataSplit

    loaded = load_trained(project, weights)
    model = loaded.model
    config = TrainingConfig.from_dict(loaded.meta.get("config")) if loaded.meta else TrainingConfig()
    trained_on = loaded.meta.get("data_spec")
    split = load_data(spec, val_split=config.val_split, seed=config.seed, input_shape=model.input_shape)
    every = spec != trained_on  # never-seen data: all of it counts
    if loaded.kind == "detection":
        from .detection.feeder import BoxFeeder
        from .detection.objective import DetectionObjective

        if split.task != "detection":
            raise DataError(
                translate(
                    "Training", "{spec} has no boxes: a detector is evaluated on box data (shapes-boxes, coco:…)"
                ).format(spec=spec)
            )
        if every:
            images = torch.cat([split.train.images, split.val.images]) if len(split.val) else split.train.images
            whole = type(split.train)(images, list(split.train.targets) + list(split.val.targets))
            split = DataSplit(split.name, split.classes, whole, whole, split.warnings, task=split.task)
        feeder = BoxFeeder(split, model.input_shape, batch_size=64, seed=config.seed)
        feeder.normalizer = normalizer_for(loaded.meta, model.input_shape[0])
        val = DetectionObjective(model, model.input_shape[-2:]).validate(model, feeder, split.classes)
        return {
            "loss": val["val_loss"],
            "map50": val.get("val_map50"),
            "map": val.get("val_map"),
            "ap_per_class": val.get("ap_per_class"),
            "ap50_per_class": val.get("ap50_per_class"),
            "images": feeder.val_size,
        }
    if loaded.kind != "classification":
        raise TrainingError(
            translate("Training", "evaluate knows classifiers and detectors; this network's main output is neither")
        )
    return _evaluate_classifier(model, split, config, loaded.meta, every)


def _evaluate_classifier(model, split, config, meta: dict, every: bool) -> dict:
    from .data import Feeder
    from .data.base import ImageSet
    from .evaluate import evaluate
    from .losses import Objective

    if split.task == "detection":
        raise DataError(
            translate("Training", "box data needs a detector: evaluate a classifier on class-labelled data")
        )
    if every and isinstance(split.train, ImageSet) and len(split.val):
        images = torch.cat([split.train.images, split.val.images])
        whole = ImageSet(images, torch.cat([split.train.labels, split.val.labels]))
        split.train, split.val = whole, whole
    feeder = Feeder(
        split,
        model.input_shape,
        batch_size=64,
        seed=config.seed,
        normalize=config.normalize,
        normalizer=normalizer_for(meta, model.input_shape[0]) if meta.get("data") else None,
    )
    val = evaluate(model, feeder, Objective(model.heads), split.classes)
    return {"loss": val["val_loss"], "accuracy": val["val_accuracy"], "images": feeder.val_size}
