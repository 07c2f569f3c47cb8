"""Where the GUI's runs live: a folder per run beside the project (``training/run_records.py`` says what is in it).

A saved project ``dir/net.cnn.json`` keeps its runs in ``dir/runs/net/``; a project never saved keeps them in
the app's data folder (``runs/untitled`` under QStandardPaths' AppDataLocation), which the Runs view names.
The project copy in a run folder is what the worker trains, so unsaved edits train too and the user's own
file is never touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from cnnstudio.core.graph import Graph
from cnnstudio.core.project_file import dumps
from cnnstudio.core.safe_io import write_text
from cnnstudio.training.run_records import CHECKPOINTS, PROJECT_FILE, new_run_folder, runs_root


def model_key(graph: Graph) -> tuple:
    """What training depends on: nodes, params, names, frozen flags and edges; positions do not count."""
    nodes, edges = graph.snapshot()
    return tuple(n[:4] + n[5:] for n in nodes), edges


def user_runs_folder() -> Path:
    """The runs of projects never saved: the app's per-user data folder."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".cnnstudio") / "runs" / "untitled"


class RunFolders:
    """Makes run folders: under ``base`` when given (tests, one fixed place), else beside the project file."""

    def __init__(self, base: Path | None = None, unsaved: Path | None = None):
        self.base = Path(base) if base else None
        self.unsaved = Path(unsaved) if unsaved else None

    def root(self, project: Path | str | None) -> Path:
        """The folder holding the runs of the project saved at ``project`` (None: not saved)."""
        if self.base is not None:
            return self.base
        return runs_root(project, self.unsaved or user_runs_folder())

    def new_run(self, graph: Graph, project: Path | str | None) -> tuple[Path, Path]:
        """A fresh run folder with the project copy written: (project copy, checkpoint folder); OSError if not."""
        folder = new_run_folder(self.root(project))
        return self.write_project(graph, folder), folder / CHECKPOINTS

    def write_project(self, graph: Graph, folder: Path) -> Path:
        """Save a copy of ``graph`` (its training config included) into ``folder``; OSError if it cannot."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / PROJECT_FILE
        write_text(path, dumps(graph), fsync=False)  # a copy: the user's own file is saved with fsync
        return path
