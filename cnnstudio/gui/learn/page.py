"""What every Learn page shares: the selected block's context, the prose label and the example fallback."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cnnstudio.core.graph import Node
from cnnstudio.core.i18n import translate
from cnnstudio.core.inference import Inference, NodeInfo

from . import content

if TYPE_CHECKING:
    from ..project.document import Document


PICTURE = "<!--picture-->"  # where a template puts the page's picture and controls


@dataclass
class LessonContext:
    """The selected block as a page sees it: params resolved, shapes from the latest inference."""

    doc: Document
    node: Node | None = None
    params: dict = field(default_factory=dict)
    info: NodeInfo | None = None
    feature_map: Any = None  # callable(node_id) -> list of rows, or None: the Feature maps dock's last output
    predict: Any = None  # callable(image rows, done(label, probability) | None) -> bool: the network's top class

    @property
    def inference(self) -> Inference:
        return self.doc.inference

    @property
    def in_shape(self) -> tuple | None:
        return tuple(self.info.in_shapes[0]) if self.info and self.info.in_shapes else None

    @property
    def out_shape(self) -> tuple | None:
        return tuple(self.info.shape) if self.info and self.info.shape is not None else None

    @property
    def block_type(self) -> str | None:
        return self.node.type if self.node is not None else None


def prose_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class LessonPage(QWidget):
    """One concept. Subclasses say which blocks they explain and fill the template's placeholders."""

    concept = ""
    applies_to: tuple[str, ...] = ()  # block types whose own numbers this page can show
    example_kind = ""  # the block labels (" / " between) to ask for when the selection does not fit

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: LessonContext | None = None
        self.own = False  # showing the selected block's own numbers (not the default example)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.prose = prose_label()
        self.prose.setObjectName(f"learn_{self.concept}_prose")
        self.prose_after = prose_label()  # the template's part after <!--picture-->
        self.body = QVBoxLayout()  # the page's own widgets: pictures, buttons, sliders
        self.body.setSpacing(6)
        self.layout_.addWidget(self.prose)
        self.layout_.addLayout(self.body)
        self.layout_.addWidget(self.prose_after)
        self.layout_.addStretch(1)

    def applies(self, ctx: LessonContext | None) -> bool:
        return bool(ctx and ctx.node is not None and ctx.node.type in self.applies_to and ctx.info is not None)

    def show_context(self, ctx: LessonContext | None) -> None:
        """Show the concept on this block, or on the default example with a hint to select one."""
        self.context = ctx
        self.own = self.applies(ctx)
        self.refresh()

    def refresh(self) -> None:
        values = self.values(self.context if self.own else None)
        values.setdefault("context", self._context_line())
        before, _, after = content.render(self.concept, values).partition(PICTURE)
        self.prose.setText(content.page_html(before))
        self.prose_after.setText(content.page_html(after) if after.strip() else "")
        self.prose_after.setVisible(bool(after.strip()))

    def _context_line(self) -> str:
        if self.own and self.context is not None and self.context.node is not None:
            return content.render("_own", {"name": content.esc(self.context.node.name)})
        return content.render("_example", {"kind": content.esc(self.example_label())})

    def example_label(self) -> str:
        """``example_kind`` as the palette names those blocks in the user's language ("Input" reads 入力)."""
        return " / ".join(translate("Blocks", kind) for kind in self.example_kind.split(" / "))

    def values(self, ctx: LessonContext | None) -> dict:
        """The placeholders' values: from ``ctx`` (the selected block) or, when None, a default example."""
        return {}

    def text(self) -> str:
        """Everything the page says, as plain text (tests read the numbers from here)."""
        from PySide6.QtGui import QTextDocument

        parts = []
        for label in self.findChildren(QLabel):
            if label.isHidden():
                continue
            document = QTextDocument()
            document.setHtml(label.text())
            parts.append(document.toPlainText())
        return "\n".join(parts)
