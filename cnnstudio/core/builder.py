"""A small fluent helper to write graphs in code (presets, tests, importers)."""

from __future__ import annotations

from .block import REGISTRY, Registry
from .graph import Edge, Graph, Node, canonical_pos
from .layout import layered_positions


class GraphBuilder:
    """``b.add("conv2d", "features.0", x, out_channels=64)`` returns the new node's id.

    An input is a node id, or ``(node id, output port)`` for one output of a multi-output block (a Split).
    """

    def __init__(self, registry: Registry = REGISTRY):
        self.graph = Graph()
        self.registry = registry

    def add(self, type_: str, name: str, *inputs: str | tuple[str, str], trainable: bool = True, **params) -> str:
        block = self.registry.get(type_)
        full = block.defaults()
        unknown = set(params) - set(full)
        if unknown:
            raise KeyError(f"{type_} has no parameter(s) {sorted(unknown)}")
        full.update(params)
        if len(inputs) > 1 and "num_inputs" in full and "num_inputs" not in params:
            full["num_inputs"] = len(inputs)
        ports = block.input_ports(full)
        if len(inputs) > len(ports):
            raise ValueError(f"{name}: {block.label} takes {len(ports)} input(s), got {len(inputs)}")
        node = Node(self.graph.new_id(), block.type, name, full, trainable=trainable)
        self.graph.add_node(node)
        for port, src in zip(ports, inputs):
            src, src_port = src if isinstance(src, tuple) else (src, "out")
            self.graph.connect(Edge(src, node.id, port, src_port))
        return node.id

    def chain(self, x: str, *layers: tuple) -> str:
        """Add layers one after another: each (type, name, params) fed by the previous."""
        for type_, name, params in layers:
            x = self.add(type_, name, x, **params)
        return x

    def build(self, layout: str = "lr") -> Graph:
        """The graph, laid out in readable layers."""
        for nid, pos in layered_positions(self.graph, layout).items():
            self.graph.nodes[nid].pos = canonical_pos(pos)
        self.graph.revision = 0
        return self.graph
