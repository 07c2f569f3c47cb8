"""The Training panel: settings, Start / Stop / Resume, progress, live curves and each epoch's results.
Each run lives in its own folder beside the project (``runs.py``), recorded as it trains (``run_recorder.py``).

Training runs in a child process (``runner.py``); its events are queued as they arrive and applied here
on a timer at most 20 times a second, so a fast worker never floods the GUI with redraws. The panel only
shows what the events say; the run's state lives in ``RunHistory``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from ..project.document import Document
from .config_edit import read_config
from .config_form import ConfigForm
from .curves import PLOTS
from .history import RunHistory
from .initial_weights import InitialWeights
from .panel_layout import build_layout, notice
from .preflight_box import PreflightBox
from .progress_bar import ProgressLabel, ThinProgress
from .results_split import ResultsSplit
from .reveal import RunReveal
from .run_recorder import RunRecorder
from .run_texts import epoch_text, finished_text, started_text, stopped_text
from .runner import RunRequest, TrainingRunner
from .runs import RunFolders, model_key
from .setup_form import SetupForm
from .weights_dialog import LoadWeightsDialog

if TYPE_CHECKING:  # torch stays out of the editor's start-up
    from cnnstudio.compiler.weights import LoadReport
    from cnnstudio.training.preflight import Finding, Fix

UPDATE_MS = 50  # queued events are applied at most 20 times a second, and one plot is redrawn per update
APPLY_BUDGET_S = 0.008  # events that took longer to apply leave the redraw to the next update (see drain)


class TrainingPanel(QWidget):
    checkpoint_saved = Signal(str)  # the weights file of a new "last" or "best" checkpoint
    running_changed = Signal(bool)
    message = Signal(str)  # one line for the status bar
    event_received = Signal(dict)  # every worker event, in order (e.g. "health", "snapshot" for the feature maps)
    runs_changed = Signal()  # a run folder was made or its record changed (the Runs view reads them again)
    runs_requested = Signal()  # the Runs button: show the Runs view

    def __init__(self, doc: Document, parent: QWidget | None = None, folders: RunFolders | None = None):
        super().__init__(parent)
        self.doc = doc
        self.folders = folders or RunFolders()
        self.recorder = RunRecorder()  # writes the current run's record and events into its folder
        self.runner = TrainingRunner(self)
        self.history = RunHistory()
        self.resume_dir: Path | None = None  # the last run's checkpoints, when they can be resumed
        self.last_checkpoint: str | None = None
        self.run_folder: Path | None = None
        self.run_project: Path | None = None
        self._started_key: tuple | None = None
        self._began = 0.0
        self._stale_results: list[str] = []  # "confusion", "samples": the last epoch's, not shown yet
        self._stale_plots: set[str] = set()  # plots whose data changed since they were last drawn
        self._next_plot = 0
        self._deferred = False  # the last update left its redraw to this one

        self.act_start = QAction(
            self.tr("Train"), self, toolTip=self.tr("Start training the network as it is now (F5)")
        )
        self.act_stop = QAction(self.tr("Stop"), self, toolTip=self.tr("Stop after this batch and save a checkpoint"))
        self.act_resume = QAction(
            self.tr("Resume"), self, toolTip=self.tr("Continue the stopped run from its checkpoint")
        )
        self.act_load_weights = QAction(
            self.tr("Load &Weights…"), self, toolTip=self.tr("Start training from trained weights")
        )
        self.act_start.triggered.connect(self.start)
        self.act_stop.triggered.connect(self.stop)
        self.act_resume.triggered.connect(self.resume)
        self.act_load_weights.triggered.connect(lambda: self.load_weights())

        self.form = ConfigForm(doc)
        self.setup = SetupForm(doc)
        self.split = ResultsSplit()
        self._views_stale = False  # the last run's plots wait to be cleared (see _clear_views_next_turn)
        self._run_began = False
        self.curves, self.confusion, self.ap_table = self.split.curves, self.split.confusion, self.split.ap_table
        self.samples, self.generated = self.split.samples, self.split.generated
        self.progress = ThinProgress()
        self.progress_label = ProgressLabel()
        self.status_label = QLabel("")
        self.error_label = self._notice("error")
        self.changed_label = self._notice("warn")
        self.warning_label = self._notice("warn")
        self.initial = InitialWeights(doc)  # fresh weights, or a file's (Load Weights…)
        self.weights_label, self.clear_weights = self.initial.label, self.initial.clear_button
        self.initial.message.connect(self.message)
        self.form_label = self._notice("error")
        self.preflight_box = PreflightBox()
        self._accepted: set[str] = set()  # pre-flight warnings the user chose to train with
        self._retry = self.start  # the command a pre-flight fix continues
        build_layout(self)
        self.reveal = RunReveal(self)  # after Train, the run comes into view a step per event-loop turn

        self.timer = QTimer(self, interval=UPDATE_MS)
        self.timer.timeout.connect(self.drain)
        self.runner.events_arrived.connect(self._wake)
        self.runner.state_changed.connect(self._on_state)
        self.form.problem.connect(lambda text: self._set_notice(self.form_label, text))
        self.setup.problem.connect(lambda text: self._set_notice(self.form_label, text))
        self.form.reload()  # again, now that its notice is connected: a project's unusable settings say why
        self.preflight_box.fix_chosen.connect(self._apply_preflight_fix)
        doc.inferred.connect(self._check_graph)
        doc.reset.connect(self._on_reset)
        self._update_actions()

    # layout ------------------------------------------------------------------------------------
    def _notice(self, role: str) -> QLabel:
        return notice(role)

    def show_setup(self, on: bool = True) -> None:
        """The settings page (on) or the last run's curves and results (off)."""
        self.body.setCurrentWidget(self.setup_scroll if on else self.split)

    # commands ----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.runner.running

    def start(self) -> bool:
        """Train the graph as it is now (unsaved edits included) from fresh or loaded weights."""
        self._retry = self.start
        if self.runner.running or not self._ready() or not self._preflight():
            return False
        self._finish_last_run()
        config, _ = read_config(self.doc.graph)
        try:
            project, checkpoints = self.folders.new_run(self.doc.graph, self.doc.path)
            self.recorder.begin(project.parent, self.doc.path, config.epochs)
        except OSError as exc:
            return self._refuse(self.tr("Cannot write the run folder for training: {0}").format(exc))
        self.run_folder = project.parent
        self.run_project = project  # the copy this run trains (a latent walk compiles it)
        self.resume_dir = None
        self.history.clear()
        self._clear_views_next_turn()
        self._launch(RunRequest(project, checkpoint_dir=checkpoints, weights=self.weights))
        self.reveal.new_run()  # the dock, the results page, the Runs view: in later turns (reveal.py)
        if self.doc.path is None:  # no project folder to keep it beside: say where it went
            self.message.emit(
                self.tr("This project is not saved: its runs are kept in {0}").format(project.parent.parent)
            )
        return True

    def resume(self) -> bool:
        """Continue the last stopped run from its checkpoint (with the epochs the settings now say)."""
        if self.runner.running or self.resume_dir is None or self.run_folder is None:
            return False
        self._retry = self.resume
        if not self._ready() or not self._preflight():
            return False
        self._finish_last_run()
        config, _ = read_config(self.doc.graph)
        kept = self.recorder.snapshot(self.run_folder)  # a resume the worker refuses leaves the run as it was
        try:
            project = self.folders.write_project(self.doc.graph, self.run_folder)
            self.recorder.resume(self.run_folder, config.epochs, kept)
        except OSError as exc:
            return self._refuse(self.tr("Cannot write the run folder for training: {0}").format(exc))
        self.run_project = project
        request = RunRequest(project, checkpoint_dir=self.resume_dir, resume=self.resume_dir, epochs=config.epochs)
        self._launch(request)
        self.reveal.resumed_run()
        return True

    def resume_run(self, folder: Path) -> bool:
        """Continue a run of this project kept in ``folder`` (after a restart too): its curves come back first."""
        from cnnstudio.training.run_records import CHECKPOINTS, read_events

        if self.runner.running:
            return self._refuse(self.tr("A run is training: stop it before resuming another"))
        if not (folder / CHECKPOINTS / "last.json").is_file():
            return self._refuse(self.tr("This run wrote no checkpoint, so it cannot be resumed"))
        self._finish_last_run()
        self.run_folder, self.resume_dir = folder, folder / CHECKPOINTS
        self.run_project = folder / "project.cnn.json"
        self.history.clear()
        self._views_stale = False
        self.split.clear()
        for event in read_events(folder):  # the stored curves; the resumed run's "started" cuts what it replays
            self.history.apply(event)
        self.curves.refresh(self.history, PLOTS)
        self.body.setCurrentWidget(self.split)
        self._update_actions()
        return self.resume()

    def _clear_views_next_turn(self) -> None:
        """The last run's plots and results are emptied a turn after Train is pressed, before any event of the
        new run is shown: the press's own turn is short (every plot and table cleared costs as much as the
        checks, the run folder and the process start together)."""
        self._views_stale = True
        QTimer.singleShot(0, self, self._clear_stale_views)

    def _clear_stale_views(self) -> None:
        if self._views_stale:
            self._views_stale = False
            self.split.clear()

    def _finish_last_run(self) -> None:
        """The last run's events still queued (its end, its exit) go to its own record, not the next run's."""
        if self.runner.queue:
            self.drain()

    def stop(self) -> None:
        """Stop after the current batch with a checkpoint; pressed again while stopping, end it now."""
        self.runner.stop()
        self._update_actions()

    def shutdown(self) -> None:
        """The window closes: stop the worker (gracefully if it can), apply what it said, tidy up."""
        self.runner.shutdown()
        self.drain()

    def _ready(self) -> bool:
        _config, problem = read_config(self.doc.graph)
        if problem:
            return self._refuse(self.tr("Cannot train: {0}").format(problem))
        errors = self.doc.refresh().errors()
        if errors:
            first = errors[0]
            name = (
                self.doc.graph.nodes[first.node].name if first.node in self.doc.graph.nodes else self.tr("the network")
            )
            more = self.tr(" (and {0} more problems)").format(len(errors) - 1) if len(errors) > 1 else ""
            return self._refuse(self.tr("Cannot train yet: {0}: {1}{2}").format(name, first.message, more))
        return True

    def _preflight(self) -> bool:
        """Data against head and Input before any worker starts: False (and the message with its fixes shown)
        while something needs an answer; notes stay shown beside the run."""
        from cnnstudio.training.preflight import blocking, preflight

        config, _ = read_config(self.doc.graph)
        graph = self.doc.graph
        keep = self.weights is not None or any(not node.trainable for node in graph.nodes.values())
        findings = [f for f in preflight(graph, config, keep_input=keep) if f.message not in self._accepted]
        if blocking(findings):
            self.preflight_box.show_findings(findings)
            self._set_notice(self.error_label, "")
            self.status_label.setText("")  # nothing is starting
            self.message.emit(findings[0].message)
            self.reveal.bring_forward()  # the fix buttons are in this panel, maybe behind another tab
            return False
        # notes are shown with the results, a few turns later: a row shown now would re-lay out the whole
        # window (a widget shown lays out its ancestors at once) in the turn that starts the worker
        self.preflight_box.show_findings([])
        self.reveal.notes = findings
        return True

    def _apply_preflight_fix(self, finding: Finding, fix: Fix) -> None:
        """A pre-flight button: apply its edit (or accept the difference), then try to start again."""
        from cnnstudio.training.preflight import fix_edit

        if fix.kind == "proceed":
            self._accepted.add(finding.message)
        else:
            edit = fix_edit(self.doc.graph, fix)
            if edit is not None and not self.doc.push(edit):
                return
        self.preflight_box.show_findings([])  # answered: what still differs is shown again by the retry
        self._retry()  # Train or Resume again, whichever was held back

    def _refuse(self, text: str) -> bool:
        if not self.runner.running:
            self.status_label.setText("")  # never "Starting…" beside the reason it did not
        self._set_notice(self.error_label, text)
        self.message.emit(text)
        return False

    def _launch(self, request: RunRequest) -> None:
        self._set_notice(self.error_label, "")
        self._set_notice(self.warning_label, "")
        self._set_notice(self.changed_label, "")
        self._started_key = model_key(self.doc.graph)
        self._began = time.monotonic()
        self.status_label.setText(self.tr("Starting the training process…"))
        self._run_began = False  # this launch's worker has not said "started" (a resumed run's history has)
        self.progress_label.setText(self.tr("starting…"))
        self.runner.start(request)
        self.timer.start()

    # transfer learning -------------------------------------------------------------------------
    @property
    def weights(self) -> Path | None:
        """The initial weights for the next Start (None: fresh)."""
        return self.initial.path

    @property
    def weights_dialog(self) -> LoadWeightsDialog | None:
        return self.initial.dialog

    def load_weights(self, path: str | None = None) -> LoadWeightsDialog | None:
        """Choose a weights file, show what it loads, and on OK train from it (optionally freezing)."""
        return self.initial.choose(path)

    def set_initial_weights(self, path: Path | None, report: LoadReport | None = None) -> None:
        self.initial.set(path, report)

    # events ------------------------------------------------------------------------------------
    def _wake(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def drain(self) -> None:
        """Apply every queued event, then redraw one view that changed: a redraw costs far more than the
        events, and one view per update (the epoch's results first, then the plots in turn) keeps each short."""
        self._clear_stale_views()  # the new run's first events never land on the last run's plots
        began = time.perf_counter()
        events = self.runner.take_events()
        for event in events:
            change = self.history.apply(event)
            if change == "curves":
                self._stale_plots.update(("loss", "lr", "speed"))
            elif change == "epoch":
                self._stale_plots.update(("loss", "accuracy"))
                self._stale_results = ["confusion", "samples"]
            self._on_event(event)
            self._record(event)
            self.event_received.emit(event)
        # events that took this update's time (a record written) leave the redraw to the next update, never two
        # in a row (a loaded machine would otherwise never redraw)
        self._deferred = not self._deferred and time.perf_counter() - began > APPLY_BUDGET_S
        if self._deferred:
            pass
        elif not self.runner.running and not self.runner.queue:  # the run is over: catch up at once
            self._show_results(self._stale_results)
            self._redraw_plots(len(PLOTS))
        elif self._stale_results:
            self._show_results(self._stale_results[:1])
        else:
            self._redraw_plots(1)
        if events:
            self._show_progress()
        if not events and not self.runner.running and not self._stale_plots:
            self.timer.stop()

    def _redraw_plots(self, count: int) -> None:
        rotation = (*PLOTS[self._next_plot :], *PLOTS[: self._next_plot])
        plots = tuple(p for p in rotation if p in self._stale_plots)[:count]
        if plots:
            self.curves.refresh(self.history, plots)
            self._stale_plots.difference_update(plots)
            self._next_plot = (PLOTS.index(plots[-1]) + 1) % len(PLOTS)

    def _show_results(self, views: list[str]) -> None:
        """The last epoch's confusion matrix and/or sample grid."""
        self._stale_results = [v for v in self._stale_results if v not in views]
        self.split.show_results(self.history, views)

    def _add_generated(self, e: dict) -> None:
        verdicts = ""
        if e.get("d_real") is not None and e.get("d_fake") is not None:
            verdicts = self.tr("D(real) {0:.2f}, D(fake) {1:.2f}").format(e["d_real"], e["d_fake"])
        self.split.add_generated(e, verdicts)

    def _record(self, event: dict) -> None:
        """The event into the run's folder; a folder that cannot be written says so once, training goes on."""
        problem = self.recorder.add(event)
        if problem:
            self._set_notice(self.warning_label, problem)
        if event.get("event") in ("epoch_end", "stopped", "finished", "error", "exited"):
            self.runs_changed.emit()

    def _on_event(self, e: dict) -> None:
        kind = e.get("event")
        if kind == "started":
            self._run_began = True
            self.body.setCurrentWidget(self.split)
            self.reveal.draw_plots()  # (already, unless the worker answered before the dock came to the front)
            self.status_label.setText(started_text(e))
            if not e.get("resumed"):
                self.split.clear_results()
        elif kind == "weights":
            self.initial.show_text(e.get("message", ""))
        elif kind == "warning":
            self._set_notice(self.warning_label, e.get("message", ""))
        elif kind == "epoch_end":
            self.status_label.setText(epoch_text(e))
            if e.get("sample_grid"):  # kept for every epoch: the view's slider looks back
                self._add_generated(e)
        elif kind == "checkpoint":
            self.last_checkpoint = e.get("path")
            if e.get("kind") == "last" and self.last_checkpoint:
                self.resume_dir = Path(self.last_checkpoint).parent
                if self.generated.grids and self.run_project is not None:  # a generator: walks use it
                    self.generated.set_source(str(self.run_project), self.last_checkpoint)
            if self.last_checkpoint:
                self.checkpoint_saved.emit(self.last_checkpoint)
        elif kind == "stopped":
            self.status_label.setText(stopped_text(e))
        elif kind == "finished":
            self.status_label.setText(finished_text(e, time.monotonic() - self._began))
        elif kind == "error":
            if not self._run_began:  # it failed before starting: "Starting…" is no longer true
                self.status_label.setText(self.tr("Training did not start."))
            else:  # "Training 61,706 parameters on cpu…" is no longer true either; the error says what happened
                self.status_label.setText("")
            self._set_notice(
                self.error_label, self.tr("Training stopped: {0}").format(e.get("message") or self.tr("unknown error"))
            )
            self.message.emit(e.get("message", ""))
        elif kind == "exited":
            self._update_actions()

    def _show_progress(self) -> None:
        self.progress.setValue(round(1000 * self.history.progress.fraction))
        self.progress_label.show_progress(self.history.progress, self.runner.running)

    # state -------------------------------------------------------------------------------------
    def _on_state(self, _state: str) -> None:
        self._update_actions()
        self.running_changed.emit(self.runner.running)

    def _update_actions(self) -> None:
        running = self.runner.running
        stopping = self.runner.state == "stopping"
        self.act_start.setEnabled(not running)
        self.act_stop.setEnabled(running)
        self.act_stop.setText(self.tr("Force Stop") if stopping else self.tr("Stop"))
        self.act_resume.setEnabled(not running and self.resume_dir is not None)
        self.form.setEnabled(True)  # settings apply to the next run; editing them never touches this one

    def _on_reset(self) -> None:
        """Another project: its own weights and runs, not the last one's (a running worker finishes its own)."""
        if self.runner.running:
            return
        self.resume_dir = None
        self._started_key = None
        self.set_initial_weights(None)
        self._accepted.clear()
        self.preflight_box.show_findings([])
        for label in (self.changed_label, self.error_label, self.warning_label):
            self._set_notice(label, "")
        self._update_actions()

    def _check_graph(self, _inference=None) -> None:
        """A notice while the curves belong to a network that has since been edited."""
        if self._started_key is None:
            return
        changed = model_key(self.doc.graph) != self._started_key
        text = (
            self.tr(
                "The network has changed since this training started: the curves belong to the version that was "
                "started. Train again to train the network as it is now."
            )
            if changed
            else ""
        )
        self._set_notice(self.changed_label, text)

    def _set_notice(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
