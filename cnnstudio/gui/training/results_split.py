"""The Training panel's results, side by side: curves, confusion matrix (or a detector's AP table), sample
predictions and a generator's samples per epoch. It shows what ``RunHistory`` holds; it keeps no run state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from .ap_table import APTable
from .confusion_view import ConfusionView
from .curves import TrainingCurves
from .generated_view import GeneratedView
from .history import RunHistory
from .sample_grid import SampleGrid

SHARE = (0.5, 0.22, 0.22, 0.28, 0.28)  # curves, confusion | AP table, samples, generated images


class ResultsSplit(QSplitter):
    def __init__(self):
        super().__init__(Qt.Orientation.Horizontal)
        self.curves = TrainingCurves()
        self.confusion = ConfusionView()
        self.ap_table = APTable()  # a detector's results per class, in the confusion matrix's place
        self.ap_table.hide()
        self.samples = SampleGrid()
        self.generated = GeneratedView()  # a generator's fixed-noise samples per epoch (GAN, VAE)
        self.generated.hide()
        for i, (widget, stretch) in enumerate(
            ((self.curves, 5), (self.confusion, 2), (self.ap_table, 2), (self.samples, 3), (self.generated, 3))
        ):
            self.addWidget(widget)
            self.setStretchFactor(i, stretch)
        self.setChildrenCollapsible(False)
        self._sized = False

    def resizeEvent(self, event) -> None:
        if not self._sized:  # first size: share the width out by the proportions, not by size hints
            self._sized = True  # (here, not on show: the plots are laid out once, not at one width then another)
            width = max(600, self.width())
            self.setSizes([int(width * part) for part in SHARE])
        super().resizeEvent(event)

    def clear(self) -> None:
        """A new run: no results yet."""
        self.curves.reset()
        self.clear_results()

    def clear_results(self) -> None:
        self.confusion.clear()
        self.ap_table.clear()
        self.samples.clear()
        self.clear_generated()

    def clear_generated(self) -> None:
        self.generated.clear()
        self.generated.hide()
        self.samples.show()

    def show_results(self, history: RunHistory, views: list[str]) -> None:
        """The last epoch's confusion matrix (or AP table) and/or sample grid."""
        e = history.latest
        if not e or not views:
            return
        classes = ((history.started or {}).get("data") or {}).get("classes") or []
        if "confusion" in views:
            detects = e.get("ap_per_class") is not None
            self.ap_table.setVisible(detects)
            if detects:
                self.confusion.hide()
                self.ap_table.set_result(e, classes)
            elif e.get("confusion") is not None:
                self.confusion.show()
                self.confusion.set_result(e["confusion"], classes, e.get("per_class_accuracy"))
            else:
                self.confusion.hide()
        if "samples" in views:
            if e.get("box_samples") is not None:
                self.samples.set_detections(e["box_samples"], classes)
            elif e.get("samples"):
                self.samples.set_predictions(e["samples"], classes)
            elif e.get("reconstructions"):
                self.samples.set_reconstructions(e["reconstructions"])

    def add_generated(self, e: dict, verdicts: str) -> None:
        """A generator's epoch: its sample grid joins the slider; the views it has no use for step aside."""
        self.generated.add_epoch(int(e.get("epoch") or 0), e["sample_grid"], verdicts, e.get("quality"))
        if not e.get("samples") and not e.get("reconstructions"):  # a GAN: no validation predictions to show
            self.samples.hide()
        if e.get("confusion") is None:  # before the sizes below: a generator has no confusion matrix
            self.confusion.hide()
        if self.generated.isHidden():
            self.generated.show()
            sizes, index = self.sizes(), self.indexOf(self.generated)
            if sizes[index] == 0:  # a splitter gives a widget shown late no room: 4/9 of the width, the curves the rest
                total = sum(sizes)
                shown = [0 if self.widget(i).isHidden() else size for i, size in enumerate(sizes)]
                shown[index] = total * 4 // 9
                shown[0] = max(1, total - sum(shown[1:]))
                self.setSizes(shown)
