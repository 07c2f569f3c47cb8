"""How the engine trains a GAN: the discriminator's step, then the generator's, on every batch of real images.

The losses are DCGAN's non-saturating ones (Goodfellow 2014, Radford 2015): the discriminator learns
``BCE(D(x), 1) + BCE(D(G(z)), 0)`` (the real target ``1 − label_smoothing``: one-sided smoothing), the
generator ``BCE(D(G(z)), 1)``, whose gradient stays strong while the discriminator still wins; or, with
``gan_loss: "hinge"``, the hinge loss (HingeLoss). One
optimiser holds both networks' parameters and each step's backward reaches only one network's
(``backward(inputs=…)``): Adam keeps its moments per parameter, so this steps exactly as two optimisers
would, and the checkpoint keeps both networks' moments in one optimiser state. Real images come in [-1, 1]
(the generator ends in tanh); the noise comes from torch's generator, which checkpoints save and restore.

After each epoch the generator draws the same fixed latent vectors (``FIXED_SAMPLES``, from the run's seed)
so the grids of successive epochs show the same noise turning into digits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import torch
import torch.nn.functional as F

from cnnstudio.core.i18n import translate

from ..data.feeder import mix_seed
from ..errors import TrainingError
from .grid import grid_base64, save_grid
from .pair import GanPair

FIXED_SAMPLES = 64  # latent vectors shown after every epoch (an 8×8 grid)
FIXED_STREAM = 7_919  # a seed part no other random stream of the run uses
SAMPLES_FOLDER = "samples"  # in the run's checkpoint folder: samples/epoch_001.png …


def _bce(logits: torch.Tensor, target: float) -> torch.Tensor:
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


class NonSaturatingLoss:
    """DCGAN's: D learns ``BCE(D(x), 1 − smoothing) + BCE(D(G(z)), 0)``, G learns ``BCE(D(G(z)), 1)``."""

    def __init__(self, real_target: float = 1.0):
        self.real_target = real_target

    def discriminator(self, real: torch.Tensor, fake: torch.Tensor, real_target: float | None = None) -> torch.Tensor:
        return _bce(real, self.real_target if real_target is None else real_target) + _bce(fake, 0.0)

    def generator(self, fake: torch.Tensor) -> torch.Tensor:
        return _bce(fake, 1.0)  # non-saturating: the generator wants D to say "real"


class HingeLoss:
    """The hinge loss (Lim & Ye 2017; SAGAN, BigGAN): D learns ``mean(relu(1 − D(x))) + mean(relu(1 + D(G(z))))``,
    G learns ``−mean(D(G(z)))``. D's margins replace label smoothing, which it ignores."""

    def discriminator(self, real: torch.Tensor, fake: torch.Tensor, real_target: float | None = None) -> torch.Tensor:
        return F.relu(1.0 - real).mean() + F.relu(1.0 + fake).mean()

    def generator(self, fake: torch.Tensor) -> torch.Tensor:
        return -fake.mean()


def gan_loss(kind: str, label_smoothing: float | None = None):
    """The losses the config's ``gan_loss`` names (``non_saturating`` or ``hinge``)."""
    return HingeLoss() if kind == "hinge" else NonSaturatingLoss(1.0 - (label_smoothing or 0.0))


class GanObjective:
    """The engine's objective for a generator and a discriminator trained against each other."""

    classifier = None
    reconstruction = None
    reconstructs = False
    primary = None  # no "best" checkpoint: a lower GAN loss is not a better generator
    history_keys = ("val_d_loss", "val_g_loss", "d_real", "d_fake")

    def __init__(
        self,
        pair: GanPair,
        *,
        seed: int,
        label_smoothing: float | None = None,
        loss: str = "non_saturating",
        sample_dir: str | Path | None = None,
        to_display: Callable[[torch.Tensor], torch.Tensor] | None = None,
        scorer: Callable[[torch.Tensor], dict] | None = None,
    ):
        self.pair = pair
        self.heads = pair.heads
        self.loss = gan_loss(loss, label_smoothing)
        self.sample_dir = Path(sample_dir) / SAMPLES_FOLDER if sample_dir else None
        self.to_display = to_display or (lambda x: (x + 1) / 2)
        self.scorer = scorer  # a classifier's verdict on each epoch's fixed samples (score.py), or None
        self.g_params = [p for p in pair.generator.parameters() if p.requires_grad]
        self.d_params = [p for p in pair.discriminator.parameters() if p.requires_grad]
        if not self.g_params or not self.d_params:
            frozen = "generator" if not self.g_params else "discriminator"
            raise TrainingError(
                translate(
                    "Training", "the {network} is frozen entirely: a GAN trains both networks (unfreeze it)"
                ).format(network=frozen)
            )
        self.fixed = torch.randn((FIXED_SAMPLES, *pair.latent_shape), generator=_stream(seed, 0))
        self.g_net, self.d_net = pair.generator, pair.discriminator  # what the steps call (wrap: under torchrun)
        self.parts: dict[str, list[float]] = {"d_loss": [], "g_loss": []}  # per step, until the next batch event
        self.seed = seed

    # training ----------------------------------------------------------------------------
    def wrap(self, context) -> torch.nn.Module:
        """Each network wrapped for ``context`` on its own (DistributedDataParallel under torchrun): each step's
        backward reaches one network, whose gradients its own wrapper averages over the processes."""
        self.g_net = context.wrap(self.pair.generator)
        self.d_net = context.wrap(self.pair.discriminator)
        return self.pair

    def train_step(self, net, optimizer, batch, check: Callable[[float], None]):
        """One discriminator step and one generator step: (d_loss + g_loss, [generated images])."""
        real = batch.x
        n = len(real)
        generator, discriminator = self.g_net, self.d_net
        fake = generator(torch.randn((n, *self.pair.latent_shape), device=real.device))
        d_loss = self.loss.discriminator(discriminator(real).reshape(n), discriminator(fake.detach()).reshape(n))
        d_value = d_loss.item()
        d_shown = check(d_value)  # the mean over all processes (torchrun)
        d_loss.backward(inputs=self.d_params)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        # the discriminator unwrapped: this backward gives it no gradients, which its wrapper would wait for
        g_loss = self.loss.generator(self.pair.discriminator(fake).reshape(n))
        g_value = g_loss.item()
        g_shown = check(g_value)
        g_loss.backward(inputs=self.g_params)
        optimizer.step()
        self.last_parts = {"d_loss": d_shown, "g_loss": g_shown}
        for key, value in self.last_parts.items():
            self.parts[key].append(value)
        return d_value + g_value, [fake]

    def take_parts(self) -> dict[str, list[float]]:
        """The D and G losses of the steps since the last call (a batch event carries them beside the sums)."""
        parts, self.parts = self.parts, {key: [] for key in self.parts}
        return parts

    # after each epoch --------------------------------------------------------------------
    def samples(self, latents: torch.Tensor | None = None) -> torch.Tensor:
        """The generator's images (in [0, 1]) for ``latents`` (the fixed ones by default), its batch norms
        normalising with the latents' own statistics, as DCGAN's loop draws its fixed noise: early in a run
        the running statistics lag the weights so far that eval mode paints noise. The running statistics are
        left as they were and nothing random is drawn (dropout stays off): the run's losses do not change."""
        z = self.fixed if latents is None else latents
        generator = self.pair.generator
        with batch_statistics(generator), torch.inference_mode():
            images = generator(z.to(self.pair.device))
        return self.to_display(images.float()).clamp(0, 1).cpu()

    def validate(self, model, feeder, classes, context=None, epoch: int = 0) -> dict:
        """Losses and D's mean verdicts on the validation images against as many generated ones; the grid."""
        pair = self.pair
        pair.eval()
        sums = {"d_loss": 0.0, "g_loss": 0.0, "d_real": 0.0, "d_fake": 0.0}
        seen = 0
        # one latent per validation image, the same every epoch (the curves compare like with like) and in every
        # process, whatever its share of the images (torchrun: the sums are those of one process)
        noise = torch.randn((feeder.val_size, *pair.latent_shape), generator=_stream(self.seed, 1))
        with torch.inference_mode():
            for batch in feeder.val_batches():
                n = len(batch.x)
                real_logits = pair.discriminator(batch.x).reshape(n).float()
                z = noise[batch.index].to(batch.x.device)
                fake_logits = pair.discriminator(pair.generator(z)).reshape(n).float()
                # no label smoothing here: the losses against the true labels
                sums["d_loss"] += float(self.loss.discriminator(real_logits, fake_logits, real_target=1.0)) * n
                sums["g_loss"] += float(self.loss.generator(fake_logits)) * n
                sums["d_real"] += float(torch.sigmoid(real_logits).sum())
                sums["d_fake"] += float(torch.sigmoid(fake_logits).sum())
                seen += n
        if context is not None and context.distributed:  # every process's share, added up
            keys = list(sums)
            totals = context.reduce_sum(torch.tensor([*sums.values(), float(seen)], dtype=torch.float64)).tolist()
            sums, seen = dict(zip(keys, totals[:-1])), totals[-1]
        means = {key: value / max(seen, 1) for key, value in sums.items()}
        images = self.samples()
        result = {
            "val_loss": means["d_loss"] + means["g_loss"],
            "val_accuracy": None,
            "val_d_loss": means["d_loss"],
            "val_g_loss": means["g_loss"],
            "d_real": means["d_real"],
            "d_fake": means["d_fake"],
            "sample_grid": grid_base64(images),
        }
        if self.scorer is not None:
            result["quality"] = self.scorer(images)
        if self.sample_dir is not None and epoch and (context is None or context.is_main):  # rank 0 writes
            path = self.sample_dir / f"epoch_{epoch:03d}.png"
            try:
                self.sample_dir.mkdir(parents=True, exist_ok=True)
                save_grid(path, images)
            except OSError as exc:
                raise TrainingError(
                    translate("Training", "cannot write the sample grid {path}: {reason}").format(
                        path=path, reason=exc.strerror or exc
                    )
                ) from None
            result["sample_path"] = str(path)
        return result


@contextlib.contextmanager
def batch_statistics(net: torch.nn.Module) -> Iterator[None]:
    """``net`` in eval mode but for the batch norms that train (frozen ones keep theirs), whose running
    statistics are put back afterwards."""
    net.train()
    norms = [m for m in net.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm) and m.training]
    saved = [{name: b.clone() for name, b in m.named_buffers(recurse=False)} for m in norms]
    net.eval()
    for m in norms:
        m.train()
    try:
        yield
    finally:
        net.eval()
        with torch.no_grad():
            for m, buffers in zip(norms, saved):
                for name, value in buffers.items():
                    getattr(m, name).copy_(value)


def _stream(seed: int, part: int) -> torch.Generator:
    return torch.Generator().manual_seed(mix_seed(seed, FIXED_STREAM, part))
