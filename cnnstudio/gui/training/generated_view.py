"""A generator's samples from the same fixed noise after every epoch (a GAN's, or a VAE's draws from its prior),
with a slider to look back at earlier epochs: the user watches the same noise turn into digits."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QThreadPool
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QSpinBox, QVBoxLayout, QWidget

from ..background import ThreadTask, limit_torch_threads
from .sample_grid import decode_png

WALK_STEPS = 8  # images in a latent walk's strip
NEW_SAMPLES = 64  # a fresh grid is as large as the epochs' grids (8×8), so the two compare at a glance


def walk_png(project: str, weights: str, start: int, end: int) -> bytes:
    """A strip of the trained generator's images along the line from seed ``start``'s latent to ``end``'s."""
    from cnnstudio.training.generation.grid import png_bytes, tile
    from cnnstudio.training.generation.sampling import load_generator

    limit_torch_threads()
    images = load_generator(project, weights).walk(WALK_STEPS, start, end)
    return png_bytes(tile(images, columns=len(images)))


def samples_png(project: str, weights: str, seed: int) -> bytes:
    """A grid of ``NEW_SAMPLES`` images the trained generator draws from seed ``seed``'s noise."""
    from cnnstudio.training.generation.grid import png_bytes, tile
    from cnnstudio.training.generation.sampling import load_generator

    limit_torch_threads()
    return png_bytes(tile(load_generator(project, weights).sample(NEW_SAMPLES, seed)))


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
        self.grids: list[tuple[int, QPixmap, str, str]] = []  # (epoch, grid, D's verdicts, classifier's score) or ""
        self.header = QLabel(self.tr("Generated images from fixed noise appear after the first epoch."))
        self.header.setWordWrap(True)
        self.picture = _Picture()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.setToolTip(self.tr("Look back at earlier epochs' samples"))
        self.slider.valueChanged.connect(self._show)
        self.quality = QLabel()  # the classifier's verdict on the shown epoch's samples, when the run scores them
        self.quality.setWordWrap(True)
        self.quality.hide()
        self.pool: QThreadPool | None = QThreadPool.globalInstance()  # None: walk on the calling thread (tests)
        self.source: tuple[str, str] | None = None  # (project, weights) of the run's newest checkpoint
        self.task: ThreadTask | None = None
        self.walk_from, self.walk_to = QSpinBox(), QSpinBox()
        for box, value in ((self.walk_from, 0), (self.walk_to, 1)):
            box.setRange(0, 999_999)
            box.setValue(value)
        self.walk_button = QPushButton(self.tr("Walk"))
        self.walk_button.setToolTip(self.tr("Images along the line from one seed's noise to the other's"))
        self.walk_button.setEnabled(False)
        self.walk_button.clicked.connect(self.walk)
        self.seed = QSpinBox()
        self.seed.setRange(0, 999_999)
        self.seed.setToolTip(self.tr("The seed of the new samples' noise: the same seed draws the same images"))
        self.samples_button = QPushButton(self.tr("New samples"))
        self.samples_button.setToolTip(self.tr("A fresh grid from the run's newest checkpoint"))
        self.samples_button.setEnabled(False)
        self.samples_button.clicked.connect(self.new_samples)
        self.walk_strip = _Picture()
        self.walk_strip.setMinimumSize(120, 40)
        self.walk_strip.setMaximumHeight(90)  # a strip: the grid above keeps the room
        self.walk_strip.hide()
        self.walk_note = QLabel(self.tr("Latent walk (after the first checkpoint):"))
        self.walk_note.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.walk_from)
        row.addWidget(QLabel("→"))
        row.addWidget(self.walk_to)
        row.addWidget(self.walk_button)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Seed")))
        row.addWidget(self.seed)
        row.addWidget(self.samples_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.header)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.quality)
        layout.addWidget(self.slider)
        layout.addWidget(self.walk_note)
        layout.addLayout(row)
        layout.addWidget(self.walk_strip)

    @property
    def shown_epoch(self) -> int | None:
        return self.grids[self.slider.value()][0] if self.grids else None

    def add_epoch(self, epoch: int, grid: str, verdicts: str = "", quality: dict | None = None) -> None:
        """Keep epoch ``epoch``'s grid (a base64 PNG) and the classifier's score of it (``quality``, the
        epoch event's figures from training/generation/score.py); show it when the slider was at the newest."""
        following = not self.grids or self.slider.value() == len(self.grids) - 1
        self.grids = [g for g in self.grids if g[0] < epoch]  # a resumed run repeats none: keep the order
        self.grids.append((epoch, QPixmap.fromImage(decode_png(grid)), verdicts, self._quality_text(quality)))
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(self.grids) - 1)
        self.slider.setEnabled(len(self.grids) > 1)
        if following:
            self.slider.setValue(len(self.grids) - 1)
        self.slider.blockSignals(False)
        self._show(self.slider.value())

    def _quality_text(self, quality: dict | None) -> str:
        if not isinstance(quality, dict):
            return ""
        try:
            return self.tr(
                "Classifier's verdict: mean confidence {0:.2f}, {1} of {2} classes, largest class {3:.0%}"
            ).format(
                float(quality["mean_confidence"]),
                int(quality["classes_covered"]),
                int(quality["classes"]),
                float(quality["largest_share"]),
            )
        except (KeyError, TypeError, ValueError):  # an event from another version: no line rather than a crash
            return ""

    def set_source(self, project: str, weights: str) -> None:
        """The newest checkpoint of the run: what a latent walk draws with."""
        self.source = (project, weights)
        busy = self.task is not None and self.task.running
        self.walk_button.setEnabled(not busy)
        self.samples_button.setEnabled(not busy)
        self.walk_note.setText(self.tr("Latent walk between two seeds' noise:"))

    def walk(self) -> None:
        """Draw the walk between the two seeds in a worker thread; the strip shows it when it is done."""
        if self.source is None or (self.task is not None and self.task.running):
            return
        project, weights = self.source
        start, end = self.walk_from.value(), self.walk_to.value()
        self._draw(lambda _token: walk_png(project, weights, start, end), self._walked, self._walk_failed)

    def new_samples(self) -> None:
        """Draw a fresh grid from the seed in a worker thread; the picture shows it when it is done (the slider
        goes back to the epochs' grids)."""
        if self.source is None or (self.task is not None and self.task.running):
            return
        project, weights = self.source
        seed = self.seed.value()
        self._draw(
            lambda _token: samples_png(project, weights, seed),
            lambda data: self._sampled(data, seed),
            self._samples_failed,
        )

    def _draw(self, work, done, failed) -> None:
        """One drawing at a time (a walk or new samples) on the pool; both buttons wait for it."""
        self.walk_button.setEnabled(False)
        self.samples_button.setEnabled(False)
        self.task = ThreadTask(work, pool=self.pool)
        self.task.finished.connect(done)
        self.task.failed.connect(failed)
        self.task.start()

    def _drawn(self) -> None:
        self.walk_button.setEnabled(self.source is not None)
        self.samples_button.setEnabled(self.source is not None)

    def _walked(self, data: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(data, "PNG")
        self.walk_strip.set_pixmap(pixmap)
        self.walk_strip.show()
        self._drawn()

    def _sampled(self, data: bytes, seed: int) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(data, "PNG")
        self.picture.set_pixmap(pixmap)
        self.quality.hide()  # the score was the epoch grid's
        self.header.setText(self.tr("New samples from seed {0} (the newest checkpoint)").format(seed))
        self._drawn()

    def _walk_failed(self, line: str) -> None:
        self.walk_note.setText(self.tr("Latent walk failed: {0}").format(line))
        self._drawn()

    def _samples_failed(self, line: str) -> None:
        self.header.setText(self.tr("New samples failed: {0}").format(line))
        self._drawn()

    def clear(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.source = None
        self.walk_button.setEnabled(False)
        self.samples_button.setEnabled(False)
        self.walk_strip.hide()
        self.walk_note.setText(self.tr("Latent walk (after the first checkpoint):"))
        self.grids = []
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.picture.set_pixmap(QPixmap())
        self.quality.hide()
        self.header.setText(self.tr("Generated images from fixed noise appear after the first epoch."))

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.grids):
            return
        epoch, pixmap, verdicts, quality = self.grids[index]
        self.quality.setText(quality)
        self.quality.setVisible(bool(quality))
        text = self.tr("Generated from the same noise: epoch {0} of {1} shown").format(epoch, self.grids[-1][0])
        self.header.setText(f"{text} · {verdicts}" if verdicts else text)
        self.picture.set_pixmap(pixmap)
