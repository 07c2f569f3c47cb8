"""Mouse helpers for driving the canvas like a user."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def send_mouse(view, kind, scene_pos: QPointF, button=Qt.MouseButton.LeftButton, buttons=None) -> None:
    """A real mouse event on the canvas viewport at a scene position (QTest cannot drag with a button held)."""
    viewport = view.viewport()
    local = QPointF(view.mapFromScene(scene_pos))
    if buttons is None:
        buttons = Qt.MouseButton.NoButton if kind == QMouseEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(
        kind,
        local,
        QPointF(viewport.mapToGlobal(local.toPoint())),
        button if kind != QMouseEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def drag(view, start: QPointF, end: QPointF, steps: int = 4, on_move=None) -> None:
    send_mouse(view, QMouseEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        send_mouse(view, QMouseEvent.Type.MouseMove, point, buttons=Qt.MouseButton.LeftButton)
        if on_move:
            on_move(point)
    send_mouse(view, QMouseEvent.Type.MouseButtonRelease, end)
