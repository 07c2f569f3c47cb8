"""A GAN's two networks as one module: the generator and the discriminator of one graph, trained as a pair.

The graph's two components compile one model each (compiler/components.py); the pair registers their
top-level submodules under their own names, so its state_dict keys are the whole graph's (``generator.…``,
``discriminator.…``): one checkpoint holds both networks and loads into either component alone.
"""

from __future__ import annotations

import torch

from cnnstudio.compiler import CompileError, Head
from cnnstudio.compiler.components import compile_components
from cnnstudio.core.i18n import translate

from ..errors import TrainingError


class GanPair(torch.nn.Module):
    """``generator(z)`` makes images, ``discriminator(x)`` scores them (one logit per image)."""

    def __init__(self, generator: torch.nn.Module, discriminator: torch.nn.Module):
        super().__init__()
        for net in (generator, discriminator):
            for name, child in net.named_children():
                if hasattr(self, name):
                    raise TrainingError(
                        translate(
                            "Training",
                            "the generator and the discriminator both have a layer called {name!r}: name their nodes generator.… and discriminator.…",
                        ).format(name=name)
                    )
                self.add_module(name, child)
        self._nets = (generator, discriminator)  # a tuple: not registered twice
        self.heads: tuple[Head, ...] = tuple(generator.heads) + tuple(discriminator.heads)
        self.latent_shape = tuple(generator.input_shape)
        self.input_shape = tuple(discriminator.input_shape)  # the feeder's: real images
        self.input_shapes = (self.latent_shape, self.input_shape)

    @property
    def generator(self) -> torch.nn.Module:
        return self._nets[0]

    @property
    def discriminator(self) -> torch.nn.Module:
        return self._nets[1]

    def train(self, mode: bool = True):
        super().train(mode)
        for net in self._nets:  # a compiled model keeps its frozen batch norms in eval mode
            net.train(mode)
        return self

    def parameter_groups(self) -> list[dict]:
        """The optimiser's groups, one per network (the discriminator's may learn at lr_discriminator)."""
        return [
            {"params": [p for p in net.parameters() if p.requires_grad], "network": name}
            for name, net in (("generator", self.generator), ("discriminator", self.discriminator))
        ]

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.generator(z)

    def latents(self, n: int, generator: torch.Generator | None = None, device=None) -> torch.Tensor:
        """``n`` latent vectors from a standard normal (``generator``: a reproducible draw)."""
        return torch.randn((n, *self.latent_shape), generator=generator).to(device or self.device)

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device


def is_gan(heads) -> bool:
    return any(h.kind in ("generated_image", "real_fake") for h in heads)


def compile_gan(graph) -> GanPair:
    """The pair of a graph with a Generated image output and a Real/fake output; TrainingError when it has not."""
    try:
        parts = compile_components(graph)
    except CompileError as exc:
        raise TrainingError(str(exc)) from None
    generators = [m for m in parts.values() if any(h.kind == "generated_image" for h in m.heads)]
    critics = [m for m in parts.values() if any(h.kind == "real_fake" for h in m.heads)]
    if len(generators) != 1 or len(critics) != 1 or generators[0] is critics[0]:
        raise TrainingError(
            translate(
                "Training",
                "a GAN trains one generator (ending in a Generated image output) against one discriminator (ending in a Real/fake output) as two separate networks; this graph has {generators} and {critics}",
            ).format(generators=len(generators), critics=len(critics))
        )
    generator, discriminator = generators[0], critics[0]
    with torch.no_grad():  # the tie between the two: the generator's image is the discriminator's input
        out = generator.eval()(torch.zeros(1, *generator.input_shape))
    out = out[0] if isinstance(out, (tuple, list)) else out
    if tuple(out.shape[1:]) != tuple(discriminator.input_shape):
        raise TrainingError(
            translate("Training", "the generator makes {made} images but the discriminator takes {taken}").format(
                made="×".join(map(str, out.shape[1:])), taken="×".join(map(str, discriminator.input_shape))
            )
        )
    generator.train()
    return GanPair(generator, discriminator)
