"""The Learn dock in the main window: View → Learn and Help → Concepts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from ..background import ThreadTask
from .panel import LearnPanel

WIDTH = 600  # the dock's width when Help → Concepts opens it

if TYPE_CHECKING:
    from ..host import Host


class LearnController(QObject):
    """Makes the panel follow the canvas selection while the dock is on screen (no work while hidden)."""

    def __init__(self, host: Host):
        super().__init__(host.window)
        self.host = host
        self.panel = LearnPanel(host.doc, self._feature_map, self._predict)
        self.predicting = None  # the running ThreadTask of the last prediction asked for
        self.dock = host.add_panel(
            self.panel, self.tr("Learn"), Qt.DockWidgetArea.RightDockWidgetArea, "learn", behind="inspector"
        )
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText(self.tr("Lear&n"))
        self.act_concepts = QAction(self.tr("&Concepts"), self)
        self.act_concepts.setStatusTip(self.tr("Each concept of convolutional networks, on the selected block"))
        self.act_concepts.triggered.connect(lambda _checked=False: self.open())
        host.scene.selectionChanged.connect(self._on_selection)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._on_selection())

    def open(self, concept: str | None = None) -> None:
        """Show the dock in front (Help → Concepts), on a concept or on the selection's page."""
        self.dock.show()
        self.dock.raise_()
        if self.dock.width() < WIDTH and not self.dock.isFloating():  # the pictures need room
            self.host.resize_panel(self.dock, WIDTH, Qt.Orientation.Horizontal)
        self._on_selection()
        if concept:
            self.panel.show_concept(concept)

    def _on_selection(self) -> None:
        # the scene outlives the dock while the window is torn down, and clears its selection then
        if not shiboken6.isValid(self.dock) or not shiboken6.isValid(self.panel) or not self.dock.isVisible():
            return
        ids = self.host.scene.selected_node_ids()
        self.panel.show_node(ids[0] if len(ids) == 1 else None)

    def _feature_map(self, node_id: str):
        """The Feature maps dock's last output of a node, first channel, as rows of floats (None if none)."""
        insight = self.host.feature("insight")  # the Feature maps dock: installed before or after this one
        panel = getattr(insight, "panel", None)
        node = self.host.doc.graph.nodes.get(node_id)
        if panel is None or node is None:
            return None
        value = getattr(panel, "cache", {}).get(node.name)
        if value is None or getattr(value, "ndim", 0) != 3 or value.shape[1] < 2 or value.shape[2] < 2:
            return None
        return value[0].tolist()

    def _predict(self, rows: list, done) -> bool:
        """Classify a 0–16 image with the Feature maps dock's compiled model, in its worker thread.

        ``done(label, probability)`` comes back on the GUI thread (``done(None, 0.0)`` if it failed); False when
        there is no compiled model to ask (the dock has not been opened, or the network has errors).
        """
        insight = self.host.feature("insight")  # the Feature maps dock: installed before or after this one
        panel = getattr(insight, "panel", None)
        model = getattr(panel, "model", None)
        shape = tuple(getattr(model, "input_shape", ()) or ())
        if model is None or len(shape) != 3:
            return False
        names, normalization = getattr(panel, "class_names", None), getattr(panel, "normalization", None)

        def work(_token):
            import torch

            from cnnstudio.insight.gradcam import top_predictions
            from cnnstudio.training.data.fit import fit_images

            image = fit_images(torch.tensor(rows, dtype=torch.float32)[None, None] / 16.0, shape)[0]
            if normalization is not None:
                mean, std = (torch.tensor(v, dtype=torch.float32)[:, None, None] for v in normalization)
                image = (image - mean) / std
            best = top_predictions(model, image, 1, names)[0]
            return best.label, best.probability

        if self.predicting is not None:
            self.predicting.cancel()  # only the latest shift matters
        task = ThreadTask(work, self.tr("Predicting…"), insight.pool)
        task.finished.connect(lambda result: done(*result))
        task.failed.connect(lambda _line: done(None, 0.0))
        self.predicting = task.start()
        return True


def install_learn(host: Host) -> LearnController:
    """Add the Learn dock (tabbed with the inspector), View → Learn and Help → Concepts."""
    controller = LearnController(host)
    host.add_to_menu("view", [controller.toggle])
    host.add_to_menu("help", [controller.act_concepts])
    host.provide("learn", controller)
    return controller
