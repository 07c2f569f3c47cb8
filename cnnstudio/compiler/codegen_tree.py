"""The module tree of a design for code export: which dotted names become an nn.Sequential, a ModuleList,
a class of their own or a plain holder, and how values flow between them."""

from __future__ import annotations

import keyword
import re
import unicodedata
from dataclasses import dataclass, field

from cnnstudio.core.block import Block, Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference

from ..core.i18n import translate
from .fx_compile import CompileError


def shape_comment(shape) -> str:
    return " x ".join(["N", *map(str, shape)]) if shape is not None else ""


@dataclass
class Container:
    path: str
    children: dict[str, Container | str] = field(default_factory=dict)  # str: the id of a leaf node
    frozen: list[tuple[str, Container | str]] | None = field(default=None, repr=False, compare=False)

    @property
    def numbered(self) -> bool:
        return all(key.isdigit() for key in self.children)

    def ordered(self) -> list[tuple[str, Container | str]]:
        if self.frozen is not None:
            return self.frozen
        if self.numbered:
            return sorted(self.children.items(), key=lambda item: int(item[0]))
        return list(self.children.items())

    def freeze_order(self) -> None:
        """The tree is complete: ``ordered`` is asked many times of big containers, so sort once."""
        self.frozen = None
        self.frozen = self.ordered()

    def contiguous(self) -> bool:
        return self.numbered and sorted(int(k) for k in self.children) == list(range(len(self.children)))


def is_identifier(key: str) -> bool:
    """A name generated code may write as an attribute (``ﬁ`` is not: Python would read it as ``fi``)."""
    return key.isidentifier() and not keyword.iskeyword(key) and unicodedata.normalize("NFKC", key) == key


def index(key: str) -> str:
    """A Sequential's child key as the index generated code writes (``[3]``); anything else is refused."""
    if not (key.isascii() and key.isdigit()):
        raise CompileError(
            translate("Compiler", "cannot export: {key!r} is not an index of a sequence of layers").format(key=key)
        )
    return str(int(key))


_ASCII_PART = r"(?:[A-Za-z_][A-Za-z0-9_]*|0|[1-9][0-9]*)"
_ASCII_PATH = re.compile(rf"{_ASCII_PART}(?:\.{_ASCII_PART})*")


def is_name_part(part: str) -> bool:
    """One part of a dotted node name that generated code can spell: a Python name or a plain index.

    Names must read back as themselves (Python NFKC-normalises identifiers, so ``ﬁ`` would become ``fi``);
    an index is ASCII digits without a leading zero (``[01]`` and ``[١]`` are not Python).
    """
    if part.isascii() and part.isdigit():
        return part == "0" or not part.startswith("0")
    return part.isidentifier() and unicodedata.normalize("NFKC", part) == part


def check_node_names(graph: Graph) -> None:
    """Refuse, in one line, a node name that generated code could not spell as attributes and indices.

    The loader checks names too; the code generator does not rely on it: nothing from a file reaches
    generated code except through a checked name or a string literal.
    """
    for node in graph.nodes.values():
        name = node.name
        if isinstance(name, str) and _ASCII_PATH.fullmatch(name):
            continue  # the usual case, in one regular expression
        if not isinstance(name, str) or not name or not all(is_name_part(p) for p in name.split(".")):
            shown = repr(name if not isinstance(name, str) or len(name) <= 60 else name[:60] + "...")
            raise CompileError(
                translate(
                    "Compiler",
                    "cannot export: the node name {shown} is not a Python name path (letters, digits and _ in parts separated by dots, such as features.0)",
                ).format(shown=shown)
            )


def variable_name(name: str) -> str:
    text = name.replace(".", "_")
    if not text[0].isalpha() and text[0] != "_":
        text = "_" + text
    return text + "_" if keyword.iskeyword(text) else text


class ModuleTree:
    """The nested containers that dotted node names make, and what each kind of container is."""

    def __init__(self, graph: Graph, registry: Registry, result: Inference):
        self.graph, self.registry, self.result = graph, registry, result
        self.nodes = graph.nodes
        self.order = [nid for nid in result.order]
        self.position = {nid: i for i, nid in enumerate(self.order)}
        self.blocks = {nid: registry.get(n.type) for nid, n in graph.nodes.items()}
        self.params = {nid: self.blocks[nid].resolve(n.params) for nid, n in graph.nodes.items()}
        self.root = Container("")
        self.containers: dict[str, Container] = {"": self.root}
        self.members: dict[str, list[str]] = {"": [n for n in self.order if not self.blocks[n].is_input]}
        self.kinds: dict[str, str] = {"": "holder"}
        self.heads = [n for n in self.order if self.blocks[n].is_output]
        self._sources: dict[str, set[str]] = {}
        self._exits: dict[str, list[str]] = {}
        self._build_tree()

    # the module tree -------------------------------------------------------------------------
    def is_leaf(self, nid: str) -> bool:
        block, name = self.blocks[nid], self.nodes[nid].name
        if block.type == "flatten":  # a numbered flatten sits in a Sequential as nn.Flatten()
            return name.rsplit(".", 1)[-1].isdigit()
        return block.build.__func__ is not Block.build.__func__

    def _build_tree(self) -> None:
        for nid in self.members[""]:
            parts = self.nodes[nid].name.split(".")
            for i in range(1, len(parts)):
                self.members.setdefault(".".join(parts[:i]), []).append(nid)
            if not self.is_leaf(nid):
                continue
            current = self.root
            for i, part in enumerate(parts[:-1]):
                child = current.children.setdefault(part, Container(".".join(parts[: i + 1])))
                if not isinstance(child, Container):
                    raise CompileError(
                        translate("Compiler", "cannot export: {name!r} is a layer and a group").format(
                            name=child and self.nodes[child].name
                        )
                    )
                self.containers[child.path] = child
                current = child
            if parts[-1] in current.children:
                raise CompileError(
                    translate("Compiler", "cannot export: {name!r} is a layer and a group").format(
                        name=self.nodes[nid].name
                    )
                )
            current.children[parts[-1]] = nid
        for container in self.containers.values():
            container.freeze_order()

    def sources(self, path: str) -> set[str]:
        if path not in self._sources:  # memoised: asked per element of a container, linear in its size
            inside = set(self.members[path])
            self._sources[path] = {
                self.edge_value(e) for m in inside for e in self.graph.in_edges(m).values() if e.src not in inside
            }
        return self._sources[path]

    def exits(self, path: str) -> list[str]:
        if path not in self._exits:
            inside = set(self.members[path])
            self._exits[path] = [
                m
                for m in self.members[path]
                if self.blocks[m].is_output
                or not self.graph.out_edges(m)
                or any(e.dst not in inside for e in self.graph.out_edges(m))
            ]
        return self._exits[path]

    def callable(self, path: str) -> bool:
        exits = self.exits(path)
        return len(self.sources(path)) == 1 and len(exits) == 1 and not self.blocks[exits[0]].multi_output

    def kind(self, path: str) -> str:
        """sequential (a chain, one call) | class (one input, one output) | list | holder."""
        if path not in self.kinds:
            c = self.containers[path]
            if not c.numbered:
                kind = "class" if self.callable(path) else "holder"
            elif not c.contiguous():
                kind = "holder"
            else:
                kind = "sequential" if self._chain(c) else "list"
            self.kinds[path] = kind
        return self.kinds[path]

    def _io(self, child: Container | str) -> tuple[set[str], str, set[str]] | None:
        """(sources, exit, members) of a chain element, None if it cannot be one."""
        if isinstance(child, str):
            return {self.edge_value(e) for e in self.graph.in_edges(child).values()}, child, {child}
        if self.kind(child.path) not in ("sequential", "class"):
            return None
        return self.sources(child.path), self.exits(child.path)[0], set(self.members[child.path])

    def _chain(self, c: Container) -> bool:
        if not self.callable(c.path):
            return False
        previous, covered = self.sources(c.path), set()
        items = c.ordered()
        for k, (_, child) in enumerate(items):
            io = self._io(child)
            if io is None or io[0] != previous:
                return False
            sources, out, inside = io
            if k + 1 < len(items):
                nxt = items[k + 1][1]
                nxt_members = {nxt} if isinstance(nxt, str) else set(self.members[nxt.path])
                if any(e.dst not in nxt_members for e in self.graph.out_edges(out)) or self.blocks[out].is_output:
                    return False
            previous = {out}
            covered.update(inside)  # in place: a fresh union per element made long chains quadratic
        return covered == set(self.members[c.path])

    # values ------------------------------------------------------------------------------
    # A value is a node id, or (node id, port) for one output of a multi-output node (a Split's piece).
    def value(self, nid):
        """Output heads pass their input through: their value is their input's (a head with a module is a layer)."""
        while not isinstance(nid, tuple) and self.blocks[nid].is_output and not self.is_leaf(nid):
            nid = self.edge_value(next(iter(self.graph.in_edges(nid).values())))  # a detector's head is a layer
        return nid

    def edge_value(self, edge):
        """The value a wire carries: its source's, or the piece at the port it leaves."""
        if self.blocks[edge.src].multi_output:
            return (edge.src, edge.src_port)
        return self.value(edge.src)

    def pieces(self, value) -> list | None:
        """The values of a multi-output node's ports, None for any other value."""
        if isinstance(value, tuple) or not self.blocks[value].multi_output:
            return None
        return [(value, port) for port in self.blocks[value].output_ports(self.params[value])]

    def inputs(self, nid: str) -> list:
        edges = self.graph.in_edges(nid)
        return [self.edge_value(edges[port]) for port in self.blocks[nid].input_ports(self.params[nid])]

    def shape_of(self, value) -> tuple:
        if isinstance(value, tuple):
            return self.result.info[value[0]].port_shape(value[1])
        return self.result.info[self.value(value)].shape

    def shape(self, value) -> str:
        return shape_comment(self.shape_of(value))
