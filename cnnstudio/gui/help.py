"""Help: the keyboard shortcuts and a short About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP

SHORTCUTS = (
    (
        QT_TRANSLATE_NOOP("Help", "Add a block after the selected one"),
        QT_TRANSLATE_NOOP("Help", "double-click it in the palette, or Ctrl+B, type, Enter"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Insert a block into a wire"),
        QT_TRANSLATE_NOOP("Help", "drag it from the palette onto the wire"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Go to a block by name or type"),
        QT_TRANSLATE_NOOP("Help", "Ctrl+P (Ctrl+F on the canvas), type, Enter"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Connect"),
        QT_TRANSLATE_NOOP("Help", "drag from a port to another block's port (or onto the block)"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Select several"),
        QT_TRANSLATE_NOOP("Help", "drag a rubber band on empty canvas; Ctrl+click"),
    ),
    (QT_TRANSLATE_NOOP("Help", "Clear the selection"), "Esc"),
    (
        QT_TRANSLATE_NOOP("Help", "Nudge the selected blocks"),
        QT_TRANSLATE_NOOP("Help", "arrow keys; Shift+arrow for bigger steps"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Pan"),
        QT_TRANSLATE_NOOP("Help", "middle-drag, or hold Space and drag; Shift+wheel sideways"),
    ),
    (
        QT_TRANSLATE_NOOP("Help", "Zoom at the cursor"),
        QT_TRANSLATE_NOOP("Help", "mouse wheel; Ctrl+= and Ctrl+-; Ctrl+0 is 100%"),
    ),
    (QT_TRANSLATE_NOOP("Help", "Fit the network in view (readable) / all of it"), "F / Ctrl+Shift+F"),
    (QT_TRANSLATE_NOOP("Help", "Auto-layout left to right / top to bottom"), "Ctrl+L / Ctrl+Shift+L"),
    (QT_TRANSLATE_NOOP("Help", "Copy, cut, paste, duplicate"), "Ctrl+C, Ctrl+X, Ctrl+V, Ctrl+D"),
    (QT_TRANSLATE_NOOP("Help", "Delete blocks or wires"), QT_TRANSLATE_NOOP("Help", "Delete or Backspace")),
    (QT_TRANSLATE_NOOP("Help", "Delete a block and reconnect its input to its outputs"), "Ctrl+Delete"),
    (QT_TRANSLATE_NOOP("Help", "Rename the selected block"), "F2"),
    (QT_TRANSLATE_NOOP("Help", "Edit the selected block's parameters"), "Enter"),
    (QT_TRANSLATE_NOOP("Help", "Go to the Input / the output block"), "Home / End"),
    (QT_TRANSLATE_NOOP("Help", "Collapse parts into their block / expand a composite block"), "Ctrl+G / Ctrl+Shift+G"),
    (QT_TRANSLATE_NOOP("Help", "Export the model (code, ONNX, weights)"), "Ctrl+E"),
    (QT_TRANSLATE_NOOP("Help", "Undo / redo"), "Ctrl+Z / Ctrl+Shift+Z"),
    (
        QT_TRANSLATE_NOOP("Help", "New, new from preset, open, save, save as"),
        "Ctrl+N, Ctrl+Shift+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S",
    ),
)


def shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td style='padding-right:16px'>{what}</td><td><b>{keys}</b></td></tr>"
        for what, keys in (
            (QCoreApplication.translate("Help", w), QCoreApplication.translate("Help", k)) for w, k in SHORTCUTS
        )
    )
    return f"<table cellspacing='0' cellpadding='3'>{rows}</table>"


def show_shortcuts(parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Help", "Keyboard and mouse"))
    box.setText(shortcuts_html())
    box.exec()


def show_about(parent: QWidget | None) -> None:
    from cnnstudio import __version__

    QMessageBox.about(
        parent,
        QCoreApplication.translate("Help", "About CNN Studio"),
        QCoreApplication.translate(
            "Help",
            "<h3>CNN Studio {0}</h3><p>Design convolutional networks as graphs, see every shape live, compile them to PyTorch, train and inspect them.</p>",
        ).format(__version__),
    )
