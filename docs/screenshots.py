"""Render the README screenshots offscreen: `python docs/screenshots.py` (uses the --screenshot renderer)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent


def shot(name: str, setup) -> None:
    from cnnstudio.gui.app import render_screenshot
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    window = MainWindow(AppContext.temporary(Path(tempfile.mkdtemp(prefix="cnnstudio-docs-")), persist=False))
    setup(window)
    out = HERE / name
    code = render_screenshot(window, str(out), after_fit=getattr(setup, "after_fit", None))
    print(f"{out}: {'ok' if code == 0 else 'failed'}")


def lenet(window) -> None:
    window.files.open_preset("lenet5")


def _select_conv1(window) -> None:
    window.reveal_node(window.doc.graph.by_name("conv1").id)
    window.view.set_zoom(0.85)
    window.view.centerOn(window.scene.nodes[window.doc.graph.by_name("pool1").id].center())


lenet.after_fit = _select_conv1


def resnet18(window) -> None:
    window.files.open_preset("resnet18")


def _select_layer2(window) -> None:
    node = window.doc.graph.by_name("layer2.0")
    window.reveal_node(node.id)
    window.view.set_zoom(0.85)
    window.view.centerOn(window.scene.nodes[node.id].center())


resnet18.after_fit = _select_layer2


def problems(window) -> None:
    """LeNet-5 with its Flatten deleted: the Linear layer gets 16×5×5 and the panel offers the fix."""
    from cnnstudio.core.edits import Compound, Connect, RemoveNode
    from cnnstudio.core.graph import Edge

    window.files.open_preset("lenet5")
    g = window.doc.graph
    flatten, pool2, fc1 = g.by_name("flatten"), g.by_name("pool2"), g.by_name("fc1")
    window.doc.push(Compound([RemoveNode(flatten.id), Connect(Edge(pool2.id, fc1.id))], text="Delete flatten"))


def _select_fc1(window) -> None:
    fc1 = window.doc.graph.by_name("fc1")
    window.problems_dock.raise_()
    window.reveal_node(fc1.id)
    window.view.set_zoom(0.85)
    window.view.centerOn(window.scene.nodes[fc1.id].center())


problems.after_fit = _select_fc1


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from cnnstudio.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    shot("editor-lenet5.png", lenet)
    shot("editor-resnet18.png", resnet18)
    shot("problems-fix.png", problems)
    return 0


if __name__ == "__main__":
    sys.exit(main())
