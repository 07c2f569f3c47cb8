"""The status bar: parameters (trainable), MACs, activation memory for a batch size, zoom."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSpinBox, QStatusBar

from cnnstudio.core.inference import Inference
from cnnstudio.report import human

from ..project.document import Document


def activation_bytes(inference: Inference, batch: int) -> int:
    """Every node's output kept for the backward pass, float32: sum of output numels × 4 bytes × batch."""
    total = sum(math.prod(info.shape) for info in inference.info.values() if info.shape is not None)
    return total * 4 * batch


def human_bytes(n: float) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} B"


def _grow_only(label: QLabel) -> None:
    """Widen a label when its text needs it, never narrow it: a status bar that keeps its layout while
    the user types does not make the whole window repaint on every keystroke."""
    hint = label.sizeHint()
    if hint.width() > label.maximumWidth() or label.maximumWidth() != label.minimumWidth():
        label.setFixedSize(hint.width() + 12, hint.height())  # fixed size: setText no longer relayouts


class StatusBar(QStatusBar):
    batch_changed = Signal(int)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.params = QLabel()
        self.macs = QLabel()
        self.memory = QLabel()
        self.batch = QSpinBox(minimum=1, maximum=65536, value=32, prefix=self.tr("batch "))
        self.batch.setToolTip(self.tr("Batch size for the activation-memory estimate"))
        self.batch.setFrame(False)
        self.batch.setFixedWidth(self.batch.sizeHint().width())
        self.zoom = QLabel("100%")
        for widget in (self.params, self.macs, self.memory, self.batch, self.zoom):
            self.addPermanentWidget(widget)
        self.messageChanged.connect(self.setToolTip)  # a reason too long for the bar is read whole on hover
        self.batch.valueChanged.connect(self._on_batch)
        self.batch.valueChanged.connect(self.batch_changed)
        doc.inferred.connect(self.refresh)
        self.refresh(doc.inference)

    def _on_batch(self, _value: int) -> None:
        self.refresh(self.doc.inference)

    def refresh(self, inference: Inference) -> None:
        frozen = inference.frozen_params
        text = self.tr("Params {0}").format(human(inference.total_params))
        text += (
            self.tr(" (trainable {0})").format(human(inference.trainable_params))
            if frozen
            else self.tr(" (all trainable)")
        )
        self.params.setText(text)
        self.params.setToolTip(
            self.tr("{0:,} parameters: {1:,} trainable, {2:,} frozen").format(
                inference.total_params, inference.trainable_params, frozen
            )
        )
        self.macs.setText(self.tr("MACs {0}").format(human(inference.total_macs)))
        self.macs.setToolTip(self.tr("{0:,} multiply-accumulates per image").format(inference.total_macs))
        batch = self.batch.value()
        self.memory.setText(self.tr("Activations {0}").format(human_bytes(activation_bytes(inference, batch))))
        self.memory.setToolTip(
            self.tr("Outputs of every block for one batch in float32 (what training keeps for backward)")
        )
        for label in (self.params, self.macs, self.memory):
            _grow_only(label)

    def set_zoom(self, zoom: float) -> None:
        self.zoom.setText(f"{zoom * 100:.0f}%")
