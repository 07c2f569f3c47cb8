"""The module tree of a graph turned into source lines: constructors, forward statements and shared classes.

``Generator`` writes what ``__init__`` builds (one line per layer, nn.Sequential / nn.ModuleList laid out as ruff
would), the ``forward`` statements with their variable names (``x`` on the main path, a layer's name for a value
used twice), and one class per distinct named group; codegen.py puts them together into a file.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnnstudio.blocks.code import string_literal
from cnnstudio.core.block import Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference

from .codegen_blocks import HELPER_ORDER, LINE, Call, call_lines, constructor, functional, init_lines
from .codegen_tree import Container, ModuleTree, index, is_identifier, variable_name

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
class GeneratedClass:
    name: str
    takes_in: bool
    init: list[str]
    forward: list[tuple[int, str]]  # (indent level, code)
    comments: list[list[str]]  # per instance, one comment per forward line
    instances: list[str]


class Generator(ModuleTree):
    """The module tree turned into source: constructors, forward statements, classes."""

    def __init__(self, graph: Graph, registry: Registry, result: Inference):
        super().__init__(graph, registry, result)
        self.classes: list[GeneratedClass] = []
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
    def class_for(self, path: str) -> GeneratedClass:
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
        cls = GeneratedClass(candidate, takes_in, init, lines, [comments], [path])
        self.classes.append(cls)
        return cls
