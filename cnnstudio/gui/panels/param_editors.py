"""One editor widget per Param kind; each validates as the user types with the Param's own check."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from cnnstudio.blocks import texts
from cnnstudio.core.params import Param

INT_LIMIT = 2**31 - 1


class ParamEditor(QWidget):
    """``edited`` carries a valid value; ``invalid`` a one-line reason ('' once valid again)."""

    edited = Signal(object)
    invalid = Signal(str)
    finished = Signal()  # the user left the field: the next keystroke starts a new undo step

    def __init__(self, spec: Param, parent=None):
        super().__init__(parent)
        self.spec = spec
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.reason = ""
        self.refused = ""  # why the text last typed was not taken ('' when it was)
        self.setToolTip(texts.param_tooltip(spec))

    def set_value(self, value) -> None:
        raise NotImplementedError

    def value(self):
        raise NotImplementedError

    def start_typing(self) -> None:
        """Focus the field (its first widget that takes the keyboard) with its text selected, as Tab would."""
        for widget in self.findChildren(QWidget):
            if widget.isVisibleTo(self) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                if hasattr(widget, "selectAll"):
                    widget.selectAll()
                return

    def has_focus(self) -> bool:
        focus = self.focusWidget()
        return focus is not None and focus.hasFocus()

    def _emit(self, value, typed: bool = False) -> None:
        reason = self.spec.check(value) or ""
        self._set_reason(reason, typed)
        if not reason:
            self.edited.emit(value)

    def _set_reason(self, reason: str, typed: bool = False) -> None:
        """Show (or clear) why the value is refused: the field turns red, the form says why.

        ``typed``: the reason is about text the user typed, kept in ``refused`` until the field is left
        (a spin box re-emits its old value on Enter, which must not hide that the typing was refused)."""
        if typed:
            self.refused = reason
        if reason != self.reason:
            self.reason = reason
            self.invalid.emit(reason)
        self._mark(bool(reason))

    def _mark(self, bad: bool) -> None:
        for widget in {self.box, getattr(self, "line", self.box)}:
            if widget.property("invalid") != ("true" if bad else "false"):
                widget.setProperty("invalid", "true" if bad else "false")
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _check_number(self, text: str, parse) -> None:
        """Text typed into a number box that the box cannot take (letters, 0 below a minimum of 1, ...):
        the box alone would keep it on screen and quietly revert it later, so say why now."""
        stripped = text.strip()
        try:
            value = parse(stripped)
        except ValueError:
            what = self.tr("a whole number") if self.spec.kind == "int" else self.tr("a number")
            self._set_reason(
                self.tr("{0} must be {1}, got {2!r}").format(self.spec.name, what, stripped) if stripped else "", True
            )
            return
        reason = self.spec.check(value) or ""
        low, high = self.box.minimum(), self.box.maximum()
        if not reason and not low <= value <= high:
            reason = self.tr("{0} must be from {1} to {2}, got {3!r}").format(
                self.spec.name, self.box.textFromValue(low), self.box.textFromValue(high), stripped
            )
        self._set_reason(reason, True)


class _IntBox(QSpinBox):
    """Keeps on screen what it cannot take ("12.5", "1e3", "-4" below a minimum of 1), where QSpinBox dropped
    those keys silently (12.5 became 125): the editor says why and reverts when the field is left."""

    def valueFromText(self, text: str) -> int:
        try:
            return int(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = int(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos


class IntEditor(ParamEditor):
    def __init__(self, spec: Param, parent=None):
        super().__init__(spec, parent)
        self.box = _IntBox()
        self.box.setRange(
            int(spec.min) if spec.min is not None else -INT_LIMIT,
            min(int(spec.max), INT_LIMIT) if spec.max else INT_LIMIT,
        )
        self.box.setKeyboardTracking(True)  # every keystroke is live: shapes update as you type
        self.box.setAccelerated(True)
        self._layout.addWidget(self.box)
        self.box.valueChanged.connect(self._emit)
        self.box.lineEdit().textEdited.connect(lambda text: self._check_number(text, int))
        self.box.editingFinished.connect(self.finished)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setValue(int(value) if isinstance(value, int) else 0)
        self.box.blockSignals(False)
        self._set_reason("", typed=True)

    def value(self):
        return self.box.value()


class _FloatBox(QDoubleSpinBox):
    """Shows 1e-05 as 1e-05, not 0.0000."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos


class FloatEditor(ParamEditor):
    def __init__(self, spec: Param, parent=None):
        super().__init__(spec, parent)
        self.box = _FloatBox()
        self.box.setDecimals(12)
        self.box.setRange(spec.min if spec.min is not None else -1e12, spec.max if spec.max is not None else 1e12)
        self.box.setSingleStep(0.05 if (spec.max is not None and spec.max <= 1) else 0.1)
        self.box.setKeyboardTracking(True)
        self._layout.addWidget(self.box)
        self.box.valueChanged.connect(lambda v: self._emit(float(v)))
        self.box.lineEdit().textEdited.connect(lambda text: self._check_number(text, float))
        self.box.editingFinished.connect(self.finished)

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setValue(float(value) if isinstance(value, (int, float)) else 0.0)
        self.box.lineEdit().setText(self.box.textFromValue(self.box.value()))  # also over refused text
        self.box.blockSignals(False)
        self._set_reason("", typed=True)

    def value(self):
        return float(self.box.value())


class BoolEditor(ParamEditor):
    def __init__(self, spec: Param, parent=None):
        super().__init__(spec, parent)
        self.box = QCheckBox()
        self._layout.addWidget(self.box)
        self.box.toggled.connect(lambda on: (self._emit(bool(on)), self.finished.emit()))

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)

    def value(self):
        return self.box.isChecked()


class ChoiceEditor(ParamEditor):
    def __init__(self, spec: Param, parent=None):
        super().__init__(spec, parent)
        self.box = QComboBox()
        _narrow(self.box)
        for choice in spec.choices:  # the value is the item's data: the text is in the user's language
            self.box.addItem(texts.choice_label(choice), choice)
        # a long translated label must not widen the inspector past its dock; the drop-down shows it whole
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.box.setMinimumContentsLength(8)
        self._layout.addWidget(self.box)
        self.box.currentIndexChanged.connect(lambda _index: (self._emit(self.value()), self.finished.emit()))

    def set_value(self, value) -> None:
        self.box.blockSignals(True)
        self.box.setCurrentIndex(self.box.findData(value))
        self.box.blockSignals(False)

    def value(self):
        return self.box.currentData()


def parse_numbers(text: str):
    """'3' → 3, '3, 5' / '3×5' / '[3, 5]' → [3, 5]; None if it is not whole numbers."""
    parts = [p for p in re.split(r"[\s,x×*]+", text.strip().strip("[]()")) if p]
    if not parts or not all(re.fullmatch(r"-?\d+", p) for p in parts):
        return None
    values = [int(p) for p in parts]
    return values[0] if len(values) == 1 else values


def format_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


class TextEditor(ParamEditor):
    """Sizes ('3' or '3, 5'), shapes ('1, 28, 28'), lists ('4, -1') and padding (a size, 'same' or 'valid')."""

    def __init__(self, spec: Param, parent=None):
        super().__init__(spec, parent)
        if spec.kind == "padding":
            self.box = QComboBox()
            _narrow(self.box)
            self.box.setEditable(True)
            self.box.addItems(["0", "1", "2", "3", "same", "valid"])
            self.line = self.box.lineEdit()
            self.box.activated.connect(lambda _i: (self._parse(self.box.currentText()), self.finished.emit()))
        else:
            self.box = self.line = QLineEdit()
        self.line.setPlaceholderText(
            {
                "shape": self.tr("C, H, W"),
                "size": self.tr("k or h, w"),
                "padding": self.tr("p, [h, w], same or valid"),
                "sizes": self.tr("a, b, …"),
            }.get(spec.kind, "")
        )
        self._layout.addWidget(self.box)
        self.line.textEdited.connect(self._parse)
        self.line.editingFinished.connect(self._tidy)
        self.line.editingFinished.connect(self.finished)

    def _tidy(self) -> None:
        """Left with text that was taken, the field shows the value as taken ("3x" on the way to "3x3" was 3)."""
        value = self.value()
        if not self.reason and value is not None and self.line.text() != format_value(value):
            self.set_value(value)

    def _parse(self, text: str) -> None:
        stripped = text.strip().strip("'\"").lower()
        if self.spec.kind == "padding" and stripped in ("same", "valid"):
            value = stripped
        elif self.spec.kind == "sizes" and not stripped.strip("[]() "):
            value = []  # a list param may be empty (a Split's default: equal pieces)
        else:
            value = parse_numbers(text)
            if self.spec.kind in ("shape", "sizes") and isinstance(value, int):
                value = [value]
        if value is None:
            self._set_reason(
                self.tr("{0}: type whole numbers like {1}").format(self.spec.name, self.line.placeholderText()), True
            )
            return
        self._emit(value, typed=True)

    def set_value(self, value) -> None:
        self.line.blockSignals(True)
        self.line.setText(format_value(value))
        self.line.blockSignals(False)
        self._set_reason("", typed=True)

    def value(self):
        text = self.line.text().strip().lower()
        if self.spec.kind == "padding" and text in ("same", "valid"):
            return text
        if self.spec.kind == "sizes" and not text.strip("[]() "):
            return []
        value = parse_numbers(text)
        return [value] if self.spec.kind in ("shape", "sizes") and isinstance(value, int) else value


def make_editor(spec: Param, parent=None) -> ParamEditor:
    kinds = {"int": IntEditor, "float": FloatEditor, "bool": BoolEditor, "choice": ChoiceEditor}
    return kinds.get(spec.kind, TextEditor)(spec, parent)


def _narrow(box: QComboBox) -> None:
    """A long choice ("Kaiming 一様分布（kaiming_uniform）") must not widen the inspector: its list shows it whole."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
