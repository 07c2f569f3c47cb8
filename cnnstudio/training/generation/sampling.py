"""A trained generator from a project and its weights: new images, latent walks (``cnnstudio generate``, the GUI).

A GAN's generator is its Generated-image component alone (the discriminator's tensors in the checkpoint are
left aside); a VAE draws from its prior through its decoder. Images come back in [0, 1]: the GAN's tanh
range through the normalisation its checkpoint was trained with ([-1, 1] when the weights have no sidecar).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from cnnstudio.core.i18n import translate

from ..errors import TrainingError


@dataclass
class TrainedGenerator:
    """``images(z)``: [0, 1] images for latents ``z`` (N × latent_shape)."""

    draw: Callable[[torch.Tensor], torch.Tensor]
    latent_shape: tuple[int, ...]
    kind: str  # "gan" | "vae"

    def latents(self, n: int, seed: int) -> torch.Tensor:
        """``n`` latent vectors from N(0, I), the same for the same seed."""
        return torch.randn((n, *self.latent_shape), generator=torch.Generator().manual_seed(seed))

    def images(self, z: torch.Tensor) -> torch.Tensor:
        with torch.inference_mode():
            return self.draw(z)

    def sample(self, n: int, seed: int) -> torch.Tensor:
        return self.images(self.latents(n, seed))

    def walk(self, n: int, seed: int, to_seed: int) -> torch.Tensor:
        """``n`` images along the straight line from seed's latent to ``to_seed``'s (ends included)."""
        a, b = self.latents(1, seed), self.latents(1, to_seed)
        t = torch.linspace(0, 1, max(n, 2)).view(-1, *([1] * len(self.latent_shape)))
        return self.images(a + t * (b - a))


def _state(weights: str) -> tuple[dict | str, dict, str]:
    """(tensors or a file for load_weights, the sidecar's fields or {}, a name for messages)."""
    from ..checkpoint import CheckpointError, load_checkpoint

    path = Path(weights).expanduser()
    if path.is_dir() or path.suffix == ".json" or path.with_suffix(".json").is_file():
        try:
            checkpoint = load_checkpoint(path)
        except CheckpointError as exc:
            raise TrainingError(str(exc)) from None
        return checkpoint.weights, checkpoint.meta, str(checkpoint.path)
    return str(path), {}, str(path)


def _load(model: torch.nn.Module, weights: str) -> dict:
    from cnnstudio.compiler import WeightsError, load_weights

    source, meta, name = _state(weights)
    try:
        report = load_weights(model, source, name=name)
    except WeightsError as exc:
        raise TrainingError(str(exc)) from None
    if report.missing or report.skipped:
        raise TrainingError(
            translate("Training", "{weights}: does not fit this network ({summary})").format(
                weights=weights, summary=report.summary().splitlines()[0]
            )
        )
    return meta


def load_generator(project: str, weights: str) -> TrainedGenerator:
    """The project's generator with trained weights; TrainingError (one line) when it has none or they do not fit."""
    from cnnstudio.compiler import CompileError, compile_model
    from cnnstudio.compiler.components import compile_components

    from ..assess import normalizer_for
    from ..session import _is_gan, load_project
    from .vae import decode, has_sampler, latent_shape

    graph = load_project(project)
    try:
        if _is_gan(graph):
            parts = compile_components(graph)
            found = [m for m in parts.values() if any(h.kind == "generated_image" for h in m.heads)]
            if len(found) != 1:
                raise TrainingError(
                    translate("Training", "{project}: needs one network ending in a Generated image output").format(
                        project=project
                    )
                )
            generator = found[0]
            meta = _load(generator, weights)
            channels = int((meta.get("data") or {}).get("input_shape", [1])[0]) if meta else 1
            normalizer = normalizer_for(meta, channels) if meta else None
            undo = normalizer.undo if normalizer is not None else (lambda x: ((x + 1) / 2).clamp(0, 1))
            generator.eval()
            return TrainedGenerator(
                lambda z: undo(_first(generator(z)).float()).clamp(0, 1), tuple(generator.input_shape), "gan"
            )
        model = compile_model(graph)
    except CompileError as exc:
        raise TrainingError(str(exc)) from None
    if not has_sampler(model):
        raise TrainingError(
            translate(
                "Training",
                "{project}: has no generator (a GAN's Generated image output, or a VAE's Sample Gaussian block)",
            ).format(project=project)
        )
    meta = _load(model, weights)
    normalizer = normalizer_for(meta, model.input_shape[0] if len(model.input_shape) == 3 else 1)
    model.eval()
    return TrainedGenerator(lambda z: decode(model, z, normalizer.undo), latent_shape(model), "vae")


def _first(out):
    return out[0] if isinstance(out, (tuple, list)) else out
