"""New, open, save, save as, recent files and the unsaved-changes prompt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cnnstudio import presets
from cnnstudio.core.graph import Graph
from cnnstudio.core.project_file import SUFFIX, ProjectFileError, load, save

from . import dialogs
from .context import AppContext
from .document import Document

MAX_RECENT = 8


class FileController(QObject):
    recent_changed = Signal()
    message = Signal(str)

    def __init__(self, doc: Document, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc, self.ctx, self.parent_widget = doc, ctx, parent

    # creating and opening ----------------------------------------------------------------------
    def new_blank(self) -> bool:
        if not self.maybe_save():
            return False
        self.doc.replace(Graph(), title="Untitled")
        return True

    def new_from_preset(self, name: str | None = None) -> bool:
        name = name or dialogs.choose_preset(self.parent_widget)
        if not name or not self.maybe_save():
            return False
        self.open_preset(name)
        return True

    def open_preset(self, name: str) -> None:
        """A preset as a new unsaved document: Save asks where, so the shipped file is never overwritten."""
        self.doc.replace(presets.build(name), path=None, title=name)

    def open(self, path: str | None = None) -> bool:
        if path is None:
            folder = str(self.doc.path.parent) if self.doc.path else ""
            path = dialogs.open_path(self.parent_widget, folder)
            if not path:
                return False
        if not self.maybe_save():
            return False
        return self.load_into_document(path)

    def load_into_document(self, path: str) -> bool:
        """Open ``path``; a bad file is reported in a dialog and the current document stays as it was."""
        try:
            graph = load(path)
        except ProjectFileError as exc:
            dialogs.show_error(self.parent_widget, "Cannot open the project", str(exc))
            return False
        self.doc.replace(graph, path=path)
        self.add_recent(path)
        self.message.emit(f"Opened {path}")
        return True

    # saving ------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None or _is_shipped(self.doc.path):
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self, path: str | None = None) -> bool:
        if path is None:
            suggested = str(self.doc.path) if self.doc.path and not _is_shipped(self.doc.path) else self._suggest()
            path = dialogs.save_path(self.parent_widget, suggested)
            if not path:
                return False
        target = Path(path)
        if not target.name.endswith(".json"):
            target = target.with_name(target.name + SUFFIX)
        return self._write(target)

    def _suggest(self) -> str:
        stem = self.doc.title.removesuffix(SUFFIX)
        folder = Path(self.recent_files()[0]).parent if self.recent_files() else Path.home()
        return str(folder / f"{stem}{SUFFIX}")

    def _write(self, path: Path) -> bool:
        try:
            save(self.doc.graph, path)
        except ProjectFileError as exc:
            dialogs.show_error(self.parent_widget, "Cannot save the project", str(exc))
            return False
        self.doc.mark_saved(path)
        self.add_recent(str(path))
        self.message.emit(f"Saved {path}")
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unchanged)."""
        if not self.doc.modified:
            return True
        answer = dialogs.ask_save_changes(self.parent_widget, self.doc.title)
        if answer == "save":
            return self.save()
        return answer == "discard"

    # recent files ------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.ctx.settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def add_recent(self, path: str) -> None:
        if not self.ctx.persist:
            return
        path = str(Path(path).resolve())
        items = [path] + [p for p in self.recent_files() if p != path]
        self.ctx.settings.setValue("recent_files", items[:MAX_RECENT])
        self.recent_changed.emit()

    def clear_recent(self) -> None:
        self.ctx.settings.setValue("recent_files", [])
        self.recent_changed.emit()


def _is_shipped(path: Path) -> bool:
    """A preset file inside the installed package: opening it is fine, overwriting it is not."""
    try:
        return Path(path).resolve().parent == presets.registry.FILES.resolve()
    except OSError:
        return False
