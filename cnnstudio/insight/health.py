"""Layer health from a batch: activation mean/std, dead-ReLU fraction and gradient norm per node."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.fx as fx
import torch.nn as nn
import torch.nn.functional as F

from ..core.i18n import translate
from .gradcam import class_scores
from .probe import InsightError, evaluating, fx_node_names, model_device

METRICS = ("mean", "std", "dead_fraction", "grad_norm")


@dataclass(frozen=True)
class LayerHealth:
    """Statistics of one node's output over a batch.

    ``dead_fraction``: the share of channels (features, for flat outputs) that are ≤ 0 at every position
    of every image: after a ReLU those units pass no signal and get no gradient. ``grad_norm``: the L2
    norm of d(loss)/d(parameters) of the node's module; None for nodes without trainable parameters or
    when no targets were given.
    """

    mean: float
    std: float
    dead_fraction: float
    grad_norm: float | None = None

    def to_json(self) -> dict:
        return asdict(self)


def _stats_tensor(batch_output: torch.Tensor) -> torch.Tensor:
    """(mean, std, dead fraction) of one node's output as one tensor on its device: no host sync."""
    t = batch_output.detach().float()
    if t.dim() < 2:
        raise InsightError(
            translate("Insight", "expects a batch of outputs (batch × …), got shape {shape}").format(
                shape=tuple(t.shape)
            )
        )
    mean = t.mean()
    std = t.std() if t.numel() > 1 else torch.zeros((), device=t.device)  # (torch.std_mean is 8× slower on CPU)
    # a channel is dead when its largest value over the batch and every position is ≤ 0 (no copy of t)
    dead = (t.amax(dim=[d for d in range(t.dim()) if d != 1]) <= 0).float().mean()
    return torch.stack([mean, std, dead])


def activation_stats(batch_output: torch.Tensor) -> tuple[float, float, float]:
    """(mean, std, dead fraction) of one node's output for a batch (batch × C [× H × W])."""
    mean, std, dead = _stats_tensor(batch_output).tolist()
    return mean, std, dead


def param_grad_norms(model: nn.Module, names: Iterable[str]) -> dict[str, float | None]:
    """The L2 norm of the ``.grad`` of each named module's parameters (after the caller's backward)."""
    out: dict[str, float | None] = {}
    norms: dict[str, torch.Tensor] = {}
    for name in names:
        out[name] = None
        try:
            module = model.get_submodule(name)
        except AttributeError:
            continue
        grads = [p.grad.detach().float() for p in module.parameters() if p.grad is not None]
        if grads:
            norms[name] = torch.linalg.vector_norm(torch.stack([g.norm() for g in grads]))
    if norms:  # one transfer for all of them (each float() would wait for the device)
        out.update(zip(norms, torch.stack(list(norms.values())).tolist()))
    return out


def _node_stats(value, first: int | None) -> torch.Tensor | None:
    """What the measuring graph computes after each wanted node: the statistics of the first ``first`` images
    (all: None), or None for a value that is not a batch of outputs (no statistics rather than a failed forward)."""
    if not isinstance(value, torch.Tensor) or value.dim() < 2:
        return None
    return _stats_tensor(value if first is None else value[:first])


Measuring = Callable[[nn.Module, torch.Tensor], tuple[Any, tuple]]
_MEASURING: dict[tuple[str, frozenset[str], int | None], tuple[Measuring, list[str]]] = {}
MEASURING_KEPT = 8  # measuring forwards kept (a few designs open at once)


def _measuring(model: fx.GraphModule, wanted: set[str], first: int | None) -> tuple[Measuring, list[str]]:
    """A forward ``(model, batch) -> (output, statistics)`` that computes the wanted nodes' statistics as their
    outputs are made, and the fx names of the statistics, in order.

    Taken at once, not kept for later: a later in-place ReLU would change a kept value (and a copy of every
    activation costs more than its statistics). It is the model's graph with a statistics node after each wanted
    node, as generated code like the model's own forward: an fx.Interpreter stepping node by node in Python was
    most of the layer-health probe's cost at every epoch end (bench/trainer_overhead.py). The code reads
    everything through ``self`` and is called with the model as ``self`` (its weights and mode of the moment),
    so one forward serves every model of the same structure and is made once, not at every epoch end.
    """
    key = (model.code, frozenset(wanted), first)
    kept = _MEASURING.get(key)
    if kept is None:
        graph, env, measured, stats, result = fx.Graph(), {}, [], [], None
        for node in model.graph.nodes:
            if node.op == "output":
                result = fx.map_arg(node.args[0], lambda n: env[n])
                continue
            env[node] = graph.node_copy(node, lambda n: env[n])
            if node.name in wanted:
                measured.append(node.name)
                stats.append(graph.call_function(_node_stats, (env[node], first)))
        graph.output((result, tuple(stats)))
        if len(_MEASURING) >= MEASURING_KEPT:
            _MEASURING.clear()
        kept = _MEASURING[key] = (type(fx.GraphModule(model, graph)).forward, measured)
    return kept


class HealthMeter:
    """Runs a compiled model as its forward does, measuring its nodes' outputs on the way.

    ``meter(batch)`` returns the model's output; ``meter.health()`` then gives the activation statistics of
    every named node (default: every node but the input) over the first ``first`` images of that batch (all:
    None). It runs in whatever mode the caller set (eval, no grad) and changes nothing in the model.
    """

    def __init__(self, model: nn.Module, names: Iterable[str] | None = None, first: int | None = None):
        if not isinstance(model, fx.GraphModule):
            raise InsightError(translate("Insight", "the model is not a compiled graph (torch.fx.GraphModule)"))
        if names is None:
            placeholders = {n.name for n in model.graph.nodes if n.op == "placeholder"}
            names = [name for name, fx_name in getattr(model, "fx_names", {}).items() if fx_name not in placeholders]
        self.model = model
        self.names = list(dict.fromkeys(names))
        self.mapping = fx_node_names(model, self.names)
        self._forward, self._order = _measuring(model, set(self.mapping.values()), first)
        self._values: tuple = ()
        self.ran = False  # whether a batch went through (health() reports that batch)

    def __call__(self, batch: torch.Tensor):
        output, self._values = self._forward(self.model, batch)
        self.ran = True
        return output

    def health(self, grads: dict[str, float | None] | None = None) -> dict[str, LayerHealth]:
        """The last batch's statistics per node (in ``names`` order), with ``grads`` as the gradient norms."""
        stats = {fx_name: value for fx_name, value in zip(self._order, self._values) if value is not None}
        measured = [name for name in self.names if self.mapping[name] in stats]
        if not measured:
            return {}
        values = torch.stack([stats[self.mapping[name]] for name in measured]).tolist()  # one transfer for all
        grads = grads or {}
        return {name: LayerHealth(*values[i], grads.get(name)) for i, name in enumerate(measured)}


def layer_health(
    model: nn.Module,
    images: torch.Tensor,
    targets: torch.Tensor | None = None,
    names: Iterable[str] | None = None,
) -> dict[str, LayerHealth]:
    """Health of every named node (default: every node but the input) for a batch of images.

    Runs in eval mode and reads gradients with ``torch.autograd.grad``: the model's weights, ``.grad``
    and batch-norm statistics are left as they were. With ``targets`` (class indices) the gradient norms
    are those of the cross-entropy loss of the main output.
    """
    meter = HealthMeter(model, names)
    if images.dim() != 4:
        raise InsightError(
            translate("Insight", "expects a batch of images (batch × C × H × W), got shape {shape}").format(
                shape=tuple(images.shape)
            )
        )
    batch = images.detach().to(model_device(model), torch.float32)
    grads: dict[str, float | None] = {}
    with evaluating(model), torch.set_grad_enabled(targets is not None):
        output = meter(batch)
        if targets is not None:
            loss = F.cross_entropy(class_scores(output), targets.to(batch.device).long())
            grads = _grad_norms(model, meter.names, loss)
    return meter.health(grads)


def _grad_norms(model: nn.Module, names: list[str], loss: torch.Tensor) -> dict[str, float | None]:
    owned: dict[str, list[torch.Tensor]] = {}
    for name in names:
        try:
            module = model.get_submodule(name)
        except AttributeError:
            continue
        params = [p for p in module.parameters() if p.requires_grad]
        if params:
            owned[name] = params
    flat = [p for params in owned.values() for p in params]
    out: dict[str, float | None] = dict.fromkeys(names)
    if not flat:
        return out
    grads = torch.autograd.grad(loss, flat, allow_unused=True)
    it = iter(grads)
    norms: dict[str, torch.Tensor] = {}
    for name, params in owned.items():
        parts = [g for g in (next(it) for _ in params) if g is not None]
        if parts:
            norms[name] = torch.linalg.vector_norm(torch.stack([g.norm() for g in parts]))
    if norms:  # one transfer for all of them
        out.update(zip(norms, torch.stack(list(norms.values())).tolist()))
    return out
