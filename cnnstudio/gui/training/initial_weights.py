"""Where the next run's weights come from: fresh, or a file chosen with Load Weights… (transfer learning).

One row of the Training panel: what will load (or what did, from the worker's ``weights`` event) and a ✕ to
go back to fresh weights. Choosing a file shows what it loads and offers to freeze what it loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from .. import dialogs
from ..project.document import Document
from . import weights_dialog
from .weights_dialog import LoadWeightsDialog, WeightsProblem, freeze_edit, weights_report

if TYPE_CHECKING:  # torch stays out of the editor's start-up
    from cnnstudio.compiler.weights import LoadReport


class InitialWeights(QWidget):
    """(Its texts keep the Training panel's translation context, where they were translated.)"""

    changed = Signal()  # the weights for the next Start were chosen or cleared
    message = Signal(str)  # one line for the status bar

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.path: Path | None = None
        self.dialog: LoadWeightsDialog | None = None
        self.label = QLabel()
        self.label.setProperty("role", "muted")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.hide()
        self.clear_button = QToolButton(
            text="✕", toolTip=QCoreApplication.translate("TrainingPanel", "Start from fresh weights instead")
        )
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set(None))
        self.clear_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.clear_button)
        self.hide()

    def choose(self, path: str | None = None) -> LoadWeightsDialog | None:
        """Choose a weights file, show what it loads, and on OK train from it (optionally freezing)."""
        folder = str(self.doc.path.parent) if self.doc.path else ""
        path = path or weights_dialog.choose_weights_file(self.window(), folder)
        if not path:
            return None
        try:
            report = weights_report(self.doc.graph, path)
        except WeightsProblem as exc:
            dialogs.show_error(
                self.window(), QCoreApplication.translate("TrainingPanel", "Cannot use these weights"), str(exc)
            )
            return None
        dialog = LoadWeightsDialog(report, freeze_edit(self.doc.graph, report), self.window())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._use(Path(path), report, dialog.freeze.isChecked()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _use(self, path: Path, report: LoadReport, freeze: bool) -> None:
        if freeze:
            edit = freeze_edit(self.doc.graph, report)
            if edit is not None:
                self.doc.push(edit)
        self.set(path, report)

    def set(self, path: Path | None, report: LoadReport | None = None) -> None:
        self.path = path
        if path is None:
            self.show_text("")
            self.clear_button.hide()
            self.changed.emit()
            return
        loaded = (
            QCoreApplication.translate("TrainingPanel", ": {0} tensors load").format(len(report.matched))
            if report is not None
            else ""
        )
        self.show_text(
            QCoreApplication.translate("TrainingPanel", "Training starts from the weights in {0}{1}").format(
                path.name, loaded
            )
        )
        self.label.setToolTip(str(path))
        self.clear_button.show()
        self.changed.emit()
        self.message.emit(
            QCoreApplication.translate("TrainingPanel", "Weights {0} will be used when training starts").format(
                path.name
            )
        )

    def show_text(self, text: str) -> None:
        """What the row says (the worker's own report of what loaded replaces the plan)."""
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.setVisible(bool(text))  # an empty row takes no room (nor the layout's spacing)
