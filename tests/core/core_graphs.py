"""Small graphs for the core tests, written with GraphBuilder."""

from __future__ import annotations

import cnnstudio.blocks  # noqa: F401  (registers the catalog)
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Edge, Graph


def chain(*layers: tuple, shape=(3, 16, 16), head: bool = True) -> Graph:
    """Input → layers (type, name, params) → classification head."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    x = b.chain(x, *layers)
    if head:
        b.add("classification_output", "output", x)
    return b.build()


def branching() -> Graph:
    """Two branches from one input, merged by an Add, then a classifier."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    left = b.chain(x, ("conv2d", "left.conv", dict(out_channels=8, padding=1)), ("relu", "left.relu", {}))
    right = b.chain(x, ("conv2d", "right.conv", dict(out_channels=8, kernel_size=1)), ("relu", "right.relu", {}))
    merged = b.add("add", "add", left, right)
    b.chain(
        merged,
        ("global_avgpool", "gap", {}),
        ("linear", "fc", dict(out_features=4)),
        ("classification_output", "output", {}),
    )
    return b.build()


def node_id(graph: Graph, name: str) -> str:
    node = graph.by_name(name)
    assert node is not None, name
    return node.id


def edge_into(graph: Graph, name: str, port: str = "in") -> Edge:
    return graph.in_edges(node_id(graph, name))[port]
