"""Graph → ``torch.fx.GraphModule`` whose submodules sit at the nodes' dotted names."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.fx as fx
import torch.nn as nn

from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference, infer_shapes

from ..core.i18n import translate


class CompileError(ValueError):
    """The graph has errors; the message names the first node and the problem."""


@dataclass(frozen=True)
class Head:
    """A model output and how it is trained."""

    name: str
    kind: str  # the output block's role (core.block.OUTPUT_ROLES), or "plain" for a loose end
    loss_weight: float = 1.0
    auxiliary: bool = False
    label_smoothing: float = 0.0


# fx node meta key: the name of the graph node whose output the fx node is (for hooks, feature maps, tests)
NODE_META = "cnnstudio_node"


def select_outputs(training: bool, *outputs: torch.Tensor):
    """The model's return value: (main, aux...) while training, the main output alone in eval."""
    return outputs if training else outputs[0]


class CompiledModel(fx.GraphModule):
    """A GraphModule that also keeps frozen batch-norm layers in eval mode and knows its heads."""

    heads: tuple[Head, ...] = ()
    input_shape: tuple[int, ...] = ()  # the first input's; forward takes one tensor per input, in input_shapes
    input_shapes: tuple[tuple[int, ...], ...] = ()
    frozen_modules: tuple[str, ...] = ()
    # graph node name -> fx node name; module-less nodes (flatten, add, concat, heads) have no submodule to hook
    fx_names: dict[str, str] = {}  # set per instance by compile_model

    def __deepcopy__(self, memo):
        # GraphModule's deepcopy rebuilds the module from its graph and drops attributes set after __init__
        res = super().__deepcopy__(memo)
        for attr in ("heads", "input_shape", "input_shapes", "frozen_modules"):
            setattr(res, attr, getattr(self, attr))
        return res

    def train(self, mode: bool = True):
        super().train(mode)
        if mode:
            for name in self.frozen_modules:
                for module in self.get_submodule(name).modules():
                    if isinstance(module, nn.modules.batchnorm._BatchNorm):
                        module.eval()
        return self


def function_for(block, p: dict | None = None) -> Callable[..., torch.Tensor]:
    """The torch function (batch dim first) a module-less block computes: the block says which."""
    fn = block.function(block.resolve(p if p is not None else {}))
    if fn is None:
        raise CompileError(
            translate("Compiler", "block type {type!r} has neither a module nor a function to compile to").format(
                type=block.type
            )
        )
    return fn


def _functional(fxg: fx.Graph, block, p: dict, args: list):
    function_for(block, p)  # raises for a block the compiler does not know
    return block.emit(p, lambda fn, fn_args: fxg.call_function(fn, fn_args), args)


def _value(values: dict, pieces: dict, edge) -> fx.Node:
    """What a wire carries: its source's value, or the piece at the output port it leaves."""
    if edge.src in pieces:
        return pieces[edge.src][edge.src_port]
    return values[edge.src]


def compile_model(graph: Graph, registry: Registry = REGISTRY, inference: Inference | None = None) -> CompiledModel:
    """Build the PyTorch model; raises CompileError if the graph has errors."""
    result = inference or infer_shapes(graph, registry)
    errors = result.errors()
    if errors:
        first = errors[0]
        where = graph.nodes[first.node].name if first.node in graph.nodes else "graph"
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise CompileError(
            translate("Compiler", "cannot compile: {where}: {message}{more}").format(
                where=where, message=first.message, more=more
            )
        )

    fxg = fx.Graph()
    modules: dict[str, nn.Module] = {}
    values: dict[str, fx.Node] = {}
    pieces: dict[str, dict[str, fx.Node]] = {}  # a multi-output node's value per output port
    heads: list[tuple[Head, fx.Node]] = []
    input_shapes: list[tuple[int, ...]] = []
    frozen: list[str] = []

    for nid in result.order:
        node = graph.nodes[nid]
        block = registry.get(node.type)
        p = block.resolve(node.params)
        info = result.info[nid]
        if block.is_input:
            values[nid] = fxg.placeholder(node.name.replace(".", "_"))
            values[nid].meta[NODE_META] = node.name
            input_shapes.append(tuple(info.shape))
            continue
        ports = block.input_ports(p)
        in_edges = graph.in_edges(nid)
        args = [_value(values, pieces, in_edges[port]) for port in ports]
        module = block.build(p, info.in_shapes)
        if module is not None:
            modules[node.name] = module
            values[nid] = fxg.call_module(node.name, tuple(args))
            if not node.trainable:
                module.requires_grad_(False)
                frozen.append(node.name)
        else:
            values[nid] = _functional(fxg, block, p, args)
        # which graph node computed this value (heads pass their input through and keep its producer)
        values[nid].meta.setdefault(NODE_META, node.name)
        if block.multi_output:  # a tuple: one getitem per output port, as ``a, b = x.chunk(2, 1)`` reads in fx
            pieces[nid] = {
                port: fxg.call_function(operator.getitem, (values[nid], k))
                for k, port in enumerate(block.output_ports(p))
            }
        if block.is_output:
            kind = block.role or "plain"
            head = Head(
                node.name, kind, p.get("loss_weight", 1.0), p.get("auxiliary", False), p.get("label_smoothing", 0.0)
            )
            heads.append((head, values[nid]))

    if not heads:  # no head: the loose ends are the outputs
        sinks = [
            nid for nid in result.order if not graph.out_edges(nid) and not registry.get(graph.nodes[nid].type).is_input
        ]
        heads = [(Head(graph.nodes[nid].name, "plain"), values[nid]) for nid in sinks]
    if not heads:
        raise CompileError(translate("Compiler", "cannot compile: the network has no layers after its input"))
    heads.sort(key=lambda item: item[0].auxiliary)  # main outputs first, stable otherwise
    outs = [value for _, value in heads]
    if any(h.auxiliary for h, _ in heads):
        training = fxg.get_attr("training")
        fxg.output(fxg.call_function(select_outputs, (training, *outs)))
    elif len(outs) == 1:
        fxg.output(outs[0])
    else:
        fxg.output(tuple(outs))

    # fx wants every get_attr target in the root dict: the aux-head switch reads self.training at run time
    model = CompiledModel({"training": True, **modules}, fxg, class_name="Model")
    model.heads = tuple(h for h, _ in heads)
    model.input_shapes = tuple(input_shapes)
    model.input_shape = input_shapes[0] if input_shapes else ()
    model.frozen_modules = tuple(frozen)
    # a multi-output node is probed (feature maps, layer health) at its first piece, the shape inference shows
    shown = {nid: next(iter(pieces[nid].values())) if nid in pieces else value for nid, value in values.items()}
    model.fx_names = {graph.nodes[nid].name: value.name for nid, value in shown.items()}
    return model
