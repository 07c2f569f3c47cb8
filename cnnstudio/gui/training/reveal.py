"""How a run comes into view after Train or Resume: in steps, one per event-loop turn (``stages.py``).

In the turn of the click only the worker starts. Then, a turn each: the host's steps that show the dock and
grow its tab group (while the tab in front is still the one it was, cheap to repaint) and size the Training
tab; the pre-flight notes; the results page, laid out off screen; each plot's axes, drawn off screen
(``TrainingCurves.prerender``); the host's step that brings the tab to the front (a whole-window repaint, the
plots left undrawn); the plots; the Runs view's re-read. Each of these re-lays out or repaints part of the
window, and all of them in one turn held the window > 50 ms on a busy machine.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ..stages import Stages

if TYPE_CHECKING:
    from cnnstudio.training.preflight import Finding

    from .panel import TrainingPanel

# after the panel is made, its plots are drawn once off screen (the first text of each font), while start-up has
# the caches warm: at 1.5 s, after the window had idled, the first axis alone took 70-100 ms here (10 ms warm)
WARM_UP_MS = 300

Step = Callable[[], object]


class RunReveal:
    def __init__(self, panel: TrainingPanel):
        self.panel = panel
        self.stages = Stages(panel)
        self.show_dock_steps: list[Step] = []  # the host's: show the dock, size it (before the panel's steps)
        self.raise_dock_steps: list[Step] = []  # the host's: bring it to the front (after them)
        self.notes: list[Finding] = []  # the pre-flight's notes for the run being started
        # the first drawing of text in each font costs most: done at idle, not in the turns after Train
        QTimer.singleShot(WARM_UP_MS, panel, self._warm_up)

    def new_run(self) -> None:
        panel = self.panel
        self.stages.run(
            [
                *self.show_dock_steps,
                self.show_notes,
                self._show_results_page,
                *self._prerender_steps(),
                *self.raise_dock_steps,
                self.draw_plots,
                panel.runs_changed.emit,
            ]
        )

    def resumed_run(self) -> None:
        self.stages.run(
            [
                *self.show_dock_steps,
                self.show_notes,
                *self.raise_dock_steps,
                self.draw_plots,
                self.panel.runs_changed.emit,
            ]
        )

    def bring_forward(self) -> None:
        """The panel to the front, nothing else (a pre-flight question with its fix buttons waits in it)."""
        self.stages.run([*self.show_dock_steps, *self.raise_dock_steps])

    def show_notes(self) -> bool:
        box = self.panel.preflight_box
        if not self.notes and box.isHidden():
            return False  # nothing to do: the next step runs in this turn
        box.show_findings(self.notes)
        return True

    def _show_results_page(self) -> None:
        """The curves, confusion matrix and samples (after the notes above them: their rows take room). Off
        screen (a tab behind another) the plots stay undrawn until the tab is in front (``draw_plots``)."""
        panel = self.panel
        panel.body.setCurrentWidget(panel.split)
        if panel.visibleRegion().isEmpty():
            panel.curves.ci.setOpacity(0.0)  # not drawn at all, and nothing re-laid out

    def draw_plots(self) -> bool:
        plots = self.panel.curves.ci
        if plots.opacity() == 1.0:
            return False  # nothing to do: the next step runs in this turn
        plots.setOpacity(1.0)
        return True

    def _prerender_steps(self) -> list[Step]:
        curves = self.panel.curves
        return [partial(curves.prerender, plot) for plot in curves.plots]

    def _warm_up(self) -> None:
        """Each axis and title on its own turn: the first drawing of this code and of each font is the slowest
        (the first plot's items together held the window ~100 ms after a few idle seconds, measured)."""
        if self.stages.pending:  # a run being shown prepares its plots itself
            return
        curves = self.panel.curves
        items = [item for plot in curves.plots for item in curves.paint_items(plot)]
        self.stages.run([partial(curves.prerender_item, item) for item in items])
