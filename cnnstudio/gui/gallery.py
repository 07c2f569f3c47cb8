"""New from preset: each architecture with its description, size and input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from cnnstudio import presets
from cnnstudio.core.inference import infer_shapes
from cnnstudio.report import human


class PresetGallery(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New from preset")
        self.resize(720, 420)
        self.list = QListWidget()
        self.list.setFixedWidth(220)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addWidget(self.details, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._sizes: dict[str, str] = {}
        for name in presets.names():
            spec = presets.registry.get(name)
            item = QListWidgetItem(name)
            item.setToolTip(spec.shown_description())
            self.list.addItem(item)
        self.list.currentTextChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item else None

    def _show(self, name: str) -> None:
        if not name:
            return
        spec = presets.registry.get(name)
        if name not in self._sizes:  # built on first look: the big ones take a moment
            graph = presets.build(name)
            result = infer_shapes(graph)
            self._sizes[name] = (
                f"{len(graph.nodes)} blocks · {human(result.total_params)} parameters · "
                f"{human(result.total_macs)} MACs per image"
            )
        shape = "×".join(map(str, spec.input_shape))
        classes = f"{spec.num_classes} classes" if spec.num_classes else "image to image"
        self.details.setText(
            f"<h3 style='margin:0'>{name}</h3><p>{spec.shown_description()}</p>"
            f"<p style='color:#6b7280'>input {shape} · {classes} · {spec.family}</p>"
            f"<p>{self._sizes[name]}</p>"
        )
