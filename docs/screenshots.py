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


def resnet50_fit(window) -> None:
    """ResNet-50 at Fit (F): no further out than names read; the rest of the network is a pan away."""
    window.files.open_preset("resnet50")


resnet50_fit.after_fit = lambda window: window.act_fit.trigger()


def resnet50_fit_all(window) -> None:
    """ResNet-50 at Fit Everything (~25%): every block still says its name, each stage has its label."""
    window.files.open_preset("resnet50")


resnet50_fit_all.after_fit = lambda window: window.act_fit_all.trigger()


def residual_expanded(window) -> None:
    """ResNet-18's layer2.0 expanded into its parts: the projection shortcut runs in its own lane, in a frame."""
    window.files.open_preset("resnet18")
    window.canvas.expand_node(window.doc.graph.by_name("layer2.0").id)


def _frame_layer2_0(window) -> None:
    from PySide6.QtCore import Qt

    graph = window.doc.graph
    parts = [n.id for n in graph.nodes.values() if n.name.startswith("layer2.0.")]
    rect = window.scene.nodes[parts[0]].sceneBoundingRect()
    for nid in parts[1:]:
        rect = rect.united(window.scene.nodes[nid].sceneBoundingRect())
    window.view.fitInView(rect.adjusted(-160, -60, 160, 60), Qt.AspectRatioMode.KeepAspectRatio)
    window.view.set_zoom(min(window.view.zoom(), 1.0))
    window.view.centerOn(rect.center())


residual_expanded.after_fit = _frame_layer2_0


def training_setup(window) -> None:
    """The Training dock's Setup page: every training setting, with the learning-rate and augmentation previews
    (a cosine schedule and some augmentation, so that both previews show what they are for)."""
    import dataclasses

    from cnnstudio.gui.training.config_edit import config_edit, read_config

    window.files.open_preset("lenet5")
    augment = dataclasses.replace(read_config(window.doc.graph)[0].augment, crop_padding=2, rotation=15.0)
    window.doc.push(config_edit(window.doc.graph, schedule="cosine", augment=augment))


def _show_training_setup(window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cnnstudio.gui.training import PANEL_HEIGHT

    panel = window.training
    window.training_dock.show()
    window.training_dock.raise_()
    panel.show_setup(True)
    window.resizeDocks([window.training_dock], [PANEL_HEIGHT + 60], Qt.Orientation.Vertical)
    form = panel.setup
    form.refresh_previews()  # computed on a thread: wait for them, a screenshot without previews says little
    shown = []
    form.previews_shown.connect(lambda: shown.append(True))
    while not shown:
        QApplication.processEvents()
    window.view.fit_readable()


training_setup.after_fit = _show_training_setup


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
    "editor-resnet50-fit.png": (EDITOR, resnet50_fit),
    "editor-resnet50-fit-all.png": (EDITOR, resnet50_fit_all),
    "residual-expanded.png": (EDITOR, residual_expanded),
    "training-setup.png": (EDITOR, training_setup),
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
