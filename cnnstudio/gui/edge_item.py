"""A connection on the canvas, labelled with the shape of the tensor it carries."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from cnnstudio.core.graph import Edge

from . import theme

LABEL_ROOM = 140.0


@lru_cache(maxsize=4096)
def _label_width(text: str) -> float:
    return QFontMetricsF(theme.canvas_fonts().edge).horizontalAdvance(text) + 10 if text else 0.0


def wire_path(p1: QPointF, p2: QPointF, orientation: str) -> QPainterPath:
    """A smooth S-curve leaving p1 and entering p2 along the flow direction."""
    path = QPainterPath(p1)
    if orientation == "tb":
        bend = max(28.0, abs(p2.y() - p1.y()) * 0.5)
        path.cubicTo(p1 + QPointF(0, bend), p2 - QPointF(0, bend), p2)
    else:
        bend = max(28.0, abs(p2.x() - p1.x()) * 0.5)
        path.cubicTo(p1 + QPointF(bend, 0), p2 - QPointF(bend, 0), p2)
    return path


class EdgeItem(QGraphicsItem):
    def __init__(self, edge: Edge, src_item, dst_item):
        super().__init__()
        self.edge = edge
        self.src_item, self.dst_item = src_item, dst_item
        self._label = ""
        self._provider = None  # () -> (text, unknown), set by the scene; read when painted or asked for
        self.unknown = False
        self._path = QPainterPath()
        self._shape: QPainterPath | None = None
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)
        src_item.edges.append(self)
        dst_item.edges.append(self)
        self.update_path()

    def detach(self) -> None:
        for item in (self.src_item, self.dst_item):
            if self in item.edges:
                item.edges.remove(self)

    @property
    def label(self) -> str:
        if self._provider is not None:
            provider, self._provider = self._provider, None
            self._set(*provider())
        return self._label

    def invalidate(self, provider) -> None:
        """The carried shape changed: fetch the new label when next painted or asked for."""
        self._provider = provider
        self.update()

    def set_label(self, text: str, unknown: bool = False) -> None:
        self._provider = None
        if self._set(text, unknown):
            self.update()

    def _set(self, text: str, unknown: bool) -> bool:
        if (text, unknown) != (self._label, self.unknown):
            self._label, self.unknown = text, unknown
            width = _label_width(text)
            mid = self._mid
            self._label_rect = QRectF(mid.x() - width / 2, mid.y() - 8, width, 16)  # inside the fixed bounds
            return True
        return False

    def update_path(self) -> None:
        src_port = self.src_item.port(self.edge.src_port if self.edge.src_port != "out" else None)
        dst_port = self.dst_item.port(self.edge.dst_port)
        p1 = src_port.scenePos() if src_port else self.src_item.center()
        p2 = dst_port.scenePos() if dst_port else self.dst_item.center()
        self.prepareGeometryChange()
        self._path = wire_path(p1, p2, self.src_item.orientation)
        self._shape = None
        self._mid = self._path.pointAtPercent(0.5)
        self._place_label()

    def _place_label(self) -> None:
        width = _label_width(self._label)
        mid = self._mid
        self._label_rect = QRectF(mid.x() - width / 2, mid.y() - 8, width, 16)
        # bounds leave room for any label, so a new shape only repaints (no re-indexing of the scene)
        room = QRectF(mid.x() - LABEL_ROOM / 2, mid.y() - 9, LABEL_ROOM, 18)
        self._bounds = self._path.boundingRect().united(room).adjusted(-4, -4, 4, 4)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(self, painter, option, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        color = theme.ACCENT if self.isSelected() else theme.EDGE
        width = 2.4 if self.isSelected() else 1.6
        if lod < 0.3:  # far away: a hairline, no antialiasing (hundreds of long curves per frame)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(color, 0))
        else:
            painter.setPen(QPen(color, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if lod < 0.5 or not self.label:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.EDGE_LABEL_BG)
        painter.drawRoundedRect(self._label_rect, 8, 8)
        painter.setFont(theme.canvas_fonts().edge)
        painter.setPen(theme.ERROR if self.unknown else theme.MUTED)
        painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)
