"""The training config saved in the project (``graph.meta["training"]``): what to train with, and how.

``TrainingConfig.from_dict`` fills missing keys with defaults and rejects unknown keys and bad values
with one-line ConfigErrors, so a hand-edited project never trains with a silently ignored typo.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from ..core.i18n import translate
from .errors import ConfigError

# Bounds past any real run: a shared project's 1e20 must be one clear message, not an overflow inside the engine
# (the GUI's fields stop at the same numbers)
MAX_EPOCHS = 100_000
MAX_BATCH = 65_536
MAX_SEED = 2**32 - 1  # numpy's generators take no more
MAX_WORKERS = 256
MAX_CROP_PADDING = 4096
MAX_LR = 1e9  # past this the optimizer's float32 arithmetic overflows (a NaN loss says "too high" first)
MAX_WEIGHT_DECAY = 1e9
MAX_KL_WEIGHT = 1e6
OPTIMIZERS = ("sgd", "adam", "adamw")
SCHEDULES = ("none", "step", "cosine", "onecycle")
NORMALIZE = ("auto", "standardize", "imagenet", "none")
GAN_LOSSES = ("non_saturating", "hinge")
META_KEY = "training"


@dataclass(frozen=True)
class Augmentation:
    """Random changes applied to each training image (never to validation images)."""

    crop_padding: int = 0  # pad by p pixels (zeros), then crop back at a random offset: shifts up to ±p
    hflip: bool = False  # mirror left-right with probability 1/2
    rotation: float = 0.0  # rotate by a uniform angle in ±degrees
    scale: tuple[float, float] = (1.0, 1.0)  # zoom by a uniform factor in [lo, hi]

    @property
    def active(self) -> bool:
        return bool(self.crop_padding or self.hflip or self.rotation or self.scale != (1.0, 1.0))


@dataclass(frozen=True)
class TrainingConfig:
    """Optimiser, schedule, data and run settings; every field has a default that trains LeNet-5 on digits."""

    optimizer: str = "adam"  # sgd (with momentum) | adam | adamw
    lr: float = 2e-3
    lr_discriminator: float | None = None  # a GAN's discriminator's own learning rate (None: lr, as the generator)
    weight_decay: float = 0.0
    momentum: float = 0.9  # SGD only
    betas: tuple[float, float] = (0.9, 0.999)  # Adam/AdamW's moment decays (a GAN takes β1 = 0.5, as DCGAN does)
    schedule: str = "none"  # none | step | cosine | onecycle
    step_epochs: int = 0  # step schedule: multiply the lr by gamma every N epochs (0: a third of the epochs)
    gamma: float = 0.1
    epochs: int = 10
    batch_size: int = 32
    seed: int = 0
    device: str = "auto"  # auto (cuda, then mps, then cpu) | cpu | cuda | cuda:N | mps
    val_split: float = 0.2  # the share of the data held out for validation (when the source has no val set)
    label_smoothing: float | None = None  # None: each classification head's own setting
    gan_loss: str = "non_saturating"  # a GAN's losses: DCGAN's non-saturating BCE | hinge (SAGAN, BigGAN)
    kl_weight: float = 1.0  # a VAE's KL term against its reconstruction (both per pixel)
    # a GAN's samples scored after every epoch by a classifier trained on the real data: its project and weights,
    # both in the project's own folder (None: no score)
    score_classifier: str | None = None
    score_weights: str | None = None
    normalize: str = "auto"  # auto: standardize, but keep [0, 1] when a head reconstructs the input
    workers: int = -1  # image-loading processes for folder data (-1: automatic)
    data: str = "digits"  # the data spec, see cnnstudio.training.data
    augment: Augmentation = field(default_factory=Augmentation)

    # conversion --------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TrainingConfig:
        """Defaults for missing keys; ConfigError for unknown keys and invalid values."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConfigError(
                translate("Training", "training config must be an object, got {name}").format(name=type(data).__name__)
            )
        known = {f.name for f in fields(cls)}
        _reject_unknown(data, known, "training config")
        values = {k: v for k, v in data.items() if k != "augment"}
        if "betas" in values:
            values["betas"] = _betas(values["betas"])
        if "augment" in data:
            aug = data["augment"]
            if not isinstance(aug, dict):
                raise ConfigError(
                    translate("Training", "training config: augment must be an object, got {aug!r}").format(aug=aug)
                )
            _reject_unknown(aug, {f.name for f in fields(Augmentation)}, "training config augment")
            aug = dict(aug)
            if "scale" in aug:
                aug["scale"] = _scale_range(aug["scale"])
            values["augment"] = Augmentation(**aug)
        config = cls(**values)
        config.validate()
        return config

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (tuples become lists), every field included so the file documents itself."""
        data = asdict(self)
        data["augment"]["scale"] = list(self.augment.scale)
        data["betas"] = list(self.betas)
        return data

    @classmethod
    def from_graph(cls, graph) -> TrainingConfig:
        """The config saved in a project (defaults when it has none)."""
        return cls.from_dict(graph.meta.get(META_KEY))

    def to_graph(self, graph) -> None:
        graph.meta[META_KEY] = self.to_dict()

    def with_overrides(self, overrides: dict[str, Any]) -> TrainingConfig:
        """A copy with some keys changed (``augment.rotation`` style keys reach into augment)."""
        data = self.to_dict()
        for key, value in overrides.items():
            if key.startswith("augment."):
                data["augment"][key.split(".", 1)[1]] = value
            else:
                data[key] = value
        return TrainingConfig.from_dict(data)

    # validation --------------------------------------------------------------------------
    def validate(self) -> None:
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("schedule", self.schedule, SCHEDULES)
        _choice("normalize", self.normalize, NORMALIZE)
        _choice("gan_loss", self.gan_loss, GAN_LOSSES)
        _number("lr", self.lr, 0.0, MAX_LR, open_low=True)
        if self.lr_discriminator is not None:
            _number("lr_discriminator", self.lr_discriminator, 0.0, MAX_LR, open_low=True)
        _number("weight_decay", self.weight_decay, 0.0, MAX_WEIGHT_DECAY)
        _number("momentum", self.momentum, 0.0, 1.0, open_high=True)
        _number("gamma", self.gamma, 0.0, 1.0, open_low=True)
        if not (isinstance(self.betas, tuple) and len(self.betas) == 2):
            raise ConfigError(
                translate("Training", "training config: betas must be [beta1, beta2], got {value!r}").format(
                    value=self.betas
                )
            )
        _number("betas[0]", self.betas[0], 0.0, 1.0, open_high=True)
        _number("betas[1]", self.betas[1], 0.0, 1.0, open_high=True)
        _number("kl_weight", self.kl_weight, 0.0, MAX_KL_WEIGHT)
        _integer("step_epochs", self.step_epochs, 0, MAX_EPOCHS)
        _integer("epochs", self.epochs, 1, MAX_EPOCHS)
        _integer("batch_size", self.batch_size, 1, MAX_BATCH)
        _integer("seed", self.seed, 0, MAX_SEED)
        _integer("workers", self.workers, -1, MAX_WORKERS)
        _number("val_split", self.val_split, 0.0, 1.0, open_low=True, open_high=True)
        if self.label_smoothing is not None:
            _number("label_smoothing", self.label_smoothing, 0.0, 1.0, open_high=True)
        for key in ("score_classifier", "score_weights"):
            value = getattr(self, key)
            if value is not None and not (isinstance(value, str) and value.strip()):
                raise ConfigError(
                    translate("Training", "training config: {key} must be a file name, got {value!r}").format(
                        key=key, value=value
                    )
                )
        if (self.score_classifier is None) != (self.score_weights is None):
            raise ConfigError(
                translate(
                    "Training",
                    "training config: score_classifier and score_weights go together (a project and its weights)",
                )
            )
        if not isinstance(self.device, str) or not _valid_device(self.device):
            raise ConfigError(
                translate(
                    "Training", "training config: device must be auto, cpu, cuda, cuda:N or mps, got {device!r}"
                ).format(device=self.device)
            )
        if not isinstance(self.data, str) or not self.data.strip():
            raise ConfigError(
                translate("Training", "training config: data must be a data spec like 'digits', got {data!r}").format(
                    data=self.data
                )
            )
        a = self.augment
        _integer("augment.crop_padding", a.crop_padding, 0, MAX_CROP_PADDING)
        if not isinstance(a.hflip, bool):
            raise ConfigError(
                translate("Training", "training config: augment.hflip must be true or false, got {hflip!r}").format(
                    hflip=a.hflip
                )
            )
        _number("augment.rotation", a.rotation, 0.0, 180.0)
        lo, hi = a.scale
        if not (0.1 <= lo <= hi <= 10.0):
            raise ConfigError(
                translate(
                    "Training", "training config: augment.scale must be [lo, hi] with 0.1 ≤ lo ≤ hi ≤ 10, got {value}"
                ).format(value=[lo, hi])
            )

    def replace(self, **changes) -> TrainingConfig:
        config = replace(self, **changes)
        config.validate()
        return config


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` from the command line; the value is JSON when it parses, else a string."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError(
            translate("Training", "--set expects KEY=VALUE (e.g. optimizer=sgd), got {text!r}").format(text=text)
        )
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


def _reject_unknown(data: dict, known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            translate("Training", "{where}: unknown key(s) {names} (known: {known})").format(
                where=where, names=", ".join(map(repr, unknown)), known=", ".join(sorted(known))
            )
        )


def _scale_range(value) -> tuple[float, float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (float(value), float(value))
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_number(v) for v in value):
        return (float(value[0]), float(value[1]))
    raise ConfigError(
        translate("Training", "training config: augment.scale must be [lo, hi], got {value!r}").format(value=value)
    )


def _betas(value) -> tuple:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return tuple(value)
    raise ConfigError(
        translate("Training", "training config: betas must be [beta1, beta2], got {value!r}").format(value=value)
    )


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _choice(name: str, value, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(
            translate("Training", "training config: {name} must be one of {choices}, got {value!r}").format(
                name=name, choices=", ".join(choices), value=value
            )
        )


def _number(name, value, lo, hi, open_low=False, open_high=False) -> None:
    ok = _is_number(value)
    if ok and lo is not None:
        ok = value > lo if open_low else value >= lo
    if ok and hi is not None:
        ok = value < hi if open_high else value <= hi
    if not ok:
        low = "" if lo is None else f"{'>' if open_low else '≥'} {lo:g}"
        high = "" if hi is None else f"{'<' if open_high else '≤'} {hi:g}"
        raise ConfigError(
            translate("Training", "training config: {name} must be a number {names}, got {value!r}").format(
                name=name,
                names=translate("Training", "{low} and {high}").format(low=low, high=high)
                if low and high
                else low or high,
                value=value,
            )
        )


def _integer(name: str, value, lo: int, hi: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise ConfigError(
            translate(
                "Training", "training config: {name} must be a whole number from {lo} to {hi}, got {value!r}"
            ).format(name=name, lo=lo, hi=f"{hi:,}", value=value)
        )


def _valid_device(device: str) -> bool:
    if device in ("auto", "cpu", "cuda", "mps"):
        return True
    return device.startswith("cuda:") and device[5:].isdigit()
