"""The Learn dock in the main window: View → Learn and Help → Concepts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from .panel import LearnPanel

WIDTH = 600  # the dock's width when Help → Concepts opens it

if TYPE_CHECKING:
    from ..main_window import MainWindow


class LearnController(QObject):
    """Makes the panel follow the canvas selection while the dock is on screen (no work while hidden)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.panel = LearnPanel(window.doc, self._feature_map)
        self.dock = window.add_panel(self.panel, self.tr("Learn"), Qt.DockWidgetArea.RightDockWidgetArea, "learn")
        window.tabifyDockWidget(window.inspector_dock, self.dock)
        window.inspector_dock.raise_()
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText(self.tr("&Learn"))
        self.act_concepts = QAction(self.tr("&Concepts"), self)
        self.act_concepts.setStatusTip(self.tr("Each concept of convolutional networks, on the selected block"))
        self.act_concepts.triggered.connect(lambda _checked=False: self.open())
        window.scene.selectionChanged.connect(self._on_selection)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._on_selection())

    def open(self, concept: str | None = None) -> None:
        """Show the dock in front (Help → Concepts), on a concept or on the selection's page."""
        self.dock.show()
        self.dock.raise_()
        if self.dock.width() < WIDTH and not self.dock.isFloating():  # the pictures need room
            self.window.resizeDocks([self.dock], [WIDTH], Qt.Orientation.Horizontal)
        self._on_selection()
        if concept:
            self.panel.show_concept(concept)

    def _on_selection(self) -> None:
        if not self.dock.isVisible():
            return
        ids = self.window.scene.selected_node_ids()
        self.panel.show_node(ids[0] if len(ids) == 1 else None)

    def _feature_map(self, node_id: str):
        """The Feature maps dock's last output of a node, first channel, as rows of floats (None if none)."""
        insight = getattr(self.window, "insight", None)
        panel = getattr(insight, "panel", None)
        node = self.window.doc.graph.nodes.get(node_id)
        if panel is None or node is None:
            return None
        value = getattr(panel, "cache", {}).get(node.name)
        if value is None or getattr(value, "ndim", 0) != 3 or value.shape[1] < 2 or value.shape[2] < 2:
            return None
        return value[0].tolist()


def install_learn(window: MainWindow) -> LearnController:
    """Add the Learn dock (tabbed with the inspector), View → Learn and Help → Concepts."""
    controller = LearnController(window)
    window.view_menu.insertAction(window.act_reset_layout, controller.toggle)
    window.help_menu.insertAction(window.act_shortcuts, controller.act_concepts)
    return controller
