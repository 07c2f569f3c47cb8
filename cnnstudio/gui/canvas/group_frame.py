"""The labelled frame around the parts of an expanded block (``layer1.0``), with a header that collapses them.

A frame is view bookkeeping only: the scene decides which groups get one and where; the header's click
asks the scene to collapse the group (one undo step, like the menu's Collapse).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from cnnstudio.core.composite_edits import CompositeError, collapse_composite
from cnnstudio.core.edits import AddNode
from cnnstudio.core.graph import GraphError

from .. import theme
from .far_label import FarLabel
from .node_item import HEIGHT
from .stage_bracket import SHOWN_BELOW, StageBracket, stages

MARGIN = 14.0  # room between the parts and the frame
HEADER_H = 26.0
FAR = 0.12  # below this zoom frames are not drawn
TEXT_GONE = 0.35  # below this zoom the header's text is unreadable: a far label names the frame instead
FRAME_LINE = QColor(87, 93, 204, 120)


class GroupFrame(QGraphicsItem):
    """The frame: drawn behind the blocks and wires, and transparent to the mouse (rubber bands start in it)."""

    def __init__(self, prefix: str, on_collapse: Callable[[str], None]):
        super().__init__()
        self.prefix = prefix
        self._rect = QRectF()
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint() gets the exposed rect
        self.header = FrameHeader(prefix, on_collapse)  # its own item: above the wires, not under them
        self.far_label = FarLabel(prefix, TEXT_GONE, FAR)  # the name at a readable size once the header's is not
        self.far_label.setParentItem(self.header)

    def set_rect(self, around: QRectF) -> None:
        rect = around.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
            # beside the frame's top-left corner, outside it: wires enter frames at the top, not the side
            self.header.setPos(rect.left() - self.header.width - 6, rect.top())
            self.far_label.setPos(self.header.width, HEADER_H / 2)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter, option, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < FAR:
            return  # the whole network in view: frames would only be noise (and cost)
        # only the parts of its four sides that were exposed: whole lines (or a filled outline) this long are
        # clipped against the view's update region at a cost of milliseconds, on an edit that must fit a frame
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(FRAME_LINE, 0))
        r, shown = self._rect, option.exposedRect.adjusted(-1, -1, 1, 1)
        lines = []
        for a, b in (
            (r.topLeft(), r.topRight()),
            (r.topRight(), r.bottomRight()),
            (r.bottomLeft(), r.bottomRight()),
            (r.topLeft(), r.bottomLeft()),
        ):
            if a.y() == b.y() and shown.top() <= a.y() <= shown.bottom():
                lines.append(QLineF(max(a.x(), shown.left()), a.y(), min(b.x(), shown.right()), a.y()))
            elif a.x() == b.x() and shown.left() <= a.x() <= shown.right():
                lines.append(QLineF(a.x(), max(a.y(), shown.top()), a.x(), min(b.y(), shown.bottom())))
        if lines:
            painter.drawLines(lines)


class FrameHeader(QGraphicsItem):
    """'layer1.0  ⊟ collapse': the group's name, and a click collapses it back into its block."""

    def __init__(self, prefix: str, on_collapse: Callable[[str], None]):
        super().__init__()
        self.prefix, self._on_collapse = prefix, on_collapse
        self.text = f"{prefix}  ⊟"
        self.width = QFontMetricsF(theme.canvas_fonts().title).horizontalAdvance(self.text) + 16
        self._rect = QRectF(0, 0, self.width, HEADER_H)
        self.setZValue(2)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            QCoreApplication.translate("FrameHeader", "Collapse {0} back into one block (one undoable step)").format(
                prefix
            )
        )

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FRAME_LINE)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < TEXT_GONE:
            return  # text this small is unreadable, and costly to lay out: the far label names the frame
        painter.drawRoundedRect(self._rect, 6, 6)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(theme.canvas_fonts().title)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)

    def mousePressEvent(self, event) -> None:
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if self._rect.contains(event.pos()):
            self._on_collapse(self.prefix)
        event.accept()


class GroupFrames:
    """Keeps one frame around each expanded block's parts on the scene: which groups after the graph's
    structure changes (a group is a name prefix whose parts collapse back into a block), where after moves."""

    def __init__(self, scene):
        self.scene = scene
        self.frames: dict[str, GroupFrame] = {}
        self.stages: dict[str, StageBracket] = {}  # layer1, layer2…: marked far out beside their blocks
        self._stage_members: dict[str, list[str]] = {}
        self._members: dict[str, list[str]] = {}
        self._structure_changed = True
        self._timer = QTimer(scene, singleShot=True, interval=0, timeout=self.update)

    def reset(self) -> None:
        """The scene was cleared (its items deleted): start over."""
        self.frames.clear()
        self._members.clear()
        self.stages.clear()
        self._stage_members.clear()
        self.schedule(structure=True)

    @property
    def pending(self) -> bool:
        """An update is scheduled (frames follow the graph on the next turn of the event loop)."""
        return self._timer.isActive()

    def schedule(self, structure: bool = False) -> None:
        self._structure_changed |= structure
        self._timer.start()

    def update(self) -> None:
        if self._structure_changed:
            self._structure_changed = False
            self._regroup()
        nodes = self.scene.nodes
        for prefix, frame in self.frames.items():
            rect = QRectF()
            for nid in self._members[prefix]:
                item = nodes.get(nid)
                if item is not None:
                    rect = rect.united(QRectF(item.pos(), QSizeF(item.width, HEIGHT)))
            frame.set_rect(rect)
        if self.stages:
            self._place_stages(nodes)

    def label_room(self) -> float:
        """Screen pixels a fit should leave beside the graph for the stage names (0 without stages)."""
        shown = [b.label.boundingRect() for b in self.stages.values() if b.isVisible()]
        return max((r.width() + r.height() for r in shown), default=0.0)  # the text, its gap and a margin

    def _place_stages(self, nodes) -> None:
        """Each stage's bracket on the side of its blocks that no other block faces (ResNet's stages: the
        left of the column; GoogLeNet's aux2: the right of the side branch); none where both sides are taken."""
        rects = {nid: QRectF(item.pos(), QSizeF(item.width, HEIGHT)) for nid, item in nodes.items()}
        across = self.scene.orientation == "tb"  # brackets beside the flow: left/right, or above/below
        for stage, bracket in self.stages.items():
            members = set(self._stage_members[stage])
            rect = QRectF()
            for nid in members:
                if nid in rects:
                    rect = rect.united(rects[nid])
            before = after = True
            for nid, other in rects.items():
                if nid in members:
                    continue
                if across and other.bottom() > rect.top() and other.top() < rect.bottom():
                    before &= other.left() >= rect.right()
                    after &= other.right() <= rect.left()
                elif not across and other.right() > rect.left() and other.left() < rect.right():
                    before &= other.top() >= rect.bottom()
                    after &= other.bottom() <= rect.top()
            bracket.place(rect, self.scene.orientation, "before" if before else "after" if after else None)

    def _regroup(self) -> None:
        doc = self.scene.doc
        graph = doc.graph
        members: dict[str, list[str]] = {}
        parents: set[str] = set()
        for nid, node in graph.nodes.items():
            parts = node.name.split(".")
            if len(parts) < 2:
                continue
            parents.add(".".join(parts[:-1]))
            for k in range(1, len(parts)):
                members.setdefault(".".join(parts[:k]), []).append(nid)
        names = {node.name for node in graph.nodes.values()}
        groups = {}
        for prefix, ids in members.items():
            if len(ids) < 2 or prefix in names or prefix not in parents:
                continue
            try:  # only the groups that really are an expanded block get a frame (and a working collapse)
                collapse_composite(graph, prefix, doc.registry, doc.inference)
            except (CompositeError, GraphError, KeyError, ValueError):
                continue
            groups[prefix] = ids
        for prefix in [p for p in self.frames if p not in groups]:
            frame = self.frames.pop(prefix)
            for item in (frame, frame.header):
                if item.scene() is self.scene:
                    self.scene.removeItem(item)
        for prefix in groups:
            if prefix not in self.frames:
                frame = GroupFrame(prefix, self.collapse)
                self.frames[prefix] = frame
                self.scene.addItem(frame)
                self.scene.addItem(frame.header)
        self._members = groups
        self._restage({nid: node.name for nid, node in graph.nodes.items()}, set(groups))

    def _restage(self, names: dict[str, str], grouped: set[str]) -> None:
        found = stages(names, grouped)
        for stage in [s for s in self.stages if s not in found]:
            bracket = self.stages.pop(stage)
            if bracket.scene() is self.scene:
                self.scene.removeItem(bracket)
        for stage in found:
            if stage not in self.stages:
                self.stages[stage] = StageBracket(stage)
                self.scene.addItem(self.stages[stage])
            # a stage with expanded blocks: their headers and far labels name it ("layer2.0") where they are
            # drawn, and would collide with its label (both sit left of the blocks); it is named further out
            framed = any(group.split(".")[0] == stage for group in grouped)
            self.stages[stage].label.below = FAR if framed else SHOWN_BELOW
        self._stage_members = found

    def collapse(self, prefix: str) -> None:
        """The header was clicked: the parts become their block again (one undo step)."""
        doc = self.scene.doc
        try:
            edit = collapse_composite(doc.graph, prefix, doc.registry, doc.inference, self.scene.orientation)
        except (CompositeError, GraphError) as exc:
            doc.edit_failed.emit(str(exc))
            return
        if doc.push(edit):
            new = next(e.node.id for e in edit.edits if isinstance(e, AddNode))
            self.scene.select_nodes([new])
