"""Panels that look inside a compiled network: feature maps, kernels, predictions, Grad-CAM, layer health.

FeatureMapPanel is imported on first use: it needs torch, which the editor's start-up does without.
"""

from .health_legend import HealthColorScale, HealthLegend


def __getattr__(name: str):
    if name == "FeatureMapPanel":
        from .feature_panel import FeatureMapPanel

        return FeatureMapPanel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FeatureMapPanel", "HealthColorScale", "HealthLegend"]
