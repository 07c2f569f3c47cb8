"""Layered auto-layout: each node one column right of its deepest input, rows ordered to limit crossings."""

from __future__ import annotations

from .graph import Graph

COLUMN = 240.0
ROW = 120.0


def layered_positions(graph: Graph, direction: str = "lr") -> dict[str, tuple[float, float]]:
    """Positions for every node; direction 'lr' (left to right) or 'tb' (top to bottom)."""
    order, cyclic = graph.topological_order()
    layer: dict[str, int] = {}
    for nid in order + cyclic:
        preds = [e.src for e in graph.in_edges(nid).values() if e.src in layer]
        layer[nid] = 1 + max((layer[s] for s in preds), default=-1)

    columns: dict[int, list[str]] = {}
    for nid in order + cyclic:
        columns.setdefault(layer[nid], []).append(nid)

    row: dict[str, float] = {}
    for depth in sorted(columns):
        ids = columns[depth]
        wanted = {}
        for i, nid in enumerate(ids):
            preds = [row[e.src] for e in graph.in_edges(nid).values() if e.src in row]
            wanted[nid] = sum(preds) / len(preds) if preds else float(i)
        ids.sort(key=wanted.__getitem__)
        # each node as near its inputs' mean row as the rows above it allow: chains stay straight
        placed: list[float] = []
        for nid in ids:
            slot = float(round(wanted[nid]))
            if placed and slot <= placed[-1]:
                slot = placed[-1] + 1
            placed.append(slot)
        shift = round(sum(wanted.values()) / len(ids) - sum(placed) / len(placed))
        for nid, slot in zip(ids, placed):
            row[nid] = slot + shift

    positions = {}
    for nid in graph.nodes:
        a, b = layer[nid] * COLUMN, row[nid] * ROW
        positions[nid] = (a, b) if direction == "lr" else (b * 2, a / 2)
    return positions
