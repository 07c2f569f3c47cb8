"""A connection point on a node: drag from it to draw a wire."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItem

from . import theme

RADIUS = 5.0
FEEDBACK = {"ok": theme.OK, "warn": theme.WARN, "bad": theme.ERROR}


class PortItem(QGraphicsItem):
    """An input port (``name`` is the block's port, e.g. "in" or "in1") or the output port (``name`` None)."""

    def __init__(self, node_item: QGraphicsItem, name: str | None, known: bool = True):
        super().__init__(node_item)
        self.node_item = node_item
        self.name = name
        self.known = known  # False: an edge enters a port the block no longer has (shown in red)
        self.feedback: str | None = None
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setZValue(2)
        self.setToolTip(f"input {name}" if name else "output: drag to another block's input")

    @property
    def is_output(self) -> bool:
        return self.name is None

    @property
    def node_id(self) -> str:
        return self.node_item.node_id

    def boundingRect(self) -> QRectF:
        r = RADIUS + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self):  # a generous target: ports are small
        from PySide6.QtGui import QPainterPath

        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), RADIUS + 3, RADIUS + 3)
        return path

    def set_feedback(self, level: str | None) -> None:
        if level != self.feedback:
            self.feedback = level
            self.update()

    def paint(self, painter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < 0.35 and self.feedback is None:
            return
        color = FEEDBACK.get(self.feedback) or (theme.ERROR if not self.known else theme.EDGE)
        radius = RADIUS + (1.5 if self._hover or self.feedback else 0)
        painter.setPen(QPen(color, 1.6))
        painter.setBrush(QBrush(color if (self._hover or self.feedback) else QColor("#ffffff")))
        painter.drawEllipse(QPointF(0, 0), radius, radius)

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.scene().begin_wire(self)
            event.accept()
        else:
            event.ignore()
