"""The pre-flight message above the curves: what differs between the data and the network, with fix buttons.

It is filled before the worker starts; an error or an unanswered warning keeps the run from starting,
notes (images resized to fit) are only said. A button applies its fix (one undoable edit) or accepts the
difference, then the panel tries to start again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cnnstudio.training.preflight import Finding, Fix

ROLES = {"error": "error", "warning": "warn", "note": "muted"}


class PreflightBox(QFrame):
    fix_chosen = Signal(object, object)  # (Finding, Fix)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preflight")
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        self.findings: list[Finding] = []
        self.buttons: dict[str, QPushButton] = {}  # by label, for tests and shortcuts
        self.hide()

    def show_findings(self, findings: list[Finding]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                _delete_layout(item.layout())
        self.findings = list(findings)
        self.buttons = {}
        for finding in findings:
            self.rows.addWidget(self._row(finding))
        self.setVisible(bool(findings))

    def _row(self, finding: Finding) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        label = QLabel((self.tr("Before training: ") if finding.level != "note" else "") + finding.message)
        label.setProperty("role", ROLES[finding.level])
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label, 1)
        for fix in finding.fixes:
            button = QPushButton(fix.label)
            button.setToolTip(_tip(fix))
            button.clicked.connect(lambda _c=False, f=finding, x=fix: self.fix_chosen.emit(f, x))
            layout.addWidget(button)
            self.buttons[fix.label] = button
        return row


def _tip(fix: Fix) -> str:
    if fix.kind == "replace_head":
        return QCoreApplication.translate(
            "PreflightBox", "Give the classification head(s) {0} outputs (undoable), then train"
        ).format(fix.value)
    if fix.kind == "set_input":
        return QCoreApplication.translate(
            "PreflightBox", "Change the Input block's shape to the data's (undoable), then train"
        )
    return QCoreApplication.translate("PreflightBox", "Train as the message says")


def _delete_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
