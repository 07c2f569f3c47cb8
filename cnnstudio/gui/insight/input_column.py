"""The input side of the panel: the image (with Grad-CAM overlay and receptive-field box), CAM controls, predictions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .picture_view import PictureView
from .prediction_view import PredictionView


class InputColumn(QWidget):
    """Owns no model state: the panel tells it what to show."""

    def __init__(self, parent=None, picture: PictureView | None = None):
        """``picture``: its image view, made beforehand (a turn apart: it is half of this column's cost)."""
        super().__init__(parent)
        self.title = QLabel(self.tr("<b>Input</b>"))
        self.picture = picture or PictureView(self, min_size=150)
        self.caption = QLabel(" ")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.cam_toggle = QCheckBox(self.tr("Grad-CAM at"))
        self.cam_toggle.setToolTip(self.tr("Overlay where the chosen class finds its evidence (Grad-CAM)"))
        self.cam_node = QComboBox()
        self.cam_node.setToolTip(self.tr("The convolution whose feature maps Grad-CAM weighs"))
        self.cam_node.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.predictions = PredictionView(self)

        cam_row = QHBoxLayout()
        cam_row.setContentsMargins(0, 0, 0, 0)
        cam_row.addWidget(self.cam_toggle)
        cam_row.addWidget(self.cam_node, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.title)
        box.addWidget(self.picture, 3)
        box.addWidget(self.caption)
        box.addLayout(cam_row)
        box.addWidget(self.predictions, 2)

    def set_cam_nodes(self, nodes: list[tuple[str, str]], current: str | None) -> None:
        """(node id, label) pairs; keeps ``current`` selected when it is among them."""
        self.cam_node.blockSignals(True)
        self.cam_node.clear()
        for node_id, label in nodes:
            self.cam_node.addItem(label, node_id)
        index = self.cam_node.findData(current)
        self.cam_node.setCurrentIndex(index if index >= 0 else self.cam_node.count() - 1)
        self.cam_node.blockSignals(False)
        self.cam_toggle.setEnabled(bool(nodes))
        self.cam_node.setEnabled(bool(nodes))

    def set_detector(self, detects: bool) -> None:
        """A detector explains itself by its heat maps (no Grad-CAM node to pick) and lists boxes, not classes."""
        if detects:
            self.cam_toggle.setText(self.tr("Heat map"))
            self.cam_toggle.setToolTip(
                self.tr("Overlay the detection head's heat map of the chosen class: its peaks are the objects' centres")
            )
            self.predictions.heading = self.tr("Boxes")
            self.predictions.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Score")])
            self.predictions.table.setToolTip(self.tr("Pick a box to see the heat map of its class"))
        else:
            self.cam_toggle.setText(self.tr("Grad-CAM at"))
            self.cam_toggle.setToolTip(self.tr("Overlay where the chosen class finds its evidence (Grad-CAM)"))
            self.predictions.heading = self.tr("Prediction")
            self.predictions.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Probability")])
            self.predictions.table.setToolTip(self.tr("Pick a class to see where Grad-CAM finds evidence for it"))
        self.cam_node.setVisible(not detects)

    def cam_node_id(self) -> str | None:
        return self.cam_node.currentData()
