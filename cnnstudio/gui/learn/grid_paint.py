"""Painting small grids of numbers: the cells of an image, a kernel or a feature map, shaded by value."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from .. import theme

INK = QColor("#2a3550")
POSITIVE = QColor("#3a78d0")
NEGATIVE = QColor("#d0583a")
PADDING_FILL = QColor("#e6eaf1")
PADDING_LINE = QColor("#9aa3b2")
CELL_LINE = QColor("#d5d9e0")


def mix(a: QColor, b: QColor, t: float) -> QColor:
    t = min(max(t, 0.0), 1.0)
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def intensity(value: float, top: float) -> QColor:
    """0 white … top dark ink: an input image."""
    return mix(QColor("#ffffff"), INK, value / top if top else 0.0)


def signed_color(value: float, top: float) -> QColor:
    """Blue for positive, orange-red for negative, white for 0: a feature map or a kernel."""
    if not top:
        return QColor("#ffffff")
    return mix(QColor("#ffffff"), POSITIVE if value >= 0 else NEGATIVE, abs(value) / top)


def text_color(fill: QColor) -> QColor:
    return QColor("#ffffff") if fill.lightnessF() < 0.55 else theme.TEXT


def number_text(value: float) -> str:
    if float(value).is_integer():
        value = int(value)
        return f"−{-value}" if value < 0 else str(value)
    return f"{value:.1f}".replace("-", "−")


def cell_font(cell: float, text: str = "") -> QFont:
    """A size that fits the cell: long numbers (11.5, −120) get smaller type."""
    scale = 0.5 if len(text) <= 2 else 0.42 if len(text) == 3 else 0.34
    return _font(max(7, min(13, int(cell * scale))))


@lru_cache(maxsize=16)
def _font(pixels: int) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    return font


def _use_font(painter: QPainter, font: QFont) -> None:
    """Set the font only when it changes: hundreds of cells share a few sizes, and setFont is not free."""
    current = painter.font()
    if current.pixelSize() != font.pixelSize() or current.bold():
        painter.setFont(font)


def draw_cell(
    painter: QPainter, rect: QRectF, fill: QColor, text: str = "", padding: bool = False, show_text: bool = True
) -> None:
    if padding:
        painter.setPen(QPen(PADDING_LINE, 1, Qt.PenStyle.DotLine))
        painter.setBrush(QBrush(PADDING_FILL))
    else:
        painter.setPen(QPen(CELL_LINE, 1))
        painter.setBrush(QBrush(fill))
    painter.drawRect(rect)
    if text and show_text and rect.width() >= 11:
        painter.setPen(theme.MUTED if padding else text_color(fill))
        _use_font(painter, cell_font(rect.width(), text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def draw_caption(
    painter: QPainter, x: float, y: float, text: str, bold: bool = False, color=None, width: float = 1000
) -> None:
    """One line of text, elided (…) when it is wider than ``width``."""
    font = QFont()
    font.setPixelSize(12)
    font.setBold(bold)
    painter.setFont(font)
    painter.setPen(color or theme.TEXT)
    text = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRectF(x, y, width + 4, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def draw_values(
    painter: QPainter,
    x: float,
    y: float,
    cell: float,
    grid,
    color_of,
    highlight=None,
    show_text: bool = True,
    zeros: bool = True,
) -> QRectF:
    """A grid of numbers at (x, y); ``highlight`` is a set of (row, col) drawn with an accent border.

    ``zeros=False`` leaves 0 cells blank: an image's background reads better without a sea of zeros.
    """
    rows, cols = len(grid), len(grid[0]) if grid else 0
    for r in range(rows):
        for c in range(cols):
            value = grid[r][c]
            rect = QRectF(x + c * cell, y + r * cell, cell, cell)
            text = number_text(value) if zeros or value else ""
            draw_cell(painter, rect, color_of(value), text, show_text=show_text)
    if highlight:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(theme.ACCENT, 2.5))
        for r, c in highlight:
            painter.drawRect(QRectF(x + c * cell, y + r * cell, cell, cell))
    return QRectF(x, y, cols * cell, rows * cell)


def arrow(painter: QPainter, x1: float, y: float, x2: float) -> None:
    painter.setPen(QPen(theme.EDGE, 1.6))
    painter.drawLine(int(x1), int(y), int(x2), int(y))
    painter.drawLine(int(x2), int(y), int(x2 - 6), int(y - 4))
    painter.drawLine(int(x2), int(y), int(x2 - 6), int(y + 4))
