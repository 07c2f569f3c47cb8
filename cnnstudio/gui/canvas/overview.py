"""The overview (minimap): the whole network as small coloured blocks, the canvas's view as a frame on it;
click or drag in it to move the canvas there.

It paints from block positions (no second QGraphicsView): a few hundred rectangles per repaint, so it can
follow every pan frame of the canvas without costing the canvas its frame budget.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme
from .node_item import HEIGHT
from .scene import GraphScene
from .view import CanvasView

PAD = 6.0
REDRAW_MS = 120
FOLLOW_MS = 80


class Overview(QWidget):
    def __init__(self, view: CanvasView, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.setMinimumHeight(120)
        # no taller than its hint: the palette above it keeps the room (a minimap needs little)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("The whole network: click or drag to move the canvas there"))
        self._errors: set[str] = set()
        self._blocks: QPixmap | None = None  # the blocks, drawn once per change; pans only move the frame
        # redrawn a moment after a change, not in the frame of the edit that made it (the canvas's budget)
        self._redraw = QTimer(self, singleShot=True, interval=REDRAW_MS, timeout=self._redraw_now)
        doc = self.scene.doc
        doc.graph_event.connect(self._on_graph_event)
        doc.reset.connect(self._invalidate)
        doc.inferred.connect(self._on_inferred)
        self.scene.health_changed.connect(self._invalidate)
        # the view's frame follows pans and zooms at most every FOLLOW_MS: not in every frame of the canvas
        self._follow = QTimer(self, singleShot=True, interval=FOLLOW_MS, timeout=self.update)
        view.zoom_changed.connect(self._view_moved)
        view.horizontalScrollBar().valueChanged.connect(self._view_moved)
        view.verticalScrollBar().valueChanged.connect(self._view_moved)
        self._on_inferred(doc.inference)

    @property
    def scene(self) -> GraphScene:
        return self.view.graph_scene

    def sizeHint(self) -> QSize:
        return QSize(200, 170)

    def _on_inferred(self, inference) -> None:
        errors = {d.node for d in inference.diagnostics if d.level == "error" and d.node}
        if errors != self._errors:
            self._errors = errors
            self._invalidate()

    def _on_graph_event(self, event: str, payload) -> None:
        if event in ("node_added", "node_removed") or (event == "node_changed" and payload[1] in ("pos", "type")):
            self._invalidate()

    def _view_moved(self, *_args) -> None:
        if not self._follow.isActive():
            self._follow.start()

    def _invalidate(self) -> None:
        if self._blocks is None:
            self.update()
        else:  # restarted by each change: typing in a field redraws once, when it pauses
            self._redraw.start()

    def _redraw_now(self) -> None:
        self._blocks = None
        self.update()

    def resizeEvent(self, event) -> None:
        self._blocks = None
        super().resizeEvent(event)

    # scene <-> widget --------------------------------------------------------------------------
    def _mapping(self) -> tuple[QRectF, float, QPointF] | None:
        """(graph rect, scale, offset): widget = offset + (scene - rect.topLeft) * scale."""
        rect = self.scene.graph_rect()
        if rect.isNull():
            return None
        rect = rect.adjusted(-40, -40, 40, 40)
        w, h = self.width() - 2 * PAD, self.height() - 2 * PAD
        scale = min(w / rect.width(), h / rect.height())
        offset = QPointF(PAD + (w - rect.width() * scale) / 2, PAD + (h - rect.height() * scale) / 2)
        return rect, scale, offset

    def to_widget(self, p: QPointF) -> QPointF:
        rect, scale, offset = self._mapping()
        return offset + (p - rect.topLeft()) * scale

    def to_scene(self, p: QPointF) -> QPointF:
        rect, scale, offset = self._mapping()
        return rect.topLeft() + (p - offset) / scale

    # painting ----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        mapping = self._mapping()
        if self._blocks is None:
            self._blocks = self._draw_blocks(mapping)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._blocks)
        if mapping is None:
            return
        rect, scale, offset = mapping
        shown = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        top_left = offset + (shown.topLeft() - rect.topLeft()) * scale
        frame = QRectF(top_left, shown.size() * scale).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.setPen(QPen(theme.ACCENT, 1.5))
        painter.setBrush(QColor(47, 111, 235, 28))
        painter.drawRect(frame)

    def _draw_blocks(self, mapping) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(theme.CANVAS_BG)
        if mapping is None:
            return pixmap
        painter = QPainter(pixmap)
        rect, scale, offset = mapping
        graph, registry = self.scene.doc.graph, self.scene.doc.registry
        colours: dict[str, QColor] = {}
        painter.setPen(Qt.PenStyle.NoPen)
        for nid, item in self.scene.nodes.items():
            node = graph.nodes.get(nid)
            if node is None:
                continue
            if nid in self._errors:
                colour = theme.ERROR
            elif item.health is not None:
                colour = item.health
            else:
                colour = colours.get(node.type)
                if colour is None:
                    block = registry.find(node.type)
                    colour = colours[node.type] = theme.category_color(block.category if block else "")
            x = offset.x() + (item.x() - rect.left()) * scale
            y = offset.y() + (item.y() - rect.top()) * scale
            painter.fillRect(QRectF(x, y, max(2.0, item.width * scale), max(2.0, HEIGHT * scale)), colour)
        painter.end()
        return pixmap

    # moving the canvas -------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        self._go(event.position())

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position())

    def _go(self, pos: QPointF) -> None:
        if self._mapping() is not None:
            self.view.centerOn(self.to_scene(pos))
