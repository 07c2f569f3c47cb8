"""The main window as the features installed into it see it: named places to add to, and each other.

Training, Feature maps, Export/Import and Learn are installed by functions that take a ``Host``, never the
MainWindow: they add actions to menus by role ("file", "view", "help": not by their translated titles), put
menus and panels in named places, and find each other through ``provide`` / ``when_provided``. So no installer
imports main_window (no import cycle), and none depends on being installed before or after another one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QSizeGrip, QToolBar, QWidget

from .background import BusyIndicator, serial_pool


class Host(QObject):
    """What an installed feature may use of the window: ``doc``, ``scene``, ``status``, ``ctx``, menus, panels.

    ``places`` name where a menu's additions go: ``{"file": (menu, before_action), ...}``; an addition is
    inserted before that action (above Quit in File, above Reset Window Layout in View). ``actions`` are the
    window's actions an installer may reuse (by name: "freeze", "unfreeze"), ``docks`` its panels by name.
    """

    provided = Signal(str, object)  # a feature's name and its object, when it is installed

    def __init__(
        self,
        window: QMainWindow,
        doc,
        scene,
        status,
        places: dict[str, tuple[QMenu, QAction | None]],
        toolbar: QToolBar | None = None,
        actions: dict[str, QAction] | None = None,
        docks: dict[str, QDockWidget] | None = None,
        add_dock: Callable[[QWidget, str, Qt.DockWidgetArea, str], QDockWidget] | None = None,
        open_graph: Callable[..., None] | None = None,
        ctx=None,
        may_replace: Callable[[], bool] | None = None,
    ):
        super().__init__(window)
        self.window = window  # the parent of the features' dialogs and docks
        self.doc, self.scene, self.status = doc, scene, status
        self.ctx = ctx  # the app's settings and folders (AppContext)
        self.places = dict(places)
        self.toolbar = toolbar
        self.actions = dict(actions or {})
        self.docks = dict(docks or {})
        self.menus: dict[str, QMenu] = {}  # the menus installers added to the menu bar, by name
        self.features: dict[str, Any] = {}
        self._add_dock = add_dock
        self._open_graph = open_graph
        self._may_replace = may_replace
        self._busy: BusyIndicator | None = None
        self._pool = None

    # places ------------------------------------------------------------------------------------
    def add_to_menu(self, place: str, items: list[QAction | QMenu], separator: bool = False) -> None:
        """Insert actions and submenus at a named place (nothing when the window has no such menu)."""
        if place not in self.places:
            return
        menu, before = self.places[place]
        for item in items:
            action = item.menuAction() if isinstance(item, QMenu) else item
            if before is not None:
                menu.insertAction(before, action)
            else:
                menu.addAction(action)
        if separator:
            if before is not None:
                menu.insertSeparator(before)
            else:
                menu.addSeparator()

    def add_menu(self, name: str, menu: QMenu) -> None:
        """A menu of its own in the menu bar, before Help (Help stays last)."""
        bar = self.window.menuBar()
        help_menu = self.places.get("help", (None, None))[0]
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)
        self.menus[name] = menu

    def add_to_toolbar(self, actions: list[QAction]) -> None:
        if self.toolbar is not None:
            self.toolbar.addSeparator()
            self.toolbar.addActions(actions)

    def add_shortcuts(self, actions: list[QAction]) -> None:
        """Actions whose shortcuts work anywhere in the window, whether or not a menu shows them."""
        self.window.addActions(actions)

    def add_panel(
        self, widget: QWidget, title: str, area: Qt.DockWidgetArea, name: str, behind: str | None = None
    ) -> QDockWidget:
        """Dock a panel; ``behind`` names a panel it shares tabs with, which stays in front."""
        if self._add_dock is not None:
            dock = self._add_dock(widget, title, area, name)
        else:
            dock = QDockWidget(title, self.window)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widget)
            self.window.addDockWidget(area, dock)
        front = self.docks.get(behind) if behind else None
        if front is not None:
            if front not in self.window.tabifiedDockWidgets(dock):
                self.window.tabifyDockWidget(front, dock)
            front.raise_()
        self.docks[name] = dock
        return dock

    def resize_panel(self, dock: QDockWidget, size: int, orientation: Qt.Orientation) -> None:
        self.window.resizeDocks([dock], [size], orientation)

    def add_status_widget(self, widget: QWidget) -> None:
        self.status.addPermanentWidget(widget)

    # services ----------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.status.showMessage(text, 8000)

    def may_replace_document(self) -> bool:
        """Whether the open document may give way to another (asks "Save changes?" when it has edits)."""
        return self._may_replace() if self._may_replace is not None else True

    def open_graph(self, graph, path=None, title: str | None = None) -> None:
        if self._open_graph is not None:
            self._open_graph(graph, path=path, title=title)
        else:
            self.doc.replace(graph, path=path, title=title)

    @property
    def busy(self) -> BusyIndicator:
        """The status bar's indicator of background work (export, import).

        It lies over the status bar, left of its permanent widgets, outside the bar's layout, and fades when
        idle: showing a widget in the status bar re-lays out the window and repaints all of it in the turn that
        starts the work (50-100 ms on a big canvas), and a row kept for it in the layout left the bar's
        messages 255 px to say why a value was refused."""
        if self._busy is None:
            self._busy = BusyIndicator(self.status, keep_space=True)
            self._busy.setAutoFillBackground(True)  # a message under it does not show through while it works
            self.status.setMinimumHeight(self._busy.sizeHint().height())  # as tall as when it was in the layout
            self.status.installEventFilter(self)
            self._place_busy()
        return self._busy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.status and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self._place_busy)  # after the bar has placed its own widgets
        return False

    def _place_busy(self) -> None:
        busy, bar = self._busy, self.status
        widgets = [
            w
            for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w is not busy and not w.isHidden() and not isinstance(w, QSizeGrip)
        ]
        right = min((w.x() for w in widgets), default=bar.width()) - 4
        width = min(busy.sizeHint().width() + 60, max(0, right))  # the rest of a message stays readable
        busy.setGeometry(right - width, 0, width, bar.height())
        busy.raise_()

    @property
    def pool(self):
        """One worker thread for the features' own background jobs (imports), made on first use."""
        if self._pool is None:
            self._pool = serial_pool(self.window)
        return self._pool

    # features ----------------------------------------------------------------------------------
    def provide(self, name: str, feature: Any) -> None:
        """Announce an installed feature: those waiting for it (``when_provided``) are called now."""
        self.features[name] = feature
        self.provided.emit(name, feature)

    def feature(self, name: str) -> Any:
        """An installed feature, or None when it is not (yet) installed."""
        return self.features.get(name)

    def when_provided(self, name: str, callback: Callable[[Any], None]) -> None:
        """Call ``callback(feature)`` once the feature is installed: now if it already is, else when it comes."""
        if name in self.features:
            callback(self.features[name])
            return

        def arrived(provided: str, feature: Any) -> None:
            if provided == name:
                self.provided.disconnect(arrived)
                callback(feature)

        self.provided.connect(arrived)
