"""The desktop app (PySide6 + pyqtgraph live only here)."""
