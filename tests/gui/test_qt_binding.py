"""The Qt binding must not leak references to None: a long session would abort with none_dealloc."""

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter


def test_void_calls_keep_the_reference_count_of_none(qapp):
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):  # a few frames of painting a big graph
        painter.setPen(QColor("red"))
        painter.drawPoint(QPointF(1, 1))
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50, f"None lost {before - after} references: install a PySide6 that suits this Python"


def _hidden_qt_methods(obj) -> list[str]:
    """Instance attributes of ours named like a method of a Qt base class."""
    cls = type(obj)
    if not cls.__module__.startswith("cnnstudio"):
        return []
    qt_bases = [base for base in cls.__mro__ if base.__module__.startswith("PySide6")]
    return [
        f"{cls.__name__}.{name} hides {base.__name__}.{name}()"
        for name, value in vars(obj).items()
        if not callable(value)
        for base in qt_bases[:1]
        if callable(getattr(base, name, None))
    ]


def test_no_attribute_of_ours_hides_a_qt_method(window, qtbot):
    """Qt calls virtual methods through Python: RunsView.metric, a combo box, stood for QWidget.metric(), so
    every paint of the Runs view printed a TypeError and its grab() (a screenshot) crashed the process."""
    from PySide6.QtCore import QObject

    window.runs_view.show()  # the lazily filled docks: Runs and Learn
    window.learn.dock.show()
    qtbot.wait(50)
    found = [text for obj in [window, *window.findChildren(QObject)] for text in _hidden_qt_methods(obj)]
    found += [text for item in window.scene.items() for text in _hidden_qt_methods(item)]
    assert sorted(set(found)) == []
    picture = window.runs_view.grab()
    assert (picture.width(), picture.height()) == (window.runs_view.width(), window.runs_view.height())
