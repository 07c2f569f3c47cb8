"""Several networks on one canvas (a GAN's generator and discriminator), compiled one module each.

``compile_model`` on such a graph already gives one module whose submodules are the components (their
nodes' names start with ``generator.`` / ``discriminator.``); ``compile_components`` gives each component as
a model of its own, with the same state_dict keys, so one checkpoint of the whole graph loads into either.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch

from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.components import Component, components, subgraph
from cnnstudio.core.graph import Graph

from ..core.i18n import translate
from .fx_compile import CompiledModel, CompileError, compile_model


def component_graphs(graph: Graph, registry: Registry = REGISTRY) -> dict[str, Graph]:
    """Each component as a graph of its own, by component name (``generator``, ``discriminator``, ...)."""
    return {c.name: subgraph(graph, c.nodes) for c in components(graph, registry)}


def compile_components(graph: Graph, registry: Registry = REGISTRY) -> dict[str, CompiledModel]:
    """One compiled model per component, keyed by the nodes' shared top-level name, else by role."""
    return {name: compile_model(part, registry) for name, part in component_graphs(graph, registry).items()}


def find_component(
    graph: Graph, name: str | None = None, role: str = "generated_image", registry: Registry = REGISTRY
) -> Component:
    """The component called ``name``, else the one with an output of ``role``; CompileError if none."""
    found = components(graph, registry)
    for c in found:
        if (c.name == name) if name else (role in c.roles):
            return c
    names = ", ".join(c.name for c in found)
    if name:
        what = translate("Compiler", "no component {name!r}").format(name=name)
    else:
        what = translate("Compiler", "no component with a {role} output").format(role=role.replace("_", " "))
    raise CompileError(
        translate("Compiler", "{what}: the graph has {names}").format(
            what=what, names=names or translate("Compiler", "no nodes")
        )
    )


def samplers(model: torch.nn.Module) -> list[str]:
    """The names of a model's reparameterisation (Sample Gaussian) modules, whose inputs are mu and logvar."""
    from cnnstudio.blocks.modules import SampleGaussian

    return [name for name, module in model.named_modules() if isinstance(module, SampleGaussian)]


@contextlib.contextmanager
def captured_latents(model: torch.nn.Module) -> Iterator[dict[str, tuple[torch.Tensor, torch.Tensor]]]:
    """While open, every forward records ``{sampler name: (mu, logvar)}``: what a VAE's KL loss reads."""
    seen: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
    handles = []
    for name in samplers(model):

        def record(module, args, _output, name=name):
            seen[name] = (args[0], args[1])

        handles.append(model.get_submodule(name).register_forward_hook(record))
    try:
        yield seen
    finally:
        for handle in handles:
            handle.remove()


def seed_samplers(model: torch.nn.Module, generator: torch.Generator | None) -> None:
    """Draw every sampler's noise from ``generator`` (None: torch's global generator again)."""
    for name in samplers(model):
        model.get_submodule(name).generator = generator
