"""Import an existing ``nn.Module``: trace it with torch.fx into a graph of known blocks.

Module layers keep their dotted paths as node names (``layer1.0.conv1``), so the module's own state_dict loads
into the compiled graph unchanged; functions get the path of the module they were called in (``layer1.0.add``).
After import, the graph is compiled, loaded with the module's weights and checked to give the module's outputs.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import io
import operator
import re
import sys
from collections.abc import Callable
from pathlib import Path

import torch
import torch.fx as fx
import torch.nn as nn
from torch.fx.passes.shape_prop import ShapeProp

from cnnstudio.blocks.importing import pieces
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes

from ..core.i18n import translate
from .fx_compile import compile_model
from .import_ops import Step, Unsupported, composite_step, describe, function_step, layer_class, module_step


class ModuleImportError(ValueError):
    """The module cannot be imported; str() is one line naming the op and where it is."""


def load_callable(spec: str) -> nn.Module:
    """``package.module:factory``, ``path/to/file.py:Class`` or ``timm:NAME`` → the module it builds (called with no
    arguments; timm's models untrained)."""
    target, sep, attr = spec.rpartition(":")
    if not sep or not target or not attr:
        raise ModuleImportError(
            translate("Compiler", "expected MODULE:CALLABLE (e.g. torchvision.models:resnet18), got {spec!r}").format(
                spec=spec
            )
        )
    if target == "timm":
        return _timm_model(attr)
    try:
        if target.endswith(".py"):
            path = Path(target)
            if not path.is_file():
                raise ModuleImportError(translate("Compiler", "{target}: no such file").format(target=target))
            loader = importlib.util.spec_from_file_location(path.stem, path)
            module = importlib.util.module_from_spec(loader)
            sys.modules.setdefault(path.stem, module)  # dataclasses and pickling look their module up
            loader.loader.exec_module(module)
        else:
            module = importlib.import_module(target)
    except ModuleImportError:
        raise
    except Exception as exc:  # ImportError, SyntaxError, anything the user's module raises at import
        raise ModuleImportError(
            translate("Compiler", "cannot import {target}: {name}: {reason}").format(
                target=target, name=type(exc).__name__, reason=_first_line(exc)
            )
        ) from None
    obj = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise ModuleImportError(
                translate("Compiler", "{target} has no attribute {attr!r}").format(target=target, attr=attr)
            )
        obj = getattr(obj, part)
    if isinstance(obj, nn.Module):
        return obj
    if not callable(obj):
        raise ModuleImportError(
            translate("Compiler", "{spec} is neither an nn.Module nor something that builds one").format(spec=spec)
        )
    try:
        built = obj()
    except Exception as exc:
        raise ModuleImportError(
            translate("Compiler", "{spec}() failed: {name}: {reason}").format(
                spec=spec, name=type(exc).__name__, reason=_first_line(exc)
            )
        ) from None
    if not isinstance(built, nn.Module):
        raise ModuleImportError(
            translate("Compiler", "{spec}() returned a {name}, not an nn.Module").format(
                spec=spec, name=type(built).__name__
            )
        )
    return built


def _timm_model(name: str) -> nn.Module:
    """``timm:NAME``: timm's model of that name, built untrained (nothing is downloaded)."""
    try:
        import timm
    except ImportError:
        raise ModuleImportError(
            translate("Compiler", "timm:{name} needs timm (pip install timm)").format(name=name)
        ) from None
    if not timm.is_model(name):
        raise ModuleImportError(
            translate("Compiler", "timm has no model {name!r} (timm.list_models() lists them)").format(name=name)
        )
    try:
        return timm.create_model(name, pretrained=False)
    except Exception as exc:
        raise ModuleImportError(
            translate("Compiler", "timm.create_model({name!r}) failed: {kind}: {reason}").format(
                name=name, kind=type(exc).__name__, reason=_first_line(exc)
            )
        ) from None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""


class _Tracer(fx.Tracer):
    """torch.nn layers are leaves (as usual), and so are torchvision blocks that match a composite block."""

    def __init__(self, composites: bool):
        super().__init__()
        self.composites = composites
        self.inside: list[tuple[str, nn.Module]] = []  # the modules being traced into: where a failure is

    def call_module(self, m, forward, args, kwargs):
        self.inside.append((self.path_of_module(m), m))
        result = super().call_module(m, forward, args, kwargs)
        self.inside.pop()
        return result

    def is_leaf_module(self, m: nn.Module, qualname: str) -> bool:
        try:
            step = composite_step(m, [])
        except Unsupported:  # a layer matched by its class name in a setting no block holds: the error names it
            return True
        if step is not None and (self.composites or not REGISTRY.get(step.type).composite):
            return True  # plain layers known by class name (FrozenBatchNorm2d) stay whole even when expanding
        if layer_class(m) is not None:  # a thin subclass of a torch layer (timm's Linear) is that layer
            return True
        return super().is_leaf_module(m, qualname)


def input_shapes(input_shape) -> list[list[int]]:
    """One shape per input: ``[3, 224, 224]`` is one input's, ``[[100, 1, 1], [1, 28, 28]]`` two inputs'."""
    shapes = list(input_shape)
    if shapes and all(isinstance(s, (list, tuple)) for s in shapes):
        return [[int(v) for v in s] for s in shapes]
    return [[int(v) for v in shapes]]


def _shape_text(shapes: list[list[int]]) -> str:
    return ", ".join("×".join(map(str, s)) for s in shapes)


def trace(module: nn.Module, input_shape, composites: bool = True, training: bool = False) -> fx.GraphModule:
    """The module's fx graph with every tensor's shape (run in eval mode, batch 2).

    ``input_shape`` is one shape, or one per tensor the forward takes (see ``input_shapes``). ``training`` traces
    the branches the module takes while training (GoogLeNet's auxiliary heads); the shapes are still computed with
    eval-mode layers, so batch-norm statistics are left as they are.
    """
    shapes = input_shapes(input_shape)
    signature = inspect.signature(module.forward)
    named = [p for p in signature.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    # the first argument is a tensor; later ones too unless they have a default (mask=None is traced as given)
    tensors = named[:1] + [p for p in named[1:] if p.default is inspect.Parameter.empty]
    extra = [p for p in named[1:] if p.default is not inspect.Parameter.empty]
    if len(tensors) > len(shapes):
        raise ModuleImportError(
            translate(
                "Compiler",
                "the module's forward takes {count} tensors ({names}); give one input shape for each (--input C,H,W once per tensor)",
            ).format(count=len(tensors), names=", ".join(p.name for p in tensors))
        )
    if len(shapes) > max(1, len(tensors)):
        raise ModuleImportError(
            translate(
                "Compiler", "{given} input shapes given, but the module's forward takes {count} tensor(s)"
            ).format(given=len(shapes), count=max(1, len(tensors)))
        )
    module.train(training)
    tracer = _Tracer(composites)
    try:
        graph = tracer.trace(module, concrete_args={p.name: p.default for p in extra} or None)
    except Exception as exc:  # data-dependent control flow and other things fx cannot trace
        path, layer = tracer.inside[-1] if tracer.inside else ("", None)
        where = (
            translate("Compiler", " (in {path!r}, a {kind})").format(path=path, kind=type(layer).__name__)
            if layer is not None
            else ""
        )
        raise ModuleImportError(
            translate("Compiler", "torch.fx cannot trace the module: {name}: {reason}").format(
                name=type(exc).__name__, reason=_first_line(exc)
            )
            + where
        ) from None
    finally:
        module.eval()
    traced = fx.GraphModule(module, graph).eval()
    try:
        # fx's interpreter prints the failing node's traceback itself: the one-line message below is enough
        with torch.no_grad(), contextlib.redirect_stderr(io.StringIO()):
            ShapeProp(traced).propagate(*(torch.randn(2, *s) for s in shapes))
    except Exception as exc:
        raise ModuleImportError(
            translate("Compiler", "the module does not run on a {shape} input: {reason}").format(
                shape=_shape_text(shapes), reason=_run_error(traced, exc)
            )
        ) from None
    return traced


def _run_error(traced: fx.GraphModule, exc: BaseException) -> str:
    """torch's own reason, and the layer where it failed (ShapeProp wraps it in a dump of the fx node)."""
    cause = exc.__cause__ or exc
    found = re.search(r"node=%(\w+)", str(exc))
    node = next((n for n in traced.graph.nodes if found and n.name == found.group(1)), None)
    if node is None:
        return _first_line(cause)
    path = node.target if node.op == "call_module" else _where(node)
    return f"{_first_line(cause)} (in {path or 'the top-level forward'!r})"


def _where(node: fx.Node) -> str:
    stack = node.meta.get("nn_module_stack") or {}
    path = next(reversed(stack.values()))[0] if stack else ""
    return path


def _kind(node: fx.Node) -> str:
    """The class name of the module whose forward made ``node`` (``ConvNeXtBlock``)."""
    stack = node.meta.get("nn_module_stack") or {}
    kind = next(reversed(stack.values()))[1] if stack else None
    return getattr(kind, "__name__", None) or str(kind).rpartition(".")[2].strip("'>")


ROOT_PREFIX = "layers."  # an nn.Sequential's "0", "1"... are not names a project allows at the top level


def prefixed(path: str) -> str:
    """A module path as a node name: numbered top-level layers go under ``layers.``; characters a Python name
    cannot hold become ``_`` (RegNet's ``block1-0`` is ``block1_0``)."""
    parts = [p if p.isidentifier() or p.isdigit() else _identifier(p) for p in path.split(".")]
    path = ".".join(parts)
    return ROOT_PREFIX + path if parts[0].isdigit() else path


def _identifier(part: str) -> str:
    text = "".join(c if c.isalnum() or c == "_" else "_" for c in part)
    return text if text.isidentifier() else f"_{text}"


def imported_state_dict(module: nn.Module) -> dict[str, torch.Tensor]:
    """The module's state_dict with the keys the imported graph uses (``0.weight`` → ``layers.0.weight``)."""
    return {prefixed(key): value for key, value in module.state_dict().items()}


class _Importer:
    def __init__(self, traced: fx.GraphModule, input_shape, auxiliary: bool = False):
        self.traced = traced
        self.auxiliary = auxiliary  # outputs after the first exist only in training: auxiliary heads
        self.builder = GraphBuilder()
        self.ids: dict[fx.Node, str] = {}
        self.names: set[str] = set()
        self.module_calls: dict[str, int] = {}
        self.pieces: dict[fx.Node, tuple[str, ...]] = {}  # fx nodes imported as multi-output blocks: their ports
        self.reserved = {"input"}  # the input blocks' names, which layers do not take
        self.input_shapes = input_shapes(input_shape)

    def _input(self, value) -> str | tuple[str, str]:
        """A step's input as the builder takes it: a node id, or (id, port) for ``(fx node, k)``, a split's piece k."""
        if isinstance(value, tuple):
            source, k = value
            return (self.ids[source], self.pieces[source][k])
        return self.ids[value]

    def fail(self, node: fx.Node, what: str) -> ModuleImportError:
        path = node.target if node.op == "call_module" else _where(node)
        where = f"in module {path!r}" if path else "in the top-level forward"
        if path and node.op != "call_module":  # the op's module by its class, as the model's source names it
            where += f" (a {_kind(node)})"
        return ModuleImportError(
            translate("Compiler", "{what} at fx node {name!r} {where} has no CNN Studio block").format(
                what=what, name=node.name, where=where
            )
        )

    def unique(self, name: str) -> str:
        candidate, k = name, 1
        while candidate in self.names or candidate in self.reserved:
            candidate, k = f"{name}_{k}", k + 1
        self.names.add(candidate)
        return candidate

    def step(self, node: fx.Node) -> Step | None:
        if node.op == "call_module":
            module = self.traced.get_submodule(node.target)
            try:
                step = module_step(module, [a for a in node.args if isinstance(a, fx.Node)])
            except Unsupported as exc:
                raise self.fail(node, f"{type(module).__name__} with {exc}") from None
            if step is None:
                raise self.fail(node, f"nn module {type(module).__module__}.{type(module).__name__}")
            return step
        try:
            step = function_step(node)
        except Unsupported as exc:
            raise self.fail(node, f"{describe(node)} with {exc}") from None
        if step is None:
            source = node.args[0] if node.target is operator.getitem and node.args else None
            if isinstance(source, fx.Node) and pieces(source) is not None:
                # x1, x2 = x.chunk(2, dim=1): one op with several outputs
                raise ModuleImportError(
                    translate(
                        "Compiler",
                        "CNN Studio cannot import {what} at fx node {name!r} ({where}) yet: it gives several outputs, and of such ops only torch.chunk / torch.split on channels have a block (Split)",
                    ).format(what=describe(source), name=source.name, where=_where(source) or "top level")
                )
            raise self.fail(node, describe(node))
        return step

    def name_for(self, node: fx.Node, step: Step) -> str:
        if node.op == "call_module":
            calls = self.module_calls.get(node.target, 0)
            self.module_calls[node.target] = calls + 1
            module = self.traced.get_submodule(node.target)
            if calls and any(True for _ in module.parameters(recurse=False)):
                raise ModuleImportError(
                    translate(
                        "Compiler",
                        "module {target!r} is called {count} times (shared weights); CNN Studio gives each layer its own weights",
                    ).format(target=node.target, count=calls + 1)
                )
            return self.unique(prefixed(node.target))
        prefix = _where(node)
        base = {"concat": "cat"}.get(step.type, step.type)
        return self.unique(prefixed(f"{prefix}.{base}") if prefix else base)

    def run(self) -> Graph:
        b = self.builder
        outputs: list[fx.Node] = []
        tuples: dict[fx.Node, list] = {}  # namedtuple outputs built in forward (GoogLeNetOutputs)
        placeholders = [n for n in self.traced.graph.nodes if n.op == "placeholder" and n.meta.get("tensor_meta")]
        several = len(placeholders) > 1
        if several:  # each input block is named after its argument (``image``); layers keep off those names
            self.reserved = {_identifier(n.target) for n in placeholders}
        shapes = iter(self.input_shapes)
        for node in self.traced.graph.nodes:
            if node.op == "placeholder":
                if node.meta.get("tensor_meta") is None:
                    continue  # a concrete argument (e.g. mask=None)
                # CNN Studio's export names a generator's latent input ``z`` (codegen's _first_argument)
                kind = "latent_input" if node.target == "z" else "input"
                name = _identifier(node.target) if several else "input"
                self.ids[node] = b.add(kind, name, shape=next(shapes))
                self.names.add(name)
            elif node.op == "output":
                outputs = _flat_outputs(node.args[0], tuples)
            elif node.op == "call_function" and isinstance(node.target, type) and issubclass(node.target, tuple):
                tuples[node] = [*node.args, *node.kwargs.values()]
            elif node.op == "get_attr":
                if node.users:
                    raise self.fail(node, f"a parameter used directly ({node.target})")
            elif node.op == "call_function" and node.target is operator.getitem and node.args[0] in self.pieces:
                # a, b = x.chunk(2, 1): each piece is one output port of the Split block
                source, index = node.args[0], node.args[1]
                ports = self.pieces[source]
                if not isinstance(index, int) or not -len(ports) <= index < len(ports):
                    raise self.fail(node, f"taking piece {index!r} of {describe(source)}")
                self.ids[node] = (self.ids[source], ports[index])
            elif node.op != "call_module" and not _computes_tensors(node):
                continue  # sizes and shapes feeding a view/reshape: the reshape reads the traced shapes
            else:
                step = self.step(node)
                missing = [a for a in step.inputs if _fx_node(a) not in self.ids]
                if missing:
                    raise self.fail(node, f"{describe(node)} on a value that is not a tensor of the network")
                if step.type is None:
                    self.ids[node] = self.ids[step.inputs[0]]
                    continue
                name = self.name_for(node, step)
                self.ids[node] = b.add(step.type, name, *(self._input(a) for a in step.inputs), **step.params)
                block = REGISTRY.get(step.type)
                if block.multi_output:
                    self.pieces[node] = block.output_ports(block.resolve(step.params))
        self._heads(outputs)
        return b.build(layout="tb")

    def _heads(self, outputs: list[fx.Node]) -> None:
        """A classification head on an N×K output, a reconstruction head on an output shaped like the input."""
        for i, out in enumerate(outputs):
            if out not in self.ids:
                raise ModuleImportError(
                    translate("Compiler", "output {i} of the module is not a tensor computed by the network").format(
                        i=i
                    )
                )
            shape = tuple(out.meta["tensor_meta"].shape[1:])
            suffix = "" if len(outputs) == 1 else str(i + 1)
            if len(shape) == 1 and shape[0] >= 2:
                aux = dict(auxiliary=True, loss_weight=0.3) if self.auxiliary and i else {}  # GoogLeNet's weight
                self.builder.add("classification_output", self.unique(f"output{suffix}"), self.ids[out], **aux)
            elif len(self.input_shapes) == 1 and list(shape) == self.input_shapes[0]:
                self.builder.add("reconstruction_output", self.unique(f"output{suffix}"), self.ids[out])


def _computes_tensors(node: fx.Node) -> bool:
    """A tensor, or a tuple of tensors (torch.chunk / torch.split), as ShapeProp traced it."""
    return hasattr(node.meta.get("tensor_meta"), "shape") or pieces(node) is not None


def _fx_node(value):
    return value[0] if isinstance(value, tuple) else value


def _unused_weights(module: nn.Module, graph: Graph) -> list[str]:
    """Weight keys of ``module`` that no node of the imported graph holds."""
    names = {n.name for n in graph.nodes.values()}
    unused = []
    for key in imported_state_dict(module):
        parts = key.split(".")
        if not any(".".join(parts[:i]) in names for i in range(1, len(parts))):
            unused.append(key)
    return unused


def _flat_outputs(value, tuples: dict | None = None) -> list[fx.Node]:
    tuples = tuples or {}
    if isinstance(value, fx.Node):
        return _flat_outputs(tuples[value], tuples) if value in tuples else [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return [node for item in value for node in _flat_outputs(item, tuples)]
    return []


def import_module(
    source: nn.Module | str | Callable[[], nn.Module],
    input_shape,
    *,
    verify: bool = True,
    composites: bool = True,
    name: str | None = None,
) -> Graph:
    """Trace ``source`` (a module, a ``MODULE:CALLABLE`` spec, or a factory) into a Graph of known blocks.

    With ``verify`` the graph is compiled, loaded with the module's state_dict (strict) and must give the
    module's outputs on a random input; raises ModuleImportError with a one-line message otherwise. With
    ``composites`` torchvision's BasicBlock/Bottleneck/BasicConv2d/Inception become residual/conv_bn_relu/inception
    blocks; without, they are traced into their layers.
    """
    label = source if isinstance(source, str) else name or type(source).__name__
    if isinstance(source, str):
        module = load_callable(source)
    elif isinstance(source, nn.Module):
        module = source
    else:
        module = source()
    shape = input_shapes(input_shape)
    was_training = module.training
    module.eval()
    try:
        graph = _Importer(trace(module, shape, composites), shape).run()
        if _unused_weights(module, graph):
            # layers eval mode never calls (GoogLeNet's, Inception v3's auxiliary classifiers): trace training
            graph = _Importer(trace(module, shape, composites, training=True), shape, auxiliary=True).run()
        result = infer_shapes(graph)
        if result.errors():
            first = result.errors()[0]
            raise ModuleImportError(
                translate("Compiler", "the imported graph has an error at {name}: {message}").format(
                    name=graph.nodes[first.node].name, message=first.message
                )
            )
        graph.meta = {"description": f"Imported from {label}.", "imported_from": str(label)}
        if any(n.name.startswith(ROOT_PREFIX) for n in graph.nodes.values()):
            graph.meta["description"] += f" Its numbered top-level layers are named {ROOT_PREFIX}N here."
        if verify:
            check_equal(graph, module, shape)
    finally:
        module.train(was_training)
    return graph


def check_equal(graph: Graph, module: nn.Module, input_shape, atol: float = 1e-4) -> float:
    """Compile ``graph``, load ``module``'s weights (strict) and compare outputs in eval mode; the max difference."""
    model = compile_model(graph).eval()
    state = imported_state_dict(module)
    own = model.state_dict()
    missing = [k for k in own if k not in state]
    unexpected = [k for k in state if k not in own]
    if missing or unexpected:
        listed = [
            f"{what} {', '.join(keys[:4])}{' …' if len(keys) > 4 else ''} ({len(keys)})"
            for what, keys in (("missing", missing), ("unexpected", unexpected))
            if keys
        ]
        raise ModuleImportError(
            translate("Compiler", "the module's weights do not load into the import: {listed}").format(
                listed="; ".join(listed)
            )
        )
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise ModuleImportError(
            translate("Compiler", "the module's weights do not load into the import: {reason}").format(
                reason=_first_line(exc)
            )
        ) from None
    xs = [torch.randn(2, *s) for s in input_shapes(input_shape)]
    with torch.no_grad():
        expected = _flat_tensors(module(*xs))
        got = _flat_tensors(model(*xs))
    if len(expected) != len(got) or any(a.shape != b.shape for a, b in zip(expected, got)):
        raise ModuleImportError(translate("Compiler", "the imported graph's outputs do not have the module's shapes"))
    diff = max((a - b).abs().max().item() for a, b in zip(expected, got))
    scale = max(a.abs().max().item() for a in expected) or 1.0
    if not diff <= atol * max(1.0, scale):
        raise ModuleImportError(
            translate(
                "Compiler", "the imported graph's outputs differ from the module's (max difference {diff:.3g})"
            ).format(diff=diff)
        )
    return diff


def _flat_tensors(value) -> list[torch.Tensor]:
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (tuple, list)):
        return [t for item in value for t in _flat_tensors(item)]
    return []
