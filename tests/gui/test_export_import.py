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
    dialog = ExportDialog(window.host)
    dialog.format.setCurrentIndex(0)
    dialog.destination.setText(str(tmp_path / "lenet.py"))
    assert dialog.export(), errors
    assert window.busy.showing  # a child process exports; the status bar says so
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=120_000)
    assert not errors and not window.busy.showing
    source = (tmp_path / "lenet.py").read_text()
    assert "class Model(nn.Module)" in source and "import cnnstudio" not in source
    assert dialog.files == [str(tmp_path / "lenet.py")]


def test_export_into_a_missing_folder_is_one_line_and_writes_nothing(window, tmp_path, errors):
    dialog = ExportDialog(window.host)
    dialog.destination.setText(str(tmp_path / "nowhere" / "model.py"))
    assert not dialog.export()
    assert len(errors) == 1 and "does not exist" in errors[0] and "\n" not in errors[0]
    assert not (tmp_path / "nowhere").exists()


def test_import_opens_the_module_as_a_project_with_its_weights(window, qtbot, tmp_path, monkeypatch, errors):
    (tmp_path / "tinynet.py").write_text(TINY_NET)
    monkeypatch.syspath_prepend(str(tmp_path))
    dialog = ImportDialog(window.host)
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


TWO_INPUT_NET = """
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(8, 1, 4)
        self.down = nn.Conv2d(1, 2, 3)

    def forward(self, z, image):
        return self.up(z), self.down(image)
"""


def test_import_takes_one_shape_per_input_separated_by_semicolons(window, qtbot, tmp_path, monkeypatch, errors):
    (tmp_path / "twonet.py").write_text(TWO_INPUT_NET)
    monkeypatch.syspath_prepend(str(tmp_path))
    dialog = ImportDialog(window.host)
    dialog.spec.setText("twonet:Net")
    dialog.shape.setText("8,1,1")  # one shape for a two-tensor forward: the tracer's one line names both
    assert dialog.import_()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=120_000)
    assert len(errors) == 1 and "takes 2 tensors (z, image)" in errors[0] and "\n" not in errors[0]
    errors.clear()
    dialog = ImportDialog(window.host)
    dialog.spec.setText("twonet:Net")
    dialog.shape.setText("8,1,1; 1,6,6")
    assert dialog.import_(), errors
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=120_000)
    assert not errors
    inputs = [(n.name, n.type, n.params["shape"]) for n in window.doc.graph.nodes.values() if n.type.endswith("input")]
    assert inputs == [("z", "latent_input", [8, 1, 1]), ("image", "input", [1, 6, 6])]
    sys.modules.pop("twonet", None)


def test_import_of_a_bad_shape_list_is_one_line_and_starts_nothing(window, errors):
    dialog = ImportDialog(window.host)
    dialog.spec.setText("twonet:Net")
    dialog.shape.setText("8,1,1; 1,x,6")
    assert not dialog.import_()
    assert len(errors) == 1 and "one shape per input" in errors[0]
    assert not hasattr(dialog, "task")


def test_import_of_a_missing_module_is_one_line(window, qtbot, errors):
    before = window.doc.graph.snapshot()
    dialog = ImportDialog(window.host)
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


@pytest.mark.parametrize("answer", ["cancel", "discard"])
def test_import_asks_about_unsaved_edits_before_it_replaces_them(window, qtbot, tmp_path, monkeypatch, errors, answer):
    (tmp_path / "tinynet2.py").write_text(TINY_NET)
    monkeypatch.syspath_prepend(str(tmp_path))
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, title: asked.append(title) or answer)
    conv = window.doc.graph.by_name("conv1")
    window.doc.set_param(conv.id, "out_channels", 8)  # an edit not saved
    dialog = ImportDialog(window.host)
    dialog.spec.setText("tinynet2:net")
    dialog.shape.setText("1,6,6")
    assert dialog.import_() == (answer == "discard") and len(asked) == 1
    if answer == "cancel":  # nothing started, the edit is there
        assert not hasattr(dialog, "task") and window.doc.graph.by_name("conv1").params["out_channels"] == 8
    else:
        qtbot.waitUntil(lambda: not dialog.task.running, timeout=120_000)
        assert not errors and window.doc.graph.by_name("conv1") is None
    sys.modules.pop("tinynet2", None)


def test_a_cancelled_import_says_so_and_leaves_the_project(window, qtbot, tmp_path, monkeypatch, errors):
    (tmp_path / "tinynet3.py").write_text(TINY_NET)
    monkeypatch.syspath_prepend(str(tmp_path))
    before = window.doc.graph.snapshot()
    dialog = ImportDialog(window.host)
    dialog.spec.setText("tinynet3:net")
    dialog.shape.setText("1,6,6")
    assert dialog.import_(), errors
    dialog.task.cancel()  # the busy indicator's Cancel
    assert window.status.currentMessage() == "Import of tinynet3:net cancelled: the project is as it was"
    assert window.doc.graph.snapshot() == before and not errors
    sys.modules.pop("tinynet3", None)
