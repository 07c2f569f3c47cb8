"""Seeing inside a network (Qt-free): activations, kernels, predictions, Grad-CAM, receptive fields, layer health."""

from .gradcam import Prediction, grad_cam, top_predictions
from .health import HealthMeter, LayerHealth, activation_stats, layer_health, param_grad_norms
from .images import ImageLoadError, fit_image, load_image, read_image
from .kernels import KernelTiles, kernel_tiles
from .probe import InsightError, activations
from .receptive import Field, input_region, receptive_fields

__all__ = [
    "Field",
    "HealthMeter",
    "ImageLoadError",
    "InsightError",
    "KernelTiles",
    "LayerHealth",
    "Prediction",
    "activation_stats",
    "activations",
    "fit_image",
    "grad_cam",
    "input_region",
    "kernel_tiles",
    "layer_health",
    "load_image",
    "param_grad_norms",
    "read_image",
    "receptive_fields",
    "top_predictions",
]
