"""The GUI's language: choose it at start-up, hand core/i18n's catalogue to Qt, pick fonts that show it.

We read the Qt Linguist ``.ts`` files directly (core/i18n parses them) instead of compiling ``.qm`` files:
one source for the GUI, the CLI and the core, nothing generated to keep current, and a translator edits
``resources/i18n/*_<lang>.ts`` in Qt Linguist and sees the result on the next start. ``self.tr()`` and
``QCoreApplication.translate`` reach that catalogue through :class:`CatalogueTranslator`; Qt's own strings
(standard buttons, file dialogs) come from the ``qtbase_<lang>.qm`` that ships with Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from cnnstudio.core import i18n
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

SETTING = "language"
# Japanese faces on Linux, Windows and macOS, tried in this order after the UI's own (Latin) face; a
# missing one is skipped by Qt, and with none installed Qt's own fallback still finds any CJK font.
JAPANESE_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Meiryo", "Hiragino Sans", "IPAexGothic")

# pyqtgraph asks Qt to translate its plots' context menu under its own context: listed here for lupdate
PYQTGRAPH_TEXTS = (QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),)


class CatalogueTranslator(QTranslator):
    """Answers Qt's translate() from core/i18n's catalogue (the finished entries of the ``.ts`` files)."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt's signature
        text = i18n.translate(context, source_text)
        # None (a null QString, not "") lets the next translator, Qt's own, try: QTranslator's "not mine"
        return text if text != source_text else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def saved_language(settings: QSettings | None) -> str | None:
    value = settings.value(SETTING) if settings is not None else None
    return value if isinstance(value, str) else None


def choose(explicit: str | None, settings: QSettings | None) -> str:
    """``--lang``, then $CNNSTUDIO_LANG, then the saved choice, then the system's language."""
    return i18n.choose_language(explicit=explicit, saved=saved_language(settings), system=QLocale.system().name())


def install(app: QApplication, code: str) -> str:
    """Speak ``code`` from now on: the core's catalogue, Qt's translators and the fonts. Returns the code."""
    code = i18n.set_language(code)
    for old in getattr(app, "_cnnstudio_translators", ()):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    if code != "en":
        ours = CatalogueTranslator(app)
        qt_own = QTranslator(app)
        # Qt's standard buttons and dialogs; without the file (a trimmed Qt) they simply stay English
        if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            translators.append(qt_own)
        app.installTranslator(ours)  # installed last, asked first
        translators.append(ours)
    app._cnnstudio_translators = translators
    apply_fonts(app, code)
    return code


def apply_fonts(app: QApplication, code: str) -> None:
    """Japanese text gets Japanese faces after the UI face (which keeps drawing Latin text and digits)."""
    font = QFont(app.font())
    base = [f for f in font.families() if f not in JAPANESE_FONTS] or [font.family()]
    font.setFamilies(base + list(JAPANESE_FONTS) if code == "ja" else base)
    app.setFont(font)
