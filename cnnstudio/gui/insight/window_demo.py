"""Documentation screenshots of the main window with the Feature maps dock and layer health on the canvas.

    QT_QPA_PLATFORM=offscreen python -m cnnstudio.gui.insight.window_demo docs/

Trains LeNet-5 on the bundled digits for a few seconds (the insight demo's plain loop), saves it as a
checkpoint with its normalisation, hands it to the dock as the training panel would (``checkpoint_saved``)
and writes window-feature-maps.png (conv1 selected). Then it computes layer health with
``cnnstudio.insight.layer_health`` on 256 training digits, sends it as a ``health`` event through the training
panel's event stream and writes layer-health.png (blocks coloured by activation std).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import torch


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cnnstudio.compiler import save_weights
    from cnnstudio.insight import layer_health
    from cnnstudio.terminal import step
    from cnnstudio.training.data.digits import CLASSES

    from ..context import AppContext
    from ..main_window import MainWindow
    from ..theme import apply_theme
    from .demo import digits_28, train_lenet

    out = Path((argv or sys.argv[1:] or ["docs"])[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    with step("training LeNet-5 on the digits for the screenshots (12 epochs, a minute or more on a CPU)"):
        images, labels = digits_28()
        _graph, model, (mean, spread), accuracy, val = train_lenet(images, labels)
    print(f"LeNet-5 on the digits: {accuracy * 100:.1f} % of {len(val)} held-out images right")

    run = Path(tempfile.mkdtemp(prefix="cnnstudio-demo-"))
    weights = run / "last.safetensors"
    save_weights(model, weights)
    meta = {"data": {"name": "digits", "classes": list(CLASSES), "normalize": {"mean": mean, "std": spread}}}
    (run / "last.json").write_text(json.dumps(meta), encoding="utf-8")

    window = MainWindow(AppContext.temporary(run / "app", persist=False))
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.files.open_preset("lenet5")
    window.resize(1600, 940)
    window.show()
    window.resizeDocks([window.insight.dock], [760], Qt.Orientation.Horizontal)
    window.resizeDocks([window.problems_dock], [90], Qt.Orientation.Vertical)
    window.insight.dock.show()
    window.insight.dock.raise_()
    app.processEvents()
    window.training.checkpoint_saved.emit(str(weights))
    graph = window.doc.graph
    conv1 = graph.by_name("conv1").id
    window.scene.nodes[conv1].setSelected(True)
    settle(app, window.insight)  # the model compiles and runs in the dock's worker thread
    panel = window.insight.panel
    panel.sample.setValue(10)
    settle(app, window.insight)
    window.view.fit_readable()
    app.processEvents()
    window.grab().save(str(out / "window-feature-maps.png"))
    print(f"wrote {out / 'window-feature-maps.png'}: conv1, {panel.features.channel_count} maps")

    x = (images[:256] - mean[0]) / spread[0]
    with step("measuring layer health on 256 digits"):
        health = layer_health(panel.model, x, labels[:256])
    layers = {
        name: {"mean": h.mean, "std": h.std, "dead": h.dead_fraction, "grad_norm": h.grad_norm}
        for name, h in health.items()
    }
    window.training.event_received.emit({"event": "health", "step": 0, "layers": layers})
    std = next(a for a in window.insight.metric_group.actions() if a.data() == "std")
    std.setChecked(True)  # every block has an output spread; dead ReLUs are rare in this little network
    window.insight.act_health.setChecked(True)
    window.view.fit_all()  # the whole network: the dense layers at the bottom spread most
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(out / "layer-health.png"))
    spread = ", ".join(f"{k} {v['std']:.2f}" for k, v in layers.items())
    print(f"wrote {out / 'layer-health.png'}: activation std {spread}")
    window.doc.undo_stack.setClean()
    window.close()
    return 0


def settle(app, insight, limit_s: float = 300) -> None:
    """Turn the event loop until the dock's worker has shown everything it was asked for."""
    import time

    began = time.perf_counter()
    while (insight.panel is None or insight.stale or insight.busy.busy) and time.perf_counter() - began < limit_s:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
