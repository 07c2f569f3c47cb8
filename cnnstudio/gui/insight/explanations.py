"""What the model makes of the panel's image: a classifier's top classes and Grad-CAM, a detector's boxes and heat map.

A mixin of FeatureMapPanel; every pass through the model runs through the panel's ``_run`` (the worker thread),
and its texts keep the panel's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cnnstudio.insight import InsightError, grad_cam, top_predictions

from . import detection_view
from .colors import heat_overlay

CAM_CATEGORIES = ("Convolution", "Composite")  # the default Grad-CAM node is the last of these
# what a broken model can raise while running: shown in the panel, never a traceback
RUN_ERRORS = (InsightError, RuntimeError, ValueError, TypeError, IndexError)


class Explanations:
    """Predictions or boxes, and the overlay that explains them."""

    def _update_predictions(self) -> None:
        if self.image is None:
            self.input.predictions.set_predictions([])
            return
        if self.detects:
            self._update_detections()
            return
        model, model_input, names = self.model, self.model_input, self.class_names

        def work(_token):
            try:
                return top_predictions(model, model_input, 5, names), ""
            except RUN_ERRORS as exc:
                return [], f"— {exc}"

        def apply(result) -> None:
            preds, note = result
            self.input.predictions.set_predictions(preds, note=note)

        self._run("predictions", work, apply, QCoreApplication.translate("FeatureMapPanel", "Predicting…"))

    def _update_detections(self) -> None:
        from cnnstudio.training.detection.heat import detect_image

        model, model_input = self.model, self.model_input

        def work(_token):
            try:
                return detect_image(model, model_input), ""
            except RUN_ERRORS as exc:
                return None, f"— {exc}"

        def apply(result) -> None:
            found, note = result
            self.detections = found
            names = self.class_names
            rows = detection_view.box_rows(found, names) if found is not None else []
            self.input.predictions.set_predictions(
                rows, note=note or QCoreApplication.translate("FeatureMapPanel", "{0} found").format(len(rows))
            )
            self.input.picture.set_boxes(detection_view.drawn_boxes(found, names) if found is not None else [])
            self._update_cam()

        self._run("predictions", work, apply, QCoreApplication.translate("FeatureMapPanel", "Finding objects…"))

    def _show_heat(self) -> None:
        """The detection head's heat map of the chosen box's class (or class 0) over the input."""
        picture, found = self.input.picture, self.detections
        if not self.input.cam_toggle.isChecked() or found is None or self.image is None:
            picture.set_overlay(None)
            self._caption()
            return
        chosen = self.input.predictions.chosen_class()
        index = chosen if chosen is not None and chosen < len(found.heat) else 0
        picture.set_overlay(heat_overlay(detection_view.class_heat(found, index, tuple(self.image.shape[-2:]))))
        text = QCoreApplication.translate(
            "FeatureMapPanel", "{0} · heat map of <b>{1}</b> from <b>{2}</b> (channel {3})"
        )
        name = detection_view.class_name(index, self.class_names)
        self.input.caption.setText(text.format(self.source_text, name, found.source, index))

    def _update_cam(self) -> None:
        if self.detects:
            self._show_heat()
            return
        picture = self.input.picture
        node_id = self.input.cam_node_id()
        if not self.input.cam_toggle.isChecked() or self.image is None or self.model is None or node_id is None:
            self._tasks.pop("cam", None)
            picture.set_overlay(None)
            self._caption()
            return
        name = self.graph.nodes[node_id].name
        target = self.input.predictions.chosen_class()
        model, model_input = self.model, self.model_input

        def work(_token):
            try:
                return grad_cam(model, model_input, name, target), ""
            except RUN_ERRORS as exc:
                return None, QCoreApplication.translate("FeatureMapPanel", "Grad-CAM at {0}: {1}").format(name, exc)

        def apply(result) -> None:
            heat, problem = result
            if problem:
                picture.set_overlay(None)
                self._fail(problem)
                return
            picture.set_overlay(heat_overlay(heat))
            label = self._class_label(target) if target is not None else "predicted"
            self.input.caption.setText(
                QCoreApplication.translate("FeatureMapPanel", "{0} · Grad-CAM at <b>{1}</b>, class <b>{2}</b>").format(
                    self.source_text, name, label
                )
            )

        self._run("cam", work, apply, QCoreApplication.translate("FeatureMapPanel", "Grad-CAM at {0}…").format(name))

    def _class_label(self, index: int) -> str:
        if self.class_names and index < len(self.class_names):
            return self.class_names[index]
        return str(index)

    def _populate_cam_nodes(self) -> None:
        """Every node with C×H×W maps can be explained; the last convolution is the usual choice."""
        nodes, default = [], None
        if self.graph is not None and self.inference is not None:
            for nid in self.inference.order:
                node, info = self.graph.nodes[nid], self.inference.info.get(nid)
                if node.type not in self.registry or info is None or info.shape is None or len(info.shape) != 3:
                    continue
                block = self.registry.get(node.type)
                if block.is_input:
                    continue
                nodes.append((nid, node.name))
                if block.category in CAM_CATEGORIES:
                    default = nid
        current = self.input.cam_node_id()
        keep = current if any(nid == current for nid, _ in nodes) else default
        self.input.set_cam_nodes(nodes, keep)
