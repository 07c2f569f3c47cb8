"""A stage of a network (``layer1``: the blocks named ``layer1.*``) marked far out by a bracket and its name.

Up close each block says its full dotted name; far out the block names shrink to fit their bricks, and the
bracket beside a stage's blocks, with its name at a fixed screen size, says where ``layer3`` begins and ends.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from .far_label import FarLabel

SHOWN_BELOW = 0.55  # the zoom where the blocks' close-up text (and their full names) is gone
OFFSET = 36.0  # scene units between the blocks and the bracket
LINE = QColor(87, 93, 204, 170)


def stages(names: dict[str, str], grouped: set[str]) -> dict[str, list[str]]:
    """The stages in ``names`` (node id → dotted name): a first name part that at least two blocks share
    and that is neither a block's name nor an expanded block (those have a frame). Node ids per stage."""
    members: dict[str, list[str]] = {}
    for nid, name in names.items():
        head, dot, _ = name.partition(".")
        if dot:
            members.setdefault(head, []).append(nid)
    taken = set(names.values())
    return {s: ids for s, ids in members.items() if len(ids) >= 2 and s not in taken and s not in grouped}


class StageBracket(QGraphicsItem):
    """A line along one side of a stage's blocks and the stage's name beside its middle; drawn only far out."""

    def __init__(self, stage: str):
        super().__init__()
        self.stage = stage
        self._line = QLineF()
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.label = FarLabel(stage, SHOWN_BELOW)
        self.label.setParentItem(self)

    def place(self, around: QRectF, orientation: str, side: str | None) -> None:
        """Beside ``around``: ``side`` "before" is left of a downward flow (above a rightward one), "after"
        the other side; None hides the bracket (other blocks on both sides: the labels would sit on them)."""
        self.setVisible(side is not None)
        if side is None:
            return
        if orientation == "tb":
            x = around.left() - OFFSET if side == "before" else around.right() + OFFSET
            line = QLineF(x, around.top(), x, around.bottom())
            self.label.set_side("left" if side == "before" else "right")
        else:
            y = around.top() - OFFSET if side == "before" else around.bottom() + OFFSET
            line = QLineF(around.left(), y, around.right(), y)
            self.label.set_side("above" if side == "before" else "below")
        if line != self._line:
            self.prepareGeometryChange()
            self._line = line
        self.label.setPos(line.center())

    def boundingRect(self) -> QRectF:
        return QRectF(self._line.p1(), self._line.p2()).normalized().adjusted(-6, -6, 6, 6)

    def paint(self, painter, option, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= SHOWN_BELOW:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # an axis-aligned line: nothing to smooth
        pen = QPen(LINE, 2)
        pen.setCosmetic(True)  # 2 screen pixels at every zoom
        painter.setPen(pen)
        painter.drawLine(self._line)
