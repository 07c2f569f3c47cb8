"""The Setup page's Generation group: the GAN loss and the score classifier's files, typed or chosen, each change
one undo step; files outside the project's folder are refused with a line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cnnstudio import presets
from cnnstudio.gui.training import generation_setup
from cnnstudio.training.config import META_KEY, TrainingConfig

from .test_setup_form import type_into


def saved(panel) -> dict:
    return panel.doc.graph.meta[META_KEY]


@pytest.fixture
def gan_panel(make_panel, tmp_path):
    graph = presets.build("dcgan")
    TrainingConfig(epochs=2, data="shapes:60").to_graph(graph)
    panel = make_panel(graph)
    panel.doc.mark_saved(tmp_path / "gan.cnn.json")  # the classifier is named from the project's folder
    return panel


def test_the_generation_group_shows_only_for_a_generator(make_panel, gan_panel):
    assert not gan_panel.setup.generation.isHidden()
    assert make_panel(presets.build("lenet5")).setup.generation.isHidden()


def test_the_gan_loss_and_the_score_classifier_are_set_in_the_form_and_undone(gan_panel, qtbot, tmp_path, monkeypatch):
    group = gan_panel.setup.generation
    stack = gan_panel.doc.undo_stack
    notes = []
    group.problem.connect(notes.append)

    QTest.keyClick(group.gan_loss, Qt.Key.Key_Down)
    assert saved(gan_panel)["gan_loss"] == "hinge" and stack.index() == 1

    type_into(qtbot, group.score_classifier, "clf.cnn.json")  # half of the pair: waits for the weights
    assert saved(gan_panel)["score_classifier"] is None and stack.index() == 1
    assert notes[-1] == "The score classifier needs its weights too"
    assert gan_panel.form_label.text() == notes[-1]  # the panel shows the line

    (tmp_path / "weights").mkdir()
    chosen = []

    def choose(parent, title, folder, name_filter):
        chosen.append((folder, name_filter))
        return str(tmp_path / "weights" / "clf.safetensors")

    monkeypatch.setattr(generation_setup, "choose_file", choose)
    QTest.mouseClick(group.choose_weights, Qt.MouseButton.LeftButton)
    assert chosen[0][0] == str(tmp_path) and "*.safetensors" in chosen[0][1]  # opens in the project's folder
    assert saved(gan_panel)["score_classifier"] == "clf.cnn.json"
    assert saved(gan_panel)["score_weights"] == "weights/clf.safetensors"  # relative to the project's folder
    assert stack.index() == 2  # the pair is one step
    assert TrainingConfig.from_dict(saved(gan_panel)).score_weights == "weights/clf.safetensors"

    outside = tmp_path.parent / "elsewhere.cnn.json"
    monkeypatch.setattr(generation_setup, "choose_file", lambda *args: str(outside))
    QTest.mouseClick(group.choose_classifier, Qt.MouseButton.LeftButton)
    assert "outside the project's folder" in notes[-1] and saved(gan_panel)["score_classifier"] == "clf.cnn.json"
    assert stack.index() == 2

    stack.undo()
    assert saved(gan_panel)["score_classifier"] is None and saved(gan_panel)["score_weights"] is None
    assert group.score_classifier.text() == "" and group.score_weights.text() == ""
    stack.undo()
    assert saved(gan_panel)["gan_loss"] == "non_saturating" and group.gan_loss.currentData() == "non_saturating"
    stack.redo()
    stack.redo()
    assert group.score_weights.text() == "weights/clf.safetensors" and group.gan_loss.currentData() == "hinge"


def test_an_unsaved_project_is_asked_to_be_saved_before_choosing_a_file(make_panel, monkeypatch):
    panel = make_panel(presets.build("dcgan"))
    notes = []
    panel.setup.generation.problem.connect(notes.append)
    monkeypatch.setattr(generation_setup, "choose_file", lambda *args: pytest.fail("no dialog without a folder"))
    QTest.mouseClick(panel.setup.generation.choose_classifier, Qt.MouseButton.LeftButton)
    assert notes and notes[-1].startswith("Save the project first")
