"""The Learn pages whose lesson is a handful of numbers: parameter shapes, transposed convolution,
auxiliary loss, VGG's stacked 3×3 kernels, GAP against flatten + dense, and transfer learning."""

from __future__ import annotations

from cnnstudio.core.formulas import fmt_shape, pair
from cnnstudio.core.lessons import ConvSetup, conv_weights, gap_vs_flatten, transposed_steps, vgg_stack

from ..panels.formula_text import output_size_lines
from .content import esc, number
from .grid_paint import intensity, signed_color
from .grids_view import GridsView, Panel
from .page import LessonContext, LessonPage


def table(rows: list[tuple], header: tuple | None = None) -> str:
    """A small HTML table; cells that are ints are right-aligned and grouped (1,234)."""
    out = ["<table cellspacing='0'>"]
    if header:
        out.append("<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>")
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, int):
                cells.append(f"<td class='n'>{number(cell)}</td>")
            else:
                cells.append(f"<td>{cell}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


class ParametersPage(LessonPage):
    concept = "parameters"
    applies_to = ("conv2d", "conv_bn_relu", "linear")
    example_kind = "Conv2d / Linear"

    def values(self, ctx: LessonContext | None) -> dict:
        if ctx is None:
            kind, p, c_in, c_out, total = "conv2d", {"kernel_size": 5, "groups": 1, "bias": True}, 1, 6, 156
        else:
            kind, p, c_in, c_out, total = ctx.block_type, ctx.params, ctx.in_shape[0], ctx.out_shape[0], ctx.info.params
        rows = []
        if kind == "linear":
            weights = c_out * c_in
            rows.append(("weight", f"{c_out}×{c_in}", weights))
            terms = [f"{c_out} × {c_in}"]
            extra = [("bias", str(c_out), c_out)] if p.get("bias", True) else []
        else:
            kh, kw = pair(p["kernel_size"])
            g = p.get("groups", 1)
            weights = conv_weights(c_in, c_out, kh, kw, g)
            rows.append(("weight", f"{c_out}×{c_in // g}×{kh}×{kw}", weights))
            terms = [f"{c_out} × {c_in // g} × {kh} × {kw}"]
            if kind == "conv_bn_relu":
                extra = [("bn.weight, bn.bias", f"{c_out} + {c_out}", 2 * c_out)]
            else:
                extra = [("bias", str(c_out), c_out)] if p.get("bias", True) else []
        rows += extra
        terms += [str(r[2]) for r in extra]
        return {
            "table": table([(f"<span class='f'>{a}</span>", f"<span class='f'>{b}</span>", c) for a, b, c in rows]),
            "arithmetic": " + ".join(terms) + f" = {number(total)}",
            "total": number(total),
            "c_in": c_in,
            "c_out": c_out,
        }


class TransposedPage(LessonPage):
    concept = "transposed"
    applies_to = ("conv_transpose2d",)
    example_kind = "ConvTranspose2d"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.picture = GridsView(260)
        self.picture.setObjectName("learn_transposed_picture")
        self.body.addWidget(self.picture)

    def _draw(self, k: int, s: int, pad: int, d: int, op: int, size: int) -> None:
        """A small input (at most 3×3, values 1, 2, 3 …) taken through the three steps with a kernel of ones."""
        n = min(size, 3)
        steps = transposed_steps(n, k, s, pad, d, op)
        if steps.border < 0 or steps.out < 1:  # padding larger than the kernel crops instead: no picture
            self.picture.hide()
            return
        image = [[r * n + c + 1 for c in range(n)] for r in range(n)]
        side = steps.padded
        grid = [[0] * side for _ in range(side)]
        for r in range(n):
            for c in range(n):
                grid[steps.border + r * s][steps.border + c * s] = image[r][c]
        ones = [[1] * k for _ in range(k)]
        out = ConvSetup((side, side), (k, k), (1, 1), (0, 0), (0, 0), (d, d)).output(grid, ones)
        top = max(max(row) for row in out) or 1
        self.picture.set_panels(
            [
                Panel(self.tr("Input {0}×{0}").format(n), image, lambda v: intensity(v, n * n)),
                Panel(self.tr("Zeros inserted, padded {0}×{0}").format(side), grid, lambda v: intensity(v, n * n)),
                Panel(self.tr("Output {0}×{0}").format(steps.out), out, lambda v: signed_color(v, top)),
            ]
        )
        self.picture.show()

    def values(self, ctx: LessonContext | None) -> dict:
        if ctx is None:
            p = {"kernel_size": 4, "stride": 2, "padding": 1, "dilation": 1, "output_padding": 0}
            in_shape, c_out = (128, 7, 7), 64
        else:
            p, in_shape, c_out = ctx.params, ctx.in_shape, ctx.out_shape[0]
        k, s, pad = pair(p["kernel_size"])[0], pair(p["stride"])[0], pair(p["padding"])[0]
        d, op = pair(p.get("dilation", 1))[0], pair(p.get("output_padding", 0))[0]
        self._draw(k, s, pad, d, op, in_shape[1])
        steps = transposed_steps(in_shape[1], k, s, pad, d, op)
        out_shape = (c_out, steps.out, transposed_steps(in_shape[2], k, s, pad, d, op).out)
        lines = output_size_lines("conv_transpose2d", p, in_shape, out_shape)
        return {
            "h": in_shape[1],
            "k": k,
            "s": s,
            "p": pad,
            "zeros": s - 1,
            "upsampled": steps.upsampled,
            "border": steps.border,
            "padded": steps.padded,
            "out": steps.out,
            "in_shape": fmt_shape(in_shape),
            "out_shape": fmt_shape(out_shape),
            "formula": "<br>".join(esc(x) for x in lines),
        }


class AuxiliaryPage(LessonPage):
    concept = "auxiliary"
    applies_to = ("classification_output",)
    example_kind = "Classification"

    def example_label(self) -> str:
        return self.tr("{0} (auxiliary)").format(super().example_label())

    def heads(self, ctx: LessonContext | None) -> list:
        if ctx is None:
            return []
        return [n for n in ctx.doc.graph.nodes.values() if n.type == "classification_output"]

    def applies(self, ctx: LessonContext | None) -> bool:
        return any(n.params.get("auxiliary") for n in self.heads(ctx))

    def values(self, ctx: LessonContext | None) -> dict:
        heads = [
            (n.name, float(n.params.get("loss_weight", 1.0)), bool(n.params.get("auxiliary"))) for n in self.heads(ctx)
        ]
        if not any(aux for *_rest, aux in heads):
            heads = [("fc", 1.0, False), ("aux1", 0.3, True), ("aux2", 0.3, True)]
        terms = [(f"{w:g}·" if w != 1 else "") + f"L<sub>{esc(name)}</sub>" for name, w, _ in heads]
        rows = [(f"<span class='f'>{esc(n)}</span>", f"{w:g}", "✓" if aux else "") for n, w, aux in heads]
        return {
            "loss": "L = " + " + ".join(terms),
            "table": table(rows, ("", "loss_weight", "auxiliary")),
            "count": sum(1 for *_r, aux in heads if aux),
        }


class VggPage(LessonPage):
    concept = "vgg"
    applies_to = ("conv2d", "conv_bn_relu")
    example_kind = "Conv2d"

    def applies(self, ctx: LessonContext | None) -> bool:
        if not super().applies(ctx):
            return False
        kh, kw = pair(ctx.params["kernel_size"])
        return kh == kw and kh % 2 == 1 and kh >= 3 and ctx.params.get("groups", 1) == 1

    def values(self, ctx: LessonContext | None) -> dict:
        # VGG's argument holds inside a stage, C channels in and out: the block's output width is that C
        if ctx is None:
            c, k = 64, 7
        else:
            c = ctx.out_shape[0]
            k = pair(ctx.params["kernel_size"])[0]
            k = 5 if k == 3 else k  # a 3×3 block: compare two of them with the 5×5 they replace
        counts = vgg_stack(c, c, k)
        return {
            "c": c,
            "k": k,
            "n": counts.layers,
            "rf": counts.receptive_field,
            "large": number(counts.large),
            "stacked": number(counts.stacked),
            "large_terms": f"{c}×{c}×{k}×{k}",
            "stack_terms": f"{counts.layers} × {c}×{c}×3×3",
            "ratio": percent(counts.stacked, counts.large),
            "relus": counts.layers,
        }


HEAD_TYPES = ("flatten", "global_avgpool", "adaptive_avgpool2d")


def head_features(ctx: LessonContext | None):
    """(node, C×H×W before the head, classes of the first Linear after it), from the selection or the graph."""
    if ctx is None:
        return None
    graph, info = ctx.doc.graph, ctx.inference.info
    order = graph.topological_order()[0]
    start = [ctx.node.id] if ctx.node is not None and ctx.node.type in HEAD_TYPES else []
    for node_id in start + [n for n in order if graph.nodes[n].type in HEAD_TYPES]:
        node_info = info.get(node_id)
        if node_info is None or not node_info.in_shapes or len(node_info.in_shapes[0]) != 3:
            continue
        after = order[order.index(node_id) + 1 :]
        linear = next((n for n in after if graph.nodes[n].type == "linear" and info.get(n) and info[n].shape), None)
        if linear is not None:
            return graph.nodes[node_id], tuple(node_info.in_shapes[0]), info[linear].shape[0], graph.nodes[linear]
    return None


class GapPage(LessonPage):
    concept = "gap"
    applies_to = HEAD_TYPES
    example_kind = "Flatten / GlobalAvgPool"

    def applies(self, ctx: LessonContext | None) -> bool:
        return head_features(ctx) is not None

    def values(self, ctx: LessonContext | None) -> dict:
        found = head_features(ctx)
        if found is None:
            (c, h, w), n, uses = (512, 7, 7), 1000, "gap"
        else:
            node, (c, h, w), n, _linear = found
            uses = "flatten" if node.type == "flatten" and ctx.inference.info[node.id].shape[0] == c * h * w else "gap"
        counts = gap_vs_flatten(c, h, w, n)
        return {
            "c": c,
            "h": h,
            "w": w,
            "n": n,
            "flat": number(counts.features_flat),
            "flat_params": number(counts.flatten_dense),
            "gap_params": number(counts.gap_dense),
            "flat_terms": f"{number(counts.features_flat)} × {n} + {n}",
            "gap_terms": f"{c} × {n} + {n}",
            "times": f"{counts.flatten_dense / counts.gap_dense:.0f}",
            "uses": uses,
        }


class TransferPage(LessonPage):
    concept = "transfer"
    applies_to = ()
    example_kind = ""

    def applies(self, ctx: LessonContext | None) -> bool:
        return bool(ctx and ctx.inference.total_params)

    def _context_line(self) -> str:
        return ""

    def values(self, ctx: LessonContext | None) -> dict:
        if ctx is None:
            return {"table": "", "total": "–", "head": "–", "lower": "–", "head_names": "fc", "frozen_now": "0"}
        graph, info = ctx.doc.graph, ctx.inference.info
        order = graph.topological_order()[0]
        learned = [graph.nodes[n] for n in order if info.get(n) and info[n].params]
        heads = [n for n in learned if n.type == "linear"][-1:] or learned[-1:]
        head_ids = {n.id for n in heads}
        rows = []
        shown = learned if len(learned) <= 12 else learned[:5] + [None] + learned[-6:]
        for node in shown:
            if node is None:
                rows.append(("…", "", ""))
                continue
            # ● retrain (the head), ○ freeze (the lower layers); ❄ marks what the canvas has frozen already
            mark = "<span style='color:#c2456d'>●</span>" if node.id in head_ids else "<span class='muted'>○</span>"
            state = "<span style='color:#3b7fc4'>❄</span>" if not node.trainable else ""
            rows.append((f"{mark} <span class='f'>{esc(node.name)}</span>", info[node.id].params, state))
        head = sum(info[n.id].params for n in heads)
        total = ctx.inference.total_params
        return {
            "table": table(rows),
            "total": number(total),
            "head": number(head),
            "lower": number(total - head),
            "head_share": percent(head, total),
            "head_names": ", ".join(esc(n.name) for n in heads),
            "frozen_now": number(total - ctx.inference.trainable_params),
        }


def page_classes() -> dict[str, type[LessonPage]]:
    from .module_pages import InceptionPage, ResidualPage
    from .picture_pages import InvariancePage, PoolingPage

    pages = (ParametersPage, TransposedPage, AuxiliaryPage, VggPage, GapPage, TransferPage)
    return {page.concept: page for page in pages + (InceptionPage, ResidualPage, PoolingPage, InvariancePage)}
