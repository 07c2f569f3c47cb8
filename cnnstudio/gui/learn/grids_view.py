"""A row of small labelled grids joined by arrows (pooling's input and its max and average, a shifted image
and its feature map): the Learn pages' second kind of picture."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from .grid_paint import arrow, draw_caption, draw_values


@dataclass
class Panel:
    caption: str
    grid: list
    color: object  # value -> QColor
    highlight: set = field(default_factory=set)
    note: str = ""  # a line under the grid
    zeros: bool = True  # write 0 in empty cells (False: leave them blank)


MIN_COLUMN = 70.0  # pixels a panel takes at least, for its caption


class GridsView(QWidget):
    def __init__(self, height: int = 230, parent: QWidget | None = None):
        super().__init__(parent)
        self.panels: list[Panel] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(460, self.minimumHeight())

    def set_panels(self, panels: list[Panel]) -> None:
        self.panels = panels
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.panels:
            painter.end()
            return
        gap = 34
        columns = sum(len(p.grid[0]) for p in self.panels if p.grid)
        rows = max(len(p.grid) for p in self.panels if p.grid)
        width = self.width() - 20 - gap * (len(self.panels) - 1) - MIN_COLUMN
        cell = min(width / max(columns, 1), (self.height() - 50) / max(rows, 1), 30.0)
        x, top = 10.0, 26.0
        for i, panel in enumerate(self.panels):
            columns = len(panel.grid[0]) if panel.grid else 0
            room = max(columns * cell, MIN_COLUMN) + (gap - 6 if i < len(self.panels) - 1 else 0)
            if i == len(self.panels) - 1:  # the last caption may use the picture's free width (Japanese is wider)
                room = max(room, self.width() - 10 - x)
            draw_caption(painter, x, 4, panel.caption, bold=True, width=room)
            box = draw_values(
                painter, x, top, cell, panel.grid, panel.color, panel.highlight, show_text=cell >= 15, zeros=panel.zeros
            )
            if panel.note:
                draw_caption(painter, x, box.bottom() + 4, panel.note)
            right = max(box.right(), x + MIN_COLUMN)  # a 1×1 grid still leaves room for its caption
            if i < len(self.panels) - 1:
                arrow(painter, right + 8, top + min(box.height(), 120) / 2, right + gap - 8)
            x = right + gap
        painter.end()
