"""The inspector: the selected block's name and a form generated from its param specs, with its
output-size arithmetic, weight shapes and problems; the project overview when nothing is selected."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.blocks import texts
from cnnstudio.core.edits import Rename, SetTrainable
from cnnstudio.core.formulas import fmt_shape
from cnnstudio.core.graph import MISSING
from cnnstudio.core.inference import NAME_RE, Inference
from cnnstudio.core.names import unsafe_name_problem
from cnnstudio.presets.registry import shown_project_description
from cnnstudio.report import human

from .. import theme
from ..project.document import Document
from .formula_text import output_size_lines, weight_lines
from .info_panel import InfoPanel, Row, Section
from .param_editors import ParamEditor, format_value, make_editor

_sessions = itertools.count(1)


def _label(text: str = "", role: str | None = None, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


class Inspector(QScrollArea):
    message = Signal(str)  # one line for the status bar (a refused value, and what the field shows instead)
    done = Signal()  # Esc in a field: back to the canvas (Enter on a block came here; Esc goes back)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.node_ids: list[str] = []
        self.editors: dict[str, ParamEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self._form_key: tuple | None = None
        self._session = next(_sessions)
        self._typed_from: dict[tuple, object] = {}  # the typing session's field -> its value before the typing
        doc.inferred.connect(self._on_inferred)
        doc.reset.connect(self.clear)
        back = QAction(self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only while a field has the keys
        back.triggered.connect(self._escape)
        self.addAction(back)
        self.show_nodes([])

    def _escape(self) -> None:
        """Esc: a name being typed is dropped (as Esc cancels a rename anywhere); then back to the canvas."""
        edit = getattr(self, "name_edit", None)
        if edit is not None and edit.hasFocus() and len(self.node_ids) == 1:
            node = self.doc.graph.nodes.get(self.node_ids[0])
            if node is not None:
                edit.setText(node.name)
        self.done.emit()

    def clear(self) -> None:
        self.show_nodes([])

    # which content -----------------------------------------------------------------------------
    def show_nodes(self, node_ids: list[str]) -> None:
        for session, key in list(self._typed_from):  # a click elsewhere may come before the field's focus-out
            if session == self._session:
                self._finish_field(key)
        node_ids = [n for n in node_ids if n in self.doc.graph.nodes]
        self.node_ids = node_ids
        self._session = next(_sessions)  # a new selection never merges into the last edit
        if len(node_ids) == 1:
            self._build_node(node_ids[0])
        else:
            self._build_summary(node_ids)

    def _on_inferred(self, _inference: Inference) -> None:
        ids = [n for n in self.node_ids if n in self.doc.graph.nodes]
        if ids != self.node_ids or len(ids) != 1:
            self.show_nodes(ids)
            return
        node = self.doc.graph.nodes[ids[0]]
        if self._form_key != (node.id, node.type, tuple(node.params)):
            self._build_node(node.id)
            return
        self._sync_values()
        self._fill_info()

    # one node ----------------------------------------------------------------------------------
    def _build_node(self, node_id: str) -> None:
        graph, registry = self.doc.graph, self.doc.registry
        node = graph.nodes[node_id]
        block = registry.get(node.type)
        if self._form_key is not None and self._form_key[1] == node.type:  # the form comes from the type alone
            focus = QApplication.focusWidget()  # a field being typed in keeps its form (rebuilt, as before)
            if focus is None or not self.widget().isAncestorOf(focus):
                self._refill(node)
                return
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(4)

        self.name_edit = QLineEdit(node.name)
        font = self.name_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name_edit.setFont(font)
        self.name_edit.setToolTip(
            self.tr("The module name in the compiled model (a dotted Python path like layer1.0.conv1)")
        )
        self.name_edit.textEdited.connect(self._check_name)
        self.name_edit.editingFinished.connect(self._commit_name)
        layout.addWidget(self.name_edit)
        self.name_error = _label("", "error")
        self.name_error.hide()
        layout.addWidget(self.name_error)
        color = theme.category_color(block.category).name()
        title, category = texts.title(block), texts.category(block.category)
        kind = _label(f"<span style='color:{color}'>■</span> <b>{title}</b>  ·  {category}")
        kind.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(kind)
        if block.description:
            layout.addWidget(_label(texts.description(block), "muted"))

        self.editors, self.errors = {}, {}
        if block.params:
            layout.addWidget(_label(self.tr("Parameters"), "heading"))
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setHorizontalSpacing(10)
            for spec in block.params:
                editor = make_editor(spec)
                editor.set_value(node.params.get(spec.name, spec.default))
                editor.edited.connect(lambda value, key=spec.name: self._commit_param(key, value))
                editor.finished.connect(lambda key=spec.name: self._finish_field(key))
                error = _label("", "error")
                error.hide()
                editor.invalid.connect(lambda reason, label=error: _show_error(label, reason))
                name = _label(texts.param_label(spec))  # a long Japanese label wraps instead of widening the dock
                name.setToolTip(texts.param_tooltip(spec))
                form.addRow(name, editor)
                form.addRow(error)
                self.editors[spec.name] = editor
                self.errors[spec.name] = error
            layout.addLayout(form)

        self.frozen_box = QCheckBox(self.tr("Frozen (weights are not trained)"))
        self.frozen_box.setToolTip(
            self.tr("Right-click a block on the canvas and choose “Freeze up to here” to freeze its inputs too")
        )
        self.frozen_box.setChecked(not node.trainable)
        self.frozen_box.toggled.connect(self._commit_frozen)
        layout.addWidget(self.frozen_box)

        self.info = InfoPanel()
        layout.addWidget(self.info)
        layout.addStretch(1)
        self.setWidget(page)
        self._form_key = (node.id, node.type, tuple(node.params))
        self._fill_info()

    def _refill(self, node) -> None:
        """Another block of the same kind: the form stays and shows its values (building a new form is most
        of what a click on a block costs: ~20 ms warm, five times that with cold caches)."""
        self.name_edit.setText(node.name)
        self.name_error.hide()
        block = self.doc.registry.get(node.type)
        for key, editor in self.editors.items():
            editor.set_value(node.params.get(key, block.param(key).default))
        self.frozen_box.blockSignals(True)
        self.frozen_box.setChecked(not node.trainable)
        self.frozen_box.blockSignals(False)
        self._form_key = (node.id, node.type, tuple(node.params))
        self._fill_info()

    def _fill_info(self) -> None:
        """Problems, shapes, the output-size arithmetic and weights, from the latest inference."""
        node = self.doc.graph.nodes[self.node_ids[0]]
        block = self.doc.registry.get(node.type)
        inference = self.doc.inference
        info = inference.info.get(node.id)
        p = block.resolve(node.params)
        sections: list[Section] = []
        diags = inference.for_node(node.id)
        if diags:
            sections.append(
                Section(
                    self.tr("Problems"), [Row(d.message, role="error" if d.level == "error" else "warn") for d in diags]
                )
            )
        ins = info.in_shapes if info else []
        out = info.shape if info else None
        if info is not None and (ins or out is not None):
            rows = [
                Row(fmt_shape(s), self.tr("input") if len(ins) == 1 else self.tr("input {0}").format(i))
                for i, s in enumerate(ins)
            ]
            rows.append(Row(fmt_shape(out), self.tr("output")))
            if info.rf is not None:
                rf = "×".join(_num(v) for v in info.rf)
                jump = "×".join(_num(v) for v in info.jump)
                rows.append(Row(self.tr("{0} pixels, stride {1}").format(rf, jump), self.tr("receptive field")))
            if info.macs:
                rows.append(Row(human(info.macs), self.tr("MACs")))
            sections.append(Section(self.tr("Shapes"), rows))
        try:
            lines = output_size_lines(node.type, p, ins[0] if ins else None, out)
        except (KeyError, TypeError, ValueError):
            lines = []
        if lines:
            sections.append(
                Section(
                    self.tr("Output size"), [Row(lines[0], role="muted")] + [Row(x, role="formula") for x in lines[1:]]
                )
            )
        if info is not None:
            try:
                weights = weight_lines(node.type, p, ins[0] if ins else None, out, info.params)
            except (KeyError, TypeError, ValueError):
                weights = []
            if weights:
                sections.append(Section(self.tr("Weights"), [Row(x) for x in weights]))
        self.info.set_sections(sections)

    def _sync_values(self) -> None:
        """Show the graph's values (after undo, a fix, ...) without fighting the field being typed in."""
        node = self.doc.graph.nodes[self.node_ids[0]]
        block = self.doc.registry.get(node.type)
        for key, editor in self.editors.items():
            value = node.params.get(key, block.param(key).default)
            if editor.has_focus() and (editor.reason or editor.value() == value):
                continue
            if editor.value() != value:
                editor.set_value(value)
        if not self.name_edit.hasFocus() and self.name_edit.text() != node.name:
            self.name_edit.setText(node.name)
        if self.frozen_box.isChecked() == node.trainable:
            self.frozen_box.blockSignals(True)
            self.frozen_box.setChecked(not node.trainable)
            self.frozen_box.blockSignals(False)

    # edits -------------------------------------------------------------------------------------
    def _commit_param(self, key: str, value) -> None:
        if len(self.node_ids) == 1:
            node_id, session = self.node_ids[0], (self._session, key)
            if session not in self._typed_from and node_id in self.doc.graph.nodes:
                self._typed_from = {session: self.doc.graph.nodes[node_id].params.get(key, MISSING)}  # untouched
            self.doc.set_param(node_id, key, value, session=session)

    def _model_value(self, node_id: str, key: str):
        node = self.doc.graph.nodes[node_id]
        return node.params.get(key, self.doc.registry.get(node.type).param(key).default)

    def _end_session(self) -> None:
        self._session = next(_sessions)

    def _finish_field(self, key: str) -> None:
        """The user left a field: text it refused goes back to the value from before the typing (values typed on
        the way, "1, 10000" on the way to "1, 100000, 100000", were taken live but are not what was asked for),
        and the status bar says why."""
        session = (self._session, key)
        self._end_session()
        session_typed = session in self._typed_from
        before = self._typed_from.pop(session, None)
        editor = self.editors.get(key)
        if editor is None or not editor.refused or len(self.node_ids) != 1:
            return
        node_id = self.node_ids[0]
        if node_id not in self.doc.graph.nodes:
            return
        reason = editor.refused  # read first: the set_param below re-fills the form, which clears it
        if session_typed and self.doc.graph.nodes[node_id].params.get(key, MISSING) is not before:
            self.doc.set_param(node_id, key, before, session=session)  # merges: the typing leaves no undo step
        value = self._model_value(node_id, key)
        editor.set_value(value)
        self.message.emit(self.tr("{0} — kept {1}").format(reason, format_value(value)))

    def _name_problem(self, name: str) -> str:
        if not NAME_RE.match(name):
            return self.tr("a dotted Python path like conv1, features.0 or layer1.0.conv1")
        unsafe = unsafe_name_problem(name)  # "class", "__init__": a project that could not be saved
        if unsafe:
            return unsafe
        other = self.doc.graph.by_name(name)
        if other is not None and other.id != self.node_ids[0]:
            return self.tr("{0!r} is already the name of another block").format(name)
        return ""

    def _check_name(self, text: str) -> None:
        problem = self._name_problem(text)
        self.name_error.setText(problem)
        self.name_error.setVisible(bool(problem))

    def _commit_name(self) -> None:
        if len(self.node_ids) != 1:
            return
        node = self.doc.graph.nodes.get(self.node_ids[0])
        name = self.name_edit.text().strip()
        if node is None or name == node.name:
            return
        problem = self._name_problem(name)
        if problem:  # like a number field: the refused text goes back to the name, and the status bar says why
            self.name_edit.setText(node.name)
            self._check_name(node.name)
            if repr(name) not in problem:
                problem = self.tr("the name {0!r} is not {1}").format(name, problem)
            self.message.emit(self.tr("{0} — kept {1}").format(problem, node.name))
            return
        self.doc.push(Rename(node.id, name))

    def _commit_frozen(self, frozen: bool) -> None:
        if len(self.node_ids) == 1:
            self.doc.push(SetTrainable(self.node_ids[0], not frozen))

    # several or none ---------------------------------------------------------------------------
    def _build_summary(self, node_ids: list[str]) -> None:
        graph, inference = self.doc.graph, self.doc.inference
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 12)
        self._form_key = None
        self.editors, self.errors = {}, {}
        if node_ids:
            params = sum(inference.info[n].params for n in node_ids if n in inference.info)
            macs = sum(inference.info[n].macs for n in node_ids if n in inference.info)
            frozen = sum(1 for n in node_ids if not graph.nodes[n].trainable)
            title = self.tr("{0} blocks selected").format(len(node_ids))
            rows = [
                (self.tr("parameters"), f"{params:,}"),
                (self.tr("MACs"), human(macs)),
                (self.tr("frozen"), str(frozen)),
            ]
            hint = self.tr("Right-click for Freeze up to here, Collapse, Copy, Duplicate, Delete.")
        else:
            title = self.doc.title
            rows = [
                (self.tr("blocks"), str(len(graph.nodes))),
                (self.tr("parameters"), f"{inference.total_params:,}"),
                (self.tr("trainable"), f"{inference.trainable_params:,}"),
                (self.tr("MACs per image"), human(inference.total_macs)),
                (self.tr("problems"), str(len(inference.diagnostics))),
            ]
            # every input: a GAN's canvas has the generator's noise and the discriminator's image
            find = self.doc.registry.find
            inputs = [n for n in graph.nodes.values() if getattr(find(n.type), "is_input", False)]
            if inputs:
                shapes = ", ".join(fmt_shape(tuple(n.params.get("shape", ()))) for n in inputs)
                rows.insert(1, (self.tr("input") if len(inputs) == 1 else self.tr("inputs"), shapes))
            hint = self.tr(
                "Double-click a block in the palette to add it after the selected block (wired up), "
                "or drag it onto the canvas. Drag from a port to connect. Select a block to edit it."
            )
        heading = _label(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        description = shown_project_description(graph.meta) if not node_ids else ""
        if description:
            layout.addWidget(_label(description, "muted"))
        table = InfoPanel()
        table.set_sections([Section("", [Row(v, k) for k, v in rows])])
        layout.addWidget(table)
        layout.addWidget(_label(hint, "muted"))
        layout.addStretch(1)
        self.setWidget(page)


def _show_error(label: QLabel, reason: str) -> None:
    label.setText(reason)
    label.setVisible(bool(reason))


def _num(v) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.3g}"
