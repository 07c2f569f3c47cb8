"""The look: one calm light palette, colours per block category, fonts for the canvas."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from cnnstudio.blocks import texts

CANVAS_BG = QColor("#f3f4f7")
GRID = QColor("#e7e9ee")
SHADOW = QColor(31, 36, 48, 22)
NODE_BG = QColor("#ffffff")
NODE_BORDER = QColor("#c8cdd6")
TEXT = QColor("#1f2430")
MUTED = QColor("#6b7280")
ACCENT = QColor("#2f6feb")
EDGE = QColor("#8b94a3")
EDGE_LABEL_BG = QColor(243, 244, 247, 235)
ERROR = QColor("#d03f3f")
ERROR_BG = QColor("#fdeeee")
WARN = QColor("#c58612")
OK = QColor("#2e9d5b")
FROZEN = QColor("#3b7fc4")
FROZEN_BG = QColor("#eaf2fb")

# Muted, distinguishable hues: convolutions blue, pooling teal, dense violet, and so on.
CATEGORY_COLORS = {
    "Input": QColor("#5b6b82"),
    "Convolution": QColor("#3a78d0"),
    "Pooling": QColor("#1c9a9a"),
    "Dense": QColor("#8b5cc7"),
    "Normalization": QColor("#cf9526"),
    "Activation": QColor("#3d9f66"),
    "Merge": QColor("#dd7436"),
    "Composite": QColor("#575dcc"),
    "Generative": QColor("#b0569e"),
    "Output": QColor("#c2456d"),
}


def category_name(category: str) -> str:
    """A block category in the user's language (unknown ones as they are)."""
    return texts.category(category)  # the block catalogue translates its own categories


def category_color(category: str) -> QColor:
    return CATEGORY_COLORS.get(category, MUTED)


class CanvasFonts:
    """Fonts in scene pixels, so text scales with the zoom like everything else on the canvas."""

    def __init__(self) -> None:
        family = QApplication.font().family()
        self.title = _font(family, 14, bold=True)
        self.body = _font(family, 12)
        self.shape = _font(family, 12, bold=True)
        self.edge = _font(family, 11)
        self.overview = _font(family, 22, bold=True)


def _font(family: str, pixels: int, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(pixels)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # even spacing at any zoom
    return font


@cache
def canvas_fonts() -> CanvasFonts:
    return CanvasFonts()


STYLESHEET = """
QMainWindow::separator { background: #dde1e7; width: 1px; height: 1px; }
QDockWidget { titlebar-close-icon: none; }
QDockWidget::title { background: #eceef2; padding: 5px 8px; border-bottom: 1px solid #dde1e7; }
QToolBar { background: #f7f8fa; border-bottom: 1px solid #dde1e7; spacing: 2px; padding: 2px 4px; }
QToolBar[role="inline"] { background: transparent; border: none; spacing: 4px; padding: 0; }
QToolBar QToolButton#qt_toolbar_ext_button { padding: 0; }
QToolButton { padding: 3px 6px; border-radius: 4px; }
QToolButton:hover { background: #e3e8f1; }
QStatusBar { background: #f7f8fa; border-top: 1px solid #dde1e7; }
QStatusBar QLabel { color: #3b4252; padding: 0 6px; }
QTreeWidget, QTableView, QListWidget { border: none; background: #ffffff; alternate-background-color: #f8f9fb; }
QHeaderView::section { background: #f3f4f7; border: none; border-bottom: 1px solid #dde1e7; padding: 4px 6px;
                       color: #4b5563; }
QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox { padding: 2px 4px; }
QLineEdit[invalid="true"], QComboBox[invalid="true"] { border: 1px solid #d03f3f; background: #fff5f5; }
QLabel[role="heading"] { font-weight: bold; color: #1f2430; padding-top: 8px; }
QLabel[role="muted"] { color: #6b7280; }
QLabel[role="error"] { color: #c03434; }
QLabel[role="warn"] { color: #a86e0c; }
QLabel[role="formula"] { font-family: "DejaVu Sans Mono", monospace; color: #1f2430; }
QToolButton[role="fix"] { border: 1px solid #b9c3d3; border-radius: 4px; background: #ffffff; color: #1f4fb5;
                          padding: 1px 8px; margin: 1px 4px; }
QToolButton[role="fix"]:hover { background: #e8effc; }
QToolButton[role="fix"][popupMode="1"] { padding-right: 18px; }
QToolButton[role="fix"]::menu-button { border-left: 1px solid #b9c3d3; width: 14px; }
QStatusBar QSpinBox { background: transparent; border: none; }
"""


def apply_theme(app: QApplication) -> None:
    """Fusion with a light neutral palette: the same look on every platform and offscreen."""
    if app.property("cnnstudio_theme"):
        return  # re-applying re-polishes every widget in the application
    app.setProperty("cnnstudio_theme", True)
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#f7f8fa"))
    pal.setColor(QPalette.ColorRole.WindowText, TEXT)
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8f9fb"))
    pal.setColor(QPalette.ColorRole.Text, TEXT)
    pal.setColor(QPalette.ColorRole.Button, QColor("#f3f4f7"))
    pal.setColor(QPalette.ColorRole.ButtonText, TEXT)
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#d6e4fb"))
    pal.setColor(QPalette.ColorRole.HighlightedText, TEXT)
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipText, TEXT)
    pal.setColor(QPalette.ColorRole.PlaceholderText, MUTED)
    pal.setColor(QPalette.ColorRole.Link, ACCENT)
    app.setPalette(pal)
    font = app.font()
    if font.family() in ("Sans Serif", "") and "DejaVu Sans" in _families():
        font.setFamily("DejaVu Sans")
    font.setPointSize(max(font.pointSize(), 9))
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def _families() -> list[str]:
    from PySide6.QtGui import QFontDatabase

    return QFontDatabase.families()
