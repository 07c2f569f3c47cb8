"""The convolution picture: the zero-padded input with the kernel's window, the output map being built,
and the element-wise products of the current output position with their sum."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cnnstudio.core.lessons import ConvSetup, Grid

from .. import theme
from .grid_paint import (
    arrow,
    draw_caption,
    draw_cell,
    draw_values,
    intensity,
    number_text,
    signed_color,
)

VIEW = 16  # cells shown per axis at most; a larger input is shown through a window that follows the kernel
TOP_VALUE = 9  # input values run 0..9


def _origin(total: int, lo: int, length: int, view: int) -> int:
    """The first cell of a ``view``-wide window over ``total`` cells that keeps [lo, lo + length) in sight."""
    if total <= view:
        return 0
    centre = lo + length // 2
    return max(0, min(total - view, centre - view // 2))


class ConvPicture(QWidget):
    """Paints one output position of a convolution; keyboard: → or Space steps, ← steps back."""

    step_requested = Signal(int)  # +1 or −1

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("learn_conv_picture")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(520)
        self.setup: ConvSetup | None = None
        self.image: Grid = []
        self.kernel: Grid = []
        self.index = 0
        self.captions = ("", "", "", "", "", "")

    def sizeHint(self) -> QSize:
        return QSize(460, 520)

    def set_state(self, setup: ConvSetup, image: Grid, kernel: Grid, index: int, captions) -> None:
        self.setup, self.image, self.kernel = setup, image, kernel
        self.index, self.captions = index, captions
        self.update()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Down):
            self.step_requested.emit(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up):
            self.step_requested.emit(-1)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.setFocus()
        super().mousePressEvent(event)

    # painting ----------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.hasFocus():
            painter.setPen(QPen(theme.ACCENT, 1, Qt.PenStyle.DotLine))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.setup is None or self.setup.positions <= 0:
            painter.end()
            return
        bottom = self._paint_maps(painter, QRectF(10, 6, self.width() - 20, self.height() * 0.6))
        self._paint_products(painter, QRectF(10, bottom + 10, self.width() - 20, self.height() - bottom - 16))
        painter.end()

    def _paint_maps(self, painter: QPainter, area: QRectF) -> float:
        """The padded input and the output side by side; returns where the drawing ends."""
        s = self.setup
        window = s.window(self.index)
        span = [s.dilation[a] * (s.kernel[a] - 1) + 1 for a in (0, 1)]
        ph, pw = s.padded
        oh, ow = s.out
        in_rows, in_cols = min(ph, VIEW), min(pw, VIEW)
        out_rows, out_cols = min(oh, VIEW), min(ow, VIEW)
        cropped = ph > VIEW or pw > VIEW or oh > VIEW or ow > VIEW
        grid_top = area.top() + 20
        room = area.height() - 24 - (18 if cropped else 0)
        cell = min(room / max(in_rows, out_rows), (area.width() - 44) / (in_cols + out_cols))
        cell = max(4.0, min(cell, 26.0))
        y0 = _origin(ph, window.top, span[0], VIEW)
        x0 = _origin(pw, window.left, span[1], VIEW)
        left = area.left()
        in_right = left + in_cols * cell
        out_left = in_right + 44
        draw_caption(painter, left, area.top(), self.captions[0], bold=True, width=in_cols * cell + 30)
        draw_caption(painter, out_left, area.top(), self.captions[1], bold=True, width=area.right() - out_left)
        show = cell >= 15
        for r in range(in_rows):
            for c in range(in_cols):
                y, x = y0 + r, x0 + c
                rect = QRectF(left + c * cell, grid_top + r * cell, cell, cell)
                padding = s.is_padding(y, x)
                value = s.value(self.image, y, x)
                draw_cell(painter, rect, intensity(value, TOP_VALUE), number_text(value), padding, show)
        # the kernel's window, its taps marked when dilation spreads them
        win = QRectF(
            left + (window.left - x0) * cell, grid_top + (window.top - y0) * cell, span[1] * cell, span[0] * cell
        )
        painter.setBrush(QBrush(QColor(47, 111, 235, 45)))
        painter.setPen(QPen(theme.ACCENT, 2.5))
        painter.drawRect(win)
        if s.dilation != (1, 1):
            painter.setBrush(QBrush(theme.ACCENT))
            for y, x in s.taps(window):
                centre = QRectF(
                    left + (x - x0 + 0.35) * cell, grid_top + (y - y0 + 0.35) * cell, 0.3 * cell, 0.3 * cell
                )
                painter.drawEllipse(centre)
        # the output map, filled up to the current position
        arrow(painter, in_right + 10, grid_top + min(in_rows, out_rows) * cell / 2, out_left - 10)
        r0 = _origin(oh, window.row, 1, VIEW)
        c0 = _origin(ow, window.col, 1, VIEW)
        # only the cells on show are computed: a 224×224 map would cost a second of pure Python per frame
        top = sum(abs(w) for row in self.kernel for w in row) * TOP_VALUE / 2 or 1
        for r in range(out_rows):
            for c in range(out_cols):
                row, col = r0 + r, c0 + c
                rect = QRectF(out_left + c * cell, grid_top + r * cell, cell, cell)
                done = row * ow + col <= self.index
                value = s.products(self.image, self.kernel, row * ow + col)[1] if done else 0
                fill = signed_color(value, top) if done else QColor("#fafbfc")
                draw_cell(painter, rect, fill, number_text(value) if done else "", show_text=show and done)
        current = QRectF(out_left + (window.col - c0) * cell, grid_top + (window.row - r0) * cell, cell, cell)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(theme.ACCENT, 2.5))
        painter.drawRect(current)
        bottom = grid_top + max(in_rows, out_rows) * cell
        if cropped:
            draw_caption(painter, left, bottom + 3, self.captions[5], color=theme.MUTED, width=area.width())
            bottom += 18
        return bottom

    def _paint_products(self, painter: QPainter, area: QRectF) -> None:
        s = self.setup
        kh, kw = s.kernel
        terms, total = s.products(self.image, self.kernel, self.index)
        patch = [[terms[i * kw + j][0] for j in range(kw)] for i in range(kh)]
        weights = [[terms[i * kw + j][1] for j in range(kw)] for i in range(kh)]
        products = [[terms[i * kw + j][2] for j in range(kw)] for i in range(kh)]
        sign_width = 26
        total_width = 100
        cell = min((area.width() - 2 * sign_width - total_width) / (3 * kw), (area.height() - 36) / kh, 28.0)
        cell = max(cell, 5.0)
        width = max(kw * cell, 72.0)  # each table's column, wide enough for its caption's two lines
        top = area.top() + 34
        x = area.left()
        peak_w = max(abs(v) for row in weights for v in row) or 1
        peak_p = max(abs(t[2]) for t in terms) or 1
        tables = (
            (self.captions[2], patch, lambda v: intensity(v, TOP_VALUE), "⊙"),
            (self.captions[3], weights, lambda v: signed_color(v, peak_w * 2), "→"),
            (self.captions[4], products, lambda v: signed_color(v, peak_p * 2), ""),
        )
        for caption, grid, color, sign in tables:
            self._caption_block(painter, QRectF(x, area.top(), width + 8, 32), caption)
            draw_values(painter, x, top, cell, grid, color, show_text=cell >= 15)
            x += width
            if sign:
                self._sign(painter, x, top + kh * cell / 2, sign_width, sign)
                x += sign_width
        x += 12
        font = painter.font()
        font.setPixelSize(18)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(theme.ACCENT)
        painter.drawText(
            QRectF(x, top, max(area.right() - x, 90), kh * cell),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            f"Σ = {number_text(total)}",
        )

    def _caption_block(self, painter: QPainter, rect: QRectF, text: str) -> None:
        """A caption over a small table, wrapped onto two lines when it needs them."""
        font = painter.font()
        font.setPixelSize(11)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(theme.TEXT)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap, text
        )

    def _sign(self, painter: QPainter, x: float, y: float, width: float, text: str) -> None:
        font = painter.font()
        font.setPixelSize(16)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(theme.MUTED)
        painter.drawText(QRectF(x, y - 12, width, 24), Qt.AlignmentFlag.AlignCenter, text)
