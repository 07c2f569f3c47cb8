"""GUI test fixtures: a real main window on a temporary settings/recovery location, no modal dialogs."""

from __future__ import annotations

import pytest
import shiboken6  # PySide6 missing must fail these tests, not skip them
from PySide6.QtWidgets import QApplication

from cnnstudio.gui import dialogs
from cnnstudio.gui.context import AppContext
from cnnstudio.gui.theme import apply_theme

SCRIPTED = (
    "ask_save_changes",
    "ask_recover",
    "open_path",
    "save_path",
    "choose_preset",
    "ask_reload_changed",
    "ask_overwrite_changed",
    "ask_file_in_use",
)
REAL = {name: getattr(dialogs, name) for name in SCRIPTED}


class DialogScript:
    """Answers for the modal dialogs a test expects; an unexpected dialog fails the test instead of hanging."""

    def __init__(self, monkeypatch):
        self.answers: dict[str, list] = {}
        self.calls: list[tuple] = []
        self.monkeypatch = monkeypatch

    def use_real(self, *names: str) -> None:
        """Show these as real message boxes (the test clicks their buttons, see modal.py)."""
        for name in names:
            self.monkeypatch.setattr(dialogs, name, REAL[name])

    def expect(self, name: str, *answers) -> None:
        self.answers.setdefault(name, []).extend(answers)

    def answer(self, name: str, *args):
        self.calls.append((name, *args))
        if not self.answers.get(name):
            raise AssertionError(f"unexpected dialog {name}{args}")
        return self.answers[name].pop(0)


@pytest.fixture
def script(monkeypatch) -> DialogScript:
    s = DialogScript(monkeypatch)
    for name in SCRIPTED:
        monkeypatch.setattr(dialogs, name, lambda *args, _n=name: s.answer(_n, *args[1:]))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: s.calls.append(("show_error", message)))
    return s


@pytest.fixture
def ctx(tmp_path) -> AppContext:
    return AppContext.temporary(tmp_path / "app")


@pytest.fixture
def make_window(qtbot, ctx, script):
    """Build main windows on the test's settings; the first call opens the LeNet-5 default."""
    apply_theme(QApplication.instance())
    from cnnstudio.gui.main_window import MainWindow

    def make(preset: str | None = "lenet5", context: AppContext | None = None):
        window = MainWindow(context or ctx)
        made.append(window)
        qtbot.addWidget(window, before_close_func=_mark_clean)
        window.resize(1300, 850)
        if preset:
            window.files.open_preset(preset)
        window.show()
        qtbot.waitExposed(window, timeout=60_000)  # the default 5 s is short on a loaded machine

        return window

    made = []
    yield make
    for window in made:  # qtbot has closed them: delete them too, so later tests do not pay for them
        if shiboken6.isValid(window):
            window.deleteLater()


def _mark_clean(window) -> None:
    """Closing at teardown must not prompt about unsaved changes (a test may have closed it already)."""
    if shiboken6.isValid(window):
        window.doc.undo_stack.setClean()


@pytest.fixture
def window(make_window):
    return make_window()
