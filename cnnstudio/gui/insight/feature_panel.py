"""The feature-map panel: pick an image, select a node, see its maps, kernels, the prediction and Grad-CAM.

It holds a compiled model and the graph it came from; the main window calls ``set_model`` after compiling
(or loading a checkpoint), ``show_node`` when the canvas selection changes, and listens to ``errorOccurred``.

Every pass through the model (predictions, Grad-CAM, a node's maps) runs on ``pool`` (one worker thread, so
passes never overlap) while ``busy`` shows it with Cancel; a result for a model or request that has since
been replaced is dropped. Without a pool (a panel on its own, the demos) the passes run at once, inline.
"""

from __future__ import annotations

from pathlib import Path

import torch
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.blocks import texts
from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.inference import Inference, infer_shapes
from cnnstudio.insight import (
    ImageLoadError,
    InsightError,
    activations,
    fit_image,
    grad_cam,
    input_region,
    kernel_tiles,
    read_image,
    top_predictions,
)

from ..background import BusyIndicator, ThreadTask
from . import detection_view
from .colors import heat_overlay, image_bytes
from .feature_grid import FeatureGrid
from .input_column import InputColumn
from .kernel_view import KernelView

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "FeaturePanel", "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"
)
CAM_CATEGORIES = ("Convolution", "Composite")  # the default Grad-CAM node is the last of these
# what a broken model can raise while running: shown in the panel, never a traceback
RUN_ERRORS = (InsightError, RuntimeError, ValueError, TypeError, IndexError)


class FeatureMapPanel(QWidget):
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
        self._build()
        self.setAcceptDrops(True)
        self._show_empty()

    def _build(self) -> None:
        self.open_button = QPushButton(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr("Read an image file (or drop one onto this panel)"))
        self.open_button.clicked.connect(self.choose_image_file)
        self.sample_label = QLabel(self.tr("Sample"))
        self.sample = QSpinBox()
        self.sample.setToolTip(self.tr("An image of the current data set"))
        self.sample.valueChanged.connect(self._sample_chosen)
        self.source_label = QLabel(" ")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.open_button)
        top.addWidget(self.sample_label)
        top.addWidget(self.sample)
        top.addWidget(self.source_label, 1)

        self.input = InputColumn(self)
        self.input.cam_toggle.toggled.connect(lambda _: self._update_cam())
        self.input.cam_node.currentIndexChanged.connect(lambda _: self._update_cam())
        self.input.predictions.classChosen.connect(lambda _: self._update_cam())
        self.features = FeatureGrid(self)
        self.features.positionPicked.connect(self._position_picked)
        self.kernels = KernelView(self)
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
        self.source = image.detach().float().cpu()
        self.source_text = text or self.tr("image {0}").format("×".join(str(v) for v in image.shape))
        self._fit_source()
        self._refresh()
        self.imageChanged.emit()

    def set_dataset(self, images: torch.Tensor, labels: torch.Tensor | None = None) -> None:
        """Images (N×C×H×W) the sample box picks from; shows the first (or the current index)."""
        self.dataset = (images, labels)
        self._update_sample_controls()
        self._sample_chosen(self.sample.value())

    def load_image_file(self, path: str) -> bool:
        """Read an image file; a broken one gives a message in the panel, not an exception."""
        channels = self._input_shape()[0] if self._input_shape() else 3
        try:
            image = read_image(path, 1 if channels == 1 else 3)
        except ImageLoadError as exc:
            self._fail(str(exc))
            return False
        self.set_image(image, Path(path).name)
        return True

    def choose_image_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open image"), "", QCoreApplication.translate("FeaturePanel", IMAGE_FILTER)
        )
        if path:
            self.load_image_file(path)

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

    # images ----------------------------------------------------------------------------------
    def _input_shape(self) -> tuple[int, ...] | None:
        shape = tuple(getattr(self.model, "input_shape", ()) or ()) if self.model is not None else ()
        return shape or None

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

    def _sample_chosen(self, index: int) -> None:
        if self.dataset is None:
            return
        images, labels = self.dataset
        if not 0 <= index < len(images):
            return
        text = self.tr("sample {0}").format(index)
        if labels is not None:
            label = int(labels[index])
            name = self.class_names[label] if self.class_names and label < len(self.class_names) else str(label)
            text += self.tr(" · label {0}").format(name)
        self.set_image(images[index], text)

    def _update_sample_controls(self) -> None:
        count = 0 if self.dataset is None else len(self.dataset[0])
        self.sample.blockSignals(True)
        self.sample.setRange(0, max(count - 1, 0))
        self.sample.blockSignals(False)
        self.sample.setSuffix(self.tr(" of {0}").format(count) if count else "")
        self.sample.setEnabled(count > 0)
        self.sample_label.setEnabled(count > 0)

    # drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.load_image_file(files[0])

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
                self.tr("Choose an image: <i>Open image…</i>, a data-set sample, or drop a file here.")
            )
            return
        self.input.picture.set_picture(image_bytes(self.image))
        self._caption()

    def _caption(self) -> None:
        if self.image is not None:
            shape = "×".join(str(v) for v in self.image.shape)
            self.input.caption.setText(self.tr("{0} · fed as {1}").format(self.source_text, shape))

    def _run(self, key: str, work, apply, text: str) -> None:
        """``work()`` (a pass through the model) off the GUI thread, then ``apply(result)`` here if still current."""
        previous = self._tasks.pop(key, None)
        if previous is not None:
            previous.cancel()
        model = self.model
        task = ThreadTask(lambda _token: work(), text, self.pool)
        self._tasks[key] = task

        def done(result) -> None:
            if self._tasks.get(key) is task and self.model is model:
                del self._tasks[key]
                apply(result)

        task.finished.connect(done)
        task.failed.connect(lambda line: self._fail(line) if self.model is model else None)
        self.busy.run(task)

    def cancel_work(self) -> None:
        """Drop every pass still running or waiting (Cancel)."""
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()

    def _update_predictions(self) -> None:
        if self.image is None:
            self.input.predictions.set_predictions([])
            return
        if self.detects:
            self._update_detections()
            return
        model, model_input, names = self.model, self.model_input, self.class_names

        def work():
            try:
                return top_predictions(model, model_input, 5, names), ""
            except RUN_ERRORS as exc:
                return [], f"— {exc}"

        def apply(result) -> None:
            preds, note = result
            self.input.predictions.set_predictions(preds, note=note)

        self._run("predictions", work, apply, self.tr("Predicting…"))

    def _update_detections(self) -> None:
        from cnnstudio.training.detection.heat import detect_image

        model, model_input = self.model, self.model_input

        def work():
            try:
                return detect_image(model, model_input), ""
            except RUN_ERRORS as exc:
                return None, f"— {exc}"

        def apply(result) -> None:
            found, note = result
            self.detections = found
            names = self.class_names
            rows = detection_view.box_rows(found, names) if found is not None else []
            self.input.predictions.set_predictions(rows, note=note or self.tr("{0} found").format(len(rows)))
            self.input.picture.set_boxes(detection_view.drawn_boxes(found, names) if found is not None else [])
            self._update_cam()

        self._run("predictions", work, apply, self.tr("Finding objects…"))

    def _show_heat(self) -> None:
        """The detection head's heat map of the chosen box's class (or class 0) over the input."""
        picture, found = self.input.picture, self.detections
        if not self.input.cam_toggle.isChecked() or found is None or self.image is None:
            picture.set_overlay(None)
            self._caption()
            return
        chosen = self.input.predictions.chosen_class()
        index = chosen if chosen is not None and chosen < len(found.heat) else 0
        picture.set_overlay(heat_overlay(detection_view.class_heat(found, index, tuple(self.image.shape[-2:]))))
        text = self.tr("{0} · heat map of <b>{1}</b> from <b>{2}</b> (channel {3})")
        name = detection_view.class_name(index, self.class_names)
        self.input.caption.setText(text.format(self.source_text, name, found.source, index))

    def _update_cam(self) -> None:
        if self.detects:
            self._show_heat()
            return
        picture = self.input.picture
        node_id = self.input.cam_node_id()
        if not self.input.cam_toggle.isChecked() or self.image is None or self.model is None or node_id is None:
            self._tasks.pop("cam", None)
            picture.set_overlay(None)
            self._caption()
            return
        name = self.graph.nodes[node_id].name
        target = self.input.predictions.chosen_class()
        model, model_input = self.model, self.model_input

        def work():
            try:
                return grad_cam(model, model_input, name, target), ""
            except RUN_ERRORS as exc:
                return None, self.tr("Grad-CAM at {0}: {1}").format(name, exc)

        def apply(result) -> None:
            heat, problem = result
            if problem:
                picture.set_overlay(None)
                self._fail(problem)
                return
            picture.set_overlay(heat_overlay(heat))
            label = self._class_label(target) if target is not None else "predicted"
            self.input.caption.setText(
                self.tr("{0} · Grad-CAM at <b>{1}</b>, class <b>{2}</b>").format(self.source_text, name, label)
            )

        self._run("cam", work, apply, self.tr("Grad-CAM at {0}…").format(name))

    def _class_label(self, index: int) -> str:
        if self.class_names and index < len(self.class_names):
            return self.class_names[index]
        return str(index)

    def _populate_cam_nodes(self) -> None:
        """Every node with C×H×W maps can be explained; the last convolution is the usual choice."""
        nodes, default = [], None
        if self.graph is not None and self.inference is not None:
            for nid in self.inference.order:
                node, info = self.graph.nodes[nid], self.inference.info.get(nid)
                if node.type not in self.registry or info is None or info.shape is None or len(info.shape) != 3:
                    continue
                block = self.registry.get(node.type)
                if block.is_input:
                    continue
                nodes.append((nid, node.name))
                if block.category in CAM_CATEGORIES:
                    default = nid
        current = self.input.cam_node_id()
        keep = current if any(nid == current for nid, _ in nodes) else default
        self.input.set_cam_nodes(nodes, keep)

    def _render_node(self) -> None:
        self.input.picture.set_box(None)
        if self.model is None or self.graph is None:
            return
        if self.node_id is None or self.node_id not in self.graph.nodes:
            self.features.clear(self.tr("Select a node on the canvas to see its output."))
            self.kernels.clear(self.tr("Select a convolution node to see its kernels."))
            return
        node = self.graph.nodes[self.node_id]
        label = texts.title(self.registry.get(node.type)) if node.type in self.registry else node.type
        self._render_kernels(node.name, label)
        if self.image is None:
            self.features.clear(
                self.tr("<b>{0}</b> · {1}<br>Choose an image to see its output.").format(node.name, label)
            )
            return
        header = f"<b>{node.name}</b> · {label}"
        value = self.cache.get(node.name)
        if value is not None:
            self._tasks.pop("maps", None)
            self.features.show_output(header, value, self.features.channel)
            return
        model, model_input, name, node_id = self.model, self.model_input, node.name, self.node_id

        def work():
            try:
                return activations(model, model_input, [name])[name], ""
            except RUN_ERRORS as exc:
                return None, f"{name}: {exc}"

        def apply(result) -> None:
            value, problem = result
            if problem:
                self.features.clear(header)
                self._fail(problem)
                return
            self.cache[name] = value
            if self.node_id == node_id:
                self.features.show_output(header, value, self.features.channel)

        self._run("maps", work, apply, self.tr("Computing the maps of {0}…").format(name))

    def _render_kernels(self, name: str, label: str) -> None:
        try:
            self.kernels.set_kernels(kernel_tiles(self.model, name))
        except InsightError as exc:
            self.kernels.clear(f"<b>{name}</b> · {label}: {exc}.")

    def _position_picked(self, channel: int, y: int, x: int) -> None:
        value = self.features.value_at(channel, y, x)
        what = "features" if self.features.flat else self.tr("channel {0}").format(channel)
        lines = [self.tr("<b>{0}</b> at ({1}, {2}): {3:.3g}").format(what, y, x, value)]
        if self.features.flat or self.image is None:
            lines.append(self.tr("Every feature here sees the whole image."))
            self.input.picture.set_box(None)
        else:
            top, left, bottom, right = input_region(self.graph, self.node_id, y, x, self.inference, self.registry)
            self.input.picture.set_box((top, left, bottom, right))
            if bottom > top and right > left:
                lines.append(
                    self.tr("fed by input rows {0}–{1}, columns {2}–{3} ({4}×{5}, the red box)").format(
                        top, bottom - 1, left, right - 1, bottom - top, right - left
                    )
                )
            else:
                lines.append(self.tr("This position sees only padding."))
            info = self.inference.info[self.node_id]
            if info.rf is not None:
                rf, jump = info.rf, info.jump
                lines.append(
                    self.tr("receptive field {0}×{1}, stride {2}×{3}").format(
                        _n(rf[0]), _n(rf[1]), _n(jump[0]), _n(jump[1])
                    )
                )
        self.features.set_info("<br>".join(lines))

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


def _n(value: float) -> str:
    return f"{value:g}"
