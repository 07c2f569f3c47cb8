"""Whether a panel is really on screen, so that hidden panels do no work per edit."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def on_screen(widget: QWidget) -> bool:
    """Shown to the user: a dock behind another tab counts as visible to Qt (no showEvent when its tab is
    raised), but it has no visible region."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()
