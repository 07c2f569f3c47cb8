"""CNN Studio: design convolutional networks as graphs, see every shape, compile them to PyTorch.

The Python API (torch is imported only when a model is compiled)::

    graph = cnnstudio.load("lenet5.cnn.json")
    result = cnnstudio.infer_shapes(graph)
    model = cnnstudio.compile_model(graph)
    cnnstudio.save(graph, "copy.cnn.json")
    graph = cnnstudio.presets.build("lenet5", num_classes=10)
    maps = cnnstudio.activations(model, image, ["conv1"])  # {"conv1": 6×28×28 tensor}
    heat = cnnstudio.grad_cam(model, image, "conv2")        # H×W in [0, 1]
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


def activations(model, image, names):
    """``{name: tensor}``: the outputs of the named nodes for one C×H×W image (no grad, batch dim removed)."""
    from .insight import activations as _activations

    return _activations(model, image, names)


def grad_cam(model, image, name: str, target_class: int | None = None):
    """Grad-CAM heat map in [0, 1] at the image's H×W for node ``name`` (target None: the predicted class)."""
    from .insight import grad_cam as _grad_cam

    return _grad_cam(model, image, name, target_class)


__all__ = [
    "Graph",
    "Inference",
    "ProjectFileError",
    "activations",
    "compile_model",
    "grad_cam",
    "infer_shapes",
    "load",
    "presets",
    "save",
]
