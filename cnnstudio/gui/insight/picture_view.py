"""One picture in a pannable, zoomable view: an optional overlay, a highlighted box and a marker; clicks report pixels."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

BOX = QColor("#ff3b30")  # the receptive-field box and the position it belongs to share a colour
MARK = QColor("#2f6feb")  # the selected tile: the app's accent
BACKGROUND = "#e2e5eb"


class PictureView(pg.GraphicsLayoutWidget):
    """Shows an H × W × 4 RGBA picture, pixel (row, column) at scene (x=column, y=row)."""

    pixelClicked = Signal(int, int)  # (row, column) of the picture

    def __init__(self, parent=None, min_size: int = 120):
        super().__init__(parent)
        self.setBackground(BACKGROUND)
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.view = self.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.view.setDefaultPadding(0.01)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.overlay = pg.ImageItem(axisOrder="row-major")
        self.overlay.setZValue(1)
        self.view.addItem(self.image)
        self.view.addItem(self.overlay)
        self.box = QGraphicsRectItem()
        self.box.setPen(_pen(BOX, 2.0))
        self.box.setZValue(3)
        self.box.hide()
        self.view.addItem(self.box)
        self.marker = QGraphicsRectItem()
        self.marker.setPen(_pen(MARK, 3.0))
        self.marker.setZValue(4)
        self.marker.hide()
        self.view.addItem(self.marker)
        self.picture_shape: tuple[int, int] = (0, 0)
        self.boxes: list = []  # a detector's boxes and their labels, drawn over the picture
        self.setMinimumSize(min_size, min_size)
        self.scene().sigMouseClicked.connect(self._clicked)

    def set_picture(self, rgba: np.ndarray | None, fit: bool = True) -> None:
        if rgba is None:
            self.image.clear()
            self.picture_shape = (0, 0)
        else:
            shape = rgba.shape[:2]
            self.image.setImage(rgba, levels=(0, 255), autoLevels=False)
            if fit or shape != self.picture_shape:
                self.view.setRange(QRectF(0, 0, shape[1], shape[0]), padding=0.01)
            self.picture_shape = shape
        self.set_overlay(None)
        self.set_boxes([])

    def set_overlay(self, rgba: np.ndarray | None) -> None:
        if rgba is None:
            self.overlay.clear()
            self.overlay.hide()
            return
        self.overlay.setImage(rgba, levels=(0, 255), autoLevels=False)
        self.overlay.show()

    def set_boxes(self, boxes: list[tuple[tuple[float, float, float, float], QColor, str]]) -> None:
        """A detector's boxes, best first: (x1, y1, x2, y2) in the picture's pixels, a colour and a label
        ("circle 0.93"). An earlier box is drawn over a later one: where labels overlap, the surer one reads."""
        for item in self.boxes:
            self.view.removeItem(item)
        self.boxes = []
        for rank, ((x1, y1, x2, y2), colour, text) in enumerate(boxes):
            rect = QGraphicsRectItem(QRectF(x1, y1, x2 - x1, y2 - y1))
            rect.setPen(_pen(colour, 2.0))
            rect.setZValue(2 + 1 / (rank + 2))  # above the picture (z 0–1), the best box on top
            near_top = y1 < 0.1 * max(self.picture_shape[0], 1)  # above the box would leave the picture: inside
            label = pg.TextItem(text, color="#000000", fill=colour, anchor=(0, 0 if near_top else 1))
            label.setPos(x1, y1)
            label.setZValue(rect.zValue())
            for item in (rect, label):
                self.view.addItem(item)
                self.boxes.append(item)

    def set_box(self, box: tuple[int, int, int, int] | None) -> None:
        """Outline (top, left, bottom, right), bottom/right exclusive; None hides it."""
        _place(self.box, box)

    def set_marker(self, box: tuple[int, int, int, int] | None, color: QColor = MARK) -> None:
        """Outline a selection (a tile, a position) in ``color``; None hides it."""
        self.marker.setPen(_pen(color, 3.0 if color == MARK else 2.0))
        _place(self.marker, box)

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.picture_shape[0]:
            return
        point = self.view.mapSceneToView(event.scenePos())
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        if 0 <= row < self.picture_shape[0] and 0 <= col < self.picture_shape[1]:
            event.accept()
            self.pixelClicked.emit(row, col)


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)  # the same width at every zoom
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def _place(item: QGraphicsRectItem, box) -> None:
    if box is None or box[2] <= box[0] or box[3] <= box[1]:
        item.hide()
        return
    top, left, bottom, right = box
    item.setRect(QRectF(left, top, right - left, bottom - top))
    item.show()
