"""Replace head…: ask for the number of classes and give every classification head that many outputs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from cnnstudio.core.heads import head_classes, replace_head

from .. import dialogs
from ..project.document import Document

MAX_CLASSES = 100_000


def ask_classes(parent: QWidget | None, current: int) -> int | None:
    """The new class count, or None when cancelled (tests replace this function)."""
    value, ok = QInputDialog.getInt(
        parent,
        QCoreApplication.translate("HeadDialog", "Replace head"),
        QCoreApplication.translate(
            "HeadDialog",
            "Number of classes (the last layer before each Classification output gets one output per class):",
        ),
        current,
        2,
        MAX_CLASSES,
    )
    return value if ok else None


def replace_head_interactive(doc: Document, parent: QWidget | None = None) -> bool:
    """Ask, then replace the head(s) in one undo step; say why when the network has no head to replace."""
    current = head_classes(doc.graph)
    if current is None:
        dialogs.show_error(
            parent,
            QCoreApplication.translate("HeadDialog", "No head to replace"),
            QCoreApplication.translate(
                "HeadDialog",
                "This network has no Linear (or 1×1 Conv) layer feeding a Classification output, "
                "nor a Conv feeding a Detection output.",
            ),
        )
        return False
    classes = ask_classes(parent, current)
    if classes is None:
        return False
    return apply_replace_head(doc, classes)


def apply_replace_head(doc: Document, classes: int) -> bool:
    """Replace the head(s) with ``classes`` outputs (False when nothing changes)."""
    try:
        edit = replace_head(doc.graph, classes)
    except ValueError:
        return False
    return edit is not None and doc.push(edit)
