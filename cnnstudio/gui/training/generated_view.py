"""A generator's samples from the same fixed noise after every epoch (a GAN's, or a VAE's draws from its prior),
with a slider to look back at earlier epochs: the user watches the same noise turn into digits."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QSlider, QVBoxLayout, QWidget

from .sample_grid import decode_png


class _Picture(QWidget):
    """One image, scaled to fit with its aspect kept (pixels stay sharp: nearest-neighbour)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pixmap = QPixmap()
        self.setMinimumSize(120, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self.pixmap = pixmap
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.pixmap.isNull():
            return
        scaled = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x, y = (self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2
        painter.drawPixmap(x, y, scaled.width(), scaled.height(), self.pixmap)


class GeneratedView(QWidget):
    """Each epoch's sample grid; the slider picks the epoch and follows the newest while it is at the end."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grids: list[tuple[int, QPixmap, str]] = []  # (epoch, grid, D's verdicts or "")
        self.header = QLabel(self.tr("Generated images from fixed noise appear after the first epoch."))
        self.header.setWordWrap(True)
        self.picture = _Picture()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.setToolTip(self.tr("Look back at earlier epochs' samples"))
        self.slider.valueChanged.connect(self._show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.header)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.slider)

    @property
    def shown_epoch(self) -> int | None:
        return self.grids[self.slider.value()][0] if self.grids else None

    def add_epoch(self, epoch: int, grid: str, verdicts: str = "") -> None:
        """Keep epoch ``epoch``'s grid (a base64 PNG); show it when the slider was at the newest."""
        following = not self.grids or self.slider.value() == len(self.grids) - 1
        self.grids = [g for g in self.grids if g[0] < epoch]  # a resumed run repeats none: keep the order
        self.grids.append((epoch, QPixmap.fromImage(decode_png(grid)), verdicts))
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(self.grids) - 1)
        self.slider.setEnabled(len(self.grids) > 1)
        if following:
            self.slider.setValue(len(self.grids) - 1)
        self.slider.blockSignals(False)
        self._show(self.slider.value())

    def clear(self) -> None:
        self.grids = []
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.picture.set_pixmap(QPixmap())
        self.header.setText(self.tr("Generated images from fixed noise appear after the first epoch."))

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.grids):
            return
        epoch, pixmap, verdicts = self.grids[index]
        text = self.tr("Generated from the same noise: epoch {0} of {1} shown").format(epoch, self.grids[-1][0])
        self.header.setText(f"{text} · {verdicts}" if verdicts else text)
        self.picture.set_pixmap(pixmap)
