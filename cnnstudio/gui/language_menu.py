"""View → Language: English or 日本語, remembered in the settings; the new language shows after a restart."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from cnnstudio.core import i18n

from .translation import SETTING


def language_menu(window: QWidget, settings, persist: bool) -> QMenu:
    """One checkable entry per language, each named in its own language (a reader finds their own)."""
    menu = QMenu(QCoreApplication.translate("LanguageMenu", "Lan&guage"), window)
    menu.setObjectName("menu_language")
    group = QActionGroup(menu)
    group.setExclusive(True)
    for code in i18n.LANGUAGES:
        action = menu.addAction(i18n.LANGUAGE_NAMES[code])
        action.setCheckable(True)
        action.setChecked(code == i18n.language())
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c, settings, persist))
    return menu


def choose_language(window: QWidget, code: str, settings, persist: bool) -> bool:
    """Remember ``code``; offer to restart now. Returns whether a restart was started."""
    if persist:
        settings.setValue(SETTING, code)
        settings.sync()
    if code == i18n.language():
        return False
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("LanguageMenu", "Language"))
    box.setText(
        QCoreApplication.translate("LanguageMenu", "CNN Studio shows {0} after a restart. Restart now?").format(
            i18n.LANGUAGE_NAMES[code]
        )
    )
    restart = box.addButton(
        QCoreApplication.translate("LanguageMenu", "Restart Now"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restart or not window.close():  # close() asks to save unsaved work
        return False
    path = getattr(getattr(window, "doc", None), "path", None)
    arguments = ["-m", "cnnstudio", "--lang", code] + ([str(path)] if path else [])
    return QProcess.startDetached(sys.executable, arguments)[0]
