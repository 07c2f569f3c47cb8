"""The preset registry: name → builder with its defaults and description."""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import translate
from cnnstudio.resources import PRESETS as FILES  # the top-level presets/ folder (or its copy in a wheel)


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    builder: Callable[..., Graph]
    input_shape: tuple[int, ...]
    num_classes: int | None  # None for image-to-image presets
    family: str
    # the training config saved with the preset (graph.meta["training"], TrainingConfig's keys); None: defaults
    training: dict | None = None
    # a description made from a template (ResNet's, VGG's): the template and its values, to show it translated
    template: tuple[str, dict] | None = None

    @property
    def title(self) -> str:
        """The description's lead, up to its first colon ("ResNet-18", "VGG-16 (configuration D)")."""
        return self.description.split(": ", 1)[0]

    def shown_description(self) -> str:
        """The description in the user's language (files keep the English one in ``meta``)."""
        if self.template is not None:
            text, values = self.template
            return translate("Presets", text).format(**values)
        return translate("Presets", self.description)

    def shown_title(self) -> str:
        """``title`` in the user's language."""
        return self.shown_description().split(": ", 1)[0]


PRESETS: dict[str, Preset] = {}
BUILDER_MODULES = (
    "classic",
    "vgg",
    "resnet",
    "googlenet",
    "image_to_image",
    "mobilenet",
    "efficientnet",
    "densenet",
    "squeezenet",
    "convnext",
    "shufflenet",
    "generative",
    "detection",
)


def preset(
    name: str,
    description: str,
    input_shape,
    num_classes: int | None = 10,
    family: str = "classic",
    training: dict | None = None,
    template: tuple[str, dict] | None = None,
):
    """Decorator: register a builder ``f(num_classes=..., input_shape=...) -> Graph``."""

    def register(builder: Callable[..., Graph]) -> Callable[..., Graph]:
        if name in PRESETS:
            raise ValueError(f"preset {name!r} registered twice")
        PRESETS[name] = Preset(name, description, builder, tuple(input_shape), num_classes, family, training, template)
        return builder

    return register


def _load_builders() -> None:
    import cnnstudio.blocks  # noqa: F401  (the builders need the block catalog)

    for module in BUILDER_MODULES:  # importing a module registers its presets, in this order
        importlib.import_module(f"{__package__}.{module}")


def names() -> list[str]:
    _load_builders()
    return list(PRESETS)


def get(name: str) -> Preset:
    _load_builders()
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(
            translate("Presets", "unknown preset {name!r}; choose one of: {names}").format(
                name=name, names=", ".join(PRESETS)
            )
        ) from None


def build(name: str, num_classes: int | None = None, input_shape=None) -> Graph:
    """A fresh graph of the preset, with its description and name in ``graph.meta``."""
    spec = get(name)
    kwargs = {"input_shape": tuple(input_shape) if input_shape else spec.input_shape}
    if spec.num_classes is not None:
        kwargs["num_classes"] = num_classes if num_classes is not None else spec.num_classes
    elif num_classes is not None:
        raise ValueError(translate("Presets", "preset {name!r} is image-to-image and has no classes").format(name=name))
    graph = spec.builder(**kwargs)
    graph.meta = {"preset": name, "description": spec.description}
    if spec.training is not None:
        graph.meta["training"] = copy.deepcopy(spec.training)
    graph.revision = 0
    return graph


def shown_project_description(meta: dict) -> str:
    """A project's description in the user's language: a preset's own description (unchanged since it was made)
    reads translated, a text the user wrote reads as written; "" when there is none."""
    description = meta.get("description")
    if not isinstance(description, str):
        return ""
    name = meta.get("preset")
    if isinstance(name, str):
        _load_builders()
        spec = PRESETS.get(name)
        if spec is not None and spec.description == description:
            return spec.shown_description()
    return description


def path(name: str) -> Path:
    """The shipped project file of a preset (built with its defaults)."""
    get(name)
    return FILES / f"{name}.cnn.json"
