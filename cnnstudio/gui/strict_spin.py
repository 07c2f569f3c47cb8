"""Number boxes that refuse typing out loud: what they cannot take stays on screen until the field is left,
then goes back to the value from before, and ``refused`` says why.

A plain QSpinBox drops the keys it cannot take as they are typed, so the value left is another one than the
user meant, taken without a word: 12.5 became 125, 95 % with a maximum of 90 became 9 %, -1 became 1.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox


class _Strict:
    """What the two boxes share; ``_parse`` turns the typed number into a value or raises ValueError.

    Each box has ``refused = Signal(str)``: why the typing was not taken, once the field is left."""

    def _setup(self) -> None:
        self._reason = ""
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.lineEdit().textEdited.connect(self._on_typed)
        self.editingFinished.connect(self._on_finished)

    def _number(self, text: str) -> str:
        text = text.strip()
        if self.prefix() and text.startswith(self.prefix().strip()):
            text = text[len(self.prefix().strip()) :]
        if self.suffix() and text.endswith(self.suffix().strip()):
            text = text[: -len(self.suffix().strip())]
        return text.strip()

    def _is_special(self, text: str) -> bool:
        return bool(self.specialValueText()) and text.strip() == self.specialValueText().strip()

    def validate(self, text: str, pos: int):
        if self._is_special(text):
            return QValidator.State.Acceptable, text, pos
        try:
            value = self._parse(self._number(text))
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def valueFromText(self, text: str):
        if self._is_special(text):
            return self.minimum()
        try:
            return self._parse(self._number(text))
        except ValueError:
            return self.value()

    def fixup(self, text: str) -> str:
        return text  # never mend typing into another number: it goes back to the value before, with the reason

    def _on_typed(self, text: str) -> None:
        self._reason = "" if text.strip() == "" else self._problem(text)

    def _problem(self, text: str) -> str:
        if self._is_special(text):
            return ""
        number = self._number(text)
        try:
            value = self._parse(number)
        except ValueError:
            return QCoreApplication.translate("StrictSpinBox", "{0!r} is not {1}").format(number, self._kind())
        if value > self.maximum():
            return QCoreApplication.translate("StrictSpinBox", "{0!r} is too large: at most {1}").format(
                number, self.textFromValue(self.maximum())
            )
        if value < self.minimum():
            return QCoreApplication.translate("StrictSpinBox", "{0!r} is too small: at least {1}").format(
                number, self.textFromValue(self.minimum())
            )
        return ""

    def _on_finished(self) -> None:
        reason, self._reason = self._reason, ""
        if reason:
            self.refused.emit(reason)


class StrictSpinBox(_Strict, QSpinBox):
    refused = Signal(str)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()

    def _parse(self, text: str) -> int:
        return int(text)

    def _kind(self) -> str:
        return QCoreApplication.translate("StrictSpinBox", "a whole number")


class StrictDoubleSpinBox(_Strict, QDoubleSpinBox):
    refused = Signal(str)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()

    def _parse(self, text: str) -> float:
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(text)
        return round(value, self.decimals())

    def _kind(self) -> str:
        return QCoreApplication.translate("StrictSpinBox", "a number")
