"""A block on the canvas: name, type, param subtitle and output shape; red when it has an error."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from .. import theme
from .port_item import PortItem

HEIGHT = 64.0
PAD = 12.0
# Wider when the graph flows down (neighbours sit 240 apart with nothing between them); narrower when it
# flows right, to leave room between columns for the edge's shape label.
WIDTHS = {"tb": 200.0, "lr": 150.0}
WIDTH = WIDTHS["lr"]  # the narrowest: what placement code may assume
OVERVIEW_PX = 22  # the far-away name's font, in scene pixels, while that is still readable on screen
FAR_TEXT_PX = 10  # further out, names are drawn this big on screen (the scene font grows as the view zooms out)
_BOUNDS = {o: QRectF(-2, -2, w + 4, HEIGHT + 6) for o, w in WIDTHS.items()}


@dataclass(frozen=True)
class NodeLook:
    """Everything a node item shows, computed by the scene from the graph and the latest inference."""

    name: str
    type_label: str
    subtitle: str
    shape: str
    category: str
    error: str | None = None
    frozen: bool = False
    tooltip: str = ""


class NodeItem(QGraphicsItem):
    def __init__(self, node_id: str):
        super().__init__()
        self.node_id = node_id
        self._look: NodeLook | None = None
        self._provider = None  # () -> NodeLook, set by the scene: looks are computed when first needed
        self._stale = False
        self.inputs: dict[str, PortItem] = {}
        self.output: PortItem | None = None  # the single output, or the first of several
        self.outputs: dict[str, PortItem] = {}  # a multi-output block's named outputs (a Split's out0, out1…)
        self.edges: list = []  # EdgeItems attached at either end (view bookkeeping only)
        self.orientation = "tb"
        self.width = WIDTHS["tb"]
        self._texts: tuple[str, str, str, str] = ("", "", "", "")
        self._color = theme.MUTED
        self.health: QColor | None = None  # a layer-health tint set by the scene's owner (display value only)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # pans blit, no re-render
        self.setAcceptHoverEvents(True)
        self.setZValue(1)

    # content -----------------------------------------------------------------------------------
    @property
    def look(self) -> NodeLook | None:
        if self._stale:
            self._refresh()
        return self._look

    def invalidate(self, provider) -> None:
        """What this node shows has changed: recompute it when it is next painted or asked for, so an
        edit that re-shapes half of a big graph only pays for the blocks on screen."""
        self._provider = provider
        self._stale = True
        self.update()

    def _refresh(self) -> None:
        self._stale = False
        look = self._provider()
        if look != self._look:
            self._apply(look)

    def set_look(self, look: NodeLook) -> None:
        self._stale = False
        if look != self._look:
            self._apply(look)
            self.update()

    def _apply(self, look: NodeLook) -> None:
        old, self._look = self._look, look
        inner = self.width - 2 * PAD - (16 if look.frozen else 0)
        detail = f"{look.type_label}  {look.subtitle}" if look.subtitle else look.type_label
        bottom = f"⚠ {look.error}" if look.error else look.shape
        self._texts = (
            _elide_name("title", look.name, inner),
            _elide("body", detail, self.width - 2 * PAD, Qt.TextElideMode.ElideRight),
            _elide("shape", bottom, self.width - 2 * PAD, Qt.TextElideMode.ElideRight),
            # the far-away name, elided for its own bigger font (the title's elision, drawn bigger and
            # centred, lost both ends: "eption…branch")
            _elide_name("overview", look.name, self.width - 12),
        )
        self._color = theme.category_color(look.category)
        if old is None or old.tooltip != look.tooltip:
            self.setToolTip(look.tooltip)

    @property
    def shown_names(self) -> tuple[str, str]:
        """The name as drawn up close and far out (elided to fit the block)."""
        if self._stale:
            self._refresh()
        return self._texts[0], self._texts[3]

    def set_ports(
        self, inputs: list[str], has_output: bool, unknown: tuple[str, ...] = (), outputs: tuple[str, ...] = ()
    ) -> None:
        """Create or drop port items so they match the block's ports (plus any an edge still uses).

        ``outputs`` names the outputs of a block that has several; empty for one unnamed output.
        """
        wanted = list(inputs) + [p for p in unknown if p not in inputs]
        for name in list(self.inputs):
            if name not in wanted:
                port = self.inputs.pop(name)
                port.setParentItem(None)
                if port.scene():
                    port.scene().removeItem(port)
        for name in wanted:
            if name not in self.inputs:
                self.inputs[name] = PortItem(self, name)
            self.inputs[name].set_known(name in inputs)
        for name in list(self.outputs):
            if name not in outputs:
                self._drop(self.outputs.pop(name))
        if outputs:
            if self.output is not None and self.output.name is None:
                self._drop(self.output)
            for name in outputs:
                if name not in self.outputs:
                    self.outputs[name] = PortItem(self, name, output=True)
            self.output = self.outputs[outputs[0]]
        elif has_output and (self.output is None or self.output.name is not None):
            self.output = PortItem(self, None)
        elif not has_output and self.output is not None:
            self._drop(self.output)
            self.output = None
        self._order = wanted
        self.layout_ports()

    def _drop(self, port: PortItem) -> None:
        port.setParentItem(None)
        if port.scene():
            port.scene().removeItem(port)

    def set_orientation(self, orientation: str) -> None:
        if orientation != self.orientation:
            self.prepareGeometryChange()
            self.orientation = orientation
            self.width = WIDTHS[orientation]
            if self._look is not None:
                self._apply(self._look)  # re-elide for the new width
            self.layout_ports()
            self.update()

    def layout_ports(self) -> None:
        names = [n for n in getattr(self, "_order", list(self.inputs)) if n in self.inputs]
        count = len(names)
        for i, name in enumerate(names):
            t = (i + 1) / (count + 1)
            pos = QPointF(self.width * t, 0) if self.orientation == "tb" else QPointF(0, HEIGHT * t)
            self.inputs[name].setPos(pos)
        outs = list(self.outputs.values()) or ([self.output] if self.output is not None else [])
        for i, port in enumerate(outs):  # several outputs spread along the far side, as inputs along the near
            t = (i + 1) / (len(outs) + 1)
            port.setPos(
                QPointF(self.width * t, HEIGHT) if self.orientation == "tb" else QPointF(self.width, HEIGHT * t)
            )
        for edge in self.edges:
            edge.update_path()

    def port(self, name: str | None) -> PortItem | None:
        return self.output if name is None else self.inputs.get(name)

    def output_port(self, name: str) -> PortItem | None:
        """The output a wire leaves from: "out" for a single output, a Split's "out1"."""
        if self.outputs:
            return self.outputs.get(name)
        return self.output if name == "out" else None

    # geometry ----------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return _BOUNDS[self.orientation]

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self.width, HEIGHT), 7, 7)
        return path

    def center(self) -> QPointF:
        return self.pos() + QPointF(self.width / 2, HEIGHT / 2)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.update_path(route=False)  # the scene re-routes once the move is done
        return super().itemChange(change, value)

    # painting ----------------------------------------------------------------------------------
    def paint(self, painter, option, widget=None) -> None:
        look = self.look
        if look is None:
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        rect = QRectF(0, 0, self.width, HEIGHT)
        fill = theme.ERROR_BG if look.error else theme.FROZEN_BG if look.frozen else theme.NODE_BG
        if self.health is not None and not look.error:  # a tint keeps the text readable on dark colour maps
            fill = _mix(fill, self.health, 0.45)
        if lod < 0.3:  # far away: a coloured block and, while it is tall enough, the name at a readable size
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(theme.ACCENT, 3 / lod) if selected else Qt.PenStyle.NoPen)
            if look.error:
                brush = theme.ERROR
            elif self.health is not None:  # the layer-health colour stays visible at every zoom, like its legend
                brush = self.health
            else:
                brush = self._color.lighter(135 if look.frozen else 115)
            painter.setBrush(brush)
            painter.drawRect(rect)
            self._draw_far_name(painter, rect, lod, _on(brush))
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.SHADOW)  # a soft drop shadow without a QGraphicsEffect
        painter.drawRoundedRect(rect.translated(0, 2), 7, 7)
        border = theme.ACCENT if selected else theme.ERROR if look.error else theme.NODE_BORDER
        painter.setPen(QPen(border, 2.0 if selected or look.error else 1.0))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(rect, 7, 7)
        # the category colour as a band along the top edge
        band = QPainterPath()
        band.addRoundedRect(QRectF(0.5, 0.5, self.width - 1, 9), 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        painter.setClipRect(QRectF(0, 0, self.width, 4.5))
        painter.drawPath(band)
        painter.setClipping(False)
        if lod < 0.55:
            self._draw_far_name(painter, rect.adjusted(0, 4, 0, 0), lod, theme.TEXT)
            return
        fonts = theme.canvas_fonts()
        name, detail, bottom, _ = self._texts
        painter.setFont(fonts.title)
        painter.setPen(theme.FROZEN if look.frozen else theme.TEXT)
        painter.drawText(QRectF(PAD, 7, self.width - 2 * PAD, 19), Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(fonts.body)
        painter.setPen(theme.MUTED)
        painter.drawText(QRectF(PAD, 26, self.width - 2 * PAD, 16), Qt.AlignmentFlag.AlignVCenter, detail)
        painter.setFont(fonts.shape)
        painter.setPen(theme.ERROR if look.error else self._color.darker(125))
        painter.drawText(QRectF(PAD, 43, self.width - 2 * PAD, 16), Qt.AlignmentFlag.AlignVCenter, bottom)
        if look.frozen:
            _snowflake(painter, QPointF(self.width - PAD - 5, 17), 6.0)
        if self.health is not None:  # the exact colour as a badge: the tint alone is too pale to read off the legend
            painter.setPen(QPen(theme.NODE_BORDER, 1.0))
            painter.setBrush(self.health)
            painter.drawEllipse(QPointF(self.width - PAD - 5, HEIGHT - 12), 5.0, 5.0)

    def far_name(self, lod: float) -> tuple[str, int] | None:
        """The name as drawn at zoom ``lod`` once the close-up text is gone, and its size in screen pixels:
        about FAR_TEXT_PX on screen (the scene font grows as the view zooms out), a pixel smaller when that
        keeps the whole name, else elided to its telling end (the full name is in the tooltip). None when
        the block is too flat on screen for a readable line: the stage labels name it then."""
        shown = self._far(lod)
        return None if shown is None else (shown[0], math.floor(shown[1] * lod))

    def _far(self, lod: float) -> tuple[str, int] | None:
        look = self.look
        if look is None or lod >= 0.55 or HEIGHT * lod < FAR_TEXT_PX + 1:
            return None
        width = self.width - 12
        pixels = max(OVERVIEW_PX, _far_font_pixels(lod, FAR_TEXT_PX))  # in scene pixels, in cached steps
        text = _elide_far(pixels, look.name, width)
        if text != look.name and pixels > OVERVIEW_PX:
            smaller = _far_font_pixels(lod, FAR_TEXT_PX - 1)  # "layer1.0" whole in a narrow block, not "…0"
            if _elide_far(smaller, look.name, width) == look.name:
                text, pixels = look.name, smaller
        if text in ("", "…"):
            return None
        return text, pixels

    def _draw_far_name(self, painter, rect: QRectF, lod: float, color: QColor) -> None:
        shown = self._far(lod)
        if shown is None:
            return
        text, pixels = shown
        painter.setPen(color)
        painter.setFont(_far_font(pixels))
        painter.drawText(rect.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignCenter, text)

    def set_health(self, color: QColor | None) -> None:
        """Tint the block with a layer-health colour (None restores the normal look)."""
        if color != self.health:
            self.health = color
            self.update()
            scene = self.scene()
            if scene is not None and hasattr(scene, "health_changed"):
                scene.health_changed.emit()  # the overview repaints its blocks (once: updates coalesce)


def _mix(base: QColor, tint: QColor, amount: float) -> QColor:
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


@lru_cache(maxsize=8192)
def _elide(font: str, text: str, width: float, mode) -> str:
    """Elided text, cached: a shape change on a big graph re-labels hundreds of nodes with few distinct strings."""
    return QFontMetricsF(getattr(theme.canvas_fonts(), font)).elidedText(text, mode, width)


@lru_cache(maxsize=8192)
def _elide_name(font: str, name: str, width: float) -> str:
    """A dotted name that does not fit keeps its last parts, which tell the parts of one block apart
    ('inception3a.branch2.0' → '…branch2.0'); the full name is in the tooltip."""
    return _telling_end(QFontMetricsF(getattr(theme.canvas_fonts(), font)), name, width)


def _telling_end(metrics: QFontMetricsF, name: str, width: float) -> str:
    if metrics.horizontalAdvance(name) <= width:
        return name
    parts = name.split(".")
    for k in range(1, len(parts)):
        if not any(c.isalpha() for part in parts[k:] for c in part):
            break  # "…0", "…1": the parts of a Sequential would all look alike; the middle is elided instead
        tail = "…" + ".".join(parts[k:])
        if metrics.horizontalAdvance(tail) <= width:
            return tail
    if len(parts) > 1 and any(c.isalpha() for c in parts[-1]):
        # not even "…output" fits: the last part's own ends still tell aux1.output ("ou…ut") from
        # aux1.dropout ("dr…ut"), where the whole name's ends ("au…ut") were the same
        return metrics.elidedText(parts[-1], Qt.TextElideMode.ElideMiddle, width)
    return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, width)


def _far_font_pixels(lod: float, screen: int) -> int:
    """The scene font size that shows ``screen`` pixels on screen at ``lod``, in steps of about 6%: a zoom
    gesture reuses a few fonts and elisions instead of laying out every name again at every step."""
    step = 1.06 ** math.ceil(math.log(screen / lod, 1.06))
    return math.ceil(step)


@lru_cache(maxsize=64)
def _far_font(pixels: int) -> QFont:
    font = QFont(theme.canvas_fonts().overview)
    font.setPixelSize(pixels)
    font.setBold(pixels <= OVERVIEW_PX)  # far out, regular weight: "layer3.5" fits a block 50 px wide
    return font


@lru_cache(maxsize=16384)
def _elide_far(pixels: int, name: str, width: float) -> str:
    """The name elided for the far-away font of this size, keeping its telling end (cached per zoom step)."""
    return _telling_end(QFontMetricsF(_far_font(pixels)), name, width)


def _on(fill: QColor) -> QColor:
    """Text that reads on ``fill``: white on dark and saturated colours, dark on light ones."""
    luma = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return theme.TEXT if luma > 160 else QColor("#ffffff")


def _snowflake(painter, center: QPointF, r: float) -> None:
    """A six-armed snowflake badge, drawn (fonts may lack the glyph)."""
    painter.setPen(QPen(theme.FROZEN, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for k in range(6):
        a = math.pi / 3 * k + math.pi / 2
        tip = center + QPointF(r * math.cos(a), -r * math.sin(a))
        painter.drawLine(center, tip)
        mid = center + QPointF(0.6 * r * math.cos(a), -0.6 * r * math.sin(a))
        for side in (-1, 1):
            b = a + side * math.pi / 4
            painter.drawLine(mid, mid + QPointF(0.35 * r * math.cos(b), -0.35 * r * math.sin(b)))
