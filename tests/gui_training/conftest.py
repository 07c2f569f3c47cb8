"""Fixtures for the training GUI: a tiny classifier project, the panel on its own, the main window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication  # PySide6 missing must fail these tests, not skip them

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.gui import dialogs
from cnnstudio.gui.theme import apply_theme
from cnnstudio.training.config import TrainingConfig

# A cold worker imports torch at nice +10 (it yields the CPU to the editor): on a 2-core machine with a load of
# 12-14 it gets a few percent of a core and took 250-570 s to report a missing folder. The waits are on conditions,
# so this limit costs nothing when the worker answers; it only bounds a real hang.
WORKER_TIMEOUT_MS = 1_200_000
# waits on the GUI's own timers: a condition that must become true, so a long limit costs nothing when it does
UI_TIMEOUT_MS = 60_000


def tiny_classifier(classes: int = 6, **config):
    """3×12×12 → conv → pool → linear: trains in milliseconds per step; ``config`` goes into its meta."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 12, 12])  # RGB like the shapes: nothing for the pre-flight to ask
    x = b.add("conv2d", "conv1", x, out_channels=4, kernel_size=3, padding=1)
    x = b.add("relu", "relu1", x)
    x = b.add("maxpool2d", "pool1", x, kernel_size=2, stride=2)
    x = b.add("flatten", "flatten", x)
    x = b.add("linear", "fc", x, out_features=classes)
    b.add("classification_output", "output", x)
    graph = b.build()
    TrainingConfig(**{"epochs": 2, "batch_size": 8, "data": "shapes:60", **config}).to_graph(graph)
    return graph


@pytest.fixture
def errors(monkeypatch) -> list[tuple[str, str]]:
    """Error dialogs shown (title, message) instead of blocking the test."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append((title, message)))
    return shown


@pytest.fixture
def make_panel(qtbot, tmp_path, errors):
    """A Training panel on its own document, its runs under the test's folder."""
    apply_theme(QApplication.instance())
    from cnnstudio.gui.project.document import Document
    from cnnstudio.gui.training import TrainingPanel
    from cnnstudio.gui.training.runs import RunFolders

    def make(graph=None):
        doc = Document(graph if graph is not None else tiny_classifier())
        panel = TrainingPanel(doc, folders=RunFolders(tmp_path / "runs"))
        panel.resize(1300, 400)
        qtbot.addWidget(panel, before_close_func=lambda p: p.shutdown())
        panel.show()
        qtbot.waitExposed(panel, timeout=UI_TIMEOUT_MS)
        return panel

    return make


@pytest.fixture
def window(qtbot, tmp_path, errors, monkeypatch):
    """The main window on temporary settings, showing LeNet-5; no modal dialog can block."""
    apply_theme(QApplication.instance())
    for name in ("ask_save_changes", "ask_recover", "open_path", "save_path", "choose_preset"):
        monkeypatch.setattr(dialogs, name, lambda *args, _n=name: pytest.fail(f"unexpected dialog {_n}"))
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    win = MainWindow(AppContext.temporary(tmp_path / "app", persist=False))
    qtbot.addWidget(win, before_close_func=lambda w: w.doc.undo_stack.setClean())
    win.resize(1300, 850)
    win.files.open_preset("lenet5")
    win.show()
    qtbot.waitExposed(win, timeout=UI_TIMEOUT_MS)
    return win
