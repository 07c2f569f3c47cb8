"""A connection point on a node: drag from it to draw a wire."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from .. import theme

RADIUS = 5.0
FEEDBACK = {"ok": theme.OK, "warn": theme.WARN, "bad": theme.ERROR}
_WHITE = QBrush(QColor("#ffffff"))


class PortItem(QGraphicsEllipseItem):
    """An input port (``name`` is the block's port, e.g. "in" or "in1") or an output port: ``name`` None for
    the one output of most blocks, or a named output of a multi-output block ("out0", "out1" of a Split).

    Painting is the C++ ellipse's own: a big graph has a thousand ports and no Python paint call per frame.
    """

    def __init__(self, node_item: QGraphicsItem, name: str | None, known: bool = True, output: bool = False):
        super().__init__(node_item)
        self.node_item = node_item
        self.name = name
        self._output = output or name is None
        self.known = known  # False: an edge enters a port the block no longer has (shown in red)
        self.feedback: str | None = None
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setZValue(2)
        if not self._output:
            self.setToolTip(QCoreApplication.translate("PortItem", "input {0}").format(name))
        elif name is None:
            self.setToolTip(QCoreApplication.translate("PortItem", "output: drag to another block's input"))
        else:
            self.setToolTip(
                QCoreApplication.translate("PortItem", "output {0}: drag to another block's input").format(name)
            )
        self._restyle()

    @property
    def is_output(self) -> bool:
        return self._output

    @property
    def port_name(self) -> str:
        """The port as edges name it: an input's name, "out" for a block's single output."""
        return self.name if self.name is not None else "out"

    @property
    def node_id(self) -> str:
        return self.node_item.node_id

    def set_known(self, known: bool) -> None:
        if known != self.known:
            self.known = known
            self._restyle()

    def set_feedback(self, level: str | None) -> None:
        if level != self.feedback:
            self.feedback = level
            self._restyle()

    def _restyle(self) -> None:
        color = FEEDBACK.get(self.feedback) or (theme.ERROR if not self.known else theme.EDGE)
        lit = self._hover or self.feedback is not None
        r = RADIUS + (1.5 if lit else 0)
        self.setRect(QRectF(-r, -r, 2 * r, 2 * r))
        self.setPen(QPen(color, 1.6))
        self.setBrush(QBrush(color) if lit else _WHITE)

    def shape(self) -> QPainterPath:  # a generous target: ports are small
        path = QPainterPath()
        path.addEllipse(QRectF(-RADIUS - 3, -RADIUS - 3, 2 * RADIUS + 6, 2 * RADIUS + 6))
        return path

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self._restyle()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self._restyle()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.scene().begin_wire(self)
            event.accept()
        else:
            event.ignore()
