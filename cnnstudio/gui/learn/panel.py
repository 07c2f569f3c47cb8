"""The Learn dock: one page per concept of the study notes, following the block selected on the canvas."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QVBoxLayout, QWidget

from cnnstudio.core.graph import Node

from ..on_screen import on_screen
from ..project.document import Document
from . import content
from .conv_page import ConvolutionPage
from .page import LessonContext, LessonPage
from .pages import page_classes

# The page a selected block opens; other blocks leave the current page showing.
CONCEPT_OF_TYPE = {
    "conv2d": "convolution",
    "conv_bn_relu": "convolution",
    "maxpool2d": "pooling",
    "avgpool2d": "pooling",
    "linear": "parameters",
    "conv_transpose2d": "transposed",
    "inception": "inception",
    "residual": "residual",
    "add": "residual",
    "global_avgpool": "gap",
    "adaptive_avgpool2d": "gap",
    "flatten": "gap",
    "input": "invariance",
}


def concept_for(node: Node | None) -> str | None:
    if node is None:
        return None
    if node.type == "classification_output" and node.params.get("auxiliary"):
        return "auxiliary"
    return CONCEPT_OF_TYPE.get(node.type)


class LearnPanel(QWidget):
    concept_changed = Signal(str)

    def __init__(
        self,
        doc: Document,
        feature_map: Callable | None = None,
        predict: Callable | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.doc = doc
        self.feature_map = feature_map  # node id -> rows of a real feature map, or None
        self.predict = predict  # (image rows, done) -> whether the Feature maps dock's model will classify it
        self.node_id: str | None = None
        self.follow = True  # a page the user picked by hand stays until a block with its own page is selected
        self.concepts = QComboBox()
        self.concepts.setObjectName("learn_concepts")
        self.concepts.setToolTip(self.tr("Concepts of convolutional networks, explained on the selected block"))
        for concept in content.CONCEPTS:
            self.concepts.addItem(content.title(concept), concept)
        # the pages sit in one column with only the current one shown: unlike a QStackedWidget, a box layout
        # passes the wrapped prose's height-for-width on, so a page of text is as tall as its text
        self.pages: dict[str, LessonPage] = {}
        classes = page_classes()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(12, 8, 12, 12)
        for concept in content.CONCEPTS:
            page = ConvolutionPage() if concept == "convolution" else classes[concept]()
            page.hide()
            self.pages[concept] = page
            body_layout.addWidget(page)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(self.concepts)
        layout.addWidget(self.scroll_area, 1)
        self.concepts.currentIndexChanged.connect(self._picked)
        doc.inferred.connect(lambda _inference: self.refresh())
        doc.reset.connect(lambda: self.show_node(None))
        self.refresh()

    @property
    def concept(self) -> str:
        return self.concepts.currentData()

    @property
    def page(self) -> LessonPage:
        return self.pages[self.concept]

    def show_concept(self, concept: str) -> None:
        index = self.concepts.findData(concept)
        if index >= 0 and index != self.concepts.currentIndex():
            self.concepts.setCurrentIndex(index)  # _picked refreshes

    def show_node(self, node_id: str | None) -> None:
        """Follow the canvas selection: its concept's page, with its numbers."""
        self.node_id = node_id if node_id in self.doc.graph.nodes else None
        concept = concept_for(self.doc.graph.nodes.get(self.node_id)) if self.node_id else None
        if concept is not None and concept != self.concept:
            self.show_concept(concept)
        else:
            self.refresh()

    def context(self) -> LessonContext:
        node = self.doc.graph.nodes.get(self.node_id) if self.node_id else None
        ctx = LessonContext(self.doc, node, feature_map=self.feature_map, predict=self.predict)
        if node is not None and node.type in self.doc.registry:
            try:
                ctx.params = self.doc.registry.get(node.type).resolve(node.params)
            except (KeyError, TypeError, ValueError):
                ctx.params = dict(node.params)
            info = self.doc.inference.info.get(node.id)
            ctx.info = info if info is not None and info.shape is not None and info.error is None else None
        return ctx

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # edits made while the dock was hidden were not followed

    def refresh(self) -> None:
        if not on_screen(self):  # behind another tab: the controller calls again when the tab is raised
            return
        if self.node_id is not None and self.node_id not in self.doc.graph.nodes:
            self.node_id = None
        for page in self.pages.values():
            page.setVisible(page is self.page)
        self.page.show_context(self.context())

    def _picked(self, _index: int) -> None:
        self.refresh()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.concept_changed.emit(self.concept)
