"""The Runs view: this project's runs as its runs folder holds them, their curves overlaid, and what to do
with one (resume it, keep its weights, look at it in Feature maps, export it, rename it, delete it).

It reads the folders each time they change (``refresh``), so it shows the same list after a restart; a
folder it cannot use is listed greyed with its reason, never dropped silently and never a crash.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.compiler.weights import check_safetensors_file
from cnnstudio.core.safe_io import FileProblem, write_atomic
from cnnstudio.training.run_records import (
    RunCurves,
    RunRecord,
    curves_signature,
    delete_run,
    list_runs,
    read_curves,
    rename_run,
)

from ..background import ThreadTask
from .run_texts import percent
from .runs import RunFolders
from .runs_plot import COLOURS, RunsPlot

COLUMNS = 5  # run, started, epochs, best, status
NAME_CHARS = 32  # the Run column's widest, in characters (the whole name is in its tooltip)
FOLDER = Qt.ItemDataRole.UserRole


def choose_weights_path(parent: QWidget, suggested: str) -> str:
    """Where "Save trained weights as…" writes ("" when cancelled); tests answer it instead."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("RunsView", "Save trained weights as"),
        suggested,
        QCoreApplication.translate("RunsView", "Weights (*.safetensors)"),
    )
    return path


def copy_weights(source: Path, folder: Path, target: str) -> None:
    """Copy a run's weights file atomically (the target is the old file or the whole new one); FileProblem or
    WeightsError if not. A run folder may come from someone else: its file must be a safetensors file, inside the
    folder (a link to a private file elsewhere is not copied out as "weights")."""
    try:
        inside = source.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a loop of links, a name no system can open
        inside = False
    if not inside:
        raise FileProblem(source, QCoreApplication.translate("RunsView", "leads outside its run's folder"))
    check_safetensors_file(source)
    write_atomic(target, lambda tmp: shutil.copyfile(source, tmp))


def _clock_time(seconds: float | None) -> str:
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds)) if seconds else "–"
    except (OverflowError, OSError, ValueError):  # a time this platform's calendar cannot show
        return "–"


class RunsView(QWidget):
    resume_requested = Signal(Path)  # a run folder
    feature_maps_requested = Signal(str)  # a weights file
    export_requested = Signal(str)  # a weights file
    message = Signal(str)

    def __init__(self, folders: RunFolders, project=lambda: None, running=lambda: None, parent=None):
        """``project()`` is the project's path (None: unsaved), ``running()`` the folder training now (or None)."""
        super().__init__(parent)
        self.folders = folders
        self.project = project
        self.running = running
        self.records: list[RunRecord] = []
        self.root: Path | None = None
        self._checked: set[Path] = set()
        self._filling = False
        self._curves: dict[Path, tuple[tuple[int, int] | None, RunCurves]] = {}  # ticked runs': by log signature
        self._reading: ThreadTask | None = None
        self._saving: ThreadTask | None = None
        # (worker pool, how a task is run and shown) for copying weights; None: copied at once (a view on its own)
        self.background: tuple[QThreadPool, Callable[[ThreadTask], object]] | None = None

        self.location = QLabel()
        self.location.setProperty("role", "muted")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(
            [self.tr("Run"), self.tr("Started"), self.tr("Epochs"), self.tr("Best validation"), self.tr("Status")]
        )
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        # F2 and a double click rename, whichever column they land on: the tree's own triggers edited the
        # clicked cell ("Best validation"), which is not a name
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.start_rename())
        self.tree.itemChanged.connect(self._on_item_changed)
        self._refresh_waits = False  # a refresh asked for while a name is being edited (it would drop the editor)
        self.tree.itemDelegate().closeEditor.connect(self._editor_closed)
        self.tree.currentItemChanged.connect(lambda *_: self._update_actions())

        self.metric_box = QComboBox()
        self.plot = RunsPlot()
        for key, (text, _x) in self.plot.metrics.items():
            self.metric_box.addItem(text, key)
        self.metric_box.currentIndexChanged.connect(lambda _i: self._draw())

        self.act_resume = self._action(self.tr("Resume"), self.tr("Train this run on from its last checkpoint"))
        self.act_save = self._action(
            self.tr("Save trained weights as…"), self.tr("Copy this run's best weights (its last when none were best)")
        )
        self.act_feature_maps = self._action(
            self.tr("Use for Feature maps"), self.tr("Show this run's weights in the Feature maps view")
        )
        self.act_export = self._action(self.tr("Use for Export"), self.tr("Export the network with this run's weights"))
        self.act_rename = self._action(self.tr("Rename"), self.tr("Give this run a name of your own (F2)"))
        self.act_delete = self._action(self.tr("Delete…"), self.tr("Delete this run's folder and everything in it"))
        self.act_resume.triggered.connect(lambda: self._emit_folder(self.resume_requested))
        self.act_save.triggered.connect(self.save_weights)
        self.act_feature_maps.triggered.connect(lambda: self._emit_weights(self.feature_maps_requested))
        self.act_export.triggered.connect(lambda: self._emit_weights(self.export_requested))
        self.act_rename.triggered.connect(self.start_rename)
        self.act_delete.triggered.connect(self.delete_selected)
        for action, key in (
            (self.act_rename, QKeySequence(Qt.Key.Key_F2)),
            (self.act_delete, QKeySequence.StandardKey.Delete),
        ):
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # in the list only
            self.tree.addAction(action)
        self.buttons = {}
        self._build_layout()
        self.refresh()

    def _action(self, text: str, tip: str) -> QAction:
        action = QAction(text, self, toolTip=tip)
        action.setIconText(text)  # a tool bar's button would drop the "…" that says a dialog follows
        action.setEnabled(False)
        return action

    def _build_layout(self) -> None:
        # a tool bar, not a row of buttons: in a narrow dock the actions that do not fit go behind its » button,
        # where a row of six buttons made the whole window at least 900 px wide
        actions = QToolBar()
        actions.setProperty("role", "inline")
        actions.setMovable(False)
        actions.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.act_resume,
            self.act_save,
            self.act_feature_maps,
            self.act_export,
            self.act_rename,
            self.act_delete,
        ):
            actions.addAction(action)
            self.buttons[action] = actions.widgetForAction(action)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.location)
        column.addWidget(self.tree, 1)
        column.addWidget(actions)

        right = QWidget()
        plot_column = QVBoxLayout(right)
        plot_column.setContentsMargins(0, 0, 0, 0)
        plot_column.setSpacing(4)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Compare")))
        row.addWidget(self.metric_box)
        row.addStretch(1)
        plot_column.addLayout(row)
        plot_column.addWidget(self.plot, 1)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.split)

    # the list ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the project's runs folder again (the list survives a restart because it is the folder)."""
        if self.tree.state() == QAbstractItemView.State.EditingState:  # a run's event while the user types a name
            self._refresh_waits = True
            return
        self._refresh_waits = False
        if self._reading is not None:  # what a worker is reading may be older than this
            self._reading.cancel()
            self._reading = None
        project = self.project()
        root = self.folders.root(project)
        if root != self.root:
            self._checked.clear()
        self.root = root
        if project is None and self.folders.base is None:
            text = self.tr("This project is not saved: its runs are kept in {0}").format(root)
        else:
            text = self.tr("Runs of {0}, kept in {1}").format(Path(project).name if project else "–", root)
        self.location.setText(text)
        self.location.setToolTip(str(root))
        self._show(list_runs(root))

    def refresh_in_background(self, pool: QThreadPool) -> None:
        """The same re-read in a worker thread, the ticked runs' changed curves with it (at a run's epoch end:
        3,000 runs or a 57 MB log held the window for seconds); the list changes when it is read."""
        if self.tree.state() == QAbstractItemView.State.EditingState:
            self._refresh_waits = True
            return
        root = self.folders.root(self.project())
        if root != self.root:  # another project: as the plain re-read does, with its header
            self.refresh()
            return
        checked = set(self._checked)
        known = {folder: signature for folder, (signature, _curves) in self._curves.items()}

        def work(_token) -> tuple[list[RunRecord], dict]:
            records = list_runs(root)
            fresh = {}
            for record in records:
                signature = curves_signature(record.folder) if record.folder in checked else None
                if signature is not None and known.get(record.folder) != signature:
                    fresh[record.folder] = (signature, read_curves(record.folder))
            return records, fresh

        if self._reading is not None:
            self._reading.cancel()
        task = self._reading = ThreadTask(work, pool=pool)
        task.finished.connect(lambda result, t=task: self._read(t, root, *result))
        task.failed.connect(lambda _line, t=task: self._read(t, root, None, {}))
        task.start()

    @property
    def reading(self) -> bool:
        return self._reading is not None and self._reading.running

    def _read(self, task: ThreadTask, root: Path, records: list[RunRecord] | None, curves: dict) -> None:
        if task is not self._reading:
            return
        self._reading = None
        if records is None or root != self.root:  # the folder could not be read, or another project came
            return
        self._curves.update(curves)
        if self.tree.state() == QAbstractItemView.State.EditingState:  # a name is typed: after it
            self._refresh_waits = True
            return
        self._show(records)

    def _show(self, records: list[RunRecord]) -> None:
        selected = self.selected()
        self.records = records
        self._checked &= {r.folder for r in self.records}
        self._filling = True
        self.tree.clear()
        for record in self.records:
            item = self._item(record)
            self.tree.addTopLevelItem(item)
            if selected is not None and record.folder == selected.folder:
                self.tree.setCurrentItem(item)
        self._filling = False
        for column in range(COLUMNS - 1):
            self.tree.resizeColumnToContents(column)
        widest = self.tree.fontMetrics().horizontalAdvance("x") * NAME_CHARS
        if self.tree.columnWidth(0) > widest:  # a long run name elides; the other columns stay in sight
            self.tree.setColumnWidth(0, widest)
        self._update_actions()
        self._draw()

    def _item(self, record: RunRecord) -> QTreeWidgetItem:
        running = record.folder == self.running()
        if record.problem:
            texts = [record.name, "", "", "", self.tr("cannot be used: {0}").format(record.problem)]
        else:
            started = _clock_time(record.started)
            epochs = f"{record.epochs_done}/{record.epochs}" if record.epochs else str(record.epochs_done)
            texts = [record.name, started, epochs, self._best_text(record), self._status_text(record, running)]
        item = QTreeWidgetItem(texts)
        item.setData(0, FOLDER, str(record.folder))
        item.setToolTip(0, f"{record.name}\n{record.folder}")  # the name whole, where the column elides it
        item.setToolTip(4, texts[4])
        if record.problem:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for column in range(COLUMNS):
                item.setForeground(column, QBrush(QColor("#9ca3af")))
        else:
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEditable
            )
            checked = record.folder in self._checked
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def _best_text(self, record: RunRecord) -> str:
        if record.best_value is None:
            return "–"
        if record.best_metric == "accuracy":
            value = self.tr("accuracy {0}").format(percent(record.best_value))
        elif record.best_metric == "map50":
            value = self.tr("mAP@0.5 {0:.3f}").format(record.best_value)
        else:
            value = self.tr("loss {0:.4f}").format(record.best_value)
        return self.tr("{0} (epoch {1})").format(value, record.best_epoch) if record.best_epoch else value

    def _status_text(self, record: RunRecord, running: bool) -> str:
        if running:
            return self.tr("training")
        status = "stopped" if record.status == "running" else record.status  # an app that ended mid-run
        return {
            "finished": self.tr("finished"),
            "stopped": self.tr("stopped"),
            "failed": self.tr("failed"),
        }.get(status, status)

    def selected(self) -> RunRecord | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        folder = Path(item.data(0, FOLDER))
        return next((r for r in self.records if r.folder == folder), None)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        folder = Path(item.data(0, FOLDER))
        record = next((r for r in self.records if r.folder == folder), None)
        if record is None or record.problem:
            return
        if (item.checkState(0) == Qt.CheckState.Checked) != (folder in self._checked):
            self._checked ^= {folder}
            self._draw()
        name = item.text(0)
        if name != record.name:  # an edit in place (Rename, F2 or a double click)
            try:
                rename_run(folder, name)
            except FileProblem as exc:
                self.message.emit(self.tr("Cannot rename the run: {0}").format(exc))
            self.refresh()

    # the plot ----------------------------------------------------------------------------------
    def _curves_of(self, folder: Path) -> RunCurves:
        """A run's curves, read again only when its log changed (a long log took seconds to read)."""
        signature = curves_signature(folder)
        cached = self._curves.get(folder)
        if cached is None or cached[0] != signature or signature is None:
            cached = (signature, read_curves(folder))
            self._curves[folder] = cached
        return cached[1]

    def _draw(self) -> None:
        self._curves = {f: c for f, c in self._curves.items() if f in self._checked}
        runs = [(str(r.folder), r.name, self._curves_of(r.folder)) for r in self.records if r.folder in self._checked]
        self.plot.show_runs(runs, self.metric_box.currentData())
        self._filling = True  # colouring an item is an itemChanged too: not a rename, not a tick
        for index in range(self.tree.topLevelItemCount()):  # each checked run's name in its curve's colour
            item = self.tree.topLevelItem(index)
            key = item.data(0, FOLDER)
            order = [k for k, _l, _c in runs]
            if key in order:
                item.setForeground(0, QBrush(QColor(COLOURS[order.index(key) % len(COLOURS)])))
            elif item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setForeground(0, QBrush())
        self._filling = False

    def set_checked(self, folders: list[Path]) -> None:
        """Tick these runs (the screenshot's and a caller's shortcut; users tick the boxes)."""
        self._checked = {Path(f) for f in folders}
        self.refresh()

    # actions -----------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        record = self.selected()
        usable = record is not None and record.problem is None
        busy = usable and record.folder == self.running()
        self.act_resume.setEnabled(usable and not busy and record.resumable and self.running() is None)
        has_weights = usable and record.weights() is not None
        for action in (self.act_save, self.act_feature_maps, self.act_export):
            action.setEnabled(has_weights)
        self.act_rename.setEnabled(usable)
        self.act_delete.setEnabled(record is not None and not busy)

    def _emit_folder(self, signal) -> None:
        record = self.selected()
        if record is not None and record.problem is None:
            signal.emit(record.folder)

    def _emit_weights(self, signal) -> None:
        record = self.selected()
        weights = record.weights() if record is not None and record.problem is None else None
        if weights is not None:
            signal.emit(str(weights))

    def save_weights(self) -> str:
        """Copy the selected run's best (else last) weights to a file the user chooses; returns its path."""
        record = self.selected()
        weights = record.weights() if record is not None and record.problem is None else None
        if weights is None:
            return ""
        project = self.project()
        stem = Path(project).name.split(".")[0] if project else "weights"
        suggested = str(Path(project).parent / f"{stem}-{record.folder.name}.safetensors") if project else ""
        target = choose_weights_path(self.window(), suggested)
        if not target:
            return ""

        def copy(_token) -> str:
            copy_weights(weights, record.folder, target)
            return target

        def failed(line: str) -> None:
            self.message.emit(self.tr("Cannot save the weights: {0}").format(line))
            QMessageBox.warning(self, self.tr("Cannot save the weights"), line)

        pool, run = self.background or (None, None)
        task = self._saving = ThreadTask(copy, self.tr("Saving the weights of {0}…").format(record.name), pool)
        task.finished.connect(
            lambda _t: self.message.emit(self.tr("Saved the weights of {0} as {1}").format(record.name, target))
        )
        task.failed.connect(failed)
        (run or ThreadTask.start)(task)  # a large file is copied by a worker thread, its progress in the status bar
        return target

    def _editor_closed(self, *_args) -> None:
        if self._refresh_waits:
            QTimer.singleShot(0, self, self.refresh)  # after the edit is committed (or cancelled)

    def start_rename(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.tree.editItem(item, 0)

    def delete_selected(self) -> bool:
        """Delete the selected run after asking; it vanishes whole or stays whole."""
        record = self.selected()
        if record is None or record.folder == self.running():
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Delete run"),
            self.tr("Delete the run {0} with its checkpoints and curves? This cannot be undone.").format(record.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete_run(record.folder)
        except FileProblem as exc:
            self.message.emit(self.tr("Cannot delete the run: {0}").format(exc))
            return False
        self._checked.discard(record.folder)
        self.refresh()
        self.message.emit(self.tr("Deleted the run {0}").format(record.name))
        return True
