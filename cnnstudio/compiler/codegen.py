"""Graph → a standalone PyTorch file with readable ``nn.Module`` classes (no import of cnnstudio).

Dotted node names become nested containers, so ``Model().state_dict()`` has the compiled model's keys:
``features.0..N`` that form a chain become an ``nn.Sequential`` called in one line, other numbered groups an
``nn.ModuleList``, a named group with one input and one output (``aux1.*``) its own small class, anything else a
plain ``nn.Module()`` holder. ``forward`` has one line per step with the shape as a comment (``# N x 64 x 56 x 56``).
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass

from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference, infer_shapes

from ..core.i18n import translate
from .code_guard import check_generated
from .codegen_blocks import LINE, class_sources, helper_sources
from .codegen_layout import class_source, docstring_lines, render_forward
from .codegen_tree import check_node_names, shape_comment, variable_name
from .codegen_writer import Generator
from .fx_compile import CompileError


def _meta_text(graph: Graph, key: str) -> str:
    """A text field of the project's meta; anything but a string (the loader should refuse it) is ignored."""
    value = graph.meta.get(key) if isinstance(graph.meta, dict) else None
    return value if isinstance(value, str) else ""


def _check(graph: Graph, result: Inference) -> None:
    errors = result.errors()
    if errors:
        first = errors[0]
        where = graph.nodes[first.node].name if first.node in graph.nodes else "graph"
        raise CompileError(
            translate("Compiler", "cannot export: {where}: {message}").format(where=where, message=first.message)
        )


@dataclass
class ModelCode:
    """The source of ``Model`` and its building blocks, and what a script around it needs to know."""

    parts: list[str]  # helper classes, generated classes, Model: join with two blank lines
    input_shapes: list[list[int]]
    outputs: int  # tensors returned in eval mode


def _first_argument(gen, inputs: list[str]) -> str:
    """``z`` for a generator's latent input (``forward(z)``, as a PyTorch user names it), else ``x``."""
    others = {variable_name(gen.graph.nodes[nid].name) for nid in inputs[1:]}
    latent = getattr(gen.blocks[inputs[0]], "role", None) == "latent"
    return "z" if latent and "z" not in others else "x"


def model_code(graph: Graph, registry: Registry = REGISTRY, title: str = "") -> ModelCode:
    """``Model`` and the classes it uses, as source; raises CompileError if the graph has errors."""
    check_node_names(graph)
    result = infer_shapes(graph, registry)
    _check(graph, result)
    gen = Generator(graph, registry, result)
    inputs = [nid for nid in gen.order if gen.blocks[nid].is_input]
    args = {
        nid: (_first_argument(gen, inputs) if i == 0 else variable_name(graph.nodes[nid].name))
        for i, nid in enumerate(inputs)
    }
    heads = gen.heads or [nid for nid in gen.order if not graph.out_edges(nid) and not gen.blocks[nid].is_input]
    auxiliary = [h for h in heads if gen.blocks[h].is_output and gen.params[h].get("auxiliary", False)]
    heads = [h for h in heads if h not in auxiliary] + auxiliary
    returns = [gen.value(h) for h in heads]
    # a loose multi-output node (a Split nobody reads) returns all its pieces, as the compiled model's tuple
    returns = [p for v in returns for p in (gen.pieces(v) or [v])]
    aux_values = {gen.value(h) for h in auxiliary} - {gen.value(h) for h in heads if h not in auxiliary}
    init: list[str] = []
    for key, child in gen.root.ordered():
        gen.assign("self", key, child, None, init)
    lines, comments, names = gen.forward("", args, returns, aux_values)
    main_names = names[: len(returns) - len(auxiliary)]
    if auxiliary:
        lines.append((0, "if self.training:"))
        lines.append((1, f"return {', '.join(names)}"))
        comments += ["", "main output first, then the auxiliary heads (as torchvision)"]
    lines.append((0, f"return {', '.join(main_names)}"))
    comments.append("")
    returns_type = "torch.Tensor" if len(returns) == 1 else "torch.Tensor | tuple[torch.Tensor, ...]"
    signature = ", ".join(["self"] + [f"{a}: torch.Tensor" for a in args.values()])
    description = _meta_text(graph, "description")
    doc = docstring_lines(description, LINE - 4, initial_indent="   ")
    title = " ".join(docstring_lines(title, LINE))
    shapes = [list(result.info[nid].shape) for nid in inputs]
    model = [
        "class Model(nn.Module):",
        '    """' + (doc[0] if doc else (title or "The network designed in CNN Studio.")),
        *[f"    {line}" for line in doc[1:]],
        '    """' if len(doc) > 1 else None,
        "",
        "    def __init__(self) -> None:",
        "        super().__init__()",
        *init,
        "",
        f"    def forward({signature}) -> {returns_type}:",
        *render_forward(lines, comments),
    ]
    if len(doc) <= 1:
        model[1] += '"""'
    model = [line for line in model if line is not None]
    own = class_sources(gen.own_classes)
    parts = [*helper_sources(gen.helpers), *own, *map(class_source, gen.classes), "\n".join(model)]
    return ModelCode(parts, shapes, len(main_names))


def python_source(graph: Graph, registry: Registry = REGISTRY, title: str = "") -> str:
    """A standalone ``.py`` defining ``Model`` (and its building blocks) that loads the compiled state_dict."""
    with _collector_paused():
        return _python_source(graph, registry, title)


@contextlib.contextmanager
def _collector_paused():
    """Generation makes millions of short-lived, acyclic objects for a big graph; the cyclic collector would
    rescan every live object each time, a cost that grows with the graph's square. Reference counting frees
    them all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _python_source(graph: Graph, registry: Registry, title: str) -> str:
    code = model_code(graph, registry, title)
    shapes = code.input_shapes
    # the title is a file name, the preset a string from the project: both only ever inside the docstring
    name = " ".join(docstring_lines(title or _meta_text(graph, "preset"), LINE)) or "model"
    example = ", ".join(f"torch.randn({', '.join(map(str, [2, *s]))})" for s in shapes)
    header = [
        f'"""{name}: a PyTorch model exported from CNN Studio.',
        "",
        f"Input: {', '.join(shape_comment(s) for s in shapes)}. Load weights saved by CNN Studio with",
        "    model.load_state_dict(safetensors.torch.load_file(path))",
        '"""',
        "",
        "import torch",
        "import torch.nn as nn",
    ]
    main = [
        'if __name__ == "__main__":',
        "    model = Model().eval()",
        "    with torch.no_grad():",
        f"        out = model({example})",
        "    print(out.shape)" if code.outputs == 1 else "    print([o.shape for o in out])",
    ]
    source = "\n\n\n".join(["\n".join(header), *code.parts, "\n".join(main)]) + "\n"
    check_generated(source)
    return source
