"""Validation images from the last epoch: predictions with their true labels (mistakes first, framed in
orange), input / reconstruction pairs for a network that rebuilds its input, or a detector's boxes (worst
images first) over the ground truth."""

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
GAP = 10  # between tiles
PAIR_GAP = 2  # between an input and its reconstruction
# a colour per class, cycled: the Okabe–Ito palette `cnnstudio detect -o` draws with (training/detection/images.py)
BOX_COLOURS = tuple(QColor(c) for c in ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"))
TRUTH = QColor(255, 255, 255, 200)
POOR_MATCH = 0.5  # a detection tile whose objects are matched this badly (mean best IoU) is framed as a mistake


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
    boxes: list[tuple[tuple[float, float, float, float], QColor, str]] | None = None  # predicted: xyxy px
    truth: list[tuple[float, float, float, float]] | None = None  # true boxes, drawn dashed
    frame: tuple[int, int] | None = None  # (width, height) the boxes are measured in: the thumbnail may be smaller


class SampleGrid(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.header = ""
        self.note = self.tr("Sample predictions appear after the first epoch.")
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
            detail = (
                self.tr("true {0}").format(name(s["label"])) if wrong else sure
            )  # a mistake says what it should have been
            self.tiles.append(Tile([decode_png(s["image"])], name(s["predicted"]), detail, wrong))
        mistakes = sum(t.wrong for t in self.tiles)
        self.header = (
            self.tr("Validation images: prediction below, mistakes first ({0} shown)").format(mistakes)
            if mistakes
            else (self.tr("Validation images: prediction below (no mistakes among these)"))
        )
        self.note = "" if self.tiles else self.tr("No validation samples.")
        self.update()

    def set_detections(self, samples: list[dict], classes: list[str]) -> None:
        """A detector's ``box_samples``: each image with its predicted boxes (class colour, "class score") and the
        true boxes dashed; the worst matched first, as the worker sends them."""

        def name(index: int) -> str:
            return classes[index] if 0 <= index < len(classes) else str(index)

        self.tiles = []
        for s in samples:
            boxes = [
                (tuple(box), BOX_COLOURS[int(label) % len(BOX_COLOURS)], f"{name(int(label))} {score:.2f}")
                for box, score, label in zip(s.get("boxes", []), s.get("scores", []), s.get("labels", []))
            ]
            truth = [tuple(box) for box in s.get("truth_boxes", [])]
            match = float(s.get("score", 1.0))
            caption = self.tr("{0} found · {1} true").format(len(boxes), len(truth))
            detail = self.tr("match {0:.0f}%").format(100 * match)
            image = decode_png(s["image"])
            frame = (int(s.get("width") or image.width()), int(s.get("height") or image.height()))
            self.tiles.append(Tile([image], caption, detail, match < POOR_MATCH, boxes, truth, frame))
        self.header = self.tr("Validation images, worst first: predicted boxes (class, score), true boxes dashed")
        self.note = "" if self.tiles else self.tr("No validation samples.")
        self.update()

    def set_reconstructions(self, pairs: list[dict]) -> None:
        self.tiles = [Tile([decode_png(p["input"]), decode_png(p["output"])], "", "") for p in pairs]
        self.header = self.tr("Validation images: input (left) and the network's reconstruction (right)")
        self.note = "" if self.tiles else self.tr("No reconstructions.")
        self.update()

    def clear(self, note: str | None = None) -> None:
        self.tiles, self.header = [], ""
        self.note = self.tr("Sample predictions appear after the first epoch.") if note is None else note
        self.update()

    # painting ----------------------------------------------------------------------------------
    def _layout(self, top: float, captions: int, text_h: int) -> tuple[int, float, float]:
        """(columns, image side, tile width) that fit every tile into the widget below ``top``."""
        count, wide = len(self.tiles), max(len(t.images) for t in self.tiles)
        best = (1, 8.0, 8.0)
        for cols in range(1, count + 1):
            rows = math.ceil(count / cols)
            width = (self.width() - 8 - GAP * (cols - 1)) / cols
            side = min(
                (width - PAIR_GAP * (wide - 1)) / wide, (self.height() - top - 4) / rows - captions * text_h - GAP
            )
            side = min(side, CELL * 1.6)
            if side > best[1]:
                best = (cols, side, side * wide + PAIR_GAP * (wide - 1))
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
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.note
            )
            return
        text_h = metrics.height()
        painter.setPen(MUTED)
        header = metrics.elidedText(self.header, Qt.TextElideMode.ElideRight, self.width() - 12)
        painter.drawText(QRectF(6, 4, self.width() - 12, text_h), Qt.AlignmentFlag.AlignLeft, header)
        top = 8 + text_h
        captions = max(bool(t.caption) + bool(t.detail) for t in self.tiles)
        cols, side, tile_w = self._layout(top, captions, text_h)
        tile_h = side + captions * text_h + GAP
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, side > 40)
        for n, tile in enumerate(self.tiles):
            row, col = divmod(n, cols)
            x, y = 6 + col * (tile_w + GAP), top + row * tile_h
            for k, image in enumerate(tile.images):
                rect = QRectF(x + k * (side + PAIR_GAP), y, side, side)
                if not image.isNull():
                    painter.drawImage(rect, image)
                    if tile.boxes is not None:
                        _draw_boxes(painter, metrics, tile, rect, *(tile.frame or (image.width(), image.height())))
                painter.setPen(QPen(WRONG if tile.wrong else FRAME, 2.0 if tile.wrong else 1.0))
                painter.drawRect(rect)
            room = int(tile_w + GAP - 2)
            text = QRectF(x - (GAP - 2) / 2, y + side + 1, room, text_h)
            for line, color in ((tile.caption, WRONG if tile.wrong else TEXT), (tile.detail, MUTED)):
                if line:
                    painter.setPen(color)
                    elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
                    painter.drawText(text, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, elided)
                    text.translate(0, text_h)


def _draw_boxes(painter: QPainter, metrics: QFontMetrics, tile: Tile, rect: QRectF, width: int, height: int) -> None:
    """The tile's true boxes (dashed) and predicted boxes (class colour, label above) over its image."""
    sx, sy = rect.width() / max(width, 1), rect.height() / max(height, 1)

    def place(box) -> QRectF:
        x1, y1, x2, y2 = box
        return QRectF(rect.x() + x1 * sx, rect.y() + y1 * sy, (x2 - x1) * sx, (y2 - y1) * sy)

    painter.save()
    painter.setClipRect(rect)
    painter.setPen(QPen(TRUTH, 1.0, Qt.PenStyle.DashLine))
    for box in tile.truth or []:
        painter.drawRect(place(box))
    labels = rect.width() >= 90  # on a small thumbnail a label would hide the object
    for box, colour, text in tile.boxes or []:
        where = place(box)
        painter.setPen(QPen(colour, 1.5))
        painter.drawRect(where)
        if labels:
            w = metrics.horizontalAdvance(text) + 4
            top = where.top() - metrics.height() if where.top() - metrics.height() >= rect.top() else where.top()
            painter.fillRect(QRectF(where.left(), top, w, metrics.height()), colour)
            painter.setPen(QColor("#000000"))
            painter.drawText(QRectF(where.left() + 2, top, w, metrics.height()), Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()
