"""Reading a compiled model's intermediate tensors: the outputs of named nodes for one image."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import torch
import torch.fx as fx
import torch.nn as nn

from ..core.i18n import translate


class InsightError(ValueError):
    """A request the model cannot answer (unknown node, wrong image shape); the message says which."""


def model_device(model: nn.Module) -> torch.device:
    for tensor in model.parameters():
        return tensor.device
    for tensor in model.buffers():
        return tensor.device
    return torch.device("cpu")


@contextmanager
def evaluating(model: nn.Module) -> Iterator[nn.Module]:
    """Eval mode (dropout off, batch norm on running stats) for the block, the previous mode after."""
    was_training = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was_training)


def as_batch(model: nn.Module, image: torch.Tensor) -> torch.Tensor:
    """One C×H×W image as a float batch of one on the model's device; a clear error for other shapes."""
    if not isinstance(image, torch.Tensor):
        raise InsightError(
            translate("Insight", "the image must be a tensor, got {name}").format(name=type(image).__name__)
        )
    if image.dim() != 3:
        raise InsightError(
            translate("Insight", "expects one C×H×W image, got a tensor of shape {shape}").format(
                shape=tuple(image.shape)
            )
        )
    expected = tuple(getattr(model, "input_shape", ()) or ())
    if len(expected) == 3 and expected[0] != image.shape[0]:
        raise InsightError(
            translate("Insight", "the model takes {expected} channel(s), the image has {shape}").format(
                expected=expected[0], shape=image.shape[0]
            )
        )
    return image.detach().to(model_device(model), torch.float32).unsqueeze(0)


def fx_node_names(model: nn.Module, names: Iterable[str]) -> dict[str, str]:
    """Graph node name -> fx node name, for every requested name; unknown names raise InsightError."""
    if not isinstance(model, fx.GraphModule):
        raise InsightError(translate("Insight", "the model is not a compiled graph (torch.fx.GraphModule)"))
    mapping = dict(getattr(model, "fx_names", {}) or {})
    fx_nodes = {node.name for node in model.graph.nodes}
    targets = {node.target: node.name for node in model.graph.nodes if node.op == "call_module"}
    out = {}
    for name in names:
        if name in mapping:
            out[name] = mapping[name]
        elif name in targets:  # a model compiled without the name table: modules sit at the node names
            out[name] = targets[name]
        elif name in fx_nodes:
            out[name] = name
        else:
            raise InsightError(translate("Insight", "the model has no node named {name!r}").format(name=name))
    return out


class _Recorder(fx.Interpreter):
    """Runs the fx graph node by node and keeps the values of the requested nodes.

    An Interpreter (not forward hooks) because flatten/add/concat are emitted as plain function calls,
    which have no module to hook. A value is cloned when recorded: a later in-place ReLU would change it.
    """

    def __init__(self, module: fx.GraphModule, wanted: set[str], stop_early: bool = True):
        super().__init__(module)
        self.wanted = wanted
        self.stop_early = stop_early
        self.values: dict[str, torch.Tensor] = {}

    def run_node(self, n: fx.Node):
        if self.stop_early and len(self.values) == len(self.wanted):
            # the rest of the network need not run. Skipped, not aborted: an exception through
            # Interpreter.run makes torch format a traceback, which imports torch._dynamo (seconds)
            return None
        result = super().run_node(n)
        if n.name in self.wanted:
            self.values[n.name] = self.capture(n.name, result)
        return result

    def capture(self, name: str, value):
        if not isinstance(value, torch.Tensor):
            raise InsightError(translate("Insight", "node {name!r} does not produce a single tensor").format(name=name))
        return value.detach().clone()


def record(model: fx.GraphModule, batch: torch.Tensor, fx_names: set[str]) -> dict[str, torch.Tensor]:
    """The values of the given fx nodes for one batch (eval mode, no grad, stops once all are seen)."""
    recorder = _Recorder(model, fx_names)
    with evaluating(model), torch.no_grad():
        recorder.run(batch)
    return recorder.values


def activations(model: nn.Module, image: torch.Tensor, names: Iterable[str]) -> dict[str, torch.Tensor]:
    """The outputs of the named nodes for one C×H×W image, batch dimension removed, on the CPU."""
    names = list(dict.fromkeys(names))
    mapping = fx_node_names(model, names)
    values = record(model, as_batch(model, image), set(mapping.values()))
    return {name: values[mapping[name]][0].cpu() for name in names}
