"""How the Training panel is laid out: the command row, the notices, and the settings page / results it flips
between. (Its texts keep the panel's translation context, where they were translated.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from .panel import TrainingPanel


def notice(role: str) -> QLabel:
    """A one-line notice (error, warn, muted): wraps, selectable, hidden until it has something to say."""
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


class CommandBar(QWidget):
    """The command row: Train, Stop, Resume, the settings fields, Setup, Runs, and the progress.

    In one row while the panel is wide enough; narrower (a dock on a laptop's screen, or beside another), the
    settings fields move to a second row, so the panel, and the window around it, can be about half as wide."""

    GAP = 12

    def __init__(self, commands: list[QWidget], fields: QWidget, ends: list[QWidget], progress: list[QWidget]):
        super().__init__()
        self.fields = fields
        self.first = QHBoxLayout()
        self.first.setSpacing(4)
        for widget in commands:
            self.first.addWidget(widget)
        self.first.addSpacing(self.GAP)
        self._at = self.first.count()  # where the fields go in the first row
        for widget in ends:
            self.first.addWidget(widget)
        self.first.addSpacing(self.GAP)
        for widget in progress:
            self.first.addWidget(widget, 1 if widget is progress[0] else 0)
        self.second = QHBoxLayout()
        self.second.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(self.first)
        layout.addLayout(self.second)
        self.one_row = False
        self._place(one_row=True)

    def _place(self, one_row: bool) -> None:
        if one_row == self.one_row:
            return
        self.one_row = one_row
        if one_row:
            self.second.removeWidget(self.fields)
            self.second.takeAt(0)  # the stretch after them
            self.first.insertWidget(self._at, self.fields)
        else:
            self.first.removeWidget(self.fields)
            self.second.addWidget(self.fields)
            self.second.addStretch(1)

    def _rest_width(self, hint: bool) -> int:
        """The first row's width without the fields: its size hint, or its minimum."""
        size = self.first.sizeHint() if hint else self.first.minimumSize()
        if self.one_row:
            field = self.fields.sizeHint() if hint else self.fields.minimumSizeHint()
            return size.width() - field.width() - self.first.spacing()
        return size.width()

    def one_row_width(self) -> int:
        """The narrowest the one row can be: the fields whole, the rest (the progress line) at its minimum."""
        return self._rest_width(hint=False) + self.fields.sizeHint().width() + self.first.spacing()

    def minimumSizeHint(self) -> QSize:
        """Two rows' minimum width (the one the panel can shrink to), whichever is shown now."""
        height = super().minimumSizeHint().height()
        return QSize(max(self._rest_width(hint=False), self.fields.minimumSizeHint().width()), height)

    def resizeEvent(self, event) -> None:
        self._place(one_row=event.size().width() >= self.one_row_width())
        super().resizeEvent(event)


def build_layout(panel: TrainingPanel) -> None:
    """Make the panel's buttons and pages (``start_button``, ``setup_button``, ``runs_button``, ``body``, …)."""
    panel.start_button = _button(panel.act_start)
    panel.stop_button = _button(panel.act_stop)
    panel.resume_button = _button(panel.act_resume)
    panel.setup_button = QToolButton(text=QCoreApplication.translate("TrainingPanel", "Setup"), checkable=True)
    panel.setup_button.setToolTip(
        QCoreApplication.translate(
            "TrainingPanel", "Schedule, weight decay, validation split, label smoothing, augmentation…"
        )
    )
    panel.setup_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    panel.setup_button.toggled.connect(panel.show_setup)
    panel.runs_button = QToolButton(text=QCoreApplication.translate("TrainingPanel", "Runs"))
    panel.runs_button.setToolTip(
        QCoreApplication.translate(
            "TrainingPanel", "This project's runs: compare their curves, resume one, keep its weights"
        )
    )
    panel.runs_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    panel.runs_button.clicked.connect(panel.runs_requested)
    panel.commands = CommandBar(
        [panel.start_button, panel.stop_button, panel.resume_button],
        panel.form,
        [panel.setup_button, panel.runs_button],
        [panel.progress, panel.progress_label],
    )

    layout = QVBoxLayout(panel)
    layout.setContentsMargins(6, 4, 6, 4)
    layout.setSpacing(3)
    layout.addWidget(panel.commands)
    panel.status_label.setProperty("role", "muted")
    for label in (panel.status_label, panel.error_label, panel.form_label, panel.changed_label, panel.warning_label):
        layout.addWidget(label)
    layout.addWidget(panel.preflight_box)
    layout.addWidget(panel.initial)
    panel.placeholder = QLabel(
        QCoreApplication.translate(
            "TrainingPanel",
            "Press Train to train this network on the chosen data in a separate process (the editor stays "
            "usable). The loss and accuracy curves, the confusion matrix and sample predictions appear here; "
            "Setup comes back to these settings.",
        )
    )
    panel.placeholder.setProperty("role", "muted")
    panel.placeholder.setWordWrap(True)
    panel.setup_page = QWidget()
    page = QVBoxLayout(panel.setup_page)
    page.setContentsMargins(0, 2, 0, 0)
    page.setSpacing(4)
    page.addWidget(panel.setup, 1)
    page.addWidget(panel.placeholder)
    panel.setup_scroll = QScrollArea()  # a short dock scrolls the settings rather than squeezing them
    panel.setup_scroll.setWidget(panel.setup_page)
    panel.setup_scroll.setWidgetResizable(True)
    panel.setup_scroll.setFrameShape(QFrame.Shape.NoFrame)
    panel.body = QStackedWidget()
    panel.body.addWidget(panel.setup_scroll)
    panel.body.addWidget(panel.split)
    panel.body.currentChanged.connect(
        lambda _i: panel.setup_button.setChecked(panel.body.currentWidget() is panel.setup_scroll)
    )
    panel.setup_button.setChecked(True)
    panel.body.setMinimumHeight(60)
    layout.addWidget(panel.body, 1)
