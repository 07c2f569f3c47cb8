"""File → Export… and File → Import from PyTorch…: two small dialogs over the compiler's export and import.

torch is imported only when the user confirms, so the editor starts without it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from . import dialogs

if TYPE_CHECKING:
    from .main_window import MainWindow

FORMATS = (  # (format, label, suffix)
    ("python", "PyTorch code (.py)", ".py"),
    ("onnx", "ONNX (.onnx)", ".onnx"),
    ("pt2", "torch.export program (.pt2)", ".pt2"),
    ("safetensors", "Weights (.safetensors) + project", ".safetensors"),
    ("train", "Training script (train.py, runs under torchrun)", ".py"),
)


def _path_row(edit: QLineEdit, browse) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QPushButton("Browse…")
    button.clicked.connect(browse)
    layout.addWidget(button)
    return row


class ExportDialog(QDialog):
    """Choose a format, a destination and optionally trained weights; Export writes the files."""

    def __init__(self, window: MainWindow, weights: str = ""):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Export")
        self.format = QComboBox()
        for fmt, label, _ in FORMATS:
            self.format.addItem(label, fmt)
        self.destination = QLineEdit()
        self.weights = QLineEdit(weights)
        self.weights.setPlaceholderText("fresh weights (optional: a checkpoint or .safetensors/.pth file)")
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Save as", _path_row(self.destination, self._browse_destination))
        form.addRow("Weights", _path_row(self.weights, self._browse_weights))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.format.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()

    def _suggest_name(self) -> None:
        fmt, _, suffix = FORMATS[self.format.currentIndex()]
        doc = self.window_.doc
        folder = Path(doc.path).parent if doc.path else Path.home()
        stem = "train" if fmt == "train" else Path(doc.path).name.split(".")[0] if doc.path else "model"
        self.destination.setText(str(folder / f"{stem}{suffix}"))

    def _browse_destination(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.destination.text())
        if path:
            self.destination.setText(path)

    def _browse_weights(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Weights", self.weights.text(), "Weights (*.safetensors *.pth *.pt);;All files (*)"
        )
        if path:
            self.weights.setText(path)

    def export(self) -> bool:
        """Write the export; a problem is shown as one line and the dialog stays open."""
        from cnnstudio.compiler.export import ExportError, export_model

        fmt = self.format.currentData()
        out = self.destination.text().strip()
        if not out:
            dialogs.show_error(self, "Cannot export", "choose where to save the export")
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_model(self.window_.doc.graph, fmt, out, self.weights.text().strip() or None)
        except ExportError as exc:
            QApplication.restoreOverrideCursor()
            dialogs.show_error(self, "Cannot export", str(exc))
            return False
        QApplication.restoreOverrideCursor()
        self.files = [str(f) for f in result.files]
        self.window_.show_message(f"Exported {', '.join(Path(f).name for f in self.files)}")
        self.accept()
        return True


class ImportDialog(QDialog):
    """Trace a PyTorch module (``package.module:factory``) into a new project, its weights ready for training."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Import from PyTorch")
        self.spec = QLineEdit()
        self.spec.setPlaceholderText("torchvision.models:resnet18  or  path/to/net.py:Net")
        self.shape = QLineEdit("3,224,224")
        self.expand = QCheckBox("Trace torchvision's blocks into single layers")
        note = QLabel("The callable is called with no arguments and must return an nn.Module.")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("Module", self.spec)
        form.addRow("Input C,H,W", self.shape)
        form.addRow(self.expand)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.import_)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def import_(self) -> bool:
        """Trace, check and open the module; a problem is shown as one line and the dialog stays open."""
        try:
            shape = [int(v) for v in self.shape.text().replace("×", ",").split(",") if v.strip()]
            if not 1 <= len(shape) <= 3 or min(shape) < 1:
                raise ValueError
        except ValueError:
            dialogs.show_error(self, "Cannot import", f"input must look like 3,224,224, got {self.shape.text()!r}")
            return False
        spec = self.spec.text().strip()
        from cnnstudio.compiler import save_weights
        from cnnstudio.compiler.importer import ModuleImportError, import_module, imported_state_dict, load_callable

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            module = load_callable(spec)
            graph = import_module(module, shape, composites=not self.expand.isChecked(), name=spec)
            weights = Path(tempfile.mkdtemp(prefix="cnnstudio-import-")) / "imported.safetensors"
            save_weights(imported_state_dict(module), weights)
        except (ModuleImportError, OSError, ValueError) as exc:
            QApplication.restoreOverrideCursor()
            dialogs.show_error(self, "Cannot import", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return False
        QApplication.restoreOverrideCursor()
        self.window_.open_graph(graph, title=spec.split(":")[-1])
        training = getattr(self.window_, "training", None)
        if training is not None:  # the module's own weights are where training starts
            training.set_initial_weights(weights)
        self.window_.show_message(f"Imported {spec}: {len(graph.nodes)} blocks, with its weights")
        self.accept()
        return True


def install_export_import(window: MainWindow) -> tuple[QAction, QAction]:
    """File → Export… and File → Import from PyTorch…"""
    export = QAction("&Export…", window, shortcut="Ctrl+E", toolTip="PyTorch code, ONNX, .pt2, safetensors, train.py")
    importer = QAction("&Import from PyTorch…", window, toolTip="Trace an nn.Module into a project")

    def open_export() -> None:
        training = getattr(window, "training", None)
        last = getattr(training, "last_checkpoint", None) or ""
        ExportDialog(window, str(last)).exec()

    export.triggered.connect(open_export)
    importer.triggered.connect(lambda: ImportDialog(window).exec())
    file_menu = next((a.menu() for a in window.menuBar().actions() if a.text() == "&File"), None)
    if file_menu is not None:
        file_menu.insertActions(window.act_quit, [importer, export])
        file_menu.insertSeparator(window.act_quit)
    window.addActions([export, importer])
    return export, importer
