"""The canvas view: zoom to the cursor, pan, fit, rubber-band selection, drops from the palette and files."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsView

from .. import theme
from .edge_item import EdgeItem
from .scene import GraphScene

BLOCK_MIME = "application/x-cnnstudio-block"
MIN_ZOOM, MAX_ZOOM = 0.05, 3.0
READABLE_ZOOM = 0.75  # below this the node text gets hard to read at 100% display scaling
FIT_MIN_ZOOM = 0.45  # Fit goes no further out: block names still read (about 10 px) and it scrolls instead
GRID_STEP = 32.0


class CanvasView(QGraphicsView):
    zoom_changed = Signal(float)
    block_dropped = Signal(str, QPointF, object)  # block type, scene position, EdgeItem under it (or None)
    file_dropped = Signal(str)
    context_requested = Signal(QPointF, object, object)  # scene position, item under the cursor, global pos

    def __init__(self, scene: GraphScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # pan by dragging, like a map
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPointF | None = None
        self._space = False

    @property
    def graph_scene(self) -> GraphScene:
        return self.scene()

    def zoom(self) -> float:
        return self.transform().m11()

    # zoom and fit ------------------------------------------------------------------------------
    def set_zoom(self, value: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``value``, keeping the scene point under ``anchor`` (viewport coordinates) in place."""
        value = max(MIN_ZOOM, min(MAX_ZOOM, value))
        factor = value / self.zoom()
        if abs(factor - 1) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.scale(factor, factor)
        after = self.mapToScene(anchor.toPoint())
        self.translate(after.x() - before.x(), after.y() - before.y())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoom_changed.emit(self.zoom())

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom() * factor, anchor)

    def fit_all(self) -> None:
        """Show the whole graph, at most 100%."""
        rect = self.graph_scene.graph_rect()
        if rect.isNull():
            self.set_zoom(1.0)
            self.centerOn(0, 0)
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        view = self.viewport().rect()
        # stage names beside the flow keep their screen size: room for them across it
        room = 2 * self.graph_scene.frames.label_room()
        across_x = self.graph_scene.orientation == "tb"
        width, height = view.width() - (room if across_x else 0), view.height() - (0 if across_x else room)
        scale = min(width / rect.width(), height / rect.height(), 1.0)
        self.set_zoom(scale)
        self.centerOn(rect.center())

    def fit_view(self) -> None:
        """Fit, but never so far out that the names cannot be read: a long network is shown at a readable
        zoom around the selection (or from its start) and the rest is a pan away. ``fit_all`` shows it all."""
        rect = self.graph_scene.graph_rect()
        if rect.isNull():
            self.fit_all()
            return
        view = self.viewport().rect()
        padded = rect.adjusted(-40, -40, 40, 40)
        if min(view.width() / padded.width(), view.height() / padded.height(), 1.0) >= FIT_MIN_ZOOM:
            self.fit_all()
            return
        self.set_zoom(FIT_MIN_ZOOM)
        chosen = [self.graph_scene.nodes[n] for n in self.graph_scene.selected_node_ids()]
        if chosen:
            self.centerOn(sum((i.center() for i in chosen), QPointF()) / len(chosen))
            return
        self._show_start(padded, FIT_MIN_ZOOM)

    def fit_readable(self) -> None:
        """The opening view: the whole graph when that stays readable, else its start at a readable zoom."""
        rect = self.graph_scene.graph_rect()
        if rect.isNull():
            self.fit_all()
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        view = self.viewport().rect()
        fit = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        if fit >= READABLE_ZOOM:
            self.fit_all()
            return
        self.set_zoom(READABLE_ZOOM)
        self._show_start(rect, READABLE_ZOOM)

    def _show_start(self, rect: QRectF, zoom: float) -> None:
        view = self.viewport().rect()
        half_w, half_h = view.width() / zoom / 2, view.height() / zoom / 2
        # where the data comes in, centred across the flow when that fits
        x = rect.center().x() if rect.width() <= 2 * half_w else rect.left() + half_w
        y = rect.center().y() if rect.height() <= 2 * half_h else rect.top() + half_h
        self.centerOn(x, y)

    def center_on_node(self, node_id: str) -> None:
        item = self.graph_scene.nodes.get(node_id)
        if item is not None:
            if self.zoom() < READABLE_ZOOM:
                self.set_zoom(1.0)
            self.centerOn(item.center())

    # background --------------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, theme.CANVAS_BG)
        if self.zoom() < 0.45:
            return  # a fine grid far away is only noise (and cost)
        painter.setPen(QPen(theme.GRID, 0))
        # the lines are axis-aligned hairlines: antialiasing only blurs them, and made them the costliest
        # thing in a repaint (most of an edit's frame on a big network)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left = int(rect.left() // GRID_STEP) * GRID_STEP
        top = int(rect.top() // GRID_STEP) * GRID_STEP
        lines = []
        x = left
        while x < rect.right():
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += GRID_STEP
        y = top
        while y < rect.bottom():
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += GRID_STEP
        painter.drawLines(lines)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self.graph_scene.nodes:
            return
        painter.save()  # an empty canvas says how to start, in screen pixels
        painter.resetTransform()
        painter.setPen(theme.MUTED)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        painter.setFont(font)
        painter.drawText(
            self.viewport().rect(),
            Qt.AlignmentFlag.AlignCenter,
            self.tr(
                "Double-click a block in the palette (start with Input), or drag one here.\n"
                "Drag from a port to connect.  File ▸ New from Preset opens a classic network."
            ),
        )
        painter.restore()

    # mouse and keys ----------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:  # shift+wheel pans sideways
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - event.angleDelta().y())
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.15**steps, event.position())

    def mousePressEvent(self, event) -> None:
        panning = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        )
        if panning:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) viewport pixels, like dragging the canvas."""
        self.horizontalScrollBar().setValue(round(self.horizontalScrollBar().value() - dx))
        self.verticalScrollBar().setValue(round(self.verticalScrollBar().value() - dy))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    def contextMenuEvent(self, event) -> None:
        pos = self.mapToScene(event.pos())
        item = self.itemAt(event.pos())
        while item is not None and item.parentItem() is not None:
            item = item.parentItem()  # a port's menu is its node's
        self.context_requested.emit(pos, item, event.globalPos())

    # drops -------------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(BLOCK_MIME) or _project_path(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(BLOCK_MIME) or _project_path(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(BLOCK_MIME):
            block_type = bytes(mime.data(BLOCK_MIME)).decode()
            pos = self.mapToScene(event.position().toPoint())
            under = next((i for i in self.items(event.position().toPoint()) if isinstance(i, EdgeItem)), None)
            self.block_dropped.emit(block_type, pos, under)
            event.acceptProposedAction()
            return
        path = _project_path(mime)
        if path:
            self.file_dropped.emit(path)
            event.acceptProposedAction()
            return
        event.ignore()


def _project_path(mime) -> str | None:
    """The first local .json file in a drop (project files end in .cnn.json)."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
            return url.toLocalFile()
    return None
