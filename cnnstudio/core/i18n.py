"""The user's language: which one, and the translated text of every message (stdlib only, no Qt).

Translations are Qt Linguist files, ``resources/i18n/<area>_<lang>.ts``, extracted by ``pyside6-lupdate``
so a translator works in Qt Linguist. This module reads them itself (they are XML), which lets the core,
the compiler, the training engine and the CLI speak the user's language without importing Qt; the GUI
hands the same catalogue to Qt through a QTranslator (``gui/translation.py``), so ``self.tr()`` and this
module's ``translate`` agree.

Writing a translatable message (``pyside6-lupdate`` extracts only these literal forms)::

    from cnnstudio.core.i18n import translate, QT_TRANSLATE_NOOP
    translate("Diagnostics", "kernel {kernel} is larger than the padded input {size}").format(kernel=5, size=3)
    TITLE = QT_TRANSLATE_NOOP("Blocks", "Convolution")   # marks a constant; translate(ctx, TITLE) shows it

Never an f-string inside ``translate``: the template is the catalogue key; numbers go in through ``format``,
so they stay exact in every language.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

LANGUAGES = ("en", "ja")  # English is the source language: it has no catalogue
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}
ENVIRONMENT_VARIABLE = "CNNSTUDIO_LANG"

_state: dict[str, object] = {"language": "en", "catalogue": {}}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for extraction without translating it now (constants built at import time)."""
    return text


def translate(context: str, text: str) -> str:
    """``text`` in the current language (itself when it has no translation yet)."""
    catalogue: dict[tuple[str, str], str] = _state["catalogue"]  # type: ignore[assignment]
    return catalogue.get((context, text)) or text


def language() -> str:
    return _state["language"]  # type: ignore[return-value]


def set_language(code: str, folder: Path | None = None) -> str:
    """Speak ``code`` from now on (an unknown code falls back to English); returns the language in use."""
    code = normalise(code) or "en"
    _state["language"] = code
    _state["catalogue"] = {} if code == "en" else load_catalogue(code, folder)
    from . import block_cache  # its memoised shape errors and param problems were worded in the old language

    block_cache.clear()
    return code


def normalise(code: str | None) -> str | None:
    """``ja_JP.UTF-8``, ``ja-JP``, ``JA`` → ``ja``; None for what is not one of LANGUAGES."""
    if not code:
        return None
    head = code.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return head if head in LANGUAGES else None


def system_language() -> str:
    """The language of the environment (POSIX variables; the GUI also asks Qt for the OS locale)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for part in value.split(":"):  # LANGUAGE is a priority list
            code = normalise(part)
            if code:
                return code
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en"
    return "en"


def choose_language(explicit: str | None = None, saved: str | None = None, system: str | None = None) -> str:
    """``--lang`` first, then $CNNSTUDIO_LANG, then the saved setting, then the system's language."""
    for candidate in (explicit, os.environ.get(ENVIRONMENT_VARIABLE), saved, system or system_language()):
        code = normalise(candidate)
        if code:
            return code
    return "en"


def catalogue_folder() -> Path:
    from ..resources import path  # resources is a stdlib-only locator, below every layer

    return path("i18n")


def load_catalogue(code: str, folder: Path | None = None) -> dict[tuple[str, str], str]:
    """Every finished translation of every ``*_<code>.ts`` file in the folder, keyed by (context, source).

    The files are ours (shipped in the package), but a damaged one must not stop the app: it is skipped.
    Unfinished and obsolete entries are left out, so English shows until a translator finishes them.
    """
    catalogue: dict[tuple[str, str], str] = {}
    folder = folder or catalogue_folder()
    for ts_file in sorted(folder.glob(f"*_{code}.ts")):
        try:
            root = ElementTree.parse(ts_file).getroot()
        except (OSError, ElementTree.ParseError):
            continue
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if (
                    source is None
                    or translation is None
                    or translation.get("type") in ("unfinished", "obsolete", "vanished")
                ):
                    continue
                if translation.text:
                    catalogue[(name, source)] = translation.text
    return catalogue
