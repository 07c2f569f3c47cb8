"""A video in the Feature maps dock: its frames decoded off the GUI thread, and the slider that picks one.

Decoding goes through ``training.video.read_frames`` (PyAV, with its bounds on size, frame count and time);
the frames are kept in memory as uint8 so that the slider moves without decoding again. The dock shows every
frame fitted to the model's input, so a frame is kept no larger than it needs on its longer side (the model's
side, at least MIN_SIDE): a long HD video fits in memory, and the model's input loses nothing. The frames kept
fill at most FRAME_BYTES; a longer video is refused in one line.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import torch
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from cnnstudio.core.safe_io import FileProblem
from cnnstudio.insight.pixels import pixels

MIN_SIDE = 256  # pixels on a kept frame's longer side, for a model with a smaller input
FRAME_BYTES = 1 << 30  # the memory all kept frames may fill (as squares: a wide video's frames take less)
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".avi", ".webm", ".mkv")  # training.video.DEMUXERS' keys
VIDEO_FILTER_PATTERNS = "*.mp4 *.m4v *.mov *.avi *.webm *.mkv"


@dataclass
class DecodedVideo:
    name: str  # the file's name, for captions
    frames: list[torch.Tensor]  # uint8 C×H×W, as decoded (shrunk to the side kept)
    times: list[float]  # each frame's time in seconds

    def image(self, index: int) -> torch.Tensor:
        """Frame ``index`` as a C×H×W float tensor in [0, 1] (what ``insight.pixels`` gives for an image)."""
        return self.frames[index].float().div_(255.0)


def is_video_name(path: str) -> bool:
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


def frame_limit(side: int, channels: int) -> int:
    """How many frames of at most ``side`` pixels a side fit in FRAME_BYTES."""
    from cnnstudio.training.video import MAX_FRAMES

    return max(1, min(MAX_FRAMES, FRAME_BYTES // (side * side * channels)))


def decode_video(path: str, channels: int, token: threading.Event, side: int = MIN_SIDE) -> DecodedVideo | None:
    """Every frame of the video at ``path`` (grey for ``channels`` 1, else RGB), shrunk to at most
    max(``side``, MIN_SIDE) pixels on its longer side; None when ``token`` is set (cancelled) part-way. A file
    that cannot be read raises VideoProblem with one line that names it."""
    from cnnstudio.training.video import VideoProblem, read_frames

    name = Path(path).name
    side = max(side, MIN_SIDE)
    frames, times = [], []
    try:
        for frame in read_frames(path, max_frames=frame_limit(side, channels)):
            if token.is_set():
                return None
            image = frame.image
            if max(image.size) > side:
                image.thumbnail((side, side))
            frames.append(pixels(image, channels).mul_(255.0).round_().to(torch.uint8))
            times.append(frame.time)
    except VideoProblem as exc:
        raise VideoProblem(f"{name}: {exc}") from None
    except FileProblem as exc:  # its message names the whole path: the name is enough in the dock
        raise VideoProblem(f"{name}: {exc.problem}") from None
    return DecodedVideo(name, frames, times)


class VideoStrip(QWidget):
    """The frame slider and what frame it shows (number and time); Left/Right step a frame, Home/End jump.

    Hidden until a video is open. It owns no frames: the panel tells it how many there are and their times.
    """

    frameChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.times: list[float] = []
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(10)
        self.slider.setToolTip(self.tr("The video's frame to look at (← → step one frame, PgUp/PgDn ten)"))
        self.slider.valueChanged.connect(self._moved)
        self.label = QLabel()
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("frame 00000 of 00000 · 0000.00 s"))
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel(self.tr("Frame")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        self.hide()

    def set_video(self, times: list[float] | None) -> None:
        """A video's frame times (None hides the strip); the slider goes to the first frame."""
        self.times = list(times or [])
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self.times) - 1, 0))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.setVisible(bool(self.times))
        self._label(0)

    @property
    def frame(self) -> int:
        return self.slider.value()

    def frame_text(self, index: int) -> str:
        """'frame 3 of 48 · 0.12 s': frames counted from 1, as a player does."""
        if not 0 <= index < len(self.times):
            return ""
        return QCoreApplication.translate("VideoStrip", "frame {0} of {1} · {2:.2f} s").format(
            index + 1, len(self.times), self.times[index]
        )

    def _label(self, index: int) -> None:
        self.label.setText(self.frame_text(index))

    def _moved(self, index: int) -> None:
        self._label(index)
        self.frameChosen.emit(index)
