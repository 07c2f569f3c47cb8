"""Help: the keyboard shortcuts and a short About."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SHORTCUTS = (
    ("Add a block after the selected one", "double-click it in the palette, or Ctrl+B, type, Enter"),
    ("Insert a block into a wire", "drag it from the palette onto the wire"),
    ("Go to a block by name or type", "Ctrl+P (Ctrl+F on the canvas), type, Enter"),
    ("Connect", "drag from a port to another block's port (or onto the block)"),
    ("Select several", "drag a rubber band on empty canvas; Ctrl+click"),
    ("Clear the selection", "Esc"),
    ("Nudge the selected blocks", "arrow keys; Shift+arrow for bigger steps"),
    ("Pan", "middle-drag, or hold Space and drag; Shift+wheel sideways"),
    ("Zoom at the cursor", "mouse wheel; Ctrl+= and Ctrl+-; Ctrl+0 is 100%"),
    ("Fit the network in view (readable) / all of it", "F / Ctrl+Shift+F"),
    ("Auto-layout left to right / top to bottom", "Ctrl+L / Ctrl+Shift+L"),
    ("Copy, cut, paste, duplicate", "Ctrl+C, Ctrl+X, Ctrl+V, Ctrl+D"),
    ("Delete blocks or wires", "Delete or Backspace"),
    ("Delete a block and reconnect its input to its outputs", "Ctrl+Delete"),
    ("Collapse parts into their block / expand a composite block", "Ctrl+G / Ctrl+Shift+G"),
    ("Export the model (code, ONNX, weights)", "Ctrl+E"),
    ("Undo / redo", "Ctrl+Z / Ctrl+Shift+Z"),
    ("New, new from preset, open, save, save as", "Ctrl+N, Ctrl+Shift+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S"),
)


def shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td style='padding-right:16px'>{what}</td><td><b>{keys}</b></td></tr>" for what, keys in SHORTCUTS
    )
    return f"<table cellspacing='0' cellpadding='3'>{rows}</table>"


def show_shortcuts(parent: QWidget | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Keyboard and mouse")
    box.setText(shortcuts_html())
    box.exec()


def show_about(parent: QWidget | None) -> None:
    from cnnstudio import __version__

    QMessageBox.about(
        parent,
        "About CNN Studio",
        f"<h3>CNN Studio {__version__}</h3><p>Design convolutional networks as graphs, see every shape live, "
        "compile them to PyTorch, train and inspect them.</p>",
    )
