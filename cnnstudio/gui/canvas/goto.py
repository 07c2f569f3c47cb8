"""Go to block: a small search box over the canvas that finds blocks by name or type and centres the one chosen.

In a network of 500 blocks the palette's search cannot help; this one searches the graph itself
(``layer3.2``, ``downsample``, ``Bottleneck``), the parts inside unexpanded composite blocks too (choosing
``layer2.0.downsample.0`` goes to ``layer2.0``). Up/Down pick, Enter goes, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cnnstudio.blocks import texts
from cnnstudio.core.block import Registry
from cnnstudio.core.graph import Graph

ID_ROLE = Qt.ItemDataRole.UserRole
PART_ROLE = Qt.ItemDataRole.UserRole + 1  # a part's full name, for a row that stands for a part of a block
MAX_ROWS = 12


def find_blocks(graph: Graph, registry: Registry, query: str, limit: int = MAX_ROWS) -> list[str]:
    """Node ids matching ``query``, best first: the exact name, names that start with it (shortest first),
    names that contain it, then blocks of a matching type; graph order among equals."""
    words = _fold(query).split()
    if not words:
        return []
    text = " ".join(words)
    ranked = []
    for index, (nid, node) in enumerate(graph.nodes.items()):
        name = node.name.lower()
        if name == text:
            rank = 0
        elif name.startswith(text):
            rank = 1
        elif text in name:
            rank = 2
        elif all(w in f"{name} {_kind(node, registry)}" for w in words):
            rank = 3
        else:
            continue
        ranked.append((rank, len(name) if rank == 1 else 0, index, nid))
    ranked.sort()
    return [nid for *_, nid in ranked[:limit]]


def find_parts(
    graph: Graph, registry: Registry, inference, query: str, limit: int = MAX_ROWS, cache: dict | None = None
) -> list[tuple[str, str, str]]:
    """Parts inside unexpanded composite blocks matching ``query`` (``downsample`` in a ResNet's layer2.0):
    (the composite's id, the part's full name, the part's kind), ranked like ``find_blocks``."""
    words = _fold(query).split()
    if not words or inference is None:
        return []
    text = " ".join(words)
    cache = {} if cache is None else cache
    ranked = []
    for index, (nid, node) in enumerate(graph.nodes.items()):
        block = registry.find(node.type)
        info = inference.info.get(nid)
        if block is None or not block.composite or info is None or not info.in_shapes:
            continue
        key = (node.type, repr(sorted(node.params.items())), tuple(info.in_shapes[0]))
        if key not in cache:
            try:
                cache[key] = [
                    (p.name, p.type, p.params) for p in block.expand(block.resolve(node.params), info.in_shapes[0])
                ]
            except (KeyError, TypeError, ValueError, IndexError, ArithmeticError):
                cache[key] = []
        for k, (part, kind, params) in enumerate(cache[key]):
            name = f"{node.name}.{part}".lower()
            what = _part_kind(kind, params, registry)
            if name == text:
                rank = 0
            elif name.startswith(text):
                rank = 1
            elif text in name:
                rank = 2
            elif all(w in f"{name} {what}" for w in words):
                rank = 3
            else:
                continue
            ranked.append((rank, len(name) if rank == 1 else 0, index, k, (nid, f"{node.name}.{part}", kind)))
    ranked.sort(key=lambda r: r[:4])
    return [found for *_, found in ranked[:limit]]


def _part_kind(kind: str, params: dict, registry: Registry) -> str:
    block = registry.find(kind)
    if block is None:
        return kind
    try:
        subtitle = block.subtitle(block.resolve(params))
    except (KeyError, TypeError, ValueError, IndexError):
        subtitle = ""
    return _fold(f"{kind} {block.label} {texts.title(block)} {subtitle}")


def _fold(text: str) -> str:
    return text.lower().replace("×", "x")  # "conv 3x3" finds the 3×3 convolutions


def _kind(node, registry: Registry) -> str:
    """What a block is, as words to match: its type, its names, and its settings as the canvas shows them."""
    block = registry.find(node.type)
    if block is None:
        return node.type.lower()
    try:
        subtitle = block.subtitle(block.resolve(node.params))
    except (KeyError, TypeError, ValueError, IndexError):
        subtitle = ""
    return _fold(f"{node.type} {block.label} {texts.title(block)} {subtitle}")


class GotoBox(QFrame):
    """The search box, floating at the top of the canvas while open."""

    chosen = Signal(str)  # node id
    message = Signal(str)  # for the status bar: a part was chosen, and its block shown

    def __init__(self, canvas: QWidget, host: QWidget, graph_of, registry: Registry, inference_of=lambda: None):
        # a child of the window, not of the canvas: the canvas's own keys (arrows nudge, Delete) stay out of it
        super().__init__(host)
        self.canvas, self._graph_of, self.registry = canvas, graph_of, registry
        self._inference_of = inference_of
        self._parts: dict = {}  # a composite's parts by (type, params, input shape): expanded once
        self.setObjectName("goto_box")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.line = QLineEdit(placeholderText=self.tr("Go to block: name or type (layer3.2, downsample, Bottleneck)…"))
        self.line.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the line; arrows move the pick
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.line)
        layout.addWidget(self.results)
        self.line.textChanged.connect(self._search)
        self.line.returnPressed.connect(self.accept)
        self.results.itemClicked.connect(lambda _item: self.accept())
        self.line.installEventFilter(self)
        self.hide()

    @property
    def graph(self) -> Graph:
        return self._graph_of()

    def open(self) -> None:
        """Show the box at the top of the canvas with the last query selected."""
        width = min(460, max(260, self.canvas.width() - 40))
        self.setFixedWidth(width)
        self.move(self.canvas.mapTo(self.parentWidget(), QPoint((self.canvas.width() - width) // 2, 12)))
        self._search(self.line.text())
        self.show()
        self.raise_()
        self.line.setFocus()
        self.line.selectAll()

    def close_box(self) -> None:
        self.hide()
        self.canvas.setFocus()

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        node_id, part = item.data(ID_ROLE), item.data(PART_ROLE)
        self.close_box()
        self.chosen.emit(node_id)
        if part:
            self.message.emit(
                self.tr("{0} is inside {1}: Edit → Expand Block (Ctrl+Shift+G) shows its parts").format(
                    part, self.graph.nodes[node_id].name
                )
            )

    def _search(self, text: str) -> None:
        self.results.clear()
        graph = self.graph
        for nid in find_blocks(graph, self.registry, text):
            node = graph.nodes[nid]
            block = self.registry.find(node.type)
            item = QListWidgetItem(f"{node.name}    ·  {texts.title(block) if block else node.type}")
            item.setData(ID_ROLE, nid)
            self.results.addItem(item)
        room = MAX_ROWS - self.results.count()
        if room > 0:  # then the parts of composite blocks: choosing one goes to its block
            if len(self._parts) > 4096:
                self._parts.clear()
            for nid, name, kind in find_parts(graph, self.registry, self._inference_of(), text, room, self._parts):
                block = self.registry.find(kind)
                inside = graph.nodes[nid].name
                item = QListWidgetItem(
                    self.tr("{0}    ·  {1}, inside {2}").format(name, texts.title(block) if block else kind, inside)
                )
                item.setData(ID_ROLE, nid)
                item.setData(PART_ROLE, name)
                self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        rows = max(1, min(self.results.count(), MAX_ROWS))
        row_height = self.results.sizeHintForRow(0) if self.results.count() else 0
        self.results.setFixedHeight(rows * (row_height if row_height > 0 else 18) + 6)
        self.results.setVisible(bool(text.strip()))
        self.adjustSize()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_box()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
        if watched is self.line and event.type() == QEvent.Type.FocusOut and not self.underMouse():
            self.hide()  # clicking elsewhere closes it, like a popup
        return super().eventFilter(watched, event)
