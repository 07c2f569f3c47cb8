"""The Qt-free, torch-free core: graph, block registry, inference, diagnostics, edits, files."""

from .block import REGISTRY, Block, register
from .formulas import Shape, ShapeError
from .graph import Edge, Graph, GraphError, Node
from .inference import Inference, NodeInfo, infer_shapes

__all__ = [
    "REGISTRY",
    "Block",
    "Edge",
    "Graph",
    "GraphError",
    "Inference",
    "Node",
    "NodeInfo",
    "Shape",
    "ShapeError",
    "infer_shapes",
    "register",
]
