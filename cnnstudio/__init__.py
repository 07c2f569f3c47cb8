"""CNN Studio: design convolutional networks as graphs, see every shape, compile them to PyTorch.

The Python API (torch is imported only when a model is compiled)::

    graph = cnnstudio.load("lenet5.cnn.json")
    result = cnnstudio.infer_shapes(graph)
    model = cnnstudio.compile_model(graph)
    cnnstudio.save(graph, "copy.cnn.json")
    graph = cnnstudio.presets.build("lenet5", num_classes=10)
"""

from __future__ import annotations

from . import blocks as _blocks  # noqa: F401  (registers the block catalog)
from . import presets
from .core.graph import Graph
from .core.inference import Inference, infer_shapes
from .core.project_file import ProjectFileError, load, save

__version__ = "0.1.0"


def compile_model(graph: Graph):
    """The graph as a ``torch.fx.GraphModule`` with submodules at the nodes' dotted names."""
    from .compiler import compile_model as _compile

    return _compile(graph)


__all__ = ["Graph", "Inference", "ProjectFileError", "compile_model", "infer_shapes", "load", "presets", "save"]
