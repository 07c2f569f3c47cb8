"""The documentation screenshot of the Runs view comparing two runs.

    QT_QPA_PLATFORM=offscreen python -m cnnstudio.gui.training.runs_demo docs/

Trains LeNet-5 on the bundled digits twice with the real training worker (Adam, then SGD: eight epochs each,
a minute or two on a CPU), each into its own run folder beside a saved project, as the Training panel does.
Then it opens that project in a new window, ticks both runs in the Runs view and writes runs-compare.png:
the validation accuracy of the two runs overlaid, one colour per run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE = (1600, 940)
EPOCHS = 8
# two optimisers on the same network and data: a comparison a student would make
RUNS = (
    ("Adam, lr 0.002", {"optimizer": "adam", "lr": 0.002}),
    ("SGD, lr 0.02", {"optimizer": "sgd", "lr": 0.02}),
)


def train_run(folders, project: Path, graph, name: str) -> Path:
    """One run as the Training panel makes it: a run folder, the worker's events recorded into it."""
    from cnnstudio.training.run_records import RunLog, rename_run

    copy, checkpoints = folders.new_run(graph, project)
    log = RunLog.create(copy.parent, project.name, EPOCHS)
    command = [sys.executable, "-m", "cnnstudio.training.worker", str(copy), "--checkpoint-dir", str(checkpoints)]
    done = subprocess.run([*command, "--no-stdin", "--threads", "2"], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            log.add(event)
    log.end()
    if done.returncode != 0:
        raise SystemExit(f"runs_demo: the worker failed: {done.stderr.strip().splitlines()[-1:]}")
    rename_run(copy.parent, name)
    return copy.parent


def render(app, project: Path, out: Path) -> Path:
    """Open ``project`` in a new window, tick its runs in the Runs view and write runs-compare.png."""
    from PySide6.QtCore import Qt

    from ..context import AppContext
    from ..main_window import MainWindow

    window = MainWindow(AppContext.temporary(project.parent / "app", persist=False))
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.files.open(str(project))
    window.resize(*SIZE)
    window.show()
    view = window.runs_view
    window.training.runs_button.click()  # the Training panel's way to the Runs view
    window.resizeDocks([window.runs_dock], [430], Qt.Orientation.Vertical)
    view.set_checked([r.folder for r in view.records])
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    view.split.setSizes([720, 860])
    window.view.fit_readable()
    for _ in range(3):
        app.processEvents()
    target = out / "runs-compare.png"
    window.grab().save(str(target))
    best = ", ".join(f"{r.name}: {100 * (r.best_value or 0):.1f} %" for r in view.records)
    print(f"wrote {target}: best validation accuracy {best}")
    window.doc.undo_stack.setClean()
    window.close()
    return target


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    import cnnstudio
    from cnnstudio import presets
    from cnnstudio.terminal import step
    from cnnstudio.training.config import TrainingConfig

    from ..theme import apply_theme
    from .runs import RunFolders

    out = Path((argv or sys.argv[1:] or ["docs"])[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="cnnstudio-runs-demo-"))
    project = work / "lenet5.cnn.json"
    folders = RunFolders()
    for name, settings in RUNS:
        graph = presets.build("lenet5")
        TrainingConfig(epochs=EPOCHS, batch_size=64, data="digits", device="cpu", **settings).to_graph(graph)
        cnnstudio.save(graph, project)
        with step(f"training LeNet-5 on the digits for the Runs screenshot: {name}, {EPOCHS} epochs"):
            train_run(folders, project, graph, name)

    render(app, project, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
