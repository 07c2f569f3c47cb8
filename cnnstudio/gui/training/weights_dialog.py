"""File → Load weights…: what a weights file would load into this network, before training uses it.

The report (matched / skipped for a different shape / missing / not used) comes from the compiler's
matching by state_dict key and shape, computed on the meta device: no memory, no initialisation. The
weights themselves are loaded by the training worker (``--weights``) when training starts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.core.edits import Compound
from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # torch stays out of the editor's start-up
    from cnnstudio.compiler.weights import LoadReport

WEIGHTS_FILTER = QT_TRANSLATE_NOOP("WeightsDialog", "Weights (*.safetensors *.pth *.pt *.bin);;All files (*)")
GROUP_COLORS = {"skipped": "#a86e0c", "missing": "#a86e0c", "unexpected": "#6b7280", "matched": "#2e9d5b"}


class WeightsProblem(Exception):
    """The file cannot be used with this network; str() is one line."""


def choose_weights_file(parent: QWidget | None, folder: str = "") -> str | None:
    """Ask for a weights file (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("WeightsDialog", "Load weights"),
        folder,
        QCoreApplication.translate("WeightsDialog", WEIGHTS_FILTER),
    )
    return path or None


def weights_report(graph: Graph, path: str | os.PathLike) -> LoadReport:
    """How the file's tensors match the network's state_dict; WeightsProblem when nothing can load."""
    import torch

    from cnnstudio.compiler import CompileError, WeightsError, compile_model, read_state_dict
    from cnnstudio.compiler.weights import match_state_dict

    try:
        with torch.device("meta"):
            shapes = {k: tuple(v.shape) for k, v in compile_model(graph).state_dict().items()}
    except CompileError as exc:
        raise WeightsProblem(
            QCoreApplication.translate("WeightsDialog", "the network cannot be compiled yet: {0}").format(exc)
        ) from None
    try:
        state = read_state_dict(path)
    except WeightsError as exc:
        raise WeightsProblem(str(exc)) from None
    report, _ = match_state_dict(shapes, state, Path(path).name)
    if not report.matched:
        example = next(iter(state))
        raise WeightsProblem(
            QCoreApplication.translate(
                "WeightsDialog",
                "{0}: none of its {1} tensors fit this network by name and shape (the file has keys like {2!r})",
            ).format(Path(path).name, len(state), example)
        )
    return report


def freeze_edit(graph: Graph, report: LoadReport) -> Compound | None:
    """Freeze what loaded below the layers that did not (a replaced head), or None when nothing would change."""
    from cnnstudio.compiler import backbone_freeze

    edit = backbone_freeze(graph, report)
    return edit if edit is not None and edit.edits else None


class LoadWeightsDialog(QDialog):
    """Shows a LoadReport; accepting it means "train from these weights" (and maybe freeze the backbone)."""

    def __init__(self, report: LoadReport, freeze: Compound | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Load weights"))
        self.setMinimumSize(520, 420)
        total = len(report.matched) + len(report.missing) + len(report.mismatched)
        layout = QVBoxLayout(self)
        self.heading = QLabel(
            self.tr("<b>{0}</b>: {1} of this network's {2} tensors load").format(
                report.source, len(report.matched), total
            )
        )
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        counts = self.tr(
            "{0} matched · {1} skipped (different shape) · {2} missing from the file · {3} not used"
        ).format(len(report.matched), len(report.mismatched), len(report.missing), len(report.unexpected))
        self.counts = QLabel(counts)
        self.counts.setProperty("role", "muted")
        layout.addWidget(self.counts)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Tensor"), self.tr("File"), self.tr("Network")])
        self.tree.setRootIsDecorated(True)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self._group("skipped", self.tr("Skipped: different shape (keeps fresh values)"), report.mismatched, expand=True)
        self._group("missing", self.tr("Missing from the file (keeps fresh values)"), report.missing, expand=True)
        self._group(
            "unexpected", self.tr("In the file, not in this network (not used)"), report.unexpected, expand=True
        )
        self._group(
            "matched", self.tr("Matched"), report.matched, expand=report.complete
        )  # open when it is all there is
        self.tree.resizeColumnToContents(0)
        layout.addWidget(self.tree, 1)

        self.freeze = QCheckBox()
        self.freeze_edit = freeze
        if freeze is not None:
            self.freeze.setText(
                self.tr("Freeze the {0} blocks that feed the new layers (train only those)").format(len(freeze.edits))
            )
            self.freeze.setChecked(bool(report.mismatched))
        else:
            self.freeze.setText(self.tr("Freeze the loaded layers (nothing to freeze: every layer loaded)"))
            self.freeze.setEnabled(False)
        layout.addWidget(self.freeze)
        note = QLabel(
            self.tr(
                "Training starts from these weights; layers that did not load start from fresh random values. "
                "Freezing is an ordinary edit: undo it, or use Unfreeze on the canvas."
            )
        )
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = buttons.addButton(self.tr("Use for training"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _group(self, name: str, title: str, entries, expand: bool) -> None:
        if not entries:
            return
        group = QTreeWidgetItem(self.tree, [f"{title} — {len(entries)}"])
        group.setForeground(0, QColor(GROUP_COLORS[name]))
        group.setFirstColumnSpanned(True)
        for entry in entries:
            if name == "skipped":
                row = [entry.key, _shape(entry.file_shape), _shape(entry.model_shape)]
            else:
                row = [entry, "", ""]
            QTreeWidgetItem(group, row)
        group.setExpanded(expand)
        self.groups[name] = group

    def keys(self, group: str) -> list[str]:
        item = self.groups.get(group)
        return [item.child(i).text(0) for i in range(item.childCount())] if item else []


def _shape(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) if shape else "scalar"
