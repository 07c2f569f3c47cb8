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


def _node_stats(value) -> torch.Tensor | None:
    """What the measuring graph computes after each wanted node (None for a value that is not one tensor)."""
    return _stats_tensor(value) if isinstance(value, torch.Tensor) else None


Measuring = Callable[[nn.Module, torch.Tensor], tuple[Any, tuple]]
_MEASURING: dict[tuple[str, frozenset[str]], tuple[Measuring, list[str]]] = {}
MEASURING_KEPT = 8  # measuring forwards kept (a few designs open at once)


def _measuring(model: fx.GraphModule, wanted: set[str]) -> tuple[Measuring, list[str]]:
    """A forward ``(model, batch) -> (output, statistics)`` computing the wanted nodes' statistics as their outputs
    are made, and the fx names of the statistics, in order.

    Taken at once, not kept for later: a later in-place ReLU would change a kept value (and a copy of every
    activation costs more than its statistics). It is the model's graph with a statistics node after each wanted
    node, as generated code like the model's own forward rather than an fx.Interpreter stepping node by node in
    Python (that was most of the probe's cost at every epoch end, bench/trainer_overhead.py). The code reads
    everything through ``self``, and the model is passed as ``self``: its weights and train/eval mode of the
    moment, and one forward for every model of the same structure (made once per run, not at every epoch end).
    """
    key = (model.code, frozenset(wanted))
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
                stats.append(graph.call_function(_node_stats, (env[node],)))
        graph.output((result, tuple(stats)))
        if len(_MEASURING) >= MEASURING_KEPT:
            _MEASURING.clear()
        kept = _MEASURING[key] = (type(fx.GraphModule(model, graph)).forward, measured)
    return kept


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
    if not isinstance(model, fx.GraphModule):
        raise InsightError(translate("Insight", "the model is not a compiled graph (torch.fx.GraphModule)"))
    if images.dim() != 4:
        raise InsightError(
            translate("Insight", "expects a batch of images (batch × C × H × W), got shape {shape}").format(
                shape=tuple(images.shape)
            )
        )
    if names is None:
        placeholders = {n.name for n in model.graph.nodes if n.op == "placeholder"}
        names = [name for name, fx_name in getattr(model, "fx_names", {}).items() if fx_name not in placeholders]
    names = list(dict.fromkeys(names))
    mapping = fx_node_names(model, names)
    batch = images.detach().to(model_device(model), torch.float32)
    forward, order = _measuring(model, set(mapping.values()))
    grads: dict[str, float | None] = dict.fromkeys(names)
    with evaluating(model), torch.set_grad_enabled(targets is not None):
        output, values = forward(model, batch)
        if targets is not None:
            loss = F.cross_entropy(class_scores(output), targets.to(batch.device).long())
            grads = _grad_norms(model, names, loss)
    stats = {fx_name: value for fx_name, value in zip(order, values) if value is not None}
    measured = [name for name in names if mapping[name] in stats]
    if not measured:
        return {}
    values = torch.stack([stats[mapping[name]] for name in measured]).tolist()  # one transfer for all
    return {name: LayerHealth(*values[i], grads.get(name)) for i, name in enumerate(measured)}


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
