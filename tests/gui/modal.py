"""Answer a real modal message box the way a user does: wait for it, then click one of its buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


class ModalClicker:
    """``answer("Save As…")`` clicks that button in the next message box; ``seen`` keeps (title, text)."""

    def __init__(self):
        self.seen: list[tuple[str, str]] = []
        self.wrong: list[str] = []  # a box without the expected button: closed, and the test fails on it
        self._timers: list[QTimer] = []

    def answer(self, label: str) -> None:
        timer = QTimer(interval=20)

        def look() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox) or not box.isVisible():
                return
            timer.stop()
            self.seen.append((box.windowTitle(), box.text()))
            buttons = [b for b in box.buttons() if b.text() == label]
            if not buttons:
                self.wrong.append(f"no {label!r} in {[b.text() for b in box.buttons()]}: {box.text()}")
                box.reject()
                return
            QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)

        timer.timeout.connect(look)
        timer.start()
        self._timers.append(timer)

    def stop(self) -> None:
        for timer in self._timers:
            timer.stop()
