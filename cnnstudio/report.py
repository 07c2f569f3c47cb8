"""The summary of a graph: per-node shapes, params, MACs, receptive field; totals; diagnostics."""

from __future__ import annotations

import unicodedata
from typing import Any

from .blocks import texts
from .core.block import REGISTRY
from .core.bulk import gc_paused
from .core.components import Component, components
from .core.formulas import fmt_shape
from .core.graph import Graph
from .core.i18n import QT_TRANSLATE_NOOP, translate
from .core.inference import Inference, infer_shapes
from .core.params import shown


def _num_text(n) -> str:
    return shown(n) if isinstance(n, int) else f"{n:.3g}"


def _rf(value) -> list | None:
    return None if value is None else [_num(v) for v in value]


def _num(v):
    return int(v) if float(v).is_integer() else round(float(v), 4)


ROLE_TEXT = {
    "generated_image": QT_TRANSLATE_NOOP("Report", "generated image"),
    "real_fake": QT_TRANSLATE_NOOP("Report", "real/fake"),
}
LEVEL_TEXT = {"error": QT_TRANSLATE_NOOP("Report", "error"), "warning": QT_TRANSLATE_NOOP("Report", "warning")}


@gc_paused
def summary(graph: Graph, result: Inference | None = None) -> dict[str, Any]:
    """The JSON summary of DESIGN.md §5 (plus receptive field and trainable/frozen counts)."""
    result = result or infer_shapes(graph)
    nodes = []
    placed = set(result.order)
    parts = components(graph) if graph.nodes else []
    order = result.order
    if len(parts) > 1:  # several networks on one canvas: each one's rows together, in graph order
        where = {nid: k for k, part in enumerate(parts) for nid in part.nodes}
        order = sorted(order, key=where.__getitem__)
    for nid in order + [n for n in graph.nodes if n not in placed]:
        node, info = graph.nodes[nid], result.info.get(nid)
        nodes.append(
            {
                "name": node.name,
                "type": node.type,
                "output_shape": list(info.shape) if info and info.shape is not None else None,
                "params": info.params if info else 0,
                "macs": info.macs if info else 0,
                "receptive_field": _rf(info.rf) if info else None,
                "effective_stride": _rf(info.jump) if info else None,
                "trainable": node.trainable,
            }
        )
    data = {
        "nodes": nodes,
        "total_params": result.total_params,
        "trainable_params": result.trainable_params,
        "frozen_params": result.frozen_params,
        "total_macs": result.total_macs,
        "diagnostics": [d.to_json(graph) for d in result.diagnostics],
    }
    if len(parts) > 1:
        data["components"] = [_component(part, result) for part in parts]
    return data


def _component(part: Component, result: Inference) -> dict[str, Any]:
    infos = [result.info[nid] for nid in part.nodes if nid in result.info]
    return {
        "name": part.name,
        "roles": list(part.roles),
        "params": sum(i.params for i in infos),
        "macs": sum(i.macs for i in infos),
    }


def human(n: float) -> str:
    """1234567 → '1.23 M'; beyond 10¹⁵, 1.23e+18."""
    if abs(n) >= 10**15:  # compared as an int: an absurd design's total may not fit a float
        return _num_text(n)
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= scale:
            return f"{n / scale:.2f} {unit}"
    return str(int(n))


@gc_paused
def format_table(graph: Graph, data: dict[str, Any]) -> str:
    """A readable table for the terminal."""
    header = (
        translate("Report", "name"),
        translate("Report", "type"),
        translate("Report", "output"),
        translate("Report", "params"),
        translate("Report", "MACs"),
        translate("Report", "receptive field"),
    )
    rows = []
    for item in data["nodes"]:
        label = texts.title(REGISTRY.get(item["type"])) if item["type"] in REGISTRY else item["type"]
        if not item["trainable"]:
            label += translate("Report", " (frozen)")
        rf = item["receptive_field"]
        stride = item["effective_stride"]
        rf_text = "" if rf is None else f"{fmt_shape(rf)} /{fmt_shape(stride)}"
        shape = item["output_shape"]
        rows.append(
            (
                item["name"],
                label,
                fmt_shape(shape) if shape is not None else "?",
                f"{item['params']:,}",
                human(item["macs"]) if item["macs"] else "",
                rf_text,
            )
        )
    widths = [max(_width(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    right = {3, 4}

    def line(cells) -> str:
        return "  ".join(_pad(str(c), w, right=i in right) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append("")
    out.append(
        translate(
            "Report", "Total params: {total:,} (trainable {trainable:,}, frozen {frozen:,})   MACs: {macs} per image"
        ).format(
            total=data["total_params"],
            trainable=data["trainable_params"],
            frozen=data["frozen_params"],
            macs=human(data["total_macs"]),
        )
    )
    for part in data.get("components", ()):
        roles = ", ".join(translate("Report", ROLE_TEXT.get(r, r)) for r in part["roles"])
        out.append(
            "  "
            + translate("Report", "{name}{roles}: {params:,} params, MACs: {macs} per image").format(
                name=part["name"], roles=f" ({roles})" if roles else "", params=part["params"], macs=human(part["macs"])
            )
        )
    diags = data["diagnostics"]
    if diags:
        out.append("")
        out.append(translate("Report", "{count} problem(s):").format(count=len(diags)))
        for d in diags:
            where = d["node"] or translate("Report", "graph")
            level = translate("Report", LEVEL_TEXT.get(d["level"], d["level"]))
            out.append(f"  {level}: {where}: {d['message']} [{d['code']}]")
    else:
        out.append(translate("Report", "No problems."))
    return "\n".join(out)


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide characters (漢字, かな) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill
