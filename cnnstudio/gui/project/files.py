"""New, open, save, save as, recent files, the unsaved-changes prompt, and the file changing under us.

Nothing is lost without a word: a file changed on disk (another window, another program) is reloaded
when the document has no unsaved edits and asked about when it has; a save over a file that changed
since it was read asks first; opening a file another window has open says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cnnstudio import presets
from cnnstudio.core.graph import Graph
from cnnstudio.core.project_file import SUFFIX, ProjectFileError, dumps, save

from .. import dialogs
from ..context import AppContext
from .disk_watch import MISSING, UNREADABLE, DiskWatcher, digest, fingerprint, read_project
from .document import Document
from .file_claim import FileClaim, key_of

MAX_RECENT = 8


class FileController(QObject):
    recent_changed = Signal()
    message = Signal(str)

    def __init__(self, doc: Document, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc, self.ctx, self.parent_widget = doc, ctx, parent
        self.disk = DiskWatcher(self)
        self.disk.changed.connect(self._on_disk_changed)
        self.claim = FileClaim(self, ctx.recovery_dir if ctx.persist else None)
        doc.reset.connect(self._follow_document)

    # creating and opening ----------------------------------------------------------------------
    def new_blank(self) -> bool:
        if not self.maybe_save():
            return False
        self.doc.replace(Graph(), title=self.tr("Untitled"))
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
        try:  # a missing or broken file is said before "Save changes?" is asked, not after
            read = read_project(path)
        except ProjectFileError as exc:
            dialogs.show_error(self.parent_widget, self.tr("Cannot open the project"), str(exc))
            return False
        if not self.maybe_save():
            return False
        return self.load_into_document(path, read)

    def load_into_document(self, path: str, read=None) -> bool:
        """Open ``path`` (``read``: what ``read_project`` gave for it already); a bad file is reported in a dialog
        and the current document stays as it was."""
        as_copy = False
        if self.doc.path is None or key_of(self.doc.path) != key_of(path):
            holder = self.claim.holder_of(path)
            if holder is not None:
                other = self.claim.other_window(path)
                answer = dialogs.ask_file_in_use(self.parent_widget, Path(path).name, holder, other is not None)
                if answer == "switch" and other is not None:
                    other.parent_widget.raise_()
                    other.parent_widget.activateWindow()
                    return False
                if answer not in ("open", "copy"):
                    return False
                as_copy = answer == "copy"
        try:
            graph, known = read if read is not None else read_project(path)
        except ProjectFileError as exc:
            dialogs.show_error(self.parent_widget, self.tr("Cannot open the project"), str(exc))
            return False
        if as_copy:  # read-only in effect: the copy has no file, so Save asks for a new name
            self.doc.replace(graph, path=None, title=self.tr("{0} (copy)").format(Path(path).name.removesuffix(SUFFIX)))
            self.message.emit(self.tr("Opened a copy of {0}: saving asks for a new name").format(path))
            return True
        self.doc.replace(graph, path=path)
        self.disk.track(self.doc.path, known)
        self.add_recent(path)
        self.message.emit(self.tr("Opened {0}").format(path))
        return True

    def _follow_document(self) -> None:
        """Whatever put a graph in the document (open, recovery, import): watch and claim its file."""
        path = self.doc.path
        if path is None:
            self.disk.track(None, None)
            self.claim.release()
            return
        if self.disk.path != path:
            self.disk.track(path, fingerprint(path))
        holder = self.claim.claim(path)
        if holder is not None:
            self.message.emit(
                self.tr("{0} is also open in {1}: changes saved there will show here").format(path.name, holder)
            )

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
        path = Path(path)
        if self.doc.path is not None and key_of(path) == key_of(self.doc.path):
            now = self.disk.differs()
            if now not in (None, MISSING, UNREADABLE):  # someone else's version is there: ask before replacing it
                with self.disk.asking(now):
                    answer = dialogs.ask_overwrite_changed(self.parent_widget, path.name)
                if answer == "save_as":
                    return self.save_as()
                if answer != "overwrite":
                    return False
        try:
            text = dumps(self.doc.graph)
            save(self.doc.graph, path)
        except (ProjectFileError, TypeError, ValueError) as exc:
            dialogs.show_error(self.parent_widget, self.tr("Cannot save the project"), str(exc).splitlines()[0])
            return False
        self.doc.mark_saved(path)
        self.disk.track(path, digest(text.encode("utf-8")))
        self.claim.claim(path)
        self.add_recent(str(path))
        self.message.emit(self.tr("Saved {0}").format(path))
        return True

    # the file changed on disk --------------------------------------------------------------------
    def _on_disk_changed(self, now: str) -> None:
        path = self.doc.path
        if path is None:
            return
        if now == MISSING:
            if not self.doc.modified:  # the window now holds the only copy: closing must ask
                self.doc.undo_stack.resetClean()
            self.message.emit(self.tr("{0} was deleted or moved on disk: Save writes it again").format(path.name))
            return
        if now == UNREADABLE:
            return
        if not self.doc.modified:
            self.reload(quiet=True)
            return
        with self.disk.asking(now):
            answer = dialogs.ask_reload_changed(self.parent_widget, path.name)
        if answer == "reload":
            self.reload(quiet=False)
        elif answer == "save_as":
            self.save_as()
        else:
            self.message.emit(
                self.tr("Kept your version of {0}; saving will ask before replacing the one on disk").format(path.name)
            )

    def reload(self, quiet: bool = True) -> bool:
        """Read the document's file again (its undo history goes: it describes the old content)."""
        path = self.doc.path
        try:
            graph, known = read_project(path)
        except ProjectFileError as exc:  # caught mid-write by a program that does not save atomically
            self.message.emit(
                self.tr("{0} changed on disk but cannot be read now ({1}); kept as shown").format(
                    path.name, exc.problem
                )
            )
            return False
        self.doc.replace(graph, path=path)
        self.disk.track(path, known)
        self.message.emit(
            self.tr("Reloaded {0}: it changed on disk").format(path.name)
            if quiet
            else self.tr("Reloaded {0}").format(path.name)
        )
        return True

    def close(self) -> None:
        """The window is closing: stop watching, let other windows have the file."""
        self.disk.track(None, None)
        self.claim.release()

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
