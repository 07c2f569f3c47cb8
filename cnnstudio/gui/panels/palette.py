"""The block palette: categories from the registry, a search box, drag onto the canvas or double-click."""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cnnstudio.blocks import texts
from cnnstudio.core.block import Registry

from ..canvas.view import BLOCK_MIME
from ..icons import category_icon

_KERNEL = re.compile(r"(\d)\s*x\s*(\d)")  # "1 x 1" is 1x1
TYPE_ROLE = Qt.ItemDataRole.UserRole
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1  # a heading's English name: it finds its blocks in every language


def keywords(block) -> tuple[str, ...]:
    """The words the search finds the block by (its keywords, synonyms, and their translations)."""
    return texts.search_words(block)


def _names(block) -> str:
    """The block's names in English and in the user's language."""
    return f"{block.label} {texts.title(block)} {block.type}"


def category_names(top: QTreeWidgetItem) -> str:
    """A category heading's text and its English name."""
    return f"{top.text(0)} {top.data(0, CATEGORY_ROLE) or ''}"


def _fold(text: str) -> str:
    """Lower case, 1×1 written any way (1x1, 1 x 1) and hyphens as spaces (fully-connected)."""
    return _KERNEL.sub(r"\1x\2", text.lower().replace("×", "x").replace("-", " ").replace("_", " "))


class _BlockTree(QTreeWidget):
    def mimeTypes(self) -> list[str]:
        return [BLOCK_MIME]

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        for item in items:
            block_type = item.data(0, TYPE_ROLE)
            if block_type:
                mime.setData(BLOCK_MIME, QByteArray(block_type.encode()))
                mime.setText(block_type)
                break
        return mime


class BlockPalette(QWidget):
    block_activated = Signal(str)  # double-click or Enter: add this block type

    def __init__(self, registry: Registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.search = QLineEdit(placeholderText=self.tr("Search blocks…"), clearButtonEnabled=True)
        self.tree = _BlockTree()
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(True)
        self.tree.setAnimated(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._populate()
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._activate_first)
        self.tree.itemActivated.connect(self._on_activated)  # double-click and Enter
        find = QAction(self.tr("Search blocks"), self, shortcut=QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # Ctrl+F on the canvas goes to a block
        find.triggered.connect(self.focus_search)
        self.addAction(find)

    def _populate(self) -> None:
        heading = QFont(self.font())
        heading.setBold(True)
        for category, blocks in self.registry.by_category().items():
            if not blocks:
                continue
            top = QTreeWidgetItem([texts.category(category)])
            top.setData(0, CATEGORY_ROLE, category)
            top.setFont(0, heading)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for block in blocks:
                item = QTreeWidgetItem([texts.title(block)])
                item.setIcon(0, category_icon(category))
                item.setData(0, TYPE_ROLE, block.type)
                item.setToolTip(
                    0,
                    "<b>{}</b> <span style='color:#6b7280'>({})</span><br>{}<br><i>{}</i>".format(
                        texts.title(block),
                        block.type,
                        texts.description(block),
                        self.tr(
                            "Double-click to add after the selected block, or drag onto the canvas "
                            "(onto a wire to insert it there)."
                        ),
                    ),
                )
                top.addChild(item)
                self._items[block.type] = item
        self.tree.expandAll()

    def filter(self, text: str) -> None:
        """Show blocks whose label, type, description or keywords contain every word typed."""
        words = _fold(text).split()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            visible = 0
            for j in range(top.childCount()):
                item = top.child(j)
                block = self.registry.get(item.data(0, TYPE_ROLE))
                hay = _fold(f"{_names(block)} {block.description} {texts.description(block)} {category_names(top)}")
                hay += _fold(" " + " ".join(keywords(block)))
                hidden = not all(w in hay for w in words)
                item.setHidden(hidden)
                visible += not hidden
            top.setHidden(visible == 0)
        self.tree.expandAll()

    def visible_types(self) -> list[str]:
        return [t for t, item in self._items.items() if not item.isHidden() and not item.parent().isHidden()]

    def item_for(self, block_type: str) -> QTreeWidgetItem:
        return self._items[block_type]

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def best_match(self) -> str | None:
        """The block Enter adds: a name or keyword match beats a description match ('linear' is Linear, not
        bilinear; 'dense' is Linear, not the pooling whose description mentions dense layers)."""
        query = " ".join(_fold(self.search.text()).split())
        shown = self.visible_types()
        if not shown:
            return None

        def rank(block_type: str) -> int:
            block = self.registry.get(block_type)
            names = tuple(_fold(n) for n in dict.fromkeys((block.label, texts.title(block), block.type)))
            words = tuple(_fold(k) for k in keywords(block))
            if query in names:
                return 0
            if query in (_fold(p) for p in texts.search_phrases(block)):
                # a keyword of several blocks: the one whose own name has it first ('leaky')
                return 1 if any(query in n for n in names) else 2
            if query in words:  # one word of a translated phrase: バッチ正規化 of BatchNormAct2d's
                return 3
            if any(n.startswith(query) for n in names):
                return 4
            if any(query in n for n in names):
                return 5
            if any(query in k for k in words):
                return 6
            return 7

        return min(shown, key=rank)  # min keeps palette order among equals

    def _activate_first(self) -> None:
        best = self.best_match()
        if best:
            self.block_activated.emit(best)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        block_type = item.data(0, TYPE_ROLE)
        if block_type:
            self.block_activated.emit(block_type)
