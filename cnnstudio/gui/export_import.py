"""File → Export… and File → Import from PyTorch…: two small dialogs over the compiler's export and import.

Neither runs on the GUI thread. Export writes a snapshot of the graph to a temp project and runs
``python -m cnnstudio export`` in a child process (6–25 s of torch work for a large net: the child takes the
CPU and the GIL, and Cancel kills it for real, leaving no file). Import traces the module in a worker thread
(the result is a graph object the window opens; Cancel drops it). Both show in the status bar's busy
indicator with Cancel; the editor stays usable meanwhile. torch is imported only when the user confirms.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
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

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

from . import dialogs
from .background import ProcessTask, ThreadTask

if TYPE_CHECKING:
    from .host import Host

FORMATS = (  # (format, label, suffix)
    ("python", QT_TRANSLATE_NOOP("ExportImport", "PyTorch code (.py)"), ".py"),
    ("onnx", QT_TRANSLATE_NOOP("ExportImport", "ONNX (.onnx)"), ".onnx"),
    ("pt2", QT_TRANSLATE_NOOP("ExportImport", "torch.export program (.pt2)"), ".pt2"),
    ("safetensors", QT_TRANSLATE_NOOP("ExportImport", "Weights (.safetensors) + project"), ".safetensors"),
    ("train", QT_TRANSLATE_NOOP("ExportImport", "Training script (train.py, runs under torchrun)"), ".py"),
)


def _path_row(edit: QLineEdit, browse) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QPushButton(QCoreApplication.translate("ExportImport", "Browse…"))
    button.clicked.connect(browse)
    layout.addWidget(button)
    return row


class ExportDialog(QDialog):
    """Choose a format, a destination and optionally trained weights; Export writes the files."""

    def __init__(self, host: Host, weights: str = ""):
        super().__init__(host.window)
        self.host = host
        self.setWindowTitle(self.tr("Export"))
        self.format = QComboBox()
        for fmt, label, _ in FORMATS:
            self.format.addItem(QCoreApplication.translate("ExportImport", label), fmt)
        self.destination = QLineEdit()
        self.weights = QLineEdit(weights)
        self.weights.setPlaceholderText(self.tr("fresh weights (optional: a checkpoint or .safetensors/.pth file)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Save as"), _path_row(self.destination, self._browse_destination))
        form.addRow(self.tr("Weights"), _path_row(self.weights, self._browse_weights))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.format.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()

    def _suggest_name(self) -> None:
        fmt, _, suffix = FORMATS[self.format.currentIndex()]
        doc = self.host.doc
        folder = Path(doc.path).parent if doc.path else Path.home()
        stem = "train" if fmt == "train" else Path(doc.path).name.split(".")[0] if doc.path else "model"
        self.destination.setText(str(folder / f"{stem}{suffix}"))

    def _browse_destination(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.destination.text())
        if path:
            self.destination.setText(path)

    def _browse_weights(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Weights"), self.weights.text(), self.tr("Weights (*.safetensors *.pth *.pt);;All files (*)")
        )
        if path:
            self.weights.setText(path)

    def export(self) -> bool:
        """Start the export in a child process and close; a problem found at once is one line, the dialog open.

        The export is of the graph as it is now: later edits do not change it. Its end (or its one-line
        error) is reported by the window; ``self.task`` is the running export.
        """
        fmt = self.format.currentData()
        out = self.destination.text().strip()
        weights = self.weights.text().strip()
        problem = _export_problem(out)
        if problem:
            dialogs.show_error(self, self.tr("Cannot export"), problem)
            return False
        from cnnstudio.core.project_file import save
        from cnnstudio.core.safe_io import FileProblem

        folder = Path(tempfile.mkdtemp(prefix="cnnstudio-export-"))
        project = folder / "project.cnn.json"
        try:
            save(self.host.doc.graph, project)
        except (FileProblem, OSError, ValueError) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            dialogs.show_error(self, self.tr("Cannot export"), str(exc).splitlines()[0])
            return False
        args = ["export", str(project), "-o", out, "--format", fmt, "--force"]
        if weights:
            args += ["--weights", weights]
        self.files = [out]
        self.task = task = ProcessTask(
            args, self.tr("Exporting {0}…").format(Path(out).name), on_cancel=lambda: _tidy_cancelled(out, fmt)
        )
        host = self.host
        task.finished.connect(lambda _out: host.show_message(self.tr("Exported {0}").format(Path(out).name)))
        task.failed.connect(lambda line: dialogs.show_error(host.window, self.tr("Cannot export"), line))
        task.cancelled.connect(
            lambda: host.show_message(self.tr("Export of {0} cancelled: nothing written").format(Path(out).name))
        )
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(lambda *_a: shutil.rmtree(folder, ignore_errors=True))
        host.busy.run(task)
        self.accept()
        return True


def _export_problem(out: str) -> str:
    """What is wrong with the paths, found before a process starts ('' when nothing)."""
    if not out:
        return QCoreApplication.translate("ExportImport", "choose where to save the export")
    target = Path(out).expanduser()
    if not target.parent.is_dir():
        return QCoreApplication.translate("ExportImport", "{0} does not exist: choose a folder that does").format(
            target.parent
        )
    if target.is_dir():
        return QCoreApplication.translate("ExportImport", "{0} is a folder: choose a file name").format(target)
    return ""


def _tidy_cancelled(out: str, fmt: str) -> None:
    """A killed export may have left its writer's temp files (and, for code, its weights beside it): remove them."""
    from cnnstudio.core.safe_io import remove_orphans

    target = Path(out).expanduser()
    for path in (target, target.with_suffix(".safetensors"), target.with_name(target.name + ".data")):
        remove_orphans(path)


class ImportDialog(QDialog):
    """Trace a PyTorch module (``package.module:factory``) into a new project, its weights ready for training."""

    def __init__(self, host: Host):
        super().__init__(host.window)
        self.host = host
        self.setWindowTitle(self.tr("Import from PyTorch"))
        self.spec = QLineEdit()
        self.spec.setPlaceholderText(self.tr("torchvision.models:resnet18  or  path/to/net.py:Net  or  model.onnx"))
        # the examples must read in full, in every language (a Japanese line is wider)
        self.spec.setMinimumWidth(self.spec.fontMetrics().horizontalAdvance(self.spec.placeholderText()) + 24)
        self.shape = QLineEdit("3,224,224")
        self.shape.setToolTip(
            self.tr("One shape per tensor the module's forward takes, separated by ; (100,1,1; 1,28,28)")
        )
        self.expand = QCheckBox(self.tr("Trace torchvision's blocks into single layers"))
        note = QLabel(
            self.tr("The callable is called with no arguments and must return an nn.Module.")
            + " "
            + self.tr("An ONNX file brings its own input size when it fixes one.")
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Module"), self.spec)
        form.addRow(self.tr("Input C,H,W"), self.shape)
        form.addRow(self.expand)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.import_)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def import_(self) -> bool:
        """Trace, check and open the module; a problem is shown as one line and the dialog stays open."""
        try:  # one shape per tensor the forward takes: "100,1,1; 1,28,28" for a GAN's forward(z, image)
            shapes = [
                [int(v) for v in part.replace("×", ",").split(",") if v.strip()]
                for part in self.shape.text().split(";")
            ]
            if any(not 1 <= len(shape) <= 3 or min(shape) < 1 for shape in shapes):
                raise ValueError
        except ValueError:
            dialogs.show_error(
                self,
                self.tr("Cannot import"),
                self.tr("input must look like 3,224,224 (one shape per input, separated by ;), got {0!r}").format(
                    self.shape.text()
                ),
            )
            return False
        spec = self.spec.text().strip()
        if spec.lower().endswith(".onnx") and len(shapes) > 1:
            dialogs.show_error(self, self.tr("Cannot import"), self.tr("an ONNX file takes one input shape"))
            return False
        shape = shapes[0] if len(shapes) == 1 else shapes
        expand = self.expand.isChecked()
        if not self.host.may_replace_document():  # the import takes the window's place: edits are asked about
            return False

        def trace(_token):
            from cnnstudio.compiler import import_onnx, save_weights
            from cnnstudio.compiler.importer import import_module, imported_state_dict, load_callable

            if spec.lower().endswith(".onnx"):
                graph, module = import_onnx(spec, fallback=shape)
            else:
                module = load_callable(spec)
                graph = import_module(module, shape, composites=not expand, name=spec)
            weights = Path(tempfile.mkdtemp(prefix="cnnstudio-import-")) / "imported.safetensors"
            save_weights(imported_state_dict(module), weights)
            return graph, weights

        host = self.host
        self.task = task = ThreadTask(trace, self.tr("Importing {0}…").format(spec), host.pool)
        task.finished.connect(lambda result: _open_imported(host, spec, *result))
        task.failed.connect(lambda line: dialogs.show_error(host.window, self.tr("Cannot import"), line))
        task.cancelled.connect(
            lambda: host.show_message(self.tr("Import of {0} cancelled: the project is as it was").format(spec))
        )
        host.busy.run(task)
        self.accept()
        return True


def _open_imported(host: Host, spec: str, graph, weights: Path) -> None:
    host.open_graph(graph, title=spec.split(":")[-1])
    training = host.feature("training")
    if training is not None:  # the module's own weights are where training starts
        training.set_initial_weights(weights)
    host.show_message(
        QCoreApplication.translate(
            "ExportImport", "Imported {0}: {1} blocks; training starts from the weights the module had when built"
        ).format(spec, len(graph.nodes))
    )


def install_export_import(host: Host) -> tuple[QAction, QAction]:
    """File → Export… and File → Import from PyTorch…"""
    export = QAction(
        QCoreApplication.translate("ExportImport", "&Export…"),
        host.window,
        shortcut="Ctrl+E",
        toolTip=QCoreApplication.translate("ExportImport", "PyTorch code, ONNX, .pt2, safetensors, train.py"),
    )
    importer = QAction(
        QCoreApplication.translate("ExportImport", "&Import from PyTorch…"),
        host.window,
        toolTip=QCoreApplication.translate("ExportImport", "Trace an nn.Module into a project"),
    )

    def open_export() -> None:
        last = getattr(host.feature("training"), "last_checkpoint", None) or ""
        ExportDialog(host, str(last)).exec()

    export.triggered.connect(open_export)
    importer.triggered.connect(lambda: ImportDialog(host).exec())
    host.add_to_menu("file", [importer, export], separator=True)
    host.add_shortcuts([export, importer])
    host.provide("export", export)  # the Runs view opens it with a run's weights
    return export, importer
