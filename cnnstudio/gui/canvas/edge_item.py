"""A connection on the canvas, labelled with the shape of the tensor it carries."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from cnnstudio.core.graph import Edge

from .. import theme
from .node_item import NodeItem

LABEL_ROOM = 140.0
LANE_GAP = 28.0  # how far beside the blocks it avoids a wire runs


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


def lane_path(p1: QPointF, p2: QPointF, orientation: str, blockers: list[QRectF]) -> QPainterPath:
    """A wire that goes around the blocks in its way: out of p1, across to a lane beside them, along the
    lane past them, and into p2 (a residual shortcut drawn beside the main path, not hidden behind it)."""
    tb = orientation == "tb"

    def along(p) -> float:
        return p.y() if tb else p.x()

    def across(p) -> float:
        return p.x() if tb else p.y()

    def point(a: float, c: float) -> QPointF:
        return QPointF(c, a) if tb else QPointF(a, c)

    lo = min(r.left() if tb else r.top() for r in blockers) - LANE_GAP
    hi = max(r.right() if tb else r.bottom() for r in blockers) + LANE_GAP
    ends = (across(p1) + across(p2)) / 2
    lane = lo if abs(ends - lo) < abs(hi - ends) else hi  # the side nearer the wire's own ends
    start = min(r.top() if tb else r.left() for r in blockers) - LANE_GAP / 2
    stop = max(r.bottom() if tb else r.right() for r in blockers) + LANE_GAP / 2
    start = max(along(p1) + 8, min(start, along(p2) - 8))
    stop = min(along(p2) - 8, max(stop, start))
    path = QPainterPath(p1)
    bend = (start - along(p1)) * 0.6
    path.cubicTo(point(along(p1) + bend, across(p1)), point(start - bend, lane), point(start, lane))
    path.lineTo(point(stop, lane))
    bend = (along(p2) - stop) * 0.6
    path.cubicTo(point(stop + bend, lane), point(along(p2) - bend, across(p2)), p2)
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
        self.routed = False  # goes around blocks in its way (re-checked when blocks nearby move)
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

    def update_path(self, route: bool = True) -> None:
        """Recompute the wire between its ports; ``route``: also go around blocks in the way (it asks the
        scene's index, which must not be done while a block is moving: the scene re-routes after moves)."""
        src_port = self.src_item.output_port(self.edge.src_port)
        dst_port = self.dst_item.port(self.edge.dst_port)
        p1 = src_port.scenePos() if src_port else self.src_item.center()
        p2 = dst_port.scenePos() if dst_port else self.dst_item.center()
        orientation = self.src_item.orientation
        path = wire_path(p1, p2, orientation)
        blockers = self._blockers(path) if route else []
        if blockers:
            path = lane_path(p1, p2, orientation, blockers)
        # only now: between prepareGeometryChange and the new bounds nothing may ask the scene's index, or it
        # files the wire under its old bounds and keeps a dangling entry after the wire is removed (a crash)
        self.prepareGeometryChange()
        self.routed = bool(blockers)
        self._path = path
        self._shape = None
        self._mid = self._path.pointAtPercent(0.5)
        self._place_label()

    def _blockers(self, path: QPainterPath) -> list[QRectF]:
        """The blocks (other than its own two) that the plain curve would pass behind."""
        scene = self.scene()
        if scene is None:
            return []
        area = path.boundingRect()
        if area.width() < 1 or area.height() < 1:
            return []
        ends = (self.src_item, self.dst_item)
        rects = [
            item.sceneBoundingRect().adjusted(2, 2, -2, -4)  # the block itself, not its shadow margin
            for item in scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
            if isinstance(item, NodeItem) and item not in ends
        ]
        if not rects:
            return []
        stroke = QPainterPathStroker()
        stroke.setWidth(2)
        outline = stroke.createStroke(path)
        return [r for r in rects if outline.intersects(r)]

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
