"""The Feature maps dock in the main window, its View menu entries and layer health on the canvas.

The model is compiled only when the dock is visible and something asks for it (a node is selected, the dock
is shown): the editor itself never pays for torch. A graph edit marks the model stale; the next use
recompiles it. Compiling, loading weights and data, and every pass through the model run in one worker
thread (the panel's busy bar shows them, with Cancel); a model compiled from a graph that has since been
edited is dropped. Weights come from the training panel's checkpoints (or View → Load Checkpoint into Feature
Maps…), with the normalisation the run used, read from the checkpoint's sidecar.

From the training panel's event stream it takes two events, which the engine emits at each epoch end (training/probe.py):
``{"event": "health", "layers": {node_name: {"mean", "std", "dead", "grad_norm"}}}`` colours the blocks
while View → Layer Health is on, and ``{"event": "snapshot", "path": FILE}`` (a safetensors file of
node_name → C×H×W, or 1×C×H×W, activations) replaces the maps the dock shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QMenu, QScrollArea, QVBoxLayout, QWidget

from ..background import BusyIndicator, ThreadTask, first_line, limit_torch_threads, serial_pool
from ..stages import Stages
from .health_legend import METRICS, HealthColorScale, HealthLegend

if TYPE_CHECKING:
    from ..host import Host
    from .feature_panel import FeatureMapPanel, PanelParts

SAMPLE_IMAGES = 256  # validation images offered in the panel's sample box
# the dock's width when the maps first show: the panel (input column beside the maps) needs ~470 px; widened in
# the turn that raises the dock (which repaints the window anyway), not when the panel arrives turns later
PANEL_WIDTH = 500


class _ScrollsDown(QScrollArea):
    """The panel scrolls when its dock is short instead of setting the window's least height: it needs ~420 px,
    and the window could not be shorter than 737 px (a 1366×768 laptop screen has ~700). Its width it keeps."""

    def __init__(self, body: QWidget):
        super().__init__()
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(self.widget().minimumSizeHint().width() + bar, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return self.widget().sizeHint()


class InsightController(QObject):
    """Keeps the feature-map panel's model in step with the document and the training panel."""

    def __init__(self, host: Host):
        super().__init__(host.window)
        self.host = host
        self.doc = host.doc
        self.panel: FeatureMapPanel | None = None  # made when first shown: it needs torch
        self.note = QLabel(self.tr("Select a block on the canvas to see its feature maps."))
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        self.note.setContentsMargins(6, 2, 6, 2)
        # two lines are kept for it: a note that shrinks or grows by a line resized every plot in the panel
        self.note.setMinimumHeight(2 * self.note.fontMetrics().lineSpacing() + 4)
        box = QWidget()
        self._layout = QVBoxLayout(box)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.busy = BusyIndicator(keep_space=True)  # compiling and every pass through the model, with Cancel
        self._layout.addWidget(self.busy)
        self._layout.addWidget(self.note)
        self._layout.addStretch(1)
        self.dock = host.add_panel(  # the inspector stays in front until the user asks for the maps
            _ScrollsDown(box),
            self.tr("Feature maps"),
            Qt.DockWidgetArea.RightDockWidgetArea,
            "feature_maps",
            behind="inspector",
        )
        self.stale = True
        self.pool = serial_pool(self)  # one thread: compiling and every pass through the model, in order
        self.compiling: ThreadTask | None = None
        self._arrival = Stages(self)  # a compiled model is shown in steps (_model_built)
        self.revision = 0  # counts edits: a model compiled before the latest one is dropped
        self.checkpoint: str | None = None  # weights to load at the next compile
        self.data_spec: str | None = None  # the data source whose images are loaded (_split)
        self._data = None
        self._classes: list[str] | None = None
        self._data_problem = ""  # why the data source gave no sample images
        self.health: dict[str, dict] = {}  # node name -> {mean, std, dead, grad_norm}: the last health event
        self.legend = HealthLegend()
        self.legend.setFixedSize(220, 48)
        self.legend.hide()

        self.act_checkpoint = QAction(self.tr("Load Checkpoint into Feature Maps…"), self)
        self.act_checkpoint.triggered.connect(lambda: self.choose_checkpoint())
        self.health_menu = QMenu(self.tr("Layer &Health"), host.window)
        self.act_health = self.health_menu.addAction(self.tr("Colour Blocks by Layer Health"))
        self.act_health.setCheckable(True)
        self.health_menu.addSeparator()
        self.metric_group = QActionGroup(self)
        for metric, (title, *_rest) in METRICS.items():
            text = QCoreApplication.translate("HealthLegend", title)
            action = self.health_menu.addAction(text[:1].upper() + text[1:])  # "Dead ReLU fraction", not "relu"
            action.setCheckable(True)
            action.setData(metric)
            action.setChecked(metric == "dead_fraction")
            self.metric_group.addAction(action)
        self.act_health.toggled.connect(self.paint_health)
        self.metric_group.triggered.connect(lambda _a: self.paint_health())
        host.add_to_menu("view", [self.dock.toggleViewAction(), self.act_checkpoint, self.health_menu], separator=True)
        host.add_status_widget(self.legend)

        host.scene.selectionChanged.connect(self._on_selection)
        self.dock.visibilityChanged.connect(self._on_visible)
        self.doc.inferred.connect(self._on_edit)
        self.doc.reset.connect(self._on_reset)
        host.when_provided("training", self._follow_training)  # installed before or after this dock

    def _follow_training(self, training) -> None:
        training.checkpoint_saved.connect(self.use_checkpoint)
        training.event_received.connect(self.on_training_event)

    # the model ---------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """The maps are on screen (a dock behind another tab counts as visible to Qt, but has no region)."""
        return self.dock.isVisible() and not self.dock.visibleRegion().isEmpty()

    def _make_panel(self, parts: PanelParts | None = None) -> FeatureMapPanel:
        if self.panel is None:
            from .feature_panel import FeatureMapPanel

            self.panel = FeatureMapPanel(pool=self.pool, busy=self.busy, parts=parts)
            self.panel.errorOccurred.connect(self.host.show_message)
            self._layout.takeAt(2)  # the stretch that held the place
            self._layout.addWidget(self.panel, 1)
        return self.panel

    def ensure_model(self) -> bool:
        """True when the panel's model is current; otherwise start compiling it (off the GUI thread) and say False.

        When the compiled model arrives, the panel shows it and the canvas selection. The panel itself is made
        then: the worker has imported torch for it (seconds that would otherwise freeze the window).
        """
        if not self.stale:
            return self.panel is not None and self.panel.model is not None
        if (self.compiling is not None and self.compiling.running) or self._arrival.pending:
            return False  # on its way: its last step shows the selection
        inference = self.doc.inference
        if inference.diagnostics and any(d.level == "error" for d in inference.diagnostics):
            self.stale = False
            if self.panel is not None:
                self.panel.set_model(None, None)
            self._set_note(self.tr("The network has errors: fix them (Problems panel) to see its feature maps."))
            return False
        graph, checkpoint, spec, revision = self.doc.graph.copy(), self.checkpoint, self._data_spec(), self.revision
        known = (self.data_spec, self._data, self._classes, self._data_problem)
        task = ThreadTask(
            lambda _token: build_insight_model(graph, checkpoint, spec, known),
            self.tr("Compiling the network…"),
            self.pool,
        )
        task.finished.connect(lambda built: self._model_built(built, graph, inference, revision))
        task.failed.connect(lambda line: self._model_failed(line, revision))
        task.cancelled.connect(
            lambda: self._set_note(self.tr("Cancelled: select a block to compile the network again."))
        )
        self.compiling = task
        self._set_note(self.tr("Compiling the network…"))
        self.busy.run(task)
        return False

    def _model_built(self, built: dict, graph, inference, revision: int) -> None:
        """The compiled model arrives in steps, a turn apart (gui/stages.py): the first time, the panel's big views
        (PanelParts) and the panel itself; then the sample image; then the model and the selected node's maps.
        Each re-lays out or repaints part of the dock; in one turn they held the window 90–130 ms."""
        self.compiling = None
        if revision != self.revision:  # the graph was edited meanwhile: this model is not the design
            if self.active:
                self.show_selected()
            return
        self.data_spec, self._data, self._classes, self._data_problem = built["data"]

        def current() -> bool:
            return revision == self.revision

        def show_samples() -> None:  # the sample becomes the image first (a turn before): set_model fits it once
            if current() and built["model"] is not None and built["samples"] is not None:
                self.panel.set_dataset(*built["samples"], show=False)

        def show_model() -> None:
            if not current():
                return
            self.stale = False
            model = built["model"]
            if model is None:
                self.panel.set_model(None, None)
            else:
                self.panel.set_model(model, graph, built["classes"], inference, built["normalization"])
                self.panel.show_node(self._selected())  # in the same turn: its pass queues behind the model's
            self._set_note(built["note"])

        if self.panel is None:  # its big views a turn each, then the panel that holds them
            from .feature_panel import PanelParts

            parts = PanelParts()
            steps = [parts.make_next] * 4 + [lambda: self._make_panel(parts)]
        else:
            steps = []
        self._arrival.run([*steps, show_samples, show_model])

    def _model_failed(self, line: str, revision: int) -> None:
        self.compiling = None
        if revision == self.revision:
            self.stale = False
            self._make_panel().set_model(None, None)
            self._set_note(self.tr("Cannot compile the network: {0}").format(line))

    def _set_note(self, text: str) -> None:
        self.note.setText(text)

    def _data_spec(self) -> str:
        from ..training.config_edit import read_config

        return read_config(self.doc.graph)[0].data

    # reactions ---------------------------------------------------------------------------------
    def _selected(self) -> str | None:
        ids = self.host.scene.selected_node_ids()
        return ids[0] if len(ids) == 1 else None

    def show_selected(self, shown: bool = False) -> None:
        if (shown or self.active) and self.ensure_model():
            self.panel.show_node(self._selected())

    def _on_selection(self) -> None:
        if not shiboken6.isValid(self.dock):  # the scene outlives the dock while the window is torn down
            return
        self.show_selected()

    def _on_visible(self, visible: bool) -> None:
        if visible:
            if self.panel is None and self.dock.width() < PANEL_WIDTH:
                self.host.resize_panel(self.dock, PANEL_WIDTH, Qt.Orientation.Horizontal)
            self.show_selected(shown=True)

    def _on_edit(self, _inference=None) -> None:
        self.stale = True
        self.revision += 1
        self._arrival.run([])  # a model still arriving is not the design any more
        if self.compiling is not None:  # its graph is gone: drop it, the next use compiles the new one
            self.compiling.cancel()
            self.compiling = None
        if self.panel is not None:
            self.panel.cancel_work(passes_only=True)
        if self.act_health.isChecked():  # a block added or rebuilt by the edit gets its tint (or none)
            self.paint_health()
        if self.active:
            self.show_selected()

    def _on_reset(self) -> None:
        self.checkpoint = None
        self.health.clear()
        self.paint_health()
        self._on_edit()

    def use_checkpoint(self, path: str) -> None:
        """Show these weights from now on (compiled on the next use, at once when the dock is visible)."""
        self.checkpoint = path
        self.stale = True
        self.revision += 1
        self._arrival.run([])
        if self.compiling is not None:
            self.compiling.cancel()
            self.compiling = None
        if self.active:
            self.show_selected()

    def choose_checkpoint(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.host.window,
                self.tr("Load checkpoint into feature maps"),
                "",
                self.tr("Weights (*.safetensors *.pt *.pth)"),
            )
        if path:
            self.dock.show()
            self.dock.raise_()
            self.use_checkpoint(path)

    # layer health ------------------------------------------------------------------------------
    def on_training_event(self, event: dict) -> None:
        if event.get("event") == "health" and isinstance(event.get("layers"), dict):
            self.health = event["layers"]
            if self.act_health.isChecked():
                self.paint_health()
        elif event.get("event") == "snapshot" and self.active and self.panel is not None and event.get("path"):
            self.show_snapshot(event["path"])

    def show_snapshot(self, path: str) -> None:
        from safetensors.torch import load_file

        try:
            values = load_file(path)
        except Exception as exc:
            self.host.show_message(self.tr("Cannot read the activation snapshot {0}: {1}").format(path, _line(exc)))
            return
        # keyed by node name like the panel's cache; a leading batch of one (the probe image) is dropped
        self.panel.set_activations({k: (v[0] if v.ndim == 4 and len(v) == 1 else v).float() for k, v in values.items()})

    @property
    def metric(self) -> str:
        checked = self.metric_group.checkedAction()
        return checked.data() if checked is not None else "dead_fraction"

    def paint_health(self, _on: bool | None = None) -> None:
        """Colour the blocks from the last health event (or restore them when the toggle is off)."""
        scene_nodes = self.host.scene.nodes
        key = {"dead_fraction": "dead"}.get(self.metric, self.metric)
        graph = self.doc.graph
        values = {}
        if self.act_health.isChecked():
            for name, stats in self.health.items():
                node = graph.by_name(name) if hasattr(graph, "by_name") else None
                if node is not None and isinstance(stats, dict) and stats.get(key) is not None:
                    values[node.id] = stats[key]
        scale = HealthColorScale(self.metric).fit(values.values())
        for node_id, item in scene_nodes.items():
            item.set_health(scale.color(values[node_id]) if node_id in values else None)
        self.legend.set_scale(scale)
        self.legend.setVisible(bool(values))


def _line(exc: BaseException) -> str:
    return first_line(exc)


def build_insight_model(graph, checkpoint: str | None, spec: str, known: tuple) -> dict:
    """Compile ``graph`` with the checkpoint's weights and fit sample images from the data source (a worker's job).

    ``known`` is the data already loaded, ``(spec, data, classes, problem)``: reused when the spec is the same.
    Touches nothing on the GUI side; the result is a dict the controller applies on the GUI thread.
    """
    import torch

    import cnnstudio.gui.insight.feature_panel  # noqa: F401  (torch and the panel, imported here, not on the GUI thread)
    from cnnstudio.compiler import compile_model
    from cnnstudio.compiler.weights import load_weights

    limit_torch_threads()
    data = known if known[0] == spec else _load_data(spec)
    _spec, split, classes, problem = data
    built = {"data": data, "model": None, "classes": classes, "normalization": None, "samples": None}
    try:
        with torch.random.fork_rng():  # untrained maps look the same every time; the app's RNG is untouched
            torch.manual_seed(0)
            model = compile_model(graph)
    except Exception as exc:  # the compiler's message, one line, instead of a traceback
        built["note"] = QCoreApplication.translate("Install", "Cannot compile the network: {0}").format(_line(exc))
        return built
    model.eval()
    meta = _checkpoint_meta(checkpoint) if checkpoint else {}
    note = QCoreApplication.translate(
        "Install", "Untrained weights (train the network or load a checkpoint to see what it learnt)."
    )
    if checkpoint:
        try:
            report = load_weights(model, checkpoint)
            note = QCoreApplication.translate("Install", "Weights from {0}/{1}").format(
                Path(checkpoint).parent.name, Path(checkpoint).name
            )
            if not report.complete:
                note += f" ({report.summary()})"
        except Exception as exc:
            note = QCoreApplication.translate("Install", "Untrained weights: {0} could not be read ({1}).").format(
                Path(checkpoint).name, _line(exc)
            )
    info = meta.get("data") or {}
    norm = info.get("normalize") or {}
    normalization = (norm["mean"], norm["std"]) if norm.get("mean") and norm.get("std") else None
    detects = bool(getattr(model, "heads", ())) and model.heads[0].kind == "detection"
    if normalization is None and not detects:  # a detector takes [0, 1] pixels as they are (BoxFeeder)
        from cnnstudio.training.data.fit import channel_stats

        images, _ = _fitted(split, model, "train", 5000)
        normalization = channel_stats(images) if images is not None and len(images) else None
    images, labels = _fitted(split, model, "val", SAMPLE_IMAGES)
    built.update(
        model=model,
        classes=info.get("classes") or classes,
        normalization=normalization,
        samples=(images, labels) if images is not None else None,
        note=note
        if split is not None
        else QCoreApplication.translate("Install", "{0} No sample images: {1}").format(note, problem),
    )
    return built


def _load_data(spec: str) -> tuple:
    """The data source as (spec, data, classes, problem); digits are bundled: no download."""
    from cnnstudio.training.data import load_data

    try:
        data = load_data(spec)
        return spec, data, list(data.classes), ""
    except Exception as exc:  # a missing folder or an unreachable download: the maps still work
        return spec, None, None, _line(exc)


def _fitted(split, model, part: str, count: int):
    import torch

    from cnnstudio.training.data.base import ImageSet
    from cnnstudio.training.data.boxes import BoxSet
    from cnnstudio.training.data.fit import fit_images, image_layout

    source = getattr(split, part, None) if split is not None else None
    if not getattr(model, "input_shape", None):
        return None, None
    chw, _ = image_layout(tuple(model.input_shape))
    if isinstance(source, BoxSet):  # box data: the images at the model's size, no single label per image
        return source.subset(torch.arange(min(count, len(source)))).resized(chw).images.float() / 255, None
    if not isinstance(source, ImageSet):
        return None, None
    return fit_images(source.images[:count], chw), source.labels[:count]


def _checkpoint_meta(path: str) -> dict:
    """The sidecar JSON next to a training checkpoint's weights ({} for a plain weights file)."""
    sidecar = Path(path).with_suffix(".json")
    try:
        return json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def install_insight(host: Host) -> InsightController:
    """Add the Feature maps dock (tabbed with the Inspector) and View → Layer Health to the window."""
    controller = InsightController(host)
    host.provide("insight", controller)
    return controller
