"""Validation images from the last epoch: predictions with their true labels (mistakes first, framed in
orange), or input / reconstruction pairs for a network that rebuilds its input."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

TEXT = QColor("#1f2430")
MUTED = QColor("#6b7280")
RIGHT = QColor("#2e9d5b")
WRONG = QColor("#dd7436")
FRAME = QColor("#dde1e7")
CELL = 76  # preferred thumbnail side in pixels


def decode_png(text: str) -> QImage:
    """A base64 PNG from the worker as a QImage (a null image if it is damaged)."""
    try:
        data = base64.b64decode(text or "", validate=True)
    except ValueError:
        return QImage()
    return QImage.fromData(data, "PNG")


@dataclass
class Tile:
    images: list[QImage]  # one (a prediction) or two (input, reconstruction)
    caption: str
    detail: str
    wrong: bool = False


class SampleGrid(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.note = "Sample predictions appear after the first epoch."
        self.setMinimumSize(160, 100)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 300)

    def set_predictions(self, samples: list[dict], classes: list[str]) -> None:
        def name(index: int) -> str:
            return classes[index] if 0 <= index < len(classes) else str(index)

        self.tiles = []
        for s in samples:
            wrong = s["predicted"] != s["label"]
            confidence = s.get("confidence")
            sure = f"{100 * confidence:.0f}%" if confidence is not None else ""
            detail = f"true {name(s['label'])}" if wrong else sure  # a mistake says what it should have been
            self.tiles.append(Tile([decode_png(s["image"])], name(s["predicted"]), detail, wrong))
        self.note = "" if self.tiles else "No validation samples."
        self.update()

    def set_reconstructions(self, pairs: list[dict]) -> None:
        self.tiles = [Tile([decode_png(p["input"]), decode_png(p["output"])], "input → output", "") for p in pairs]
        self.note = "" if self.tiles else "No reconstructions."
        self.update()

    def clear(self, note: str = "Sample predictions appear after the first epoch.") -> None:
        self.tiles, self.note = [], note
        self.update()

    # painting ----------------------------------------------------------------------------------
    def _layout(self, text_h: int) -> tuple[int, float, float]:
        """Columns and the tile size that fit every tile into the widget."""
        count, wide = len(self.tiles), max(len(t.images) for t in self.tiles)
        best = (1, 8.0, 8.0)
        for cols in range(1, count + 1):
            rows = math.ceil(count / cols)
            side = min((self.width() - 8) / cols / wide - 8, (self.height() - 8) / rows - 2 * text_h - 10)
            side = min(side, CELL * 1.6)
            if side > best[1]:
                best = (cols, side, side * wide + 8 * (wide - 1))
        return best

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        if not self.tiles:
            painter.setPen(MUTED)
            painter.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter, self.note)
            return
        text_h = metrics.height()
        cols, side, tile_w = self._layout(text_h)
        tile_h = side + 2 * text_h + 10
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, side > 40)
        for n, tile in enumerate(self.tiles):
            row, col = divmod(n, cols)
            x, y = 6 + col * (tile_w + 8), 6 + row * tile_h
            for k, image in enumerate(tile.images):
                rect = QRectF(x + k * (side + 8), y, side, side)
                if not image.isNull():
                    painter.drawImage(rect, image)
                painter.setPen(QPen(WRONG if tile.wrong else FRAME, 2.0 if tile.wrong else 1.0))
                painter.drawRect(rect)
            painter.setPen(WRONG if tile.wrong else TEXT)
            room = int(tile_w + 6)
            caption = metrics.elidedText(tile.caption, Qt.TextElideMode.ElideRight, room)
            text = QRectF(x - 3, y + side + 2, room, text_h)
            painter.drawText(text, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption)
            if tile.detail:
                painter.setPen(MUTED)
                text.translate(0, text_h)
                detail = metrics.elidedText(tile.detail, Qt.TextElideMode.ElideRight, room)
                painter.drawText(text, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, detail)
