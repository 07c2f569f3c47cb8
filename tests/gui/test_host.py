"""The installers see the window only through a Host: they work in any window that gives one, in any order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QToolBar

from cnnstudio.core.graph import Graph
from cnnstudio.gui.canvas.scene import GraphScene
from cnnstudio.gui.context import AppContext
from cnnstudio.gui.export_import import ExportDialog, install_export_import
from cnnstudio.gui.host import Host
from cnnstudio.gui.insight.install import install_insight
from cnnstudio.gui.learn.install import install_learn
from cnnstudio.gui.panels.status import StatusBar
from cnnstudio.gui.project.document import Document
from cnnstudio.gui.training import install_training


@pytest.fixture
def bare(qtbot, tmp_path):
    """A plain QMainWindow with File, View and Help menus and a toolbar: not the app's MainWindow."""
    window = QMainWindow()
    qtbot.addWidget(window)
    doc = Document(parent=window)
    scene = GraphScene(doc, window)
    status = StatusBar(doc)
    window.setStatusBar(status)
    bar = window.menuBar()
    file, view, help_menu = bar.addMenu("File"), bar.addMenu("View"), bar.addMenu("Help")
    quit_ = file.addAction("Quit")
    reset = view.addAction("Reset")
    about = help_menu.addAction("About")
    toolbar = QToolBar()
    window.addToolBar(toolbar)
    places = {"file": (file, quit_), "view": (view, reset), "help": (help_menu, about)}
    host = Host(window, doc, scene, status, places, toolbar, ctx=AppContext.temporary(tmp_path / "app"))
    return host


def texts(menu):
    return [a.text() for a in menu.actions()]


def test_export_import_installs_into_any_host(bare):
    export, importer = install_export_import(bare)
    file = bare.places["file"][0]
    assert texts(file) == [importer.text(), export.text(), "", "Quit"]  # above Quit, a separator between
    assert export in bare.window.actions()  # Ctrl+E works with the menu closed
    bare.doc.path = None
    dialog = ExportDialog(bare)
    assert dialog.parent() is bare.window and dialog.destination.text().endswith("model.py")


def test_training_adds_its_menu_before_help_its_buttons_and_file_entry(bare):
    panel = install_training(bare)
    bar = bare.window.menuBar()
    assert [a.text() for a in bar.actions()] == ["File", "View", "&Train", "Help"]
    assert bare.menus["train"].actions()[0] is panel.act_start
    assert panel.act_load_weights in bare.places["file"][0].actions()
    assert panel.act_start in bare.toolbar.actions() and bare.feature("training") is panel
    assert bare.docks["training"].widget() is panel
    assert bare.docks["runs"].widget() is bare.feature("runs")


def test_feature_maps_follow_training_installed_after_them(bare):
    """The Feature maps dock used to find the training panel only when training was installed first."""
    insight = install_insight(bare)
    training = install_training(bare)
    layers = {"conv1": {"mean": 0.1, "std": 1.0, "dead": 0.5, "grad_norm": 0.2}}
    training.event_received.emit({"event": "health", "layers": layers})
    assert insight.health == layers
    training.checkpoint_saved.emit("/runs/1/best.safetensors")
    assert insight.checkpoint == "/runs/1/best.safetensors"


def test_feature_maps_follow_training_installed_before_them(bare):
    training = install_training(bare)
    insight = install_insight(bare)
    training.checkpoint_saved.emit("/runs/2/last.safetensors")
    assert insight.checkpoint == "/runs/2/last.safetensors"


def test_learn_finds_the_feature_maps_installed_after_it(bare):
    learn = install_learn(bare)
    assert texts(bare.places["help"][0])[0] == learn.act_concepts.text()
    assert bare.feature("insight") is None
    insight = install_insight(bare)
    assert learn.host.feature("insight") is insight
    bare.doc.replace(Graph())
    assert learn._feature_map("missing") is None  # no panel yet: nothing to show, no error


def test_the_main_window_installs_through_its_host(window):
    host = window.host
    assert host.feature("training") is window.training and host.feature("insight") is window.insight
    assert host.feature("learn") is window.learn
    assert window.train_menu is host.menus["train"]
    file = [a.text() for a in window.file_menu.actions()]
    assert file.index("Load &Weights…") < file.index("&Quit")
