"""Training in the desktop app: the Training panel, its worker process, the Runs view, Load weights… and their menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from .panel import TrainingPanel
from .runner import RunRequest, TrainingRunner
from .runs import RunFolders
from .runs_view import RunsView
from .weights_dialog import LoadWeightsDialog

if TYPE_CHECKING:
    from ..host import Host

PANEL_HEIGHT = 420  # the bottom dock's height while training: room for the curves


def install_training(host: Host) -> TrainingPanel:
    """Add the Training dock, the Train menu, toolbar buttons and File → Load Weights… to the window."""
    unsaved = host.ctx.recovery_dir.parent / "runs" / "untitled"  # the app's data folder (AppDataLocation)
    panel = TrainingPanel(host.doc, host.window, folders=RunFolders(unsaved=unsaved))
    dock = host.add_panel(
        panel,
        QCoreApplication.translate("TrainingInstall", "Training"),
        Qt.DockWidgetArea.BottomDockWidgetArea,
        "training",
        behind="problems",  # the editor's own tabs come first until training starts
    )
    panel.act_start.setShortcut(QKeySequence("F5"))
    panel.act_stop.setShortcut(QKeySequence("Shift+F5"))
    panel.act_resume.setShortcut(QKeySequence("Ctrl+F5"))
    host.add_shortcuts([panel.act_start, panel.act_stop, panel.act_resume])

    host.add_to_menu("file", [panel.act_load_weights], separator=True)
    host.add_to_menu("view", [dock.toggleViewAction()])
    train_menu = QMenu(QCoreApplication.translate("TrainingInstall", "&Train"), host.window)
    train_menu.addActions([panel.act_start, panel.act_stop, panel.act_resume])
    train_menu.addSeparator()
    train_menu.addAction(panel.act_load_weights)
    freeze = [host.actions[name] for name in ("freeze", "unfreeze") if name in host.actions]
    if freeze:
        train_menu.addSeparator()
        train_menu.addActions(freeze)
    host.add_menu("train", train_menu)
    host.add_to_toolbar([panel.act_start, panel.act_stop])

    def shown_height() -> int:
        """The height of the dock's tab group on screen (a tab behind another keeps a stale geometry)."""
        group = [dock, *host.window.tabifiedDockWidgets(dock)]
        return max((d.height() for d in group if not d.visibleRegion().isEmpty()), default=dock.height())

    def grow() -> bool:
        if not dock.isVisible() or dock.isFloating() or shown_height() >= PANEL_HEIGHT:
            return False
        host.resize_panel(dock, PANEL_HEIGHT, Qt.Orientation.Vertical)
        return True

    def show_dock() -> bool:
        if dock.isVisible():
            return False  # nothing to do: the next step runs in this turn
        dock.show()
        return True

    def presize() -> bool:
        """A tab behind another keeps its old geometry until it is raised: give it the front tab's size, so
        the results page is laid out (off screen) at the size it is shown at, and raising it repaints only."""
        front = [d for d in host.window.tabifiedDockWidgets(dock) if not d.visibleRegion().isEmpty()]
        if dock.isFloating() or not front or dock.size() == front[0].size():
            return False
        dock.resize(front[0].size())
        return True

    # after Train, a step per event-loop turn (reveal.py): show the dock, grow its tab group while the tab in
    # front is still the one it was (cheap to repaint), size the Training tab; the panel lays out and draws its
    # results off screen; then the tab comes to the front
    panel.reveal.show_dock_steps = [show_dock, grow, presize]
    panel.reveal.raise_dock_steps = [dock.raise_]

    def on_setup(shown: bool) -> None:  # the settings page needs the room the curves get
        if shown and dock.isVisible() and not dock.isFloating() and dock.height() < PANEL_HEIGHT:
            host.resize_panel(dock, PANEL_HEIGHT, Qt.Orientation.Vertical)

    panel.setup_button.toggled.connect(on_setup)
    # its tab clicked to the front: the room the curves and the settings need (it was left at the Problems
    # list's 143 px, axis labels over each other); a dock the user made floating keeps its size
    dock.visibilityChanged.connect(lambda visible: visible and not panel.reveal.stages.pending and grow())
    panel.message.connect(host.show_message)
    host.provide("training", panel)
    install_runs_view(host, panel)
    return panel


def install_runs_view(host: Host, panel: TrainingPanel) -> RunsView:
    """The Runs dock (View → Runs, and the Training panel's Runs button), wired to training, insight and export."""
    runs = RunsView(
        panel.folders,
        project=lambda: host.doc.path,
        running=lambda: panel.run_folder if panel.running else None,
    )
    runs.background = (host.pool, host.busy.run)
    dock = host.add_panel(
        runs,
        QCoreApplication.translate("TrainingInstall", "Runs"),
        Qt.DockWidgetArea.BottomDockWidgetArea,
        "runs",
        behind="problems",
    )
    host.add_to_menu("view", [dock.toggleViewAction()])
    train_menu = host.menus.get("train")
    if train_menu is not None:
        train_menu.insertAction(train_menu.actions()[3], dock.toggleViewAction())

    def show_runs() -> None:
        runs.refresh()
        dock.show()
        dock.raise_()
        if dock.height() < PANEL_HEIGHT and not dock.isFloating():
            host.resize_panel(dock, PANEL_HEIGHT, Qt.Orientation.Vertical)

    def resume(folder) -> None:
        if panel.resume_run(folder):
            host.docks["training"].show()
            host.docks["training"].raise_()

    def use_for_feature_maps(weights: str) -> None:
        insight = host.feature("insight")  # installed before or after training
        if insight is not None:
            insight.choose_checkpoint(weights)

    def use_for_export(weights: str) -> None:
        # Export offers the panel's latest weights: this run's become them, then the dialog opens with them
        panel.last_checkpoint = weights
        action = host.feature("export")
        if action is not None:
            action.trigger()

    last_root = [runs.root]

    def project_changed() -> None:  # another project, or this one saved under a name: its runs folder
        if panel.folders.root(host.doc.path) != last_root[0]:
            last_root[0] = panel.folders.root(host.doc.path)
            runs.refresh()

    stale = [False]

    def runs_changed() -> None:
        """A run's epoch ended: re-read the folder, in a worker thread, only if the list is in sight (with thousands
        of runs or a long log a re-read takes seconds); otherwise when its tab comes to the front."""
        if runs.visibleRegion().isEmpty():
            stale[0] = True
        else:
            runs.refresh_in_background(host.pool)

    def runs_shown(visible: bool) -> None:
        if visible and stale[0]:
            stale[0] = False
            runs.refresh()

    panel.runs_requested.connect(show_runs)
    panel.runs_changed.connect(runs_changed)
    dock.visibilityChanged.connect(runs_shown)
    # a run that ended is no longer "training" there; a run that starts is read when its folder is made
    panel.running_changed.connect(lambda running: None if running else runs.refresh_in_background(host.pool))
    host.doc.title_changed.connect(project_changed)
    runs.resume_requested.connect(resume)
    runs.feature_maps_requested.connect(use_for_feature_maps)
    runs.export_requested.connect(use_for_export)
    runs.message.connect(host.show_message)
    host.provide("runs", runs)
    return runs


__all__ = ["LoadWeightsDialog", "RunRequest", "RunsView", "TrainingPanel", "TrainingRunner", "install_training"]
