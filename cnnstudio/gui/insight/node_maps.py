"""The selected node's side of the panel: its output maps, its kernels, and what a clicked position sees.

A mixin of FeatureMapPanel; the maps are computed through the panel's ``_run`` (the worker thread) and cached
per node name for the current image. Its texts keep the panel's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cnnstudio.blocks import texts
from cnnstudio.insight import InsightError, activations, input_region, kernel_tiles

from .explanations import RUN_ERRORS
from .feature_grid import prepare_output
from .kernel_view import prepare_kernels


class NodeMaps:
    """Feature maps, kernels and receptive fields of the node the canvas selected."""

    def _render_node(self) -> None:
        self.input.picture.set_box(None)
        if self.model is None or self.graph is None:
            return
        if self.node_id is None or self.node_id not in self.graph.nodes:
            self.features.clear(
                QCoreApplication.translate("FeatureMapPanel", "Select a node on the canvas to see its output.")
            )
            self.kernels.clear(
                QCoreApplication.translate("FeatureMapPanel", "Select a convolution node to see its kernels.")
            )
            return
        node = self.graph.nodes[self.node_id]
        label = texts.title(self.registry.get(node.type)) if node.type in self.registry else node.type
        self._render_kernels(node.name, label)
        if self.image is None:
            self.features.clear(
                QCoreApplication.translate(
                    "FeatureMapPanel", "<b>{0}</b> · {1}<br>Choose an image to see its output."
                ).format(node.name, label)
            )
            return
        header = f"<b>{node.name}</b> · {label}"
        value = self.cache.get(node.name)
        if value is not None:
            self._tasks.pop("maps", None)
            self.features.show_output(header, value, self.features.channel)
            return
        model, model_input, name, node_id = self.model, self.model_input, node.name, self.node_id
        aspect = self.features.aspect()

        def work(_token):
            try:
                value = activations(model, model_input, [name])[name]
            except RUN_ERRORS as exc:
                return None, None, f"{name}: {exc}"
            return value, prepare_output(value, aspect), ""  # the picture too: colouring holds the GUI thread

        def apply(result) -> None:
            value, prepared, problem = result
            if problem:
                self.features.clear(header)
                self._fail(problem)
                return
            self.cache[name] = value
            if self.node_id == node_id:
                self.features.show_output(header, value, self.features.channel, prepared)

        self._run(
            "maps",
            work,
            apply,
            QCoreApplication.translate("FeatureMapPanel", "Computing the maps of {0}…").format(name),
        )

    def _render_kernels(self, name: str, label: str) -> None:
        """Kernel tiles and their coloured picture are made in the worker: the torch and numpy work there would
        otherwise hold the GUI thread (and wait for the GIL while the worker runs) for tens of milliseconds."""
        model, aspect = self.model, self.kernels.aspect()

        def work(_token):
            try:
                kernels = kernel_tiles(model, name)
            except InsightError as exc:
                return None, None, str(exc)
            return kernels, prepare_kernels(kernels, aspect), ""

        def apply(result) -> None:
            kernels, prepared, problem = result
            if problem:
                self.kernels.clear(f"<b>{name}</b> · {label}: {problem}.")
            else:
                self.kernels.set_kernels(kernels, prepared)

        self._run(
            "kernels",
            work,
            apply,
            QCoreApplication.translate("FeatureMapPanel", "Drawing the kernels of {0}…").format(name),
        )

    def _position_picked(self, channel: int, y: int, x: int) -> None:
        value = self.features.value_at(channel, y, x)
        what = (
            "features"
            if self.features.flat
            else QCoreApplication.translate("FeatureMapPanel", "channel {0}").format(channel)
        )
        lines = [
            QCoreApplication.translate("FeatureMapPanel", "<b>{0}</b> at ({1}, {2}): {3:.3g}").format(what, y, x, value)
        ]
        if self.features.flat or self.image is None:
            lines.append(QCoreApplication.translate("FeatureMapPanel", "Every feature here sees the whole image."))
            self.input.picture.set_box(None)
        else:
            top, left, bottom, right = input_region(self.graph, self.node_id, y, x, self.inference, self.registry)
            self.input.picture.set_box((top, left, bottom, right))
            if bottom > top and right > left:
                lines.append(
                    QCoreApplication.translate(
                        "FeatureMapPanel", "fed by input rows {0}–{1}, columns {2}–{3} ({4}×{5}, the red box)"
                    ).format(top, bottom - 1, left, right - 1, bottom - top, right - left)
                )
            else:
                lines.append(QCoreApplication.translate("FeatureMapPanel", "This position sees only padding."))
            info = self.inference.info[self.node_id]
            if info.rf is not None:
                rf, jump = info.rf, info.jump
                lines.append(
                    QCoreApplication.translate("FeatureMapPanel", "receptive field {0}×{1}, stride {2}×{3}").format(
                        _n(rf[0]), _n(rf[1]), _n(jump[0]), _n(jump[1])
                    )
                )
        self.features.set_info("<br>".join(lines))


def _n(value: float) -> str:
    return f"{value:g}"
