"""A name that keeps its size on screen at every zoom, shown only when the canvas is zoomed far out.

Far out the blocks' own text is gone, so stages (``layer1``…) and expanded blocks' frames are named by these.
The item ignores the view's scale (ItemIgnoresTransformations): its font is in screen pixels, so no
re-layout happens while zooming, and its anchor follows the scene point it names.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsItem

from .. import theme

SCREEN_PX = 12  # a stage's name: a little bigger than the blocks' far names (10 px), and bold
GAP = 4.0


@cache
def _font() -> QFont:
    font = QFont(QApplication.font().family())
    font.setPixelSize(SCREEN_PX)
    font.setBold(True)
    return font


class FarLabel(QGraphicsItem):
    """``text`` beside its anchor point (see set_side); drawn only while the view's zoom is in [above, below)."""

    def __init__(self, text: str, below: float, above: float = 0.0, color: QColor = theme.TEXT):
        super().__init__()
        self.text, self.below, self.above, self.color = text, below, above, color
        self.side = "left"
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(3)  # over the wires it may sit beside
        self._width = QFontMetricsF(_font()).horizontalAdvance(text)
        self._rect = QRectF()
        self.set_side("left")

    def set_side(self, side: str) -> None:
        """Where the text sits around the anchor: "left", "right", "above" or "below" it."""
        w, h = self._width, SCREEN_PX + 6
        rect = {
            "left": QRectF(-w - GAP, -h / 2, w, h),
            "right": QRectF(GAP, -h / 2, w, h),
            "above": QRectF(-w / 2, -h - GAP, w, h),
            "below": QRectF(-w / 2, GAP, w, h),
        }[side]
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect, self.side = rect, side

    def boundingRect(self) -> QRectF:
        return self._rect

    def shown_at(self, zoom: float) -> bool:
        return self.above <= zoom < self.below

    def paint(self, painter, option, widget=None) -> None:
        view = widget.parent() if widget is not None else None
        zoom = view.transform().m11() if hasattr(view, "transform") else 0.0  # a render() without a view: far
        if not self.shown_at(zoom):
            return
        painter.setFont(_font())
        painter.setPen(self.color)
        align = {"left": Qt.AlignmentFlag.AlignRight, "right": Qt.AlignmentFlag.AlignLeft}.get(
            self.side, Qt.AlignmentFlag.AlignHCenter
        )
        painter.drawText(self._rect, align | Qt.AlignmentFlag.AlignVCenter, self.text)
