"""The Setup page's Generation group: a GAN's loss and the classifier that scores its samples after each epoch.

Shown only for a graph with a generator. Like the other groups it holds no state of its own: it shows
``graph.meta["training"]`` and each change is one undoable edit. The classifier's project and weights are
saved relative to the project's folder (a project is shared: the engine reads them only from there), and they
go together: a name typed or chosen for one waits, with a note, until the other is there too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.training.config import GAN_LOSSES, TrainingConfig

GAN_LOSS_LABELS = {
    "non_saturating": QT_TRANSLATE_NOOP("GenerationSetup", "Non-saturating (DCGAN)"),
    "hinge": QT_TRANSLATE_NOOP("GenerationSetup", "Hinge"),
}
PROJECT_FILTER = QT_TRANSLATE_NOOP("GenerationSetup", "CNN Studio projects (*.cnn.json);;All files (*)")
WEIGHTS_FILTER = QT_TRANSLATE_NOOP("GenerationSetup", "Weights (*.safetensors *.json);;All files (*)")


def choose_file(parent: QWidget | None, title: str, folder: str, name_filter: str) -> str | None:
    """Ask for a file to open (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, name_filter)
    return path or None


def is_generator_graph(graph) -> bool:
    return any(node.type == "generated_output" for node in graph.nodes.values())


class GenerationGroup(QGroupBox):
    """GAN loss, score classifier and its weights; ``commit(**changes)`` makes the undoable edit."""

    problem = Signal(str)  # one line ('' when fixed)

    def __init__(self, commit: Callable[..., bool], project_folder: Callable[[], Path | None], parent=None):
        super().__init__(self.tr("Generation"), parent)
        self._commit = commit
        self._project_folder = project_folder
        self.gan_loss = QComboBox()
        for key in GAN_LOSSES:
            self.gan_loss.addItem(QCoreApplication.translate("GenerationSetup", GAN_LOSS_LABELS.get(key, key)), key)
        self.gan_loss.setToolTip(
            self.tr("Non-saturating: DCGAN's cross-entropy losses. Hinge: D's margins of ±1, G raises D's score")
        )
        self.score_classifier = QLineEdit(placeholderText=self.tr("none"))
        self.score_classifier.setToolTip(
            self.tr("A classifier project trained on the real images: it scores each epoch's samples")
        )
        self.score_weights = QLineEdit(placeholderText=self.tr("none"))
        self.score_weights.setToolTip(self.tr("The classifier's trained weights (a checkpoint or .safetensors)"))
        self.choose_classifier = QToolButton(text="…", toolTip=self.tr("Choose the classifier's project"))
        self.choose_weights = QToolButton(text="…", toolTip=self.tr("Choose the classifier's weights"))
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        form.setVerticalSpacing(4)
        form.addRow(self.tr("GAN loss"), self.gan_loss)
        form.addRow(self.tr("Score with"), _row(self.score_classifier, self.choose_classifier))
        form.addRow(self.tr("Its weights"), _row(self.score_weights, self.choose_weights))

        self.gan_loss.activated.connect(lambda _i: self._commit(gan_loss=self.gan_loss.currentData()))
        self.score_classifier.editingFinished.connect(self._commit_score)
        self.score_weights.editingFinished.connect(self._commit_score)
        self.choose_classifier.clicked.connect(
            lambda: self._choose(self.score_classifier, self.tr("Score classifier"), PROJECT_FILTER)
        )
        self.choose_weights.clicked.connect(
            lambda: self._choose(self.score_weights, self.tr("Score classifier's weights"), WEIGHTS_FILTER)
        )

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.gan_loss, self.score_classifier, self.score_weights)

    def reload(self, config: TrainingConfig) -> None:
        """Show ``config`` (the caller blocks the widgets' signals)."""
        self.gan_loss.setCurrentIndex(max(0, self.gan_loss.findData(config.gan_loss)))
        self.score_classifier.setText(config.score_classifier or "")
        self.score_weights.setText(config.score_weights or "")

    def _commit_score(self) -> None:
        classifier, weights = self.score_classifier.text().strip(), self.score_weights.text().strip()
        if bool(classifier) != bool(weights):  # one of the pair: wait for the other
            missing = self.tr("its weights") if classifier else self.tr("the classifier's project")
            self.problem.emit(self.tr("The score classifier needs {0} too").format(missing))
            return
        self._commit(score_classifier=classifier or None, score_weights=weights or None)

    def _choose(self, field: QLineEdit, title: str, name_filter: str) -> None:
        folder = self._project_folder()
        if folder is None:
            self.problem.emit(self.tr("Save the project first: the classifier is named from the project's folder"))
            return
        path = choose_file(self, title, str(folder), QCoreApplication.translate("GenerationSetup", name_filter))
        if path is None:
            return
        try:
            relative = Path(path).resolve().relative_to(folder.resolve())
        except ValueError:
            self.problem.emit(
                self.tr("{0} is outside the project's folder: the training reads it only from there").format(path)
            )
            return
        field.setText(relative.as_posix())
        self._commit_score()


def _row(field: QLineEdit, button: QToolButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    field.setMinimumWidth(140)
    return row
