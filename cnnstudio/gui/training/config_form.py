"""The training settings row: data source, epochs, batch size, learning rate, optimizer.

The fields show ``graph.meta["training"]`` and never hold state of their own: a change is pushed as an
undoable edit, and an undo (or another project) reloads the fields from the graph.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QWidget

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.training.config import OPTIMIZERS
from cnnstudio.training.errors import ConfigError

from ..project.document import Document
from ..strict_spin import StrictSpinBox
from .config_edit import config_edit, read_config

# (kind, label, needs a folder): the data sources of cnnstudio.training.data
SOURCES = (
    ("digits", QT_TRANSLATE_NOOP("ConfigForm", "Digits (bundled, 8×8)"), False),
    ("shapes", QT_TRANSLATE_NOOP("ConfigForm", "Shapes (generated)"), False),
    ("folder", QT_TRANSLATE_NOOP("ConfigForm", "Image folder"), True),
    ("mnist", "MNIST", True),
    ("fashion-mnist", "Fashion-MNIST", True),
    ("cifar10", "CIFAR-10", True),
    # box data, for a network that ends in a Detection output
    ("shapes-boxes", QT_TRANSLATE_NOOP("ConfigForm", "Shapes with boxes (generated)"), False),
    ("coco", QT_TRANSLATE_NOOP("ConfigForm", "COCO folder (boxes)"), True),
    ("voc", QT_TRANSLATE_NOOP("ConfigForm", "Pascal VOC folder (boxes)"), True),
    ("yolo", QT_TRANSLATE_NOOP("ConfigForm", "YOLO folder (boxes)"), True),
)
DATA_CHARS = 16  # the data field's width, in characters
OPTIMIZER_LABELS = {"sgd": QT_TRANSLATE_NOOP("ConfigForm", "SGD + momentum"), "adam": "Adam", "adamw": "AdamW"}


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """Ask for a folder (tests replace this function)."""
    return QFileDialog.getExistingDirectory(parent, title, start) or None


def spec_kind(spec: str) -> tuple[str, str]:
    kind, _, arg = (spec or "").partition(":")
    return kind.strip().lower(), arg


class ConfigForm(QWidget):
    problem = Signal(str)  # a value that cannot be used, one line ('' when fixed)

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.data = QComboBox()
        self.data.setToolTip(
            self.tr("What to train on: the bundled digits work offline; a folder needs one subfolder per class")
        )
        for kind, source_label, needs_path in SOURCES:
            label = QCoreApplication.translate("ConfigForm", source_label)
            self.data.addItem(label + ("…" if needs_path else ""), kind)
        self.epochs = StrictSpinBox(minimum=1, maximum=100_000)
        self.batch = StrictSpinBox(minimum=1, maximum=65_536)
        self.lr = QLineEdit()
        self.lr.setFixedWidth(70)
        self.lr.setToolTip(self.tr("Learning rate, e.g. 0.002 or 1e-3"))
        self.optimizer = QComboBox()
        for name in OPTIMIZERS:
            self.optimizer.addItem(QCoreApplication.translate("ConfigForm", OPTIMIZER_LABELS.get(name, name)), name)
        for spin in (self.epochs, self.batch):
            spin.setKeyboardTracking(False)  # one edit per committed value, not per keystroke
            spin.setFixedWidth(72)
        # as wide as the built-in sources' names, not as the chosen folder's: a long folder name elides (the
        # tooltip has it whole) instead of widening the panel, and the window with it
        self.data.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.data.setMinimumContentsLength(DATA_CHARS)
        self.data.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.optimizer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for label, widget in (
            (self.tr("Data"), self.data),
            (self.tr("Epochs"), self.epochs),
            (self.tr("Batch"), self.batch),
            (self.tr("LR"), self.lr),
            (self.tr("Optimizer"), self.optimizer),
        ):
            text = QLabel(label)
            text.setProperty("role", "muted")
            layout.addWidget(text)
            layout.addWidget(widget)
            if isinstance(widget, StrictSpinBox):
                widget.refused.connect(lambda reason, label=label: self.problem.emit(f"{label}: {reason}"))

        self.data.activated.connect(self._on_data)
        self.epochs.valueChanged.connect(lambda v: self._commit(epochs=v))
        self.batch.valueChanged.connect(lambda v: self._commit(batch_size=v))
        self.lr.editingFinished.connect(self._on_lr)
        self.optimizer.activated.connect(lambda _i: self._commit(optimizer=self.optimizer.currentData()))
        self._shown: tuple = ()  # the (config, problem) the fields show
        doc.reset.connect(self.reload)
        doc.undo_stack.indexChanged.connect(self._on_undo_index)
        self.reload()

    # graph -> fields ---------------------------------------------------------------------------
    def _on_undo_index(self, _index: int) -> None:
        if read_config(self.doc.graph) != self._shown:  # most edits change the network, not the settings
            self.reload()

    def reload(self) -> None:
        config, problem = self._shown = read_config(self.doc.graph)
        widgets = (self.data, self.epochs, self.batch, self.lr, self.optimizer)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self._show_data(config.data)
            self.epochs.setValue(config.epochs)
            self.batch.setValue(config.batch_size)
            self.lr.setText(f"{config.lr:g}")
            self.optimizer.setCurrentIndex(max(0, self.optimizer.findData(config.optimizer)))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.problem.emit(
            self.tr("The project's training settings cannot be used: {0}").format(problem) if problem else ""
        )

    def _show_data(self, spec: str) -> None:
        kind, arg = spec_kind(spec)
        for index, (k, source_label, needs_path) in enumerate(SOURCES):
            label = QCoreApplication.translate("ConfigForm", source_label)
            text = label + ("…" if needs_path else "")
            if k == kind and arg and needs_path:
                text = f"{label}: {Path(arg).name or arg}"
            self.data.setItemText(index, text)
        index = self.data.findData(kind)
        self.data.setCurrentIndex(max(0, index))
        self.data.setToolTip(
            self.tr("Data: {0}").format(spec) if index >= 0 else self.tr("Unknown data spec {0!r}").format(spec)
        )

    # fields -> graph ---------------------------------------------------------------------------
    def _commit(self, **changes) -> bool:
        try:
            edit = config_edit(self.doc.graph, **changes)
        except ConfigError as exc:
            self.reload()  # the fields show the project's settings again (reload clears the notice: say why after)
            self.problem.emit(str(exc))
            return False
        if edit is None:
            return False
        self.problem.emit("")
        return self.doc.push(edit)

    def _on_data(self, index: int) -> None:
        kind, source_label, needs_path = SOURCES[index]
        label = QCoreApplication.translate("ConfigForm", source_label)
        spec = kind
        if needs_path:
            current_kind, current_arg = spec_kind(read_config(self.doc.graph)[0].data)
            folder = choose_folder(
                self, self.tr("{0}: choose a folder").format(label), current_arg if current_kind == kind else ""
            )
            if not folder:
                self.reload()  # cancelled: show the source the project still has
                return
            spec = f"{kind}:{folder}"
        if not self._commit(data=spec):
            self.reload()

    def _on_lr(self) -> None:
        text = self.lr.text().strip()
        try:
            value = float(text)
        except ValueError:  # like the other fields: back to the project's value, and why in the notice
            kept = f"{read_config(self.doc.graph)[0].lr:g}"
            self.lr.setText(kept)
            self.problem.emit(
                self.tr("learning rate {0!r} is not a number (e.g. 0.002 or 1e-3) — kept {1}").format(text, kept)
            )
            return
        self._commit(lr=value)
