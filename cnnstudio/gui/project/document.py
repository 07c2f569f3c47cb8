"""The open project: its graph (the one source of truth), file path, undo stack and latest inference."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.edits import Edit, SetParam
from cnnstudio.core.flow_checks import infer_with_flow
from cnnstudio.core.graph import MISSING, Graph, GraphError
from cnnstudio.core.inference import Inference

from .commands import EditCommand, SetParamCommand


class Document(QObject):
    """Relays the graph's notifications as a signal and re-infers shapes after every change.

    Views never hold model state: they listen to ``graph_event`` (node_added, edge_removed, ...),
    ``inferred`` (a fresh Inference) and ``reset`` (a different graph was loaded).
    """

    graph_event = Signal(str, object)
    inferred = Signal(object)
    reset = Signal()
    title_changed = Signal()
    edit_failed = Signal(str)

    def __init__(self, graph: Graph | None = None, registry: Registry = REGISTRY, parent: QObject | None = None):
        super().__init__(parent)
        self.registry = registry
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.graph = Graph()
        self.graph.subscribe(self._on_graph)
        self.path: Path | None = None
        self.title = self.tr("Untitled")
        self.inference: Inference = infer_with_flow(self.graph, registry)
        self._stale = False
        self._scheduled = False
        if graph is not None:
            self.replace(graph)

    # whole-document changes ------------------------------------------------------------------
    def replace(self, graph: Graph, path: str | Path | None = None, title: str | None = None, modified=False) -> None:
        """Show another graph: fresh undo history; ``modified`` marks it unsaved (a recovered file)."""
        self.graph.unsubscribe(self._on_graph)
        self.undo_stack.clear()
        self.graph = graph
        graph.subscribe(self._on_graph)
        self.path = Path(path) if path else None
        self.title = title or (self.path.name if self.path else self.tr("Untitled"))
        self.inference = infer_with_flow(graph, self.registry)
        self._stale = False
        self.reset.emit()
        self.inferred.emit(self.inference)
        if modified:
            self.undo_stack.resetClean()  # no state of the stack matches a file on disk
        else:
            self.undo_stack.setClean()
        self.title_changed.emit()

    def mark_saved(self, path: str | Path) -> None:
        self.path = Path(path)
        self.title = self.path.name
        self.undo_stack.setClean()
        self.title_changed.emit()

    def _on_clean_changed(self, _clean: bool) -> None:
        self.title_changed.emit()

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    # edits -------------------------------------------------------------------------------------
    def push(self, edit: Edit) -> bool:
        """Apply ``edit`` as one undo step; an edit the graph refuses is reported, never half-applied."""
        if not self._apply(edit):
            return False
        self.undo_stack.push(EditCommand(self, edit))
        return True

    def set_param(self, node_id: str, key: str, value, session: object = None) -> bool:
        """Set one param; consecutive calls with the same ``session`` merge into one undo step."""
        node = self.graph.nodes.get(node_id)
        if node is None:
            return False
        original = node.params.get(key, MISSING)
        if original == value and type(original) is type(value):
            return False
        edit = SetParam(node_id, key, value)
        if not self._apply(edit):
            return False
        self.undo_stack.push(SetParamCommand(self, edit, original, session))
        return True

    def _apply(self, edit: Edit) -> bool:
        try:
            edit.apply(self.graph)
        except (GraphError, KeyError, ValueError) as exc:
            self.refresh()
            self.edit_failed.emit(f"{edit.text}: {exc}")
            return False
        self.refresh()
        return True

    # inference ---------------------------------------------------------------------------------
    def refresh(self) -> Inference:
        """Re-infer if the graph changed since the last inference (moves do not count)."""
        if self._stale:
            self._stale = False
            try:
                self.inference = infer_with_flow(self.graph, self.registry)
            except Exception as exc:  # a bug in a block's formula must not take the editor down
                traceback.print_exc()
                self.edit_failed.emit(self.tr("Shape inference failed: {0}: {1}").format(type(exc).__name__, exc))
                return self.inference
            self.inferred.emit(self.inference)
        return self.inference

    def _on_graph(self, event: str, payload) -> None:
        if not (event == "node_changed" and payload[1] == "pos"):
            self._stale = True
            if not self._scheduled:  # a change made outside a command still gets re-inferred
                self._scheduled = True
                QTimer.singleShot(0, self._deferred_refresh)
        self.graph_event.emit(event, payload)

    def _deferred_refresh(self) -> None:
        self._scheduled = False
        self.refresh()
