"""The main window: palette, canvas, inspector, Problems and Summary docks, menus, toolbar, status bar."""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget

from cnnstudio.core.graph import Graph

from . import dialogs
from .canvas.canvas_actions import CanvasActions
from .canvas.canvas_menu import build_menu
from .canvas.goto import GotoBox
from .canvas.overview import Overview
from .canvas.scene import GraphScene
from .canvas.view import CanvasView
from .context import AppContext
from .export_import import install_export_import
from .help import show_about, show_shortcuts
from .host import Host
from .icons import app_icon
from .insight.install import install_insight
from .language_menu import language_menu
from .learn.install import install_learn
from .panels.inspector import Inspector
from .panels.palette import BlockPalette
from .panels.problems import ProblemsPanel
from .panels.status import StatusBar
from .panels.summary_panel import SummaryPanel
from .project.document import Document
from .project.files import FileController
from .project.recovery import Autosaver, find_recoverable, remove_entry
from .training import install_training
from .training.head_dialog import replace_head_interactive

Area = Qt.DockWidgetArea
MNEMONIC_SUFFIX = re.compile(r"\s*\(&\w\)")  # Japanese menus write the accelerator as "ファイル(&F)"
NUDGE = 8.0  # one arrow key press moves the selection one grid step (Shift: five)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowIcon(app_icon())
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.doc = Document(parent=self)
        self.scene = GraphScene(self.doc, self)
        self.view = CanvasView(self.scene)
        self.setCentralWidget(self.view)
        self.canvas = CanvasActions(self.doc, self.scene, self.view, self)
        self.goto = GotoBox(self.view, self, lambda: self.doc.graph, self.doc.registry, lambda: self.doc.inference)
        self.files = FileController(self.doc, ctx, self)
        self.block_palette = BlockPalette(self.doc.registry)
        self.inspector = Inspector(self.doc)
        self.problems = ProblemsPanel(self.doc)
        self.summary = SummaryPanel(self.doc)
        self.status = StatusBar(self.doc)
        self.setStatusBar(self.status)
        self.autosaver = Autosaver(self.doc, ctx.recovery_dir, parent=self) if ctx.persist else None

        # Room is left for later panels: training curves tab in beside these at the bottom,
        # feature maps beside the inspector on the right (add_panel).
        self.palette_dock = self.add_panel(self.block_palette, self.tr("Blocks"), Area.LeftDockWidgetArea, "palette")
        self.overview = Overview(self.view)
        self.overview_dock = self.add_panel(self.overview, self.tr("Overview"), Area.LeftDockWidgetArea, "overview")
        self.inspector_dock = self.add_panel(
            self.inspector, self.tr("Inspector"), Area.RightDockWidgetArea, "inspector"
        )
        self.problems_dock = self.add_panel(self.problems, self.tr("Problems"), Area.BottomDockWidgetArea, "problems")
        self.summary_dock = self.add_panel(self.summary, self.tr("Summary"), Area.BottomDockWidgetArea, "summary")
        self.summary_dock.visibilityChanged.connect(self.summary.catch_up)  # its tab raised: edits made meanwhile
        self.problems_dock.raise_()
        self.resizeDocks([self.palette_dock, self.inspector_dock], [200, 330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)

        self._make_actions()
        self._make_menus()
        _plain_icon_texts(self.findChildren(QAction))  # before the toolbar sets its own short texts
        self._make_toolbar()
        self._connect()
        self.host = self._make_host()
        self.host.busy  # noqa: B018  (made now, not in the turn that starts the first export)
        # each installer adds to named places of the host and finds the others through it: any order works
        self.training = install_training(self.host)  # Training dock, Train menu, File → Load Weights…
        self.insight = install_insight(self.host)  # Feature maps dock beside the inspector, View → Layer Health
        self.act_export, self.act_import = install_export_import(self.host)  # File → Export…, Import from PyTorch…
        self.learn = install_learn(self.host)  # Learn dock beside the inspector, View → Learn, Help → Concepts
        self.train_menu = self.host.menus["train"]
        self.training_dock, self.runs_dock = self.host.docks["training"], self.host.docks["runs"]
        self.runs_view = self.host.feature("runs")
        self._default_state = self.saveState()
        self._restore_settings()
        self._update_title()

    # panels ------------------------------------------------------------------------------------
    def add_panel(self, widget: QWidget, title: str, area: Qt.DockWidgetArea, name: str) -> QDockWidget:
        """Dock a panel; a second panel in the same area becomes a tab beside the first."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        existing = [d for d in self.findChildren(QDockWidget) if d is not dock and self.dockWidgetArea(d) == area]
        self.addDockWidget(area, dock)
        if existing and area == Area.BottomDockWidgetArea:
            self.tabifyDockWidget(existing[-1], dock)
        return dock

    def _make_host(self) -> Host:
        """What the installed features see of this window: its menus by role, toolbar, panels and actions."""
        return Host(
            self,
            self.doc,
            self.scene,
            self.status,
            places={
                "file": (self.file_menu, self.act_quit),  # File: above Quit
                "view": (self.view_menu, self.act_reset_layout),  # View: the panels, above Reset Window Layout
                "help": (self.help_menu, self.act_shortcuts),  # Help: first
            },
            toolbar=self.findChild(QToolBar, "toolbar_main"),
            actions={"freeze": self.act_freeze, "unfreeze": self.act_unfreeze},
            docks={
                "palette": self.palette_dock,
                "overview": self.overview_dock,
                "inspector": self.inspector_dock,
                "problems": self.problems_dock,
                "summary": self.summary_dock,
            },
            add_dock=self.add_panel,
            open_graph=self.open_graph,
            ctx=self.ctx,
            may_replace=lambda: self.files.maybe_save(),
        )

    @property
    def busy(self):
        """The status bar's indicator of background work (export, import)."""
        return self.host.busy

    # actions -----------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "", canvas_only: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        if canvas_only:  # Delete, Ctrl+C, ... act on blocks only when the canvas has focus, not in text fields
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        else:
            self.addAction(action)
        return action

    def _make_actions(self) -> None:
        c, f, v = self.canvas, self.files, self.view
        Std = QKeySequence.StandardKey
        self.act_new = self._action(self.tr("&New"), f.new_blank, Std.New, self.tr("A blank canvas"))
        self.act_new_preset = self._action(
            self.tr("New from &Preset…"),
            f.new_from_preset,
            "Ctrl+Shift+N",
            self.tr("Start from a classic architecture"),
        )
        self.act_open = self._action(self.tr("&Open…"), f.open, Std.Open, self.tr("Open a .cnn.json project"))
        self.act_save = self._action(self.tr("&Save"), f.save, Std.Save, self.tr("Save the project"))
        self.act_save_as = self._action(self.tr("Save &As…"), f.save_as, Std.SaveAs, self.tr("Save under a new name"))
        self.act_quit = self._action(self.tr("&Quit"), self.close, Std.Quit)
        self.act_undo = self.doc.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcuts(QKeySequence.keyBindings(Std.Undo))
        self.act_redo = self.doc.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.act_undo, self.act_redo])
        # toolbar twins with fixed text: the menu's "Undo Set kernel_size" would resize the toolbar on every edit
        stack = self.doc.undo_stack
        self.tool_undo = QAction(self.tr("Undo"), self, enabled=False, toolTip=self.tr("Undo (Ctrl+Z)"))
        self.tool_redo = QAction(self.tr("Redo"), self, enabled=False, toolTip=self.tr("Redo (Ctrl+Shift+Z)"))
        self.tool_undo.triggered.connect(stack.undo)
        self.tool_redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.tool_undo.setEnabled)
        stack.canRedoChanged.connect(self.tool_redo.setEnabled)
        self.act_cut = self._action(self.tr("Cu&t"), c.cut_selection, Std.Cut, canvas_only=True)
        self.act_copy = self._action(self.tr("&Copy"), c.copy_selection, Std.Copy, canvas_only=True)
        self.act_paste = self._action(self.tr("&Paste"), c.paste, Std.Paste, canvas_only=True)
        self.act_duplicate = self._action(self.tr("&Duplicate"), c.duplicate_selection, "Ctrl+D", canvas_only=True)
        self.act_delete = self._action(
            self.tr("De&lete"), c.delete_selection, ["Delete", "Backspace"], canvas_only=True
        )
        self.act_delete_reconnect = self._action(
            self.tr("Delete and Reco&nnect"),
            c.delete_and_reconnect,
            "Ctrl+Delete",
            self.tr("Delete the selected blocks and wire what fed them to what they fed"),
            canvas_only=True,
        )
        self.nudge_actions = [
            self._action(name, lambda d=(dx * k, dy * k): c.nudge(*d), keys, canvas_only=True)
            for name, key, dx, dy in (
                (self.tr("Nudge Left"), "Left", -1, 0),
                (self.tr("Nudge Right"), "Right", 1, 0),
                (self.tr("Nudge Up"), "Up", 0, -1),
                (self.tr("Nudge Down"), "Down", 0, 1),
            )
            for k, keys in ((NUDGE, key), (NUDGE * 5, f"Shift+{key}"))
        ]
        self.act_select_all = self._action(self.tr("Select &All"), c.select_all, Std.SelectAll, canvas_only=True)
        self.act_rename = self._action(
            self.tr("R&ename Block"),
            self._rename,
            "F2",
            self.tr("Type a new name for the selected block in the inspector"),
            canvas_only=True,
        )
        self.act_edit_params = self._action(
            self.tr("Edit Para&meters"),
            self._edit_params,
            ["Return", "Enter"],
            self.tr("Type in the selected block's first parameter in the inspector"),
            canvas_only=True,
        )
        self.act_go_input = self._action(
            self.tr("Go to &Input"),
            lambda: self._go_to_end(last=False),
            "Home",
            self.tr("Select the network's Input block and bring it into view"),
            canvas_only=True,
        )
        self.act_go_output = self._action(
            self.tr("Go to Output"),
            lambda: self._go_to_end(last=True),
            "End",
            self.tr("Select the network's output block and bring it into view"),
            canvas_only=True,
        )
        self.act_freeze = self._action(
            self.tr("&Freeze up to Selection"),
            lambda: self._freeze(True),
            tip=self.tr("Freeze the selected block and everything that feeds it"),
        )
        self.act_unfreeze = self._action(self.tr("Unfree&ze up to Selection"), lambda: self._freeze(False))
        self.act_replace_head = self._action(
            self.tr("Replace &Head…"),
            lambda: replace_head_interactive(self.doc, self),
            tip=self.tr("Give the classification head(s) a new number of classes (transfer learning)"),
        )
        self.act_expand = self._action(
            self.tr("E&xpand Block"),
            self._expand,
            "Ctrl+Shift+G",
            self.tr("Replace the selected composite block by its parts"),
        )
        self.act_collapse = self._action(
            self.tr("C&ollapse into Block"),
            c.collapse_selection,
            "Ctrl+G",
            self.tr("Replace the selected parts of an expanded block by the block"),
        )
        self.act_find = self._action(
            self.tr("Search &Blocks to Add"), self.block_palette.focus_search, "Ctrl+B", self.tr("Search the palette")
        )
        self.act_goto = self._action(
            self.tr("&Go to Block…"), self.goto.open, "Ctrl+P", self.tr("Find a block on the canvas by name or type")
        )
        self.act_goto_find = self._action(self.tr("Find on Canvas"), self.goto.open, Std.Find, canvas_only=True)
        self.act_fit = self._action(
            self.tr("&Fit to View"),
            v.fit_view,
            "F",
            self.tr("Show the network, as much as stays readable (scroll for the rest)"),
            canvas_only=True,  # a single key: F in the palette's list or a table goes to "Flatten", not here
        )
        self.act_fit_all = self._action(
            self.tr("Fit &Everything"), v.fit_all, "Ctrl+Shift+F", self.tr("Show the whole network")
        )
        self.act_zoom_in = self._action(self.tr("Zoom &In"), lambda: v.zoom_by(1.25), [Std.ZoomIn, "Ctrl+="])
        self.act_zoom_out = self._action(self.tr("Zoom &Out"), lambda: v.zoom_by(0.8), Std.ZoomOut)
        self.act_zoom_reset = self._action(self.tr("&Actual Size"), lambda: v.set_zoom(1.0), "Ctrl+0")
        self.act_layout_lr = self._action(self.tr("Auto-layout &Left to Right"), lambda: c.auto_layout("lr"), "Ctrl+L")
        self.act_layout_tb = self._action(
            self.tr("Auto-layout &Top to Bottom"), lambda: c.auto_layout("tb"), "Ctrl+Shift+L"
        )
        self.act_reset_layout = self._action(self.tr("&Reset Window Layout"), self._reset_layout)
        self.act_shortcuts = self._action(self.tr("&Keyboard and Mouse"), lambda: show_shortcuts(self), "F1")
        self.act_about = self._action(self.tr("&About CNN Studio"), lambda: show_about(self))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addActions([self.act_new, self.act_new_preset, self.act_open])
        self.recent_menu = file.addMenu(self.tr("Open &Recent"))
        file.addSeparator()
        file.addActions([self.act_save, self.act_save_as])
        file.addSeparator()
        file.addAction(self.act_quit)
        edit = self.edit_menu = bar.addMenu(self.tr("&Edit"))
        edit.aboutToShow.connect(self._edit_menu_shown)
        edit.aboutToHide.connect(lambda: [a.setEnabled(True) for a in (self.act_expand, self.act_collapse)])
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete])
        edit.addAction(self.act_delete_reconnect)
        edit.addSeparator()
        edit.addActions([self.act_rename, self.act_edit_params, self.act_select_all])
        edit.addActions([self.act_goto, self.act_go_input, self.act_go_output, self.act_find])
        edit.addSeparator()
        edit.addActions([self.act_freeze, self.act_unfreeze, self.act_replace_head])
        edit.addSeparator()
        edit.addActions([self.act_expand, self.act_collapse])
        view = bar.addMenu(self.tr("&View"))
        view.addActions([self.act_fit, self.act_fit_all, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        view.addSeparator()
        view.addActions([self.act_layout_lr, self.act_layout_tb])
        view.addSeparator()
        for dock in (self.palette_dock, self.overview_dock, self.inspector_dock, self.problems_dock, self.summary_dock):
            view.addAction(dock.toggleViewAction())
        view.addAction(self.act_reset_layout)
        view.addSeparator()
        self.language_menu = language_menu(self, self.ctx.settings, self.ctx.persist)
        view.addMenu(self.language_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.act_shortcuts, self.act_about])
        # the host's places for the installed features (training, insight, export): by role, not translated text
        self.file_menu, self.edit_menu, self.view_menu, self.help_menu = file, edit, view, help_menu
        self._fill_recent()

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("toolbar_main")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.act_new, self.act_open, self.act_save])
        bar.addSeparator()
        bar.addActions([self.tool_undo, self.tool_redo])
        bar.addSeparator()
        bar.addActions([self.act_zoom_out, self.act_zoom_in, self.act_fit])
        bar.addSeparator()
        bar.addActions([self.act_layout_lr, self.act_layout_tb])
        self.addToolBar(bar)
        for action, text in (
            (self.act_layout_lr, self.tr("Layout →")),
            (self.act_layout_tb, self.tr("Layout ↓")),
            (self.act_zoom_in, self.tr("Zoom +")),
            (self.act_zoom_out, self.tr("Zoom −")),
            (self.act_fit, self.tr("Fit")),
        ):
            bar.widgetForAction(action).setText(text)

    def _connect(self) -> None:
        doc, scene, view = self.doc, self.scene, self.view
        scene.selectionChanged.connect(self._on_selection)
        self.block_palette.block_activated.connect(self.canvas.add_block)
        view.block_dropped.connect(self.canvas.add_block)
        view.file_dropped.connect(self.files.open)
        view.context_requested.connect(self._context_menu)
        view.zoom_changed.connect(self.status.set_zoom)
        self.problems.node_activated.connect(self.reveal_node)
        self.goto.chosen.connect(self.reveal_node)
        self.goto.message.connect(self.show_message)
        self.inspector.message.connect(self.show_message)
        self.inspector.done.connect(lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.problems.fix_requested.connect(self.canvas.apply_fix)
        # the tab's count follows a moment later: a new title relayouts and repaints the whole window, which
        # is most of a typed edit's frame on a big network; typing retitles it once, when it pauses
        self._problem_title = QTimer(self, singleShot=True, interval=150, timeout=self._show_problem_count)
        self.problems.count_changed.connect(lambda _count: self._problem_title.start())
        self._show_problem_count()
        self.summary.node_activated.connect(self.reveal_node)
        for source in (self.canvas.message, self.files.message, doc.edit_failed):
            source.connect(self.show_message)
        if self.autosaver is not None:
            self.autosaver.failed.connect(self.show_message)
        scene.wire_feedback.connect(self._wire_feedback)
        doc.title_changed.connect(self._update_title)
        doc.reset.connect(self._on_reset)
        doc.undo_stack.indexChanged.connect(self._on_undo_index)
        self.files.recent_changed.connect(self._fill_recent)
        self.setAcceptDrops(True)

    # slots -------------------------------------------------------------------------------------
    def _on_selection(self) -> None:
        self.inspector.show_nodes(self.scene.selected_node_ids())

    def settle(self) -> None:
        """Show now what waits for edits to pause (the Problems tab's count): before a screenshot."""
        self._problem_title.stop()
        self._show_problem_count()

    def _show_problem_count(self) -> None:
        count = len(self.doc.inference.diagnostics)
        self.problems_dock.setWindowTitle(self.tr("Problems ({0})").format(count) if count else self.tr("Problems"))

    def show_message(self, text: str) -> None:
        self.status.showMessage(text, 8000)

    def _on_reset(self) -> None:
        QTimer.singleShot(0, self.view.fit_readable)  # after the viewport has its final size

    def _on_undo_index(self, _index: int) -> None:
        self.scene.update_orientation()

    # behaviour ---------------------------------------------------------------------------------
    def open_graph(self, graph: Graph, path=None, title: str | None = None) -> None:
        self.doc.replace(graph, path=path, title=title)

    def reveal_node(self, node_id: str) -> None:
        """Select a block and bring it to the middle of the canvas."""
        if node_id in self.scene.nodes:
            self.scene.select_nodes([node_id])
            self.view.center_on_node(node_id)

    def _freeze(self, frozen: bool) -> None:
        ids = self.scene.selected_node_ids()
        if len(ids) == 1:
            self.canvas.set_frozen_up_to(ids[0], frozen)
        else:
            self.status.showMessage(
                self.tr("Select one block: it and everything that feeds it will be (un)frozen"), 6000
            )

    def _rename(self) -> None:
        """F2, as in a file manager: the inspector's name field with its text selected; Enter renames."""
        if len(self.scene.selected_node_ids()) != 1:
            self.status.showMessage(self.tr("Select one block to rename it"), 4000)
            return
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.inspector.name_edit.selectAll()

    def _edit_params(self) -> None:
        """Enter on a block, as in a table: its first parameter in the inspector (its name when it has none)."""
        if len(self.scene.selected_node_ids()) != 1:
            self.status.showMessage(self.tr("Select one block to edit its parameters"), 4000)
            return
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        editors = list(self.inspector.editors.values())
        if editors:
            editors[0].start_typing()
        else:
            self.inspector.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.inspector.name_edit.selectAll()

    def _go_to_end(self, last: bool) -> None:
        """Home / End: the first Input block, or the main output (the last block when there is none)."""
        graph, registry = self.doc.graph, self.doc.registry
        order = self.doc.inference.order if self.doc.inference is not None else list(graph.nodes)
        order = [nid for nid in order if nid in graph.nodes] or list(graph.nodes)
        if not order:
            return
        blocks = {nid: registry.find(graph.nodes[nid].type) for nid in order}
        if last:
            heads = [n for n in order if blocks[n] is not None and blocks[n].is_output]
            main = [n for n in heads if not graph.nodes[n].params.get("auxiliary", False)]
            target = (main or heads or order)[-1]
        else:
            inputs = [n for n in order if blocks[n] is not None and blocks[n].is_input]
            target = (inputs or order)[0]
        self.reveal_node(target)

    def _edit_menu_shown(self) -> None:
        """Expand and Collapse greyed where they do not apply (worked out only when the menu opens: a
        collapse is tried to know); their keys stay live the rest of the time and say why they cannot."""
        ids = self.scene.selected_node_ids()
        registry = self.doc.registry
        single = self.doc.graph.nodes[ids[0]] if len(ids) == 1 else None
        self.act_expand.setEnabled(
            single is not None and single.type in registry and registry.get(single.type).composite
        )
        self.act_collapse.setEnabled(self.canvas.collapse_label(ids) is not None)

    def _expand(self) -> None:
        ids = self.scene.selected_node_ids()
        if len(ids) == 1:
            self.canvas.expand_node(ids[0])
        else:
            self.status.showMessage(
                self.tr("Select one composite block (Residual, Inception, Conv-BN-ReLU) to expand"), 6000
            )

    def _context_menu(self, pos, item, global_pos) -> None:
        build_menu(self, self.canvas, pos, item).exec(global_pos)

    def _wire_feedback(self, level: str, message: str) -> None:
        if message:
            self.status.showMessage(message, 0 if level else 4000)
        else:
            self.status.clearMessage()

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("{0}[*] — CNN Studio").format(self.doc.title))
        self.setWindowModified(self.doc.modified)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.files.recent_files()
        for path in recent:
            self.recent_menu.addAction(path, lambda p=path: self.files.open(p))
        if recent:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear List"), self.files.clear_recent)
        self.recent_menu.setEnabled(bool(recent))

    def offer_recovery(self) -> bool:
        """After a crash: offer the newest unsaved work left behind. Returns whether something was recovered."""
        skip = self.autosaver.file if self.autosaver else None
        for entry in find_recoverable(self.ctx.recovery_dir, skip):
            if dialogs.ask_recover(self, entry.title, entry.saved_at):
                self.doc.replace(entry.graph, path=entry.original, title=entry.title, modified=True)
                remove_entry(entry)
                if self.autosaver is not None:
                    self.autosaver.save_now()
                return True
            remove_entry(entry)
        return False

    # settings and closing ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        if not self.ctx.persist:
            return
        settings = self.ctx.settings
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        batch = settings.value("batch_size")
        if batch is not None:
            try:
                self.status.batch.setValue(int(batch))
            except (TypeError, ValueError):
                pass

    def save_settings(self) -> None:
        if not self.ctx.persist:
            return
        settings = self.ctx.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("batch_size", self.status.batch.value())
        settings.sync()

    def _reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in (self.palette_dock, self.overview_dock, self.inspector_dock, self.problems_dock, self.summary_dock):
            dock.show()

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_settings()
        self.training.shutdown()  # a running worker stops with a checkpoint (or is ended)
        if self.autosaver is not None:
            self.autosaver.close()
        self.files.close()  # stop watching its file; other windows may have it now
        event.accept()

    def dragEnterEvent(self, event) -> None:
        if any(u.isLocalFile() and u.toLocalFile().endswith(".json") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().endswith(".json"):
                self.files.open(url.toLocalFile())
                event.acceptProposedAction()
                return


def _plain_icon_texts(actions) -> None:
    """Toolbar buttons show "新規", not "新規(N)": the "(&N)" accelerator belongs to menus only."""
    for action in actions:
        if MNEMONIC_SUFFIX.search(action.text()):
            action.setIconText(MNEMONIC_SUFFIX.sub("", action.text()).replace("&", ""))
