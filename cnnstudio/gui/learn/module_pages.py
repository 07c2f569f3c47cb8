"""The inception module and the residual module, drawn with the selected block's widths and counted."""

from __future__ import annotations

from cnnstudio.blocks.residual import Residual
from cnnstudio.core.formulas import fmt_shape
from cnnstudio.core.lessons import conv_weights, inception_counts

from .. import theme
from .content import esc, number
from .diagram import Box, DiagramView, Link
from .page import LessonContext, LessonPage
from .pages import percent, table

CONV = theme.category_color("Convolution")
REDUCE = theme.category_color("Merge")
POOL = theme.category_color("Pooling")
MERGE = theme.category_color("Composite")
IO = theme.category_color("Input")
NORM = theme.category_color("Normalization")

GOOGLENET_3A = {
    "ch1x1": 64,
    "ch3x3red": 96,
    "ch3x3": 128,
    "ch5x5red": 16,
    "ch5x5": 32,
    "pool_proj": 32,
    "ch5x5_kernel": 5,
}


class InceptionPage(LessonPage):
    concept = "inception"
    applies_to = ("inception",)
    example_kind = "Inception"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.diagram = DiagramView(100, 62, 290)
        self.diagram.setObjectName("learn_inception_diagram")
        self.body.addWidget(self.diagram)

    def values(self, ctx: LessonContext | None) -> dict:
        if ctx is None:
            p, in_shape, out_shape, total = GOOGLENET_3A, (192, 28, 28), (256, 28, 28), None
        else:
            p, in_shape, out_shape, total = ctx.params, ctx.in_shape, ctx.out_shape, ctx.info.params
        c = in_shape[0]
        k5 = p.get("ch5x5_kernel", 5)
        counts = inception_counts(c, p)
        self._draw(p, in_shape, out_shape)
        names = ("1×1", "1×1 → 3×3", f"1×1 → {k5}×{k5}", "pool → 1×1")
        rows = [
            (f"<span class='f'>{n}</span>", w, wo) for n, w, wo in zip(names, counts.branch_with, counts.branch_without)
        ]
        rows.append(("<b>Σ</b>", counts.with_reduction, counts.without_reduction))
        return {
            "c": c,
            "k5": k5,
            "table": table(rows, ("", "1×1 ✓", "1×1 ✗")),
            "with": number(counts.with_reduction),
            "without": number(counts.without_reduction),
            "ratio": percent(counts.with_reduction, counts.without_reduction),
            "red3": p["ch3x3red"],
            "red5": p["ch5x5red"],
            "b3": p["ch3x3"],
            "b5": p["ch5x5"],
            "three_without": f"{p['ch3x3']}×{c}×3×3 = {number(conv_weights(c, p['ch3x3'], 3))}",
            "three_with": (
                f"{p['ch3x3red']}×{c}×1×1 + {p['ch3x3']}×{p['ch3x3red']}×3×3 = {number(counts.branch_with[1])}"
            ),
            "out": p["ch1x1"] + p["ch3x3"] + p["ch5x5"] + p["pool_proj"],
            "out_shape": fmt_shape(out_shape),
            "total": number(total) if total is not None else number(counts.with_reduction),
        }

    def _draw(self, p: dict, in_shape: tuple, out_shape: tuple) -> None:
        k5 = p.get("ch5x5_kernel", 5)
        xs = (14, 38, 62, 86)
        boxes = [Box(50, 6, 36, 9, self.tr("input"), fmt_shape(in_shape), IO)]
        boxes += [
            Box(xs[0], 31, 22, 10, "1×1", str(p["ch1x1"]), CONV),
            Box(xs[1], 22, 22, 10, "1×1", str(p["ch3x3red"]), REDUCE),
            Box(xs[1], 38, 22, 10, "3×3", str(p["ch3x3"]), CONV),
            Box(xs[2], 22, 22, 10, "1×1", str(p["ch5x5red"]), REDUCE),
            Box(xs[2], 38, 22, 10, f"{k5}×{k5}", str(p["ch5x5"]), CONV),
            Box(xs[3], 22, 22, 10, self.tr("max 3×3"), self.tr("stride {0}").format(1), POOL),
            Box(xs[3], 38, 22, 10, "1×1", str(p["pool_proj"]), REDUCE),
            Box(50, 56, 36, 9, "concat", fmt_shape(out_shape), MERGE),
        ]
        links = []
        for x in xs:
            first = 31 if x == xs[0] else 22
            links.append(Link([(50, 10.5), (50, 12.5), (x, 12.5), (x, first - 5)]))
            links.append(Link([(x, 43 if x != xs[0] else 36), (x, 48), (50, 48), (50, 51.5)]))
        for x in xs[1:]:
            links.append(Link([(x, 27), (x, 33)]))
        self.diagram.set_diagram(boxes, links)


class ResidualPage(LessonPage):
    concept = "residual"
    applies_to = ("residual", "add")
    example_kind = "Residual"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.diagram = DiagramView(100, 70, 320)
        self.diagram.setObjectName("learn_residual_diagram")
        self.body.addWidget(self.diagram)

    def values(self, ctx: LessonContext | None) -> dict:
        if ctx is not None and ctx.block_type == "residual":
            p, in_shape, out_shape, total = ctx.params, ctx.in_shape, ctx.out_shape, ctx.info.params
        else:
            p = {"kind": "basic", "planes": 128, "stride": 2, "groups": 1, "width_per_group": 64}
            in_shape, out_shape, total = (64, 56, 56), (128, 28, 28), None
        c_in, c_out = in_shape[0], out_shape[0]
        convs = Residual._convs(p, c_in, in_shape[1] * in_shape[2], out_shape[1] * out_shape[2])
        projection = p["stride"] != 1 or c_in != c_out
        body = convs[:-1] if projection else convs
        f_params = sum(conv_weights(i, o, k) + 2 * o for i, o, k, _ in body)
        short = sum(conv_weights(i, o, k) + 2 * o for i, o, k, _ in convs[len(body) :])
        self._draw(p, in_shape, out_shape, body, projection)
        rows = [
            (
                f"<span class='f'>{k}×{k}</span>",
                f"{o}×{i // (p['groups'] if k == 3 and p['kind'] == 'bottleneck' else 1)}×{k}×{k}",
                conv_weights(i, o, k),
            )
            for i, o, k, _ in body
        ]
        return {
            "in_shape": fmt_shape(in_shape),
            "out_shape": fmt_shape(out_shape),
            "f_params": number(f_params),
            "short_params": number(short),
            "total": number(total if total is not None else f_params + short),
            "projection": "1" if projection else "0",
            "shortcut": f"1×1 conv /{p['stride']}: {c_in} → {c_out}" if projection else f"x = {fmt_shape(in_shape)}",
            "table": table(rows),
            "kind": esc(p["kind"]),
        }

    def _draw(self, p: dict, in_shape: tuple, out_shape: tuple, body: list, projection: bool) -> None:
        x, w, h = 36, 46, 8.5
        boxes = [Box(x, 5, w, 8, "x", fmt_shape(in_shape), IO)]
        links = []
        y, step = 18, 13.0
        strided = 0 if p["kind"] == "basic" else 1  # torchvision strides the first 3×3 (basic) or the 3×3 (bottleneck)
        for n, (_i, o, k, _px) in enumerate(body):
            detail = self.tr("{0}, stride {1}").format(o, p["stride"]) if n == strided and p["stride"] != 1 else str(o)
            title = f"conv {k}×{k} + BN" + (" + ReLU" if n < len(body) - 1 else "")
            boxes.append(Box(x, y, w, h, title, detail, CONV))
            links.append(Link([(x, y - step + h / 2 if n else 9), (x, y - h / 2)]))
            y += step
        plus_y = y - 2
        links.append(Link([(x, y - step + h / 2), (x, plus_y - 3.5)]))
        boxes.append(Box(x, plus_y, 7, 7, "+", "", MERGE, round=True))
        boxes.append(Box(x, plus_y + 12, w, 8, "ReLU", fmt_shape(out_shape), theme.category_color("Activation")))
        links.append(Link([(x, plus_y + 3.5), (x, plus_y + 8)], "F(x) + x"))
        side, middle = 82, (5 + plus_y) / 2
        if projection:
            detail = self.tr("{0}, stride {1}").format(out_shape[0], p["stride"])
            boxes.append(Box(side, middle, 30, 9, "1×1 conv + BN", detail, REDUCE))
            links.append(Link([(x + w / 2, 5), (side, 5), (side, middle - 4.5)], "", REDUCE))
            links.append(Link([(side, middle + 4.5), (side, plus_y), (x + 3.5, plus_y)], "", REDUCE))
        else:
            links.append(
                Link([(x + w / 2, 5), (side, 5), (side, plus_y), (x + 3.5, plus_y)], "x", theme.ACCENT, dashed=True)
            )
        self.diagram.logical = (100, plus_y + 17)
        self.diagram.set_diagram(boxes, links)
