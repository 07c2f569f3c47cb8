"""File → Export… and File → Import from PyTorch… drive the compiler's export and import."""

import sys

import pytest

from cnnstudio.gui import dialogs
from cnnstudio.gui.export_import import ExportDialog, ImportDialog

TINY_NET = """
import torch.nn as nn

def net():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 3))
"""


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    return shown


def test_export_python_with_fresh_weights_writes_a_model_file(window, qtbot, tmp_path, errors):
    window.files.open_preset("lenet5")
    dialog = ExportDialog(window)
    dialog.format.setCurrentIndex(0)
    dialog.destination.setText(str(tmp_path / "lenet.py"))
    assert dialog.export(), errors
    assert window.busy.isVisible()  # a child process exports; the status bar says so
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=120_000)
    assert not errors and not window.busy.isVisible()
    source = (tmp_path / "lenet.py").read_text()
    assert "class Model(nn.Module)" in source and "import cnnstudio" not in source
    assert dialog.files == [str(tmp_path / "lenet.py")]


def test_export_into_a_missing_folder_is_one_line_and_writes_nothing(window, tmp_path, errors):
    dialog = ExportDialog(window)
    dialog.destination.setText(str(tmp_path / "nowhere" / "model.py"))
    assert not dialog.export()
    assert len(errors) == 1 and "does not exist" in errors[0] and "\n" not in errors[0]
    assert not (tmp_path / "nowhere").exists()


def test_import_opens_the_module_as_a_project_with_its_weights(window, qtbot, tmp_path, monkeypatch, errors):
    (tmp_path / "tinynet.py").write_text(TINY_NET)
    monkeypatch.syspath_prepend(str(tmp_path))
    dialog = ImportDialog(window)
    dialog.spec.setText("tinynet:net")
    dialog.shape.setText("1,6,6")
    assert dialog.import_(), errors
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=120_000)  # traced in a worker thread
    assert not errors
    types = [n.type for n in window.doc.graph.nodes.values()]
    assert types == ["input", "conv2d", "relu", "flatten", "linear", "classification_output"]
    weights = window.training.weights
    assert weights is not None and weights.exists()
    sys.modules.pop("tinynet", None)


def test_import_of_a_missing_module_is_one_line(window, qtbot, errors):
    before = window.doc.graph.snapshot()
    dialog = ImportDialog(window)
    dialog.spec.setText("no_such_module_here:net")
    dialog.shape.setText("1,6,6")
    dialog.import_()
    qtbot.waitUntil(lambda: len(errors) > 0, timeout=120_000)
    assert len(errors) == 1 and "no_such_module_here" in errors[0]
    assert window.doc.graph.snapshot() == before  # nothing lost


def test_file_menu_has_export_and_import(window):
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    assert "&Export…" in texts and "&Import from PyTorch…" in texts
