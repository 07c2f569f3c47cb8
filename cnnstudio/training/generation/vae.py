"""How the engine trains a VAE: the reconstruction head's loss plus a weighted KL term, and samples from the prior.

The KL term reads the Sample Gaussian block's inputs (mu, log σ²) as the forward passes them
(compiler.components.captured_latents). Both terms are per pixel: the reconstruction head's mean squared
error, and the KL divergence of q(z|x) from N(0, I) summed over the latent and divided by the image's
pixels, weighted by the config's ``kl_weight``. New images come from decoding z ~ N(0, I): the sampler's
output is replaced by z (a forward hook), so the decoder runs as the compiled graph has it.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

import torch

from cnnstudio.compiler.components import samplers
from cnnstudio.core.i18n import translate

from ..errors import TrainingError
from ..evaluate import evaluate
from ..losses import Objective
from .grid import grid_base64

PRIOR_SAMPLES = 64
PRIOR_STREAM = 104_729  # the fixed prior draws' seed part


def has_sampler(model: torch.nn.Module) -> bool:
    return bool(samplers(model))


def kl_divergence(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, σ²) ‖ N(0, 1)) summed over each image's latent, averaged over the batch."""
    per_value = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp())
    return per_value.flatten(1).sum(1).mean()


class VaeObjective(Objective):
    """Reconstruction (MSE) plus ``kl_weight`` × KL per pixel; samples from the prior after every epoch."""

    history_keys = ("val_kl",)

    def __init__(self, model: torch.nn.Module, kl_weight: float, seed: int):
        super().__init__(model.heads, None)
        if self.reconstruction is None:
            raise TrainingError(
                translate("Training", "a VAE ends in a Reconstruction output (its decoder's image against the input)")
            )
        names = samplers(model)
        if len(names) != 1:
            raise TrainingError(
                translate("Training", "a VAE has one Sample Gaussian block, this network has {count}").format(
                    count=len(names)
                )
            )
        self.sampler = model.get_submodule(names[0])
        self.model = model
        self.kl_weight = kl_weight
        self.pixels = math.prod(model.input_shape)
        self.seen: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
        self.sampler.register_forward_hook(self._record)  # for the model's life: every forward's mu, logvar
        self.latent_shape = latent_shape(model)
        from ..data.feeder import mix_seed

        self.fixed = torch.randn(
            (PRIOR_SAMPLES, *self.latent_shape), generator=torch.Generator().manual_seed(mix_seed(seed, PRIOR_STREAM))
        )
        self.kl_sum, self.kl_seen = 0.0, 0

    def _record(self, module, args, output) -> None:
        self.seen["latent"] = (args[0], args[1])

    def kl(self) -> torch.Tensor:
        mu, logvar = self.seen["latent"]
        return kl_divergence(mu.float(), logvar.float()) / self.pixels

    def train_loss(self, outputs, x, y):
        total, outs = super().train_loss(outputs, x, y)
        return total + self.kl_weight * self.kl(), outs

    def eval_losses(self, outputs, x, y):
        total, outs = super().eval_losses(outputs, x, y)
        kl = self.kl()
        self.kl_sum += float(kl) * len(x)
        self.kl_seen += len(x)
        return total + self.kl_weight * kl, outs

    def validate(self, model, feeder, classes, context=None, epoch: int = 0) -> dict:
        """The usual validation (loss, reconstructions), the KL per pixel, and a grid of prior samples."""
        self.kl_sum, self.kl_seen = 0.0, 0
        result = evaluate(model, feeder, self, classes, context)
        result["val_kl"] = self.kl_sum / max(self.kl_seen, 1)
        result["sample_grid"] = grid_base64(decode(model, self.fixed, feeder.normalizer.undo))
        return result


@contextlib.contextmanager
def _replaced(sampler: torch.nn.Module, z: torch.Tensor) -> Iterator[None]:
    handle = sampler.register_forward_hook(lambda module, args, output: z.to(output.device, output.dtype))
    try:
        yield
    finally:
        handle.remove()


def latent_shape(model: torch.nn.Module) -> tuple[int, ...]:
    """The shape of one image's latent: what the Sample Gaussian block's mu has (from one dry forward)."""
    seen = []
    sampler = model.get_submodule(samplers(model)[0])
    handle = sampler.register_forward_hook(lambda module, args, output: seen.append(tuple(args[0].shape[1:])))
    was = model.training
    device = next(model.parameters()).device
    try:
        model.eval()
        with torch.inference_mode():
            model(torch.zeros((1, *model.input_shape), device=device))
    finally:
        handle.remove()
        model.train(was)
    return seen[0]


def decode(model: torch.nn.Module, z: torch.Tensor, to_display=None) -> torch.Tensor:
    """The images a VAE's decoder paints from latents ``z`` (eval mode; in [0, 1] through ``to_display``)."""
    sampler = model.get_submodule(samplers(model)[0])
    was = model.training
    device = next(model.parameters()).device
    model.eval()
    try:
        with _replaced(sampler, z.to(device)), torch.inference_mode():
            out = model(torch.zeros((len(z), *model.input_shape), device=device))
    finally:
        model.train(was)
    out = out[0] if isinstance(out, (tuple, list)) else out
    out = out.float()
    return (to_display(out) if to_display else out).clamp(0, 1).cpu()
