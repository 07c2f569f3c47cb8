"""Every modal question the app asks, in one place (tests replace these functions)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

FILE_FILTER = QT_TRANSLATE_NOOP("Dialogs", "CNN Studio projects (*.cnn.json);;JSON files (*.json);;All files (*)")


def ask_save_changes(parent: QWidget | None, title: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unsaved changes"))
    box.setText(QCoreApplication.translate("Dialogs", "Save the changes to “{0}”?").format(title))
    box.setInformativeText(QCoreApplication.translate("Dialogs", "Your changes will be lost if you don't save them."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(QMessageBox.StandardButton(answer), "cancel")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def ask_recover(parent: QWidget | None, title: str, saved_at: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Recover unsaved work"))
    box.setText(
        QCoreApplication.translate(
            "Dialogs", "CNN Studio did not close properly. Recover the unsaved changes to “{0}”?"
        ).format(title)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Dialogs", "Autosaved {0}. If you discard them, the recovery file is deleted."
        ).format(saved_at)
    )
    recover = box.addButton(QCoreApplication.translate("Dialogs", "Recover"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("Dialogs", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(recover)
    box.exec()
    return box.clickedButton() is recover


def open_path(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Open project"),
        folder,
        QCoreApplication.translate("Dialogs", FILE_FILTER),
    )
    return path or None


def save_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Save project"),
        suggested,
        QCoreApplication.translate("Dialogs", FILE_FILTER),
    )
    return path or None


def choose_preset(parent: QWidget | None) -> str | None:
    from .gallery import PresetGallery

    dialog = PresetGallery(parent)
    return dialog.chosen() if dialog.exec() else None


def _ask(parent: QWidget | None, icon, title: str, text: str, detail: str, buttons, default: str) -> str:
    """A question with named buttons ``[(answer, label, role)]``; closing the box answers the reject role."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    made = {box.addButton(label, role): answer for answer, label, role in buttons}
    box.setDefaultButton(next(b for b, a in made.items() if a == default))
    box.exec()
    return made.get(box.clickedButton(), "cancel")


def ask_reload_changed(parent: QWidget | None, name: str) -> str:
    """The file of a document with unsaved edits changed on disk: 'reload', 'keep' or 'save_as'."""
    Role = QMessageBox.ButtonRole
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Dialogs", "File changed on disk"),
        QCoreApplication.translate("Dialogs", "“{0}” changed on disk, and you have unsaved changes.").format(name),
        QCoreApplication.translate(
            "Dialogs",
            "Reload it and lose your changes, keep your version (saving asks before replacing the file), "
            "or save your version under another name.",
        ),
        [
            ("reload", QCoreApplication.translate("Dialogs", "Reload"), Role.DestructiveRole),
            ("keep", QCoreApplication.translate("Dialogs", "Keep Mine"), Role.RejectRole),
            ("save_as", QCoreApplication.translate("Dialogs", "Save As…"), Role.AcceptRole),
        ],
        "keep",
    )


def ask_overwrite_changed(parent: QWidget | None, name: str) -> str:
    """Saving over a file that changed since it was read: 'overwrite', 'save_as' or 'cancel'."""
    Role = QMessageBox.ButtonRole
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Dialogs", "File changed on disk"),
        QCoreApplication.translate("Dialogs", "The file “{0}” changed on disk since you opened it.").format(name),
        QCoreApplication.translate(
            "Dialogs",
            "Overwrite it with your version (the other changes are lost), save yours under another name, or cancel.",
        ),
        [
            ("overwrite", QCoreApplication.translate("Dialogs", "Overwrite"), Role.DestructiveRole),
            ("save_as", QCoreApplication.translate("Dialogs", "Save As…"), Role.AcceptRole),
            ("cancel", QCoreApplication.translate("Dialogs", "Cancel"), Role.RejectRole),
        ],
        "save_as",
    )


def ask_file_in_use(parent: QWidget | None, name: str, holder: str, can_switch: bool) -> str:
    """Opening a file that is open elsewhere: 'switch', 'open', 'copy' or 'cancel'."""
    Role = QMessageBox.ButtonRole
    buttons = [("switch", QCoreApplication.translate("Dialogs", "Switch to It"), Role.AcceptRole)] if can_switch else []
    buttons += [
        ("open", QCoreApplication.translate("Dialogs", "Open Anyway"), Role.ActionRole),
        ("copy", QCoreApplication.translate("Dialogs", "Open a Copy"), Role.ActionRole),
        ("cancel", QCoreApplication.translate("Dialogs", "Cancel"), Role.RejectRole),
    ]
    return _ask(
        parent,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Dialogs", "File already open"),
        QCoreApplication.translate("Dialogs", "“{0}” is already open in {1}.").format(name, holder),
        QCoreApplication.translate(
            "Dialogs",
            "Both can edit it: each notices what the other saves and asks before overwriting. "
            "A copy has no file, so saving it asks for a new name.",
        ),
        buttons,
        "switch" if can_switch else "copy",
    )
