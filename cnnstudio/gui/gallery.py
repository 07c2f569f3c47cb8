"""New from preset: each architecture with its description, size and input."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.core.inference import infer_shapes
from cnnstudio.report import human

# the preset families that are words; the others are architecture names (resnet, vgg, …) and stay as they are
FAMILY_WORDS = (
    QT_TRANSLATE_NOOP("PresetFamily", "classic"),
    QT_TRANSLATE_NOOP("PresetFamily", "detection"),
    QT_TRANSLATE_NOOP("PresetFamily", "generative"),
    QT_TRANSLATE_NOOP("PresetFamily", "image-to-image"),
)


class PresetGallery(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New from preset"))
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
            self._sizes[name] = self.tr("{0} blocks · {1} parameters · {2} MACs per image").format(
                len(graph.nodes), human(result.total_params), human(result.total_macs)
            )
        shape = "×".join(map(str, spec.input_shape))
        classes = self.tr("{0} classes").format(spec.num_classes) if spec.num_classes else self.tr("image to image")
        self.details.setText(
            self.tr(
                "<h3 style='margin:0'>{0}</h3><p>{1}</p><p style='color:#6b7280'>input {2} · {3} · {4}</p><p>{5}</p>"
            ).format(
                name,
                spec.shown_description(),
                shape,
                classes,
                QCoreApplication.translate("PresetFamily", spec.family),
                self._sizes[name],
            )
        )
