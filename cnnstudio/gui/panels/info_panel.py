"""Read-only facts in titled sections, updated in place: cheap to refresh on every keystroke."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Row:
    """A fact: ``key`` (muted, left) and ``text``; without a key the text spans the width."""

    text: str
    key: str | None = None
    role: str | None = None  # None, "muted", "error", "warn", "formula"


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


class InfoPanel(QWidget):
    """Plain-text labels in a grid. When the structure is unchanged only the texts that differ are set,
    so typing in the inspector never re-lays out rich text (that took most of an edit's frame)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._signature: tuple = ()
        self._labels: list[QLabel] = []  # value labels in row order, to update in place

    def set_sections(self, sections: list[Section]) -> None:
        signature = tuple((s.title, tuple((r.key, r.role) for r in s.rows)) for s in sections)
        if signature == self._signature:
            texts = [r.text for s in sections for r in s.rows]
            for label, text in zip(self._labels, texts):
                if label.text() != text:
                    label.setText(text)
            return
        self._signature = signature
        self._rebuild(sections)

    def _rebuild(self, sections: list[Section]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().hide()  # off screen now: deleteLater waits for the event loop, and a grab may come first
                item.widget().deleteLater()
        self._labels = []
        for section in sections:
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(2)
            if section.title:
                grid.addWidget(_label(section.title, "heading"), 0, 0, 1, 2)
            for i, row in enumerate(section.rows, start=1):
                # keyed facts are short: no word wrap, so a new value does not re-run height-for-width layout
                value = _label(row.text, row.role, wrap=row.key is None and row.role != "formula")
                if row.key is None:
                    grid.addWidget(value, i, 0, 1, 2)
                else:
                    grid.addWidget(_label(row.key, "muted"), i, 0, Qt.AlignmentFlag.AlignTop)
                    grid.addWidget(value, i, 1)
                self._labels.append(value)
            grid.setColumnStretch(1, 1)
            self._layout.addWidget(box)

    def text(self) -> str:
        """Everything shown, one line per row (for tests and copying)."""
        lines = []
        for label in self.findChildren(QLabel):
            if not label.isHidden() and label.parent() is not None:
                lines.append(label.text())
        return "\n".join(lines)


def _label(text: str, role: str | None, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label
