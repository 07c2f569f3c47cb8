"""How the Training panel is laid out: the command row, the notices, and the settings page / results it flips
between. (Its texts keep the panel's translation context, where they were translated.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
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


def build_layout(panel: TrainingPanel) -> None:
    """Make the panel's buttons and pages (``start_button``, ``setup_button``, ``runs_button``, ``body``, …)."""
    top = QHBoxLayout()
    top.setSpacing(4)
    panel.start_button = _button(panel.act_start)
    panel.stop_button = _button(panel.act_stop)
    panel.resume_button = _button(panel.act_resume)
    for button in (panel.start_button, panel.stop_button, panel.resume_button):
        top.addWidget(button)
    top.addSpacing(12)
    top.addWidget(panel.form)
    panel.setup_button = QToolButton(text=QCoreApplication.translate("TrainingPanel", "Setup"), checkable=True)
    panel.setup_button.setToolTip(
        QCoreApplication.translate(
            "TrainingPanel", "Schedule, weight decay, validation split, label smoothing, augmentation…"
        )
    )
    panel.setup_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    panel.setup_button.toggled.connect(panel.show_setup)
    top.addWidget(panel.setup_button)
    panel.runs_button = QToolButton(text=QCoreApplication.translate("TrainingPanel", "Runs"))
    panel.runs_button.setToolTip(
        QCoreApplication.translate(
            "TrainingPanel", "This project's runs: compare their curves, resume one, keep its weights"
        )
    )
    panel.runs_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    panel.runs_button.clicked.connect(panel.runs_requested)
    top.addWidget(panel.runs_button)
    top.addSpacing(12)
    top.addWidget(panel.progress, 1)
    top.addWidget(panel.progress_label)

    layout = QVBoxLayout(panel)
    layout.setContentsMargins(6, 4, 6, 4)
    layout.setSpacing(3)
    layout.addLayout(top)
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
