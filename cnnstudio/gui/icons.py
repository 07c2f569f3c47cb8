"""Small painted icons: one pictogram per block category, and the app/toolbar glyphs (no image files)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from . import theme


@cache
def category_icon(category: str) -> QIcon:
    icon = QIcon()
    for size in (16, 32):
        icon.addPixmap(_category_pixmap(category, size))
    return icon


def _category_pixmap(category: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 16, size / 16)
    color = theme.category_color(category)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3.5, 3.5)
    pen = QPen(QColor("#ffffff"), 1.3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    _GLYPHS.get(category, _glyph_dot)(p)
    p.end()
    return pix


def _glyph_input(p: QPainter) -> None:  # an arrow into a frame
    p.drawLine(QPointF(3.5, 8), QPointF(9.5, 8))
    p.drawPolyline(QPolygonF([QPointF(7, 5.5), QPointF(9.5, 8), QPointF(7, 10.5)]))
    p.drawPolyline(QPolygonF([QPointF(9.5, 4), QPointF(12.5, 4), QPointF(12.5, 12), QPointF(9.5, 12)]))


def _glyph_conv(p: QPainter) -> None:  # a 3×3 kernel
    for i in range(4):
        t = 4 + i * 8 / 3
        p.drawLine(QPointF(t, 4), QPointF(t, 12))
        p.drawLine(QPointF(4, t), QPointF(12, t))


def _glyph_pool(p: QPainter) -> None:  # a big grid shrinking to a cell
    p.drawRect(QRectF(3.5, 3.5, 6, 6))
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(10, 10, 2.5, 2.5))


def _glyph_dense(p: QPainter) -> None:  # fully connected dots
    left, right = [QPointF(4, y) for y in (4.5, 8, 11.5)], [QPointF(12, y) for y in (6, 10)]
    for a in left:
        for b in right:
            p.drawLine(a, b)


def _glyph_norm(p: QPainter) -> None:  # a bell curve
    path = QPainterPath(QPointF(3, 12))
    path.cubicTo(QPointF(6.5, 12), QPointF(6.5, 3.5), QPointF(8, 3.5))
    path.cubicTo(QPointF(9.5, 3.5), QPointF(9.5, 12), QPointF(13, 12))
    p.drawPath(path)


def _glyph_activation(p: QPainter) -> None:  # ReLU's hinge
    p.drawPolyline(QPolygonF([QPointF(3, 11), QPointF(8, 11), QPointF(13, 4.5)]))


def _glyph_merge(p: QPainter) -> None:  # a plus
    p.drawLine(QPointF(8, 3.5), QPointF(8, 12.5))
    p.drawLine(QPointF(3.5, 8), QPointF(12.5, 8))


def _glyph_composite(p: QPainter) -> None:  # stacked blocks
    p.drawRect(QRectF(3.5, 3.5, 6, 4))
    p.drawRect(QRectF(6.5, 8.5, 6, 4))


def _glyph_generative(p: QPainter) -> None:  # a die's five dots: drawn at random
    p.setBrush(QColor("#ffffff"))
    for x, y in ((5, 5), (11, 5), (8, 8), (5, 11), (11, 11)):
        p.drawEllipse(QPointF(x, y), 1.2, 1.2)


def _glyph_output(p: QPainter) -> None:  # a target
    p.drawEllipse(QPointF(8, 8), 4.5, 4.5)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(8, 8), 1.3, 1.3)


def _glyph_dot(p: QPainter) -> None:
    p.drawEllipse(QPointF(8, 8), 2, 2)


_GLYPHS = {
    "Input": _glyph_input,
    "Convolution": _glyph_conv,
    "Pooling": _glyph_pool,
    "Dense": _glyph_dense,
    "Normalization": _glyph_norm,
    "Activation": _glyph_activation,
    "Merge": _glyph_merge,
    "Composite": _glyph_composite,
    "Generative": _glyph_generative,
    "Output": _glyph_output,
}


@cache
def level_icon(level: str) -> QIcon:
    """A filled circle: red for errors, amber for warnings."""
    pix = QPixmap(14, 14)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.ERROR if level == "error" else theme.WARN)
    p.drawEllipse(QRectF(1.5, 1.5, 11, 11))
    p.setPen(QPen(QColor("#ffffff"), 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(7, 4.3), QPointF(7, 7.8))
    p.drawPoint(QPointF(7, 10))
    p.end()
    return QIcon(pix)


@cache
def ok_icon() -> QIcon:
    """A green tick."""
    pix = QPixmap(14, 14)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(theme.OK, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawPolyline(QPolygonF([QPointF(2.5, 7.5), QPointF(5.5, 10.5), QPointF(11.5, 3.5)]))
    p.end()
    return QIcon(pix)


@cache
def app_icon() -> QIcon:
    """Three stacked feature maps: the app's mark."""
    icon = QIcon()
    for size in (32, 64, 128):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(size / 32, size / 32)
        for i, name in enumerate(("Convolution", "Pooling", "Dense")):
            p.setPen(QPen(QColor("#ffffff"), 1.2))
            p.setBrush(theme.category_color(name))
            p.drawRoundedRect(QRectF(4 + i * 5, 4 + i * 5, 18, 18), 3, 3)
        p.end()
        icon.addPixmap(pix)
    return icon
