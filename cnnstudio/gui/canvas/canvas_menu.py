"""The canvas context menu: block, wire or empty-canvas actions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtWidgets import QMenu, QWidget

from cnnstudio.blocks import texts

from ..icons import category_icon
from ..training.head_dialog import replace_head_interactive
from .canvas_actions import CanvasActions
from .edge_item import EdgeItem
from .node_item import NodeItem


def build_menu(parent: QWidget, actions: CanvasActions, pos: QPointF, item) -> QMenu:
    menu = QMenu(parent)
    scene, graph = actions.scene, actions.graph
    if isinstance(item, NodeItem):
        if not item.isSelected():
            scene.select_nodes([item.node_id])
        node = graph.nodes[item.node_id]
        menu.addAction(
            QCoreApplication.translate("CanvasMenu", "Freeze up to here"),
            lambda: actions.set_frozen_up_to(node.id, True),
        ).setToolTip(
            QCoreApplication.translate(
                "CanvasMenu", "Freeze this block and every block that feeds it (reuse trained lower layers)"
            )
        )
        menu.addAction(
            QCoreApplication.translate("CanvasMenu", "Unfreeze up to here"),
            lambda: actions.set_frozen_up_to(node.id, False),
        )
        menu.addAction(
            QCoreApplication.translate("CanvasMenu", "Replace head…"),
            lambda: replace_head_interactive(actions.doc, parent),
        ).setToolTip(
            QCoreApplication.translate("CanvasMenu", "Give the classification head(s) a new number of classes")
        )
        menu.addSeparator()
        registry = actions.doc.registry
        if node.type in registry and registry.get(node.type).composite:
            menu.addAction(
                QCoreApplication.translate("CanvasMenu", "Expand into its parts"), lambda: actions.expand_node(node.id)
            ).setToolTip(
                QCoreApplication.translate(
                    "CanvasMenu", "Replace the block by the layers it is made of (same weights, same names)"
                )
            )
        collapse = actions.collapse_label(scene.selected_node_ids())
        if collapse:
            menu.addAction(collapse, actions.collapse_selection)
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Duplicate"), actions.duplicate_selection)
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Copy"), actions.copy_selection)
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Cut"), actions.cut_selection)
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Delete"), actions.delete_selection)
        if actions.can_reconnect(scene.selected_node_ids()):
            menu.addAction(
                QCoreApplication.translate("CanvasMenu", "Delete and reconnect"), actions.delete_and_reconnect
            ).setToolTip(
                QCoreApplication.translate(
                    "CanvasMenu", "Delete and wire what fed the block to what it fed (Ctrl+Delete)"
                )
            )
    elif isinstance(item, EdgeItem):
        if not item.isSelected():
            scene.clearSelection()
            item.setSelected(True)
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Delete connection"), actions.delete_selection)
        insert = menu.addMenu(QCoreApplication.translate("CanvasMenu", "Insert block here"))
        _add_block_menu(insert, actions, pos, item)
    else:
        add = menu.addMenu(QCoreApplication.translate("CanvasMenu", "Add block"))
        _add_block_menu(add, actions, pos, None)
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Paste"), actions.paste)
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Select all"), actions.select_all)
        menu.addSeparator()
        menu.addAction(
            QCoreApplication.translate("CanvasMenu", "Auto-layout left to right"), lambda: actions.auto_layout("lr")
        )
        menu.addAction(
            QCoreApplication.translate("CanvasMenu", "Auto-layout top to bottom"), lambda: actions.auto_layout("tb")
        )
        menu.addAction(QCoreApplication.translate("CanvasMenu", "Fit to view"), actions.view.fit_view)
    return menu


def _add_block_menu(menu: QMenu, actions: CanvasActions, pos: QPointF, edge) -> None:
    for category, blocks in actions.doc.registry.by_category().items():
        if not blocks:
            continue
        sub = menu.addMenu(category_icon(category), texts.category(category))
        for block in blocks:
            action = sub.addAction(texts.title(block), lambda t=block.type: actions.add_block(t, pos, edge))
            action.setToolTip(texts.description(block))
