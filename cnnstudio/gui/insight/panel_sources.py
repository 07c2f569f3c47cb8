"""Where the Feature maps panel's image comes from: a file, a data-set sample, a dropped file or a video's frame.

A mixin of FeatureMapPanel (it reads and sets the panel's state); its texts keep the panel's translation
context. A video is decoded off the GUI thread (``video_strip.decode_video``); its slider then picks the frame
the panel shows, as if that frame had been opened as an image.
"""

from __future__ import annotations

from pathlib import Path

import torch
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.insight import ImageLoadError, fit_image, read_image

from .video_strip import VIDEO_FILTER_PATTERNS, DecodedVideo, decode_video, is_video_name

OPEN_FILTER = QT_TRANSLATE_NOOP(
    "FeaturePanel",
    "Images and videos (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp {videos});;All files (*)",
)


class ImageSources:
    """Opening images and videos, the sample box, drag and drop; fitting the source to the model's input."""

    # files ------------------------------------------------------------------------------------
    def load_image_file(self, path: str) -> bool:
        """Read an image file; a broken one gives a message in the panel, not an exception."""
        channels = self._input_channels()
        try:
            image = read_image(path, channels)
        except ImageLoadError as exc:
            self._fail(str(exc))
            return False
        self.close_video()
        self.set_image(image, Path(path).name)
        return True

    def load_file(self, path: str) -> bool:
        """An image or (by its suffix) a video; False when it cannot be opened (the reason is in the panel)."""
        if is_video_name(path):
            self.load_video_file(path)
            return True
        return self.load_image_file(path)

    def choose_image_file(self) -> None:
        file_filter = QCoreApplication.translate("FeaturePanel", OPEN_FILTER).replace("{videos}", VIDEO_FILTER_PATTERNS)
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("FeatureMapPanel", "Open image or video"), "", file_filter
        )
        if path:
            self.load_file(path)

    def load_video_file(self, path: str) -> None:
        """Decode a video in the worker thread, then show its first frame with the frame slider.

        A broken or too long video leaves one line in the panel and the picture as it was.
        """
        self._clear_message()
        channels, side = self._input_channels(), max((self._input_shape() or ())[-2:], default=0)
        self._run(
            "video",
            lambda token: decode_video(path, channels, token, side),
            self._video_decoded,
            QCoreApplication.translate("FeatureMapPanel", "Decoding {0}…").format(Path(path).name),
            needs_model=False,
        )

    def _video_decoded(self, video: DecodedVideo | None) -> None:
        if video is None:  # cancelled part-way
            return
        self.video = video
        self.strip.set_video(video.times)
        self._frame_chosen(0)
        self.strip.slider.setFocus()  # the arrow keys step through the frames at once

    def close_video(self) -> None:
        """Forget the video (another image was opened): the slider goes away."""
        self.video = None
        self.strip.set_video(None)

    def _frame_chosen(self, index: int) -> None:
        if self.video is None or not 0 <= index < len(self.video.frames):
            return
        text = f"{self.video.name} · {self.strip.frame_text(index)}"
        self.set_image(self.video.image(index), text)

    # data-set samples ---------------------------------------------------------------------
    def set_dataset(self, images: torch.Tensor, labels: torch.Tensor | None = None, show: bool = True) -> None:
        """Images (N×C×H×W) the sample box picks from; shows the first (or the current index), unless a video
        is open: its frame stays (the dock sets the data set again whenever the model is recompiled).

        ``show=False`` only makes the sample the panel's image: a ``set_model`` that follows fits and shows it
        once (fitting and showing it twice cost a recompile tens of milliseconds on the GUI thread)."""
        self.dataset = (images, labels)
        self._update_sample_controls()
        if self.video is None:
            self._sample_chosen(self.sample.value(), show)

    def _sample_chosen(self, index: int, show: bool = True) -> None:
        if self.dataset is None:
            return
        images, labels = self.dataset
        if not 0 <= index < len(images):
            return
        text = QCoreApplication.translate("FeatureMapPanel", "sample {0}").format(index)
        if labels is not None:
            label = int(labels[index])
            name = self.class_names[label] if self.class_names and label < len(self.class_names) else str(label)
            text += QCoreApplication.translate("FeatureMapPanel", " · label {0}").format(name)
        self.close_video()
        if show:
            self.set_image(images[index], text)
        else:
            self._take_source(images[index], text)

    def _update_sample_controls(self) -> None:
        count = 0 if self.dataset is None else len(self.dataset[0])
        self.sample.blockSignals(True)
        self.sample.setRange(0, max(count - 1, 0))
        self.sample.blockSignals(False)
        self.sample.setSuffix(QCoreApplication.translate("FeatureMapPanel", " of {0}").format(count) if count else "")
        self.sample.setEnabled(count > 0)
        self.sample_label.setEnabled(count > 0)

    # drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_file(files[0])

    # fitting --------------------------------------------------------------------------------
    def _input_shape(self) -> tuple[int, ...] | None:
        shape = tuple(getattr(self.model, "input_shape", ()) or ()) if self.model is not None else ()
        return shape or None

    def _input_channels(self) -> int:
        shape = self._input_shape()
        return 1 if shape is not None and shape[0] == 1 else 3

    def _fit_source(self) -> None:
        shape = self._input_shape()
        self.image = self.model_input = None
        if self.source is None:
            return
        try:
            self.image = fit_image(self.source, shape) if shape is not None else self.source
        except ImageLoadError as exc:
            self._fail(str(exc))
            return
        self.model_input = self.image
        if self.normalization is not None:
            mean, std = (torch.tensor(v, dtype=torch.float32).view(-1, 1, 1) for v in self.normalization)
            self.model_input = (self.image - mean) / std
