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
