"""Pooling (max against average on a real feature map) and translation invariance (a shifted digit and
its feature map): pages whose picture is a row of small grids."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QSpinBox

from cnnstudio.core.formulas import pair, pool_out
from cnnstudio.core.lessons import ConvSetup, digit_images, example_kernel, pool, relu_map, shift

from ..panels.formula_text import output_size_lines
from .grid_paint import intensity, signed_color
from .grids_view import GridsView, Panel
from .page import LessonContext, LessonPage

CROP = 8  # cells of the feature map shown


class PoolingPage(LessonPage):
    concept = "pooling"
    applies_to = ("maxpool2d", "avgpool2d")
    example_kind = "MaxPool2d / AvgPool2d"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.index = 1  # the first window of the sample digit is all background: start where there is ink
        self.picture = GridsView(250)
        self.picture.setObjectName("learn_pooling_picture")
        self.formula = QLabel()
        self.formula.setObjectName("learn_pooling_formula")
        self.formula.setProperty("role", "formula")
        self.formula.setWordWrap(True)
        self.source = QLabel()
        self.source.setProperty("role", "muted")
        self.source.setWordWrap(True)
        row = QHBoxLayout()
        self.step_button = QPushButton(self.tr("Step ▶"))
        self.step_button.setToolTip(self.tr("Move the window to the next output position"))
        self.step_button.clicked.connect(self.step)
        row.addWidget(self.step_button)
        row.addWidget(self.source, 1)
        self.body.addWidget(self.formula)
        self.body.addWidget(self.picture)
        self.body.addLayout(row)

    def _window(self, ctx: LessonContext | None) -> tuple[int, int]:
        if ctx is None:
            return 2, 2
        k, s = pair(ctx.params["kernel_size"])[0], pair(ctx.params.get("stride") or ctx.params["kernel_size"])[0]
        return k, s

    def _grid(self, ctx: LessonContext | None, k: int):
        """A real feature map when the Feature maps dock has computed this block's input, else a bundled digit."""
        if ctx is not None and ctx.feature_map is not None and ctx.node is not None:
            sources = list(ctx.doc.graph.in_edges(ctx.node.id).values())
            rows = ctx.feature_map(sources[0].src) if sources else None
            if rows:
                name = ctx.doc.graph.nodes[sources[0].src].name
                side = max(k, min(CROP, len(rows), len(rows[0])))
                return [[round(v, 1) for v in r[:side]] for r in rows[:side]], self.tr(
                    "A feature map of {0} (channel 1, top-left {1}×{1}), from the Feature maps dock"
                ).format(name, side)
        digit = digit_images()[0]
        side = max(k, CROP)
        grid = [[digit[r % 8][c % 8] if r < 8 and c < 8 else 0 for c in range(side)] for r in range(side)]
        return grid, self.tr(
            "A digit from the bundled sample data (values 0–16); open the Feature maps dock for a real feature map"
        )

    def values(self, ctx: LessonContext | None) -> dict:
        k, s = self._window(ctx)
        grid, source = self._grid(ctx, k)
        side = len(grid)
        maxed, averaged = pool(grid, k, s, "max"), pool(grid, k, s, "avg")
        out = pool_out(side, k, s, 0)
        positions = out * out
        self.index %= max(positions, 1)
        r, c = divmod(self.index, out)
        window = {(r * s + i, c * s + j) for i in range(k) for j in range(k)}
        top = max(max(abs(v) for v in row) for row in grid) or 1
        self.picture.set_panels(
            [
                Panel(self.tr("Input {0}×{0}").format(side), grid, lambda v: intensity(v, top), window),
                Panel(self.tr("Max {0}×{0}").format(out), maxed, lambda v: signed_color(v, top * 1.3), {(r, c)}),
                Panel(self.tr("Average {0}×{0}").format(out), averaged, lambda v: signed_color(v, top * 1.3), {(r, c)}),
            ]
        )
        self.source.setText(source)
        if ctx is not None and ctx.in_shape and ctx.out_shape:
            lines = output_size_lines(ctx.block_type, ctx.params, ctx.in_shape, ctx.out_shape)
        else:
            lines = output_size_lines(
                "maxpool2d", {"kernel_size": 2, "stride": 2, "padding": 0}, (6, 28, 28), (6, 14, 14)
            )
        self.formula.setText("\n".join(lines))
        cells = [grid[y][x] for y, x in sorted(window)]
        return {
            "k": k,
            "s": s,
            "max": _num(max(cells)),
            "avg": _num(sum(cells) / len(cells)),
            "cells": ", ".join(_num(v) for v in cells),
            "in_shape": "×".join(map(str, ctx.in_shape)) if ctx is not None and ctx.in_shape else "6×28×28",
            "out_shape": "×".join(map(str, ctx.out_shape)) if ctx is not None and ctx.out_shape else "6×14×14",
        }

    def step(self) -> None:
        self.index += 1
        self.refresh()


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


PAD = 3  # empty pixels around the 8×8 digit, room to shift it


class InvariancePage(LessonPage):
    concept = "invariance"
    applies_to = ("input",)
    example_kind = "Input"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.picture = GridsView(300)
        self.picture.setObjectName("learn_invariance_picture")
        row = QHBoxLayout()
        self.sliders = {}
        for key, label in (("dx", self.tr("Shift right")), ("dy", self.tr("Shift down"))):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"learn_shift_{key}")
            slider.setRange(-PAD, PAD)
            slider.setPageStep(1)
            slider.valueChanged.connect(lambda _v: self.refresh())
            row.addWidget(QLabel(label))
            row.addWidget(slider, 1)
            self.sliders[key] = slider
        self.digit = QSpinBox()
        self.digit.setRange(0, 9)
        self.digit.setValue(7)
        self.digit.setPrefix(self.tr("digit "))
        self.digit.valueChanged.connect(lambda _v: self.refresh())
        row.addWidget(self.digit)
        self.response = QLabel()
        self.response.setObjectName("learn_invariance_response")
        self.response.setWordWrap(True)
        self.body.addWidget(self.picture)
        self.body.addLayout(row)
        self.body.addWidget(self.response)
        self.prediction = QLabel()
        self.prediction.setObjectName("learn_invariance_prediction")
        self.prediction.setWordWrap(True)
        self.body.addWidget(self.prediction)
        self._asked = None  # the shift whose prediction is on its way

    def values(self, ctx: LessonContext | None) -> dict:
        dx, dy = self.sliders["dx"].value(), self.sliders["dy"].value()
        digit = digit_images()[self.digit.value()]
        side = 8 + 2 * PAD
        canvas = [
            [digit[r - PAD][c - PAD] if PAD <= r < PAD + 8 and PAD <= c < PAD + 8 else 0 for c in range(side)]
            for r in range(side)
        ]
        moved = shift(canvas, dy, dx)
        setup = ConvSetup((side, side), (3, 3), (1, 1), (0, 0), (0, 0))
        kernel = example_kernel(3, 3)
        fmap = relu_map(setup.output(moved, kernel))
        peak = max(max(row) for row in fmap)
        where = next((r, c) for r, row in enumerate(fmap) for c, v in enumerate(row) if v == peak)
        self.picture.set_panels(
            [
                Panel(
                    self.tr("Input, shifted ({0}, {1})").format(dx, dy), moved, lambda v: intensity(v, 16), zeros=False
                ),
                Panel(
                    self.tr("Feature map (3×3 edge filter, ReLU)"),
                    fmap,
                    lambda v: signed_color(v, peak or 1),
                    {where},
                    zeros=False,
                ),
            ]
        )
        self.response.setText(
            self.tr(
                "Strongest response {0} at row {1}, column {2}: it moves with the digit, its value does not"
            ).format(peak, *where)
        )
        self._predict(moved, (dx, dy, self.digit.value()))
        return {"peak": peak, "row": where[0], "col": where[1], "dx": dx, "dy": dy}

    def show_context(self, ctx) -> None:
        self._asked = None  # the selection or the network changed: ask again
        super().show_context(ctx)

    def _predict(self, image, key) -> None:
        """The user's own network on the shifted digit, when the Feature maps dock has compiled it."""
        predict = self.context.predict if self.context is not None else None
        if key == self._asked:
            return
        if predict is None or not predict(image, lambda label, p, key=key: self._predicted(key, label, p)):
            self._asked = None
            self.prediction.setProperty("role", "muted")
            self.prediction.setText(
                self.tr(
                    "Open the Feature maps dock (with a trained checkpoint) to see your network classify each shift"
                )
            )
        else:
            self._asked = key
            self.prediction.setProperty("role", "")
            self.prediction.setText(self.tr("Your network is classifying the shifted digit…"))
        self.prediction.style().polish(self.prediction)

    def _predicted(self, key, label: str | None, probability: float) -> None:
        if key != self._asked:
            return  # a later shift was asked for meanwhile
        if label is None:
            self.prediction.setText(self.tr("Your network could not classify this image"))
            return
        self.prediction.setText(
            self.tr("Your network's prediction for this shift: {0} ({1})").format(label, f"{probability:.0%}")
        )
