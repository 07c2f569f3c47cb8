"""Undo commands: each wraps one core edit and calls only its apply/revert (the canvas follows the graph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from cnnstudio.core.edits import Edit, SetParam
from cnnstudio.core.graph import MISSING

if TYPE_CHECKING:
    from .document import Document


class EditCommand(QUndoCommand):
    """One core edit as one undo step. The edit is applied before the push, so the first redo() is a no-op."""

    def __init__(self, doc: Document, edit: Edit):
        super().__init__(edit.text)
        self.doc, self.edit = doc, edit
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.edit.apply(self.doc.graph)
        self.doc.refresh()

    def undo(self) -> None:
        self.edit.revert(self.doc.graph)
        self.doc.refresh()


class SetParamCommand(EditCommand):
    """Typing in one field is one undo step: consecutive values of the same field in one session merge."""

    ID = 1001

    def __init__(self, doc: Document, edit: SetParam, original, session: object):
        super().__init__(doc, edit)
        self.original, self.session = original, session

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetParamCommand) or self.session is None or other.session != self.session:
            return False
        if (other.edit.node_id, other.edit.key) != (self.edit.node_id, self.edit.key):
            return False
        self.edit.value = other.edit.value  # our revert still restores the value from before the first keystroke
        self.setText(other.text())
        value = other.edit.value
        if self.original is value or (
            self.original is not MISSING and self.original == value and type(self.original) is type(value)
        ):
            self.setObsolete(True)  # typed back to where it started: nothing to undo
        return True
