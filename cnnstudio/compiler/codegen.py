"""Graph → a standalone PyTorch file with readable ``nn.Module`` classes (no import of cnnstudio).

Dotted node names become nested containers, so ``Model().state_dict()`` has the compiled model's keys:
``features.0..N`` that form a chain become an ``nn.Sequential`` called in one line, other numbered groups an
``nn.ModuleList``, a named group with one input and one output (``aux1.*``) its own small class, anything else a
plain ``nn.Module()`` holder. ``forward`` has one line per step with the shape as a comment (``# N x 64 x 56 x 56``).
"""

from __future__ import annotations

import contextlib
import gc
import textwrap
from dataclasses import dataclass

from cnnstudio.blocks.code import string_literal
from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference, infer_shapes

from ..core.i18n import translate
from .code_guard import check_generated
from .codegen_blocks import (
    HELPER_ORDER,
    LINE,
    Call,
    call_lines,
    class_sources,
    constructor,
    functional,
    helper_sources,
    init_lines,
)
from .codegen_tree import (
    Container,
    ModuleTree,
    check_node_names,
    index,
    is_identifier,
    shape_comment,
    variable_name,
)
from .fx_compile import CompileError

RESERVED = {"self", "torch", "nn", "x", "in_channels", "Model"}
IN = "in_channels"  # the constructor parameter of a generated class fed by several widths; it reaches
# through layers whose block says ``keeps_channels``


@dataclass
class _Unit:
    """One forward statement: a leaf module, a function (flatten/add/cat) or a whole container."""

    inputs: list  # value ids (node ids after resolving pass-through heads, (id, port) for pieces of a split)
    value: str
    expr: str  # with {0}, {1}... for the input variables
    hint: str  # a variable name to use when a new one is needed
    outputs: tuple = ()  # a multi-output node's values, one per port: ``a, b = torch.chunk(x, 2, 1)``

    def makes(self, values) -> bool:
        return any(v in values for v in self.outputs) if self.outputs else self.value in values


@dataclass
class _Class:
    name: str
    takes_in: bool
    init: list[str]
    forward: list[tuple[int, str]]  # (indent level, code)
    comments: list[list[str]]  # per instance, one comment per forward line
    instances: list[str]


class _Generator(ModuleTree):
    """The module tree turned into source: constructors, forward statements, classes."""

    def __init__(self, graph: Graph, registry: Registry, result: Inference):
        super().__init__(graph, registry, result)
        self.classes: list[_Class] = []
        self.helpers: set[str] = set()
        self.own_classes: list[type] = []  # torch classes of block files, in the order they must be defined

    # constructors ---------------------------------------------------------------------------
    def carries_input_width(self, nid, scope_source) -> bool:
        """True if ``nid``'s output has the scope input's channels, through layers that keep the width."""
        while scope_source is not None and nid != scope_source:
            if isinstance(nid, tuple) or not self.blocks[nid].keeps_channels:  # a piece of a split is narrower
                return False
            nid = self.edge_value(next(iter(self.graph.in_edges(nid).values())))
        return scope_source is not None

    def channels(self, nid: str, scope_source) -> str:
        src = self.edge_value(next(iter(self.graph.in_edges(nid).values())))
        if self.carries_input_width(src, scope_source):
            return IN
        return str(self.result.info[nid].in_shapes[0][0])

    def leaf_call(self, nid: str, scope_source: str | None) -> Call:
        block = self.blocks[nid]
        call = constructor(block, self.params[nid], self.channels(nid, scope_source))
        self.helpers |= call.helpers
        self.own_classes += [c for c in call.classes if c not in self.own_classes]
        return call

    def container_call(self, path: str, scope_source: str | None) -> Call:
        cls = self.class_for(path)
        if not cls.takes_in:
            return Call(cls.name, [])
        src = next(iter(self.sources(path)))
        arg = IN if self.carries_input_width(src, scope_source) else str(self.shape_of(src)[0])
        return Call(cls.name, [arg])

    def element_lines(self, child, scope_source, indent: str, previous_shape: str) -> tuple[list[str], str]:
        """Lines of one element of an nn.Sequential / nn.ModuleList (comma included), and its shape."""
        if isinstance(child, str):
            lines, out = call_lines(*self._split(self.leaf_call(child, scope_source)), ",", indent), child
        elif self.kind(child.path) in ("sequential", "list"):
            head = "nn.Sequential" if self.kind(child.path) == "sequential" else "nn.ModuleList"
            lines, out = self.sequence_lines(head, child, scope_source, indent, ",")
        elif self.kind(child.path) == "class":
            lines = call_lines(*self._split(self.container_call(child.path, scope_source)), ",", indent)
            out = self.exits(child.path)[0]
        else:  # a holder inside a ModuleList: filled in by attribute afterwards
            return [f"{indent}nn.Module(),"], previous_shape
        shape = self.shape(out)
        if shape != previous_shape and len(lines) == 1 and len(lines[0]) + len(shape) + 4 <= LINE:
            lines[0] += f"  # {shape}"
        elif shape != previous_shape:
            lines.insert(0, f"{indent}# {shape}")
        return lines, shape

    @staticmethod
    def _split(call: Call) -> tuple[str, list[str]]:
        return call.func, call.args

    def sequence_lines(self, head: str, c: Container, scope_source, indent: str, tail: str = ""):
        """``nn.Sequential(...)`` or ``nn.ModuleList([...])`` with one element per line, as ruff lays them out."""
        listed = "nn.ModuleList" in head
        inner = indent + ("        " if listed else "    ")
        lines, shape = [f"{head}("] + ([f"{indent}    ["] if listed else []), ""
        for _, child in c.ordered():
            more, shape = self.element_lines(child, scope_source, inner, shape)
            lines += more
        lines += ([f"{indent}    ]"] if listed else []) + [f"{indent}){tail}"]
        return lines, self.exits(c.path)[0] if self.members.get(c.path) else ""

    def assign(self, target: str, key: str, c: Container | str, source, out: list[str]) -> None:
        """Statements that create child ``key`` of the module at ``target`` (a class or a holder)."""
        indent = "        "
        attr = f"{target}.{key}" if is_identifier(key) else None
        lhs = f"{attr} = " if attr else f"{target}.add_module({string_literal(key)}, "
        close = "" if attr else ")"
        access = attr or f"{target}.get_submodule({string_literal(key)})"
        if isinstance(c, str):
            call = self.leaf_call(c, source)
            out += call_lines(f"{lhs}{call.func}", call.args, close, indent)
            out += init_lines(self.blocks[c], self.params[c], access, indent)
            return
        kind = self.kind(c.path)
        if kind == "class":
            call = self.container_call(c.path, source)
            out += call_lines(f"{lhs}{call.func}", call.args, close, indent)
        elif kind in ("sequential", "list"):
            head = "nn.Sequential" if kind == "sequential" else "nn.ModuleList"
            lines, _ = self.sequence_lines(f"{lhs}{head}", c, source, indent, close)
            out += [indent + lines[0], *lines[1:]]
            for key2, child in c.ordered():  # weight init and holders inside, by index
                self._fill_element(f"{access}[{index(key2)}]", child, source, out)
        else:
            out.append(f"{indent}{lhs}nn.Module(){close}")
            for key2, child in c.ordered():
                self.assign(access, key2, child, source, out)

    def _fill_element(self, access: str, child, source, out: list[str]) -> None:
        indent = "        "
        if isinstance(child, str):
            out += init_lines(self.blocks[child], self.params[child], access, indent)
        elif self.kind(child.path) == "holder":
            for key, grandchild in child.ordered():
                self.assign(access, key, grandchild, source, out)
        elif self.kind(child.path) in ("sequential", "list"):
            for key, grandchild in child.ordered():
                self._fill_element(f"{access}[{index(key)}]", grandchild, source, out)

    # forward ------------------------------------------------------------------------------
    def access(self, scope: str, name: str) -> str:
        """``self.features[3]``, ``self.aux1.conv``: how code in ``scope`` reaches the module ``name``."""
        rel = name[len(scope) + 1 :] if scope else name
        top = current = self.containers[scope]
        text = "self"
        for key in rel.split("."):
            if current is not top and self.kind(current.path) in ("sequential", "list"):
                text += f"[{index(key)}]"
            else:
                text += f".{key}" if is_identifier(key) else f".get_submodule({string_literal(key)})"
            child = current.children.get(key)
            current = child if isinstance(child, Container) else current
        return text

    def units(self, scope: str) -> list[_Unit]:
        units, seen = [], set()
        for nid in self.members[scope]:
            if self.blocks[nid].is_output and not self.is_leaf(nid):
                continue
            name = self.nodes[nid].name
            rel = (name[len(scope) + 1 :] if scope else name).split(".")
            current, group = self.containers[scope], None
            for key in rel[:-1]:
                child = current.children.get(key)
                if not isinstance(child, Container):
                    break
                if self.kind(child.path) in ("sequential", "class"):
                    group = child
                    break
                current = child
            if group is not None:
                if group.path not in seen:
                    seen.add(group.path)
                    src = self.value(next(iter(self.sources(group.path))))
                    exit_ = self.value(self.exits(group.path)[0])
                    target = self.access(scope, group.path)
                    rel_path = group.path[len(scope) + 1 :] if scope else group.path
                    units.append(_Unit([src], exit_, target + "({0})", variable_name(rel_path)))
                continue
            ins = self.inputs(nid)
            if self.is_leaf(nid):
                args = ", ".join(f"{{{i}}}" for i in range(len(ins)))
                expr = f"{self.access(scope, name)}({args})"
            else:
                expr = functional(self.blocks[nid], self.params[nid], [f"{{{i}}}" for i in range(len(ins))])
            block = self.blocks[nid]
            outputs = tuple((nid, port) for port in block.output_ports(self.params[nid])) if block.multi_output else ()
            units.append(_Unit(ins, nid, expr, variable_name(".".join(rel)), outputs))
        return units

    def forward(self, scope: str, args: dict[str, str], returns: list[str], aux: set[str]):
        """(indent, code) lines and one comment per line; ``aux`` values are computed only in training."""
        units = self.units(scope)
        needed = set(returns)
        kept = []
        for unit in reversed(units):
            if unit.makes(needed):
                kept.append(unit)
                needed |= set(unit.inputs)
        kept.reverse()
        main = set(returns) - aux
        for unit in reversed(kept):
            if unit.makes(main):
                main |= set(unit.inputs)
        last = {}
        for i, unit in enumerate(kept):
            for v in unit.inputs:
                last[v] = i
        consumers = {}
        for unit in kept:
            for v in set(unit.inputs):
                consumers[v] = consumers.get(v, 0) + 1
        for v in returns:
            last[v], consumers[v] = len(kept), consumers.get(v, 0) + 1
        live = dict(args)
        taken = set(RESERVED) | set(args.values())
        lines: list[tuple[int, str]] = []
        comments: list[str] = []
        in_training = False
        generic, aux_names = {"x"}, set()
        for i, unit in enumerate(kept):
            names = [live[v] for v in unit.inputs]
            dying = [v for v in dict.fromkeys(unit.inputs) if last[v] == i]
            for v in dying:
                live.pop(v)
            is_aux = not unit.makes(main)
            # "x" carries the main path; a value used twice is named after its layer and keeps that name;
            # other values go in generic names ("out") that later values may take over
            reusable = [names[unit.inputs.index(v)] for v in dying]
            reusable = [n for n in reusable if n in (aux_names if is_aux else generic)]

            def name_for(value, hint: str, is_aux: bool = is_aux, reusable: list = reusable) -> str:
                if is_aux:
                    var, hint = (reusable.pop(0) if reusable else None), hint.split("_")[0]
                elif consumers.get(value, 0) > 1:
                    var = None
                else:
                    var = "x" if "x" not in live.values() else reusable.pop(0) if reusable else None
                    hint = "out"
                if var is None:
                    var, k = hint, 2
                    while var in taken or var in live.values():
                        var, k = f"{hint}_{k}", k + 1
                    taken.add(var)
                    if is_aux:
                        aux_names.add(var)
                    elif hint == "out":
                        generic.add(var)
                if var in reusable:  # the first piece took the dying input's name: the next may not
                    reusable.remove(var)
                live[value] = var
                return var

            if unit.outputs:  # one name per piece, "_" for a piece nobody reads
                targets = [name_for(v, f"{unit.hint}_{k}") if v in needed else "_" for k, v in enumerate(unit.outputs)]
                target, comment = ", ".join(targets), ", ".join(self.shape(v) for v in unit.outputs)
            else:
                target, comment = name_for(unit.value, unit.hint), self.shape(unit.value)
            if is_aux and not in_training:
                lines.append((0, "if self.training:"))
                comments.append("")
            in_training = is_aux
            lines.append((1 if is_aux else 0, f"{target} = {unit.expr.format(*names)}"))
            comments.append(comment)
        return lines, comments, [live[v] for v in returns]

    # classes -------------------------------------------------------------------------------
    def class_for(self, path: str) -> _Class:
        source = next(iter(self.sources(path)))
        init: list[str] = []
        c = self.containers[path]
        for key, child in c.ordered():
            self.assign("self", key, child, source, init)
        exit_ = self.value(self.exits(path)[0])
        lines, comments, names = self.forward(path, {self.value(source): "x"}, [exit_], set())
        lines.append((0, f"return {names[0]}"))
        comments.append("")
        takes_in = any(IN in line for line in init)
        for cls in self.classes:
            if (cls.init, cls.forward, cls.takes_in) == (init, lines, takes_in):
                cls.comments.append(comments)
                cls.instances.append(path)
                return cls
        words = [part for part in path.split(".") if not part.isdigit()]  # features.1.0 is a features_block
        last = path.rsplit(".", 1)[-1]
        stem = last if not last.isdigit() else (words[-1] if words else "") + "_block"
        name = "".join(part.capitalize() for part in stem.rstrip("0123456789_").split("_") if part).lstrip("0123456789")
        name = name or "Block"
        taken = {cls.name for cls in self.classes} | RESERVED | set(HELPER_ORDER)
        taken |= {c.__name__ for c in self.own_classes}
        candidate, k = name, 2
        while candidate in taken:
            candidate, k = f"{name}{k}", k + 1
        cls = _Class(candidate, takes_in, init, lines, [comments], [path])
        self.classes.append(cls)
        return cls


def _render_forward(lines: list[tuple[int, str]], comments: list[str], base: str = "        ") -> list[str]:
    out = []
    for (level, code), comment in zip(lines, comments):
        indent = base + "    " * level
        text = f"{indent}{code}"
        if comment and len(text) + len(comment) + 4 <= LINE:
            out.append(f"{text}  # {comment}")
        else:
            if comment:
                out.append(f"{indent}# {comment}")
            out.append(text)
    return out


def _merged(cls: _Class) -> list[str]:
    """One comment per line for every instance of a shared class (torchvision's ``# aux1: ..., aux2: ...``)."""
    merged = []
    for i in range(len(cls.forward)):
        values = [c[i] for c in cls.comments]
        if len(set(values)) == 1:
            merged.append(values[0])
        elif len(values) == 2:
            merged.append(", ".join(f"{p}: {v}" for p, v in zip(cls.instances, values)))
        else:
            merged.append("")
    return merged


def _class_source(cls: _Class) -> str:
    where = ", ".join(f"{p}.*" for p in cls.instances[:4]) + (" ..." if len(cls.instances) > 4 else "")
    signature = f"self, {IN}: int" if cls.takes_in else "self"
    body = [
        f"class {cls.name}(nn.Module):",
        f'    """The layers {where} of the design."""',
        "",
        f"    def __init__({signature}) -> None:",
        "        super().__init__()",
        *cls.init,
        "",
        "    def forward(self, x: torch.Tensor) -> torch.Tensor:",
        *_render_forward(cls.forward, _merged(cls)),
    ]
    return "\n".join(body)


def docstring_lines(text: str, width: int, initial_indent: str = "") -> list[str]:
    """``text`` wrapped into lines that can sit inside a docstring and never end it, whatever the text holds.

    Control characters and line separators (CR, NUL, U+2028) become spaces. Escaping comes after wrapping,
    which never splits a word and so never an escape: every backslash is doubled and every quote escaped,
    so no text from a project can close the string or form an escape such as N{...}.
    """
    clean = "".join(ch if ch.isprintable() else " " for ch in str(text))
    lines = textwrap.wrap(clean, width, initial_indent=initial_indent, break_long_words=False, break_on_hyphens=False)
    lines[:1] = [line.lstrip() for line in lines[:1]]
    return [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]


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
    gen = _Generator(graph, registry, result)
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
        *_render_forward(lines, comments),
    ]
    if len(doc) <= 1:
        model[1] += '"""'
    model = [line for line in model if line is not None]
    own = class_sources(gen.own_classes)
    parts = [*helper_sources(gen.helpers), *own, *map(_class_source, gen.classes), "\n".join(model)]
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
