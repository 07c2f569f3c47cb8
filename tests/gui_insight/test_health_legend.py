import pytest
from PySide6.QtGui import QColor

from cnnstudio.gui.insight import HealthColorScale, HealthLegend


def test_dead_fraction_runs_from_harmless_to_alarming_on_a_fixed_scale():
    scale = HealthColorScale("dead_fraction").fit([0.2, 0.3])
    assert (scale.lo, scale.hi) == (0.0, 1.0)  # fixed: 30 % dead must not look like 100 %
    healthy, dead = scale.color(0.0), scale.color(1.0)
    assert healthy.lightness() > dead.lightness()
    assert dead.red() > dead.blue()
    assert scale.color(None) == scale.color(float("nan")) == QColor("#b8bec9")
    assert scale.label(0.25) == "25 %"


def test_fitted_scales_span_the_values_and_log_scale_gradients():
    mean = HealthColorScale("mean").fit([-0.5, 2.0])
    assert (mean.lo, mean.hi) == (-2.0, 2.0)  # symmetric: zero sits in the middle
    assert mean.position(0.0) == pytest.approx(0.5)
    grads = HealthColorScale("grad_norm").fit([1e-4, 1e-2, 1.0, None, 0.0])
    assert (grads.lo, grads.hi) == (1e-4, 1.0)
    assert grads.position(1e-2) == pytest.approx(0.5)
    assert grads.color(1e-4) != grads.color(1.0)
    with pytest.raises(ValueError, match="unknown health metric"):
        HealthColorScale("loss")


def test_the_legend_paints_its_bar(qtbot):
    legend = HealthLegend(HealthColorScale("std").fit([0.1, 0.9]))
    qtbot.addWidget(legend)
    legend.resize(240, legend.sizeHint().height())
    image = legend.grab().toImage()
    middle = image.pixelColor(120, image.height() // 2)
    assert middle != legend.palette().window().color()  # the colour bar, not the background
