"""Panels that look inside a compiled network: feature maps, kernels, predictions, Grad-CAM, layer health."""

from .feature_panel import FeatureMapPanel
from .health_legend import HealthColorScale, HealthLegend

__all__ = ["FeatureMapPanel", "HealthColorScale", "HealthLegend"]
