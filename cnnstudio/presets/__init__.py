"""Preset architectures, built in code (torchvision style) and shipped as generated project files.

``build(name, num_classes=..., input_shape=...)`` returns a fresh Graph; ``path(name)`` is the shipped
``.cnn.json`` built with the defaults. ``python -m cnnstudio.presets.generate`` rewrites those files.
"""

from __future__ import annotations

from .registry import PRESETS, Preset, build, get, names, path, preset

__all__ = ["PRESETS", "Preset", "build", "get", "names", "path", "preset"]
