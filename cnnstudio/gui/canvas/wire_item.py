"""The wire that follows the mouse while the user drags from a port, coloured by whether it may connect."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from .. import theme
from .edge_item import wire_path
from .port_item import FEEDBACK


class WireItem(QGraphicsPathItem):
    def __init__(self, anchor: QPointF, from_output: bool, orientation: str):
        super().__init__()
        self.anchor, self.from_output, self.orientation = anchor, from_output, orientation
        self.setZValue(10)
        self.set_level(None)
        self.follow(anchor)

    def follow(self, pos: QPointF) -> None:
        start, end = (self.anchor, pos) if self.from_output else (pos, self.anchor)
        self.setPath(wire_path(start, end, self.orientation))

    def set_level(self, level: str | None) -> None:
        color = FEEDBACK.get(level, theme.ACCENT) if level else theme.ACCENT
        self.setPen(QPen(color, 2.2, Qt.PenStyle.DashLine if level in (None, "bad") else Qt.PenStyle.SolidLine))
