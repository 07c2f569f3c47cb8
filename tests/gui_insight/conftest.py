"""Fixtures for the insight panels: a small LeNet-5 and a panel shown offscreen."""

from __future__ import annotations

import pytest
import torch

import cnnstudio

# waits on the GUI's own timers: a condition that must become true, so a long limit costs nothing when it does
UI_TIMEOUT_MS = 60_000


@pytest.fixture
def lenet():
    torch.manual_seed(0)
    graph = cnnstudio.presets.build("lenet5")
    return graph, cnnstudio.compile_model(graph)


@pytest.fixture
def digit_like():
    """A bright vertical bar on black: something for the maps to respond to."""
    image = torch.zeros(1, 28, 28)
    image[0, 5:23, 12:16] = 1.0
    return image


@pytest.fixture
def panel(qtbot):
    from cnnstudio.gui.insight import FeatureMapPanel

    widget = FeatureMapPanel()
    widget.resize(1000, 620)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget, timeout=UI_TIMEOUT_MS)
    return widget
