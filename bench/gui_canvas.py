"""Canvas speed on big networks: open to first paint, fit-to-view repaint, pan/zoom frames, edit to labels.

Runs offscreen. Prints each figure against its target (DESIGN §7: ≤ 16 ms a frame; open < 1.5 s) as PASS/MISS;
exits 1 when any figure is a MISS.
Graphs: the resnet152 preset (58 blocks: composite residual blocks) and the same network with every residual
block expanded into its convolutions, batch norms, ReLUs and adds (~550 blocks).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

FRAME_MS = 16.0
OPEN_S = 1.5


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def p95s(frames: list[tuple[float, float]]) -> tuple[float, float]:
    return p95([f[0] for f in frames]), p95([f[1] for f in frames])


def edit_targets(graph):
    """(what, node, param): an edit that changes a few shapes, and one that re-shapes everything after it."""
    named = {n.name: n for n in graph.nodes.values()}
    if "layer3.10.conv1" in named:  # expanded: conv1 feeds only its own block; conv3 feeds the shortcut add
        return [
            ("local", named["layer3.10.conv1"], "out_channels"),
            ("re-shapes half", named["layer3.10.conv3"], "out_channels"),
        ]
    residuals = [n for n in graph.nodes.values() if n.type == "residual"]
    return [("local", residuals[len(residuals) // 2], "planes")]


def expanded_resnet152():
    """ResNet-152 with every residual block expanded into its convolutions, norms, ReLUs and adds."""
    from cnnstudio import presets
    from cnnstudio.core.composite_edits import expand_composite
    from cnnstudio.core.layout import layered_positions

    graph = presets.build("resnet152")
    for node in [n for n in graph.nodes.values() if n.type == "residual"]:
        expand_composite(graph, node.id).apply(graph)
    for nid, pos in layered_positions(graph, "tb").items():
        graph.nodes[nid].pos = pos
    return graph


def measure(label: str, graph_factory) -> list[tuple[str, float, float, str]]:
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    app = QApplication.instance()

    rows = []
    folder = Path(tempfile.mkdtemp(prefix="cnnstudio-bench-"))
    t0, c0 = time.perf_counter(), time.thread_time()
    graph = graph_factory()
    window = MainWindow(AppContext.temporary(folder, persist=False))
    window.resize(1600, 1000)
    window.open_graph(graph, title=label)
    window.show()
    app.processEvents()
    window.view.fit_readable()
    window.view.viewport().repaint()
    first_paint = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
    rows.append((f"{label}: open to first paint ({len(graph.nodes)} blocks)", first_paint, OPEN_S * 1000))

    view = window.view
    vp = view.viewport()

    painted = [0]

    class PaintCounter(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                painted[0] += 1
            return False

    counter = PaintCounter()
    vp.installEventFilter(counter)

    def frame(action) -> tuple[float, float]:
        """The action and the paint it causes, as the event loop does it (only what changed is painted).

        Returns (wall ms, CPU ms of the GUI thread): the machine is shared, so wall time includes waiting for a
        core; and the process's CPU time would also count Qt's and the app's worker threads, which run beside the
        frame without delaying it.
        """
        before = painted[0]
        t, c = time.perf_counter(), time.thread_time()
        action()
        app.processEvents()
        if painted[0] == before:  # make sure a frame was really drawn
            vp.repaint()
        return (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000

    fits = [frame(view.fit_all) for _ in range(3)]
    fits += [frame(lambda: (view.set_zoom(0.5), view.fit_all())) for _ in range(10)]
    rows.append((f"{label}: fit to view + repaint, p95", p95s(fits), FRAME_MS))

    for zoom in (1.0, view.zoom()):  # at 100% (full detail) and at the fit (the whole graph)
        view.set_zoom(zoom)
        view.centerOn(window.scene.graph_rect().center())
        pans = [frame(lambda k=k: view.pan_by(37 if k % 20 < 10 else -37, 23)) for k in range(60)]
        rows.append((f"{label}: pan frame at {zoom * 100:.0f}%, p95", p95s(pans), FRAME_MS))

    view.fit_all()
    centre = vp.rect().center()
    from PySide6.QtCore import QPointF

    zooms = [frame(lambda k=k: view.zoom_by(1.12 if k % 16 < 8 else 1 / 1.12, QPointF(centre))) for k in range(48)]
    rows.append((f"{label}: zoom-to-cursor frame, p95", p95s(zooms), FRAME_MS))

    # one param edit (typing in the inspector) to repainted labels, at 100% on that block
    doc = window.doc
    for kind, target, key in edit_targets(doc.graph):
        window.scene.select_nodes([target.id])
        view.set_zoom(1.0)
        view.center_on_node(target.id)
        app.processEvents()
        base = target.params[key]
        edits = [
            frame(lambda n=target.id, p=key, v=base + (k % 2) * 8, s=(kind, k): doc.set_param(n, p, v, session=s))
            for k in range(30)
        ]
        rows.append((f"{label}: param edit to repainted labels ({kind}), p95", p95s(edits), FRAME_MS))
    doc.undo_stack.setClean()
    window.close()
    return rows


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from cnnstudio import presets
    from cnnstudio.core.project_file import load
    from cnnstudio.gui.theme import apply_theme

    apply_theme(app)
    rows = measure("resnet152 preset", lambda: load(presets.path("resnet152")))
    rows += measure("resnet152 expanded", expanded_resnet152)
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  {'wall':>8}  {'CPU':>8}  target   CPU/target")
    misses = 0
    for name, (wall, cpu), target in rows:
        verdict = "PASS" if cpu <= target else "MISS"
        misses += verdict == "MISS"
        print(f"{name.ljust(width)}  {wall:6.1f}ms  {cpu:6.1f}ms  ≤{target:5g}ms  {cpu / target:5.2f}  {verdict}")
    print(
        "Judged on the GUI thread's CPU time: the 2-core machine is shared, so wall time includes waiting for a core"
        f" (load average now {os.getloadavg()[0]:.1f})."
    )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
