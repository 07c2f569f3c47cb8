"""Block diagrams drawn with QPainter: labelled boxes placed on a logical grid, joined by arrows."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme


@dataclass
class Box:
    """A box centred at (x, y) in logical units (the view maps ``width`` × ``height`` units onto the widget)."""

    x: float
    y: float
    w: float
    h: float
    title: str
    detail: str = ""
    color: QColor = field(default_factory=lambda: QColor(theme.MUTED))
    round: bool = False  # a circle, for ⊕

    def rect(self) -> QRectF:
        return QRectF(self.x - self.w / 2, self.y - self.h / 2, self.w, self.h)


@dataclass
class Link:
    points: list[tuple[float, float]]  # logical polyline; an arrowhead at the last point
    label: str = ""
    color: QColor = field(default_factory=lambda: QColor(theme.EDGE))
    dashed: bool = False


class DiagramView(QWidget):
    def __init__(self, width: float, height: float, pixels: int = 300, parent: QWidget | None = None):
        super().__init__(parent)
        self.logical = (width, height)
        self.boxes: list[Box] = []
        self.links: list[Link] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(pixels)

    def sizeHint(self) -> QSize:
        return QSize(460, self.minimumHeight())

    def set_diagram(self, boxes: list[Box], links: list[Link]) -> None:
        self.boxes, self.links = boxes, links
        self.update()

    def _scale(self) -> tuple[float, float, float]:
        w, h = self.logical
        scale = min((self.width() - 16) / w, (self.height() - 12) / h)
        return scale, (self.width() - w * scale) / 2, (self.height() - h * scale) / 2

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        scale, dx, dy = self._scale()

        def at(x: float, y: float) -> QPointF:
            return QPointF(dx + x * scale, dy + y * scale)

        label_font = QFont()
        label_font.setPixelSize(11)
        for link in self.links:
            pen = QPen(link.color, 1.6, Qt.PenStyle.DashLine if link.dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            path = QPainterPath(at(*link.points[0]))
            for point in link.points[1:]:
                path.lineTo(at(*point))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            tip, before = at(*link.points[-1]), at(*link.points[-2])
            direction = tip - before
            length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
            ux, uy = direction.x() / length, direction.y() / length
            head = QPolygonF(
                [tip, tip - QPointF(ux * 8 - uy * 4, uy * 8 + ux * 4), tip - QPointF(ux * 8 + uy * 4, uy * 8 - ux * 4)]
            )
            painter.setBrush(QBrush(link.color))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(head)
            if link.label:
                mid = at(*link.points[len(link.points) // 2 - 1 if len(link.points) > 2 else 0])
                end = at(*link.points[len(link.points) // 2])
                centre = (mid + end) / 2
                painter.setFont(label_font)
                painter.setPen(theme.MUTED)
                painter.drawText(
                    QRectF(centre.x() + 6, centre.y() - 8, 220, 16), Qt.AlignmentFlag.AlignLeft, link.label
                )
        title_font = QFont()
        title_font.setPixelSize(max(10, min(13, int(scale * 3.2))))
        title_font.setBold(True)
        detail_font = QFont()
        detail_font.setPixelSize(max(9, min(12, int(scale * 2.8))))
        for box in self.boxes:
            rect = QRectF(at(box.x - box.w / 2, box.y - box.h / 2), at(box.x + box.w / 2, box.y + box.h / 2))
            fill = QColor(box.color)
            fill.setAlpha(30)
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.setPen(Qt.PenStyle.NoPen)
            if box.round:
                painter.drawEllipse(rect)
            else:
                painter.drawRoundedRect(rect, 6, 6)
            painter.setBrush(QBrush(fill))
            painter.setPen(QPen(box.color, 1.6))
            if box.round:
                painter.drawEllipse(rect)
            else:
                painter.drawRoundedRect(rect, 6, 6)
                painter.fillRect(QRectF(rect.left() + 1, rect.top() + 4, 4, rect.height() - 8), box.color)
            painter.setPen(theme.TEXT)
            painter.setFont(title_font)
            if box.detail:
                top = QRectF(rect.left(), rect.top() + 2, rect.width(), rect.height() / 2)
                bottom = QRectF(rect.left(), rect.center().y(), rect.width(), rect.height() / 2 - 2)
                painter.drawText(top, Qt.AlignmentFlag.AlignCenter, box.title)
                painter.setFont(detail_font)
                painter.setPen(theme.MUTED)
                painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, box.detail)
            else:
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, box.title)
        painter.end()
