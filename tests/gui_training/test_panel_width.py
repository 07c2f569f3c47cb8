"""The training docks fit a laptop's screen: the command row folds into two rows and the Runs view's actions
go behind a » button, where they made the whole window at least 1571 px wide (907 px for the Runs view)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSpinBox, QToolBar, QToolButton

from .conftest import UI_TIMEOUT_MS


def _rect_in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def test_the_window_with_the_training_docks_fits_a_1024_px_screen(window, qtbot, monkeypatch, tmp_path):
    from cnnstudio.gui.training import config_form

    form = window.training.form
    folder = tmp_path / ("a-dataset-folder-with-a-very-long-name-" * 4)
    monkeypatch.setattr(config_form, "choose_folder", lambda parent, title, start: str(folder))
    form.data.setCurrentIndex(form.data.findData("folder"))
    form.data.activated.emit(form.data.currentIndex())
    assert form.data.currentText().startswith("Image folder: a-dataset-folder")  # elided in the field, not wider
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    assert window.runs_view.isVisible()

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=UI_TIMEOUT_MS)
    assert window.minimumSizeHint().width() <= 1024


def test_the_settings_fields_fold_into_a_second_row_and_still_take_input(make_panel, qtbot):
    panel = make_panel()
    form, train = panel.form, panel.start_button

    panel.resize(1600, 400)
    qtbot.waitUntil(lambda: panel.commands.one_row, timeout=UI_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: _rect_in(form, panel).center().y() == _rect_in(train, panel).center().y(), timeout=UI_TIMEOUT_MS
    )

    panel.resize(900, 400)
    qtbot.waitUntil(lambda: not panel.commands.one_row, timeout=UI_TIMEOUT_MS)
    qtbot.waitUntil(lambda: _rect_in(form, panel).top() > _rect_in(train, panel).bottom(), timeout=UI_TIMEOUT_MS)
    for field in (form.data, form.epochs, form.batch, form.lr, form.optimizer, panel.setup_button, panel.runs_button):
        assert panel.rect().contains(_rect_in(field, panel)), field  # whole, not cut off at the panel's edge

    before = form.epochs.value()
    option = QStyleOptionSpinBox()
    form.epochs.initStyleOption(option)
    up = form.epochs.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxUp)
    qtbot.mouseClick(form.epochs, Qt.MouseButton.LeftButton, pos=up.center())
    assert form.epochs.value() == before + 1
    assert panel.doc.graph.meta["training"]["epochs"] == before + 1


def test_the_runs_actions_that_do_not_fit_are_behind_the_toolbar_button(window, qtbot):
    qtbot.mouseClick(window.training.runs_button, Qt.MouseButton.LeftButton)
    view = window.runs_view
    view.split.setSizes([260, 400])
    toolbar = view.findChild(QToolBar)
    more = next(b for b in toolbar.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button")
    qtbot.waitUntil(lambda: more.isVisible() and not view.buttons[view.act_delete].isVisible(), timeout=UI_TIMEOUT_MS)

    shown = []

    def read_menu():  # the » button's menu runs its own event loop: read it, then close it
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read_menu)
            return
        shown.extend(action.text() for action in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_menu)
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=UI_TIMEOUT_MS)
    assert "Delete…" in shown and "Resume" not in shown  # only what did not fit, with the "…" a dialog follows


def test_the_training_tab_clicked_to_the_front_gets_room_for_its_curves(window, qtbot):
    from PySide6.QtWidgets import QTabBar

    from cnnstudio.gui.training import PANEL_HEIGHT

    window.problems_dock.raise_()
    dock = window.host.docks["training"]
    qtbot.waitUntil(lambda: window.training.visibleRegion().isEmpty(), timeout=UI_TIMEOUT_MS)
    bar = next(b for b in window.findChildren(QTabBar) if "Training" in [b.tabText(i) for i in range(b.count())])
    index = [bar.tabText(i) for i in range(bar.count())].index("Training")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: dock.height() >= PANEL_HEIGHT - 40, timeout=UI_TIMEOUT_MS)
