"""Render every screenshot the README shows, offscreen: ``make screenshots`` (``python docs/screenshots.py [NAME ...]``).

The editor shots use the ``--screenshot`` renderer; the feature-map and layer-health shots come from the insight
demos, which first train LeNet-5 for a minute or so (the Runs view's shot trains it twice); the detection shots
come from detection_demo, which trains det_small at 64×64 through the Training panel (a few minutes). SHOTS says
which file comes from where and at what size;
tests/test_screenshots.py holds the README and docs/ to it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
EDITOR = (1600, 1000)  # cnnstudio.gui.app.SCREENSHOT_SIZE


def shot(name: str, setup) -> None:
    from PySide6.QtWidgets import QApplication

    from cnnstudio.gui import translation
    from cnnstudio.gui.app import render_screenshot
    from cnnstudio.gui.context import AppContext
    from cnnstudio.gui.main_window import MainWindow

    language = getattr(setup, "language", "en")  # a shot in Japanese speaks it from the window's first label
    translation.install(QApplication.instance(), language)
    try:
        window = MainWindow(AppContext.temporary(Path(tempfile.mkdtemp(prefix="cnnstudio-docs-")), persist=False))
        setup(window)
        out = HERE / name
        if render_screenshot(window, str(out), after_fit=getattr(setup, "after_fit", None)) != 0:
            raise SystemExit(f"screenshots.py: cannot write {out}")
    finally:
        if language != "en":
            translation.install(QApplication.instance(), "en")


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


def lenet_ja(window) -> None:
    """The LeNet-5 editor in Japanese (``cnnstudio --lang ja``), conv1 selected."""
    lenet(window)


lenet_ja.after_fit = _select_conv1
lenet_ja.language = "ja"


def resnet18_ja(window) -> None:
    """The ResNet-18 editor in Japanese, a residual module selected."""
    resnet18(window)


resnet18_ja.after_fit = _select_layer2
resnet18_ja.language = "ja"


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


def diagnostic_ja(window) -> None:
    """LeNet-5 in Japanese with conv1's kernel 40: wider than its padded input, the Problems dock offers the fix."""
    window.files.open_preset("lenet5")
    window.doc.set_param(window.doc.graph.by_name("conv1").id, "kernel_size", 40)


def _select_conv1_problem(window) -> None:
    window.problems_dock.raise_()
    _select_conv1(window)


diagnostic_ja.after_fit = _select_conv1_problem
diagnostic_ja.language = "ja"


def learn_page(preset: str, block: str, concept: str, steps: int = 0, language: str = "en"):
    """A Learn page on one block of a preset: the canvas shows the block selected, the dock its concept."""

    def setup(window) -> None:
        window.files.open_preset(preset)

    def after_fit(window) -> None:
        from PySide6.QtCore import Qt

        node = window.doc.graph.by_name(block)
        window.reveal_node(node.id)
        window.view.set_zoom(0.8)
        for dock in (window.problems_dock, window.summary_dock, window.training_dock):
            dock.hide()  # the page needs the height more than the bottom panels do
        window.learn.open(concept)
        window.resizeDocks([window.learn.dock], [700], Qt.Orientation.Horizontal)
        window.view.centerOn(window.scene.nodes[node.id].center())
        for _ in range(steps):  # a position where the kernel overlaps both the zero padding and the digit
            window.learn.panel.page.step(1)

    setup.after_fit = after_fit
    setup.language = language
    return setup


def insight_demo(folder: Path) -> None:
    from cnnstudio.gui.insight import demo

    demo.main([str(folder)])


def window_demo(folder: Path) -> None:
    from cnnstudio.gui.insight import window_demo

    window_demo.main([str(folder)])


def runs_demo(folder: Path) -> None:
    from cnnstudio.gui.training import runs_demo as demo

    demo.main([str(folder)])


def detection_demo(folder: Path) -> None:
    """det_small trained through the Training panel, then the Feature maps panel on it: an image and a video frame."""
    from cnnstudio.gui.insight import detection_demo

    detection_demo.main([str(folder)])


# file -> (width, height), and what makes it: an editor setup, or a demo that writes several files at once
SHOTS = {
    "editor-lenet5.png": (EDITOR, lenet),
    "editor-resnet18.png": (EDITOR, resnet18),
    "problems-fix.png": (EDITOR, problems),
    "window-ja-lenet5.png": (EDITOR, lenet_ja),
    "window-ja-resnet18.png": (EDITOR, resnet18_ja),
    "diagnostic-ja.png": (EDITOR, diagnostic_ja),
    "insight-conv1.png": ((1180, 700), insight_demo),
    "insight-conv2.png": ((1180, 700), insight_demo),
    "insight-gradcam.png": ((1180, 700), insight_demo),
    "insight-kernels.png": ((1180, 700), insight_demo),
    "learn-convolution.png": (EDITOR, learn_page("lenet5", "conv1", "convolution", steps=37)),
    "learn-convolution-ja.png": (EDITOR, learn_page("lenet5", "conv1", "convolution", steps=37, language="ja")),
    "learn-inception.png": (EDITOR, learn_page("googlenet", "inception3a", "inception")),
    "learn-residual.png": (EDITOR, learn_page("resnet18", "layer2.0", "residual")),
    "learn-residual-ja.png": (EDITOR, learn_page("resnet18", "layer2.0", "residual", language="ja")),
    "window-feature-maps.png": ((1600, 940), window_demo),
    "layer-health.png": ((1600, 940), window_demo),
    "runs-compare.png": ((1600, 940), runs_demo),
    # the detection shots' sizes are detection_demo.SIZES (the Training panel is at least 1514 wide)
    "training-detection.png": ((1514, 520), detection_demo),
    "insight-detection.png": ((1000, 560), detection_demo),
    "insight-video.png": ((1000, 600), detection_demo),
}
DEMOS = (insight_demo, window_demo, runs_demo, detection_demo)


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from cnnstudio.gui.app import _quiet_platform_notes
    from cnnstudio.gui.theme import apply_theme
    from cnnstudio.terminal import step

    names = argv if argv is not None else sys.argv[1:]
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        print(f"screenshots.py: unknown {', '.join(unknown)}; choose from {', '.join(SHOTS)}", file=sys.stderr)
        return 2
    wanted = names or list(SHOTS)
    _quiet_platform_notes()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    done = set()
    for name in wanted:
        _, make = SHOTS[name]
        if make in done:
            continue
        if make in DEMOS:  # they say what they do themselves
            make(HERE)
        else:
            with step(f"rendering {name}"):
                shot(name, make)
        done.add(make)
    return 0


if __name__ == "__main__":
    sys.exit(main())
