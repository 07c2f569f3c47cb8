"""The feature-map panel: pick an image (or a video's frame), select a node, see its maps, kernels, the
prediction and Grad-CAM (a detector: its boxes and heat maps).

It holds a compiled model and the graph it came from; the main window calls ``set_model`` after compiling
(or loading a checkpoint), ``show_node`` when the canvas selection changes, and listens to ``errorOccurred``.
The work is split by job: panel_sources.py (images, samples, videos), explanations.py (predictions, Grad-CAM,
boxes and heat maps), node_maps.py (the selected node's maps, kernels and receptive fields); this class holds
the state, lays out the widgets and runs the passes.

Every pass through the model (predictions, Grad-CAM, a node's maps) and a video's decoding run on ``pool`` (one
worker thread, so passes never overlap) while ``busy`` shows it with Cancel; a result for a model or request
that has since been replaced is dropped. Without a pool (a panel on its own, the demos) the passes run at once,
inline.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import Inference, infer_shapes

from ..background import BusyIndicator, ThreadTask
from .colors import image_bytes
from .explanations import Explanations
from .feature_grid import FeatureGrid
from .input_column import InputColumn
from .kernel_view import KernelView
from .node_maps import NodeMaps
from .panel_sources import ImageSources
from .picture_view import PictureView
from .video_strip import DecodedVideo, VideoStrip


@dataclass
class PanelParts:
    """The panel's big views (the input column's image view, the column, the maps, the kernels), which may be made
    a turn apart before the panel itself (each takes tens of milliseconds the first time: see
    InsightController._model_built)."""

    picture: PictureView | None = None  # the input column's image view (its biggest part)
    input: InputColumn | None = None
    features: FeatureGrid | None = None
    kernels: KernelView | None = None

    def make_next(self) -> bool:
        """Make the next missing view; False when all are made."""
        makers = (
            ("picture", lambda: PictureView(min_size=150)),
            ("input", lambda: InputColumn(picture=self.picture)),
            ("features", FeatureGrid),
            ("kernels", KernelView),
        )
        for name, make in makers:
            if getattr(self, name) is None:
                setattr(self, name, make())
                return True
        return False


class FeatureMapPanel(ImageSources, Explanations, NodeMaps, QWidget):
    """A dockable panel; state lives here, the sub-widgets only show it."""

    errorOccurred = Signal(str)  # a one-line message, also shown in the panel
    nodeShown = Signal(str)  # node id whose output the grid now shows
    imageChanged = Signal()

    def __init__(
        self,
        parent=None,
        registry: Registry = REGISTRY,
        pool: QThreadPool | None = None,
        busy: BusyIndicator | None = None,
        parts: PanelParts | None = None,
    ):
        super().__init__(parent)
        self.registry = registry
        self.pool = pool
        self.own_busy = busy is None  # a panel on its own shows its busy bar; in the window, the dock shows it
        self.busy = busy or BusyIndicator()
        self._tasks: dict[str, ThreadTask] = {}  # the newest pass of each kind: an older one's result is dropped
        self.model: torch.nn.Module | None = None
        self.graph: Graph | None = None
        self.inference: Inference | None = None
        self.class_names: list[str] | None = None
        self.image: torch.Tensor | None = None  # fitted to the model's input, as shown
        self.model_input: torch.Tensor | None = None  # the image normalised as in training
        self.normalization: tuple[list[float], list[float]] | None = None
        self.source: torch.Tensor | None = None  # as read, before fitting
        self.source_text = ""
        self.dataset: tuple[torch.Tensor, torch.Tensor | None] | None = None
        self.node_id: str | None = None
        self.cache: dict[str, torch.Tensor] = {}
        self.detections = None  # a detector's boxes and heat maps for the current image (ImageDetections)
        self.video: DecodedVideo | None = None  # the open video, whose frame the strip chose
        parts = parts or PanelParts()
        while parts.make_next():  # the ones not made before
            pass
        self._build(parts)
        self.setAcceptDrops(True)
        self._show_empty()

    def _build(self, parts: PanelParts) -> None:
        self.open_button = QPushButton(self.tr("Open image or video…"))
        self.open_button.setToolTip(self.tr("Read an image or a video file (or drop one onto this panel)"))
        self.open_button.clicked.connect(self.choose_image_file)
        self.sample_label = QLabel(self.tr("Sample"))
        self.sample = QSpinBox()
        self.sample.setToolTip(self.tr("An image of the current data set"))
        self.sample.valueChanged.connect(self._sample_chosen)
        self.source_label = QLabel(" ")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # no minimum
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.open_button)
        top.addWidget(self.sample_label)
        top.addWidget(self.sample)
        top.addWidget(self.source_label, 1)
        self.strip = VideoStrip(self)
        self.strip.frameChosen.connect(self._frame_chosen)

        self.input = parts.input
        self.input.cam_toggle.toggled.connect(lambda _: self._update_cam())
        self.input.cam_node.currentIndexChanged.connect(lambda _: self._update_cam())
        self.input.predictions.classChosen.connect(lambda _: self._update_cam())
        self.features = parts.features
        self.features.positionPicked.connect(self._position_picked)
        self.kernels = parts.kernels
        self.tabs = QTabWidget()
        self.tabs.addTab(self.features, self.tr("Feature maps"))
        self.tabs.addTab(self.kernels, self.tr("Kernels"))
        self.splitter = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.input)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setChildrenCollapsible(False)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        if self.own_busy:
            box.addWidget(self.busy)
        box.addLayout(top)
        box.addWidget(self.strip)
        box.addWidget(split, 1)
        box.addWidget(self.message)
        self._update_sample_controls()

    # public API ---------------------------------------------------------------------------
    def set_model(
        self,
        model: torch.nn.Module | None,
        graph: Graph | None,
        class_names: list[str] | None = None,
        inference: Inference | None = None,
        normalization: tuple[list[float], list[float]] | None = None,
    ) -> None:
        """A compiled model and its graph (after compiling, training or loading a checkpoint); None clears.

        ``normalization`` (per-channel mean, std) is what training applied to [0, 1] images: the model is
        fed ``(image - mean) / std`` while the panel shows the image itself.
        """
        self._clear_message()
        self.model, self.graph = model, graph
        self.normalization = normalization
        self.inference = (inference or infer_shapes(graph, self.registry)) if graph is not None else None
        if class_names is not None:
            self.class_names = list(class_names)
        self.cache.clear()
        self.input.set_detector(self.detects)
        self._populate_cam_nodes()
        self._fit_source()
        self._refresh()

    def set_image(self, image: torch.Tensor, text: str = "") -> None:
        """One C×H×W image (grey or RGB, values as the model expects); fitted to the model's input."""
        self._clear_message()
        self._take_source(image, text)
        self._fit_source()
        self._refresh()
        self.imageChanged.emit()

    def _take_source(self, image: torch.Tensor, text: str) -> None:
        self.source = image.detach().float().cpu()
        self.source_text = text or self.tr("image {0}").format("×".join(str(v) for v in image.shape))

    def show_node(self, node_id: str | None) -> None:
        """Show a node's output channels (the canvas selection); None clears the grid."""
        if node_id != self.node_id:
            self.features.channel = 0
        self._clear_message()
        self.node_id = node_id
        self._render_node()
        if node_id is not None:
            self.nodeShown.emit(node_id)

    def set_activations(self, values: dict[str, torch.Tensor]) -> None:
        """Outputs already computed for the current image (e.g. the training engine's snapshots)."""
        self.cache.update({name: value.detach().cpu() for name, value in values.items()})
        self._render_node()

    def set_cam_node(self, node_id: str) -> None:
        index = self.input.cam_node.findData(node_id)
        if index >= 0:
            self.input.cam_node.setCurrentIndex(index)
            self.input.cam_toggle.setChecked(True)

    def refresh(self) -> None:
        """Recompute everything for the current model and image (e.g. after the weights changed)."""
        self._clear_message()
        self._refresh()

    @property
    def detects(self) -> bool:
        """The model's main output is a Detection head: boxes and heat maps instead of classes and Grad-CAM."""
        heads = getattr(self.model, "heads", ()) if self.model is not None else ()
        return bool(heads) and heads[0].kind == "detection"

    def _refresh(self) -> None:
        self.cache.clear()
        self.detections = None
        if self.model is None or self.graph is None:
            self._show_empty()
            return
        self._show_input()
        self._update_predictions()
        self._update_cam()
        self._render_node()

    # rendering ------------------------------------------------------------------------------
    def _show_empty(self) -> None:
        self.input.picture.set_picture(None)
        self.input.caption.setText(self.tr("No model yet: compile the design to look inside it."))
        self.input.predictions.set_predictions([])
        self.features.clear(self.tr("No model yet."))
        self.kernels.clear(self.tr("No model yet."))

    def _show_input(self) -> None:
        self.source_label.setText(self.source_text if self.image is not None else "")
        if self.image is None:
            self.input.picture.set_picture(None)
            self.input.caption.setText(
                self.tr("Choose an image: <i>Open image or video…</i>, a data-set sample, or drop a file here.")
            )
            return
        self.input.picture.set_picture(image_bytes(self.image))
        self._caption()

    def _caption(self) -> None:
        if self.image is not None:
            shape = "×".join(str(v) for v in self.image.shape)
            self.input.caption.setText(self.tr("{0} · fed as {1}").format(self.source_text, shape))

    def _run(self, key: str, work, apply, text: str, needs_model: bool = True) -> None:
        """``work(token)`` off the GUI thread, then ``apply(result)`` here if still current: the newest of its
        ``key`` and (``needs_model``) for the same model. ``token`` is set when the work is cancelled."""
        previous = self._tasks.pop(key, None)
        if previous is not None:
            previous.cancel()
        model = self.model
        task = ThreadTask(work, text, self.pool)
        self._tasks[key] = task

        def current() -> bool:
            return self._tasks.get(key) is task and (not needs_model or self.model is model)

        def done(result) -> None:
            if current():
                del self._tasks[key]
                apply(result)

        task.finished.connect(done)
        task.failed.connect(lambda line: self._fail(line) if not needs_model or self.model is model else None)
        self.busy.run(task)

    def cancel_work(self, passes_only: bool = False) -> None:
        """Drop every pass still running or waiting (Cancel); ``passes_only`` keeps a video decoding (the model
        changed, the video did not)."""
        for key, task in list(self._tasks.items()):
            if not (passes_only and key == "video"):
                task.cancel()
                del self._tasks[key]

    # messages ------------------------------------------------------------------------------
    def _fail(self, text: str) -> None:
        self.message.setText(f"<span style='color:#d03f3f'>{text}</span>")
        self.message.show()
        self.errorOccurred.emit(text)

    def _clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    @property
    def message_text(self) -> str:
        """The message shown in the panel ('' when none)."""
        return "" if self.message.isHidden() else self.message.text()
