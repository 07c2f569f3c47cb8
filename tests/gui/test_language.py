"""The window in Japanese (--lang ja) has no English label left; in English (--lang en) none is Japanese;
View → Language remembers the choice for the next start."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QWidget,
)

from cnnstudio.cli_parser import gui_parser
from cnnstudio.core import i18n
from cnnstudio.gui.export_import import ExportDialog, ImportDialog
from cnnstudio.gui.gallery import PresetGallery
from cnnstudio.gui.panels.formula_text import CONV_FORMULA, DILATED_FORMULA, POOL_CEIL_FORMULA, TRANSPOSED_FORMULA
from cnnstudio.gui.translation import SETTING, choose, install

from .modal import ModalClicker

# Words a Japanese window keeps in Latin letters: proper and product names, code and file names, units, keys.
ALLOWED = set(
    """CNN Studio LeNet ResNet PyTorch ONNX Grad CAM MACs ReLU Conv Linear Classification Input Residual Inception
    BN SGD Adam AdamW CUDA MPS CPU MNIST Fashion CIFAR ImageNet RGB English Ctrl Shift Delete Backspace Space Enter
    Esc Bottleneck downsample torchvision torchrun safetensors models resnet net Net nn Module export torch
    auto cpu cuda mps gamma same valid img ETA px kB MB GB LeCun digits shapes Python
    Kaiming Xavier VGG GoogLeNet AlexNet DenseNet MobileNet ShuffleNet EfficientNet ConvNeXt ResNeXt SqueezeNet
    CenterNet DCGAN VAE GAN COCO VOC Pascal YOLO U-Net IoU mAP
    out groups""".split()  # the last two: symbols of the formulas, which stay exact in every language
)
# a token with a digit, underscore or dot is a code or file name: conv1, layer1.0, train.py, float32, kernel_size
CODE_NAME = re.compile(r"[A-Za-z]*[0-9_./][A-Za-z0-9_./]*")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@pytest.fixture
def speak(qapp, monkeypatch):
    """Start a language the way ``cnnstudio --lang CODE`` does; English again afterwards."""
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)

    def start(code: str) -> str:
        args = gui_parser().parse_args(["--lang", code])
        return install(QApplication.instance(), choose(args.lang, None))

    yield start
    install(QApplication.instance(), "en")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every label, button, action, menu, dock, tab, group box, header and tooltip under root."""
    found: list[tuple[str, str]] = []
    for action in root.findChildren(QAction):
        found += [("action", action.text()), ("action tooltip", action.toolTip()), ("status tip", action.statusTip())]
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        found.append((f"{kind} tooltip", widget.toolTip()))
        if isinstance(widget, QLabel):
            found.append(("label", widget.text()))
        if isinstance(widget, QAbstractButton):
            found.append(("button", widget.text()))
        if isinstance(widget, QMenu):
            found.append(("menu", widget.title()))
        if isinstance(widget, QDockWidget):
            found.append(("dock", widget.windowTitle()))
        if isinstance(widget, QGroupBox):
            found.append(("group box", widget.title()))
        if isinstance(widget, QTabBar):
            found += [("tab", widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            found.append(("placeholder", widget.placeholderText()))
        if isinstance(widget, QComboBox):
            found += [("choice", widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QAbstractSpinBox):
            found += [("spin box", widget.specialValueText())]
            found += [("spin box", getattr(widget, name)()) for name in ("prefix", "suffix") if hasattr(widget, name)]
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            model, horizontal = widget.model(), widget.orientation()
            count = model.columnCount() if widget.orientation().name == "Horizontal" else model.rowCount()
            found += [("header", str(model.headerData(i, horizontal) or "")) for i in range(count)]
    return [(where, text) for where, text in found if text]


def english_words(text: str) -> list[str]:
    plain = re.sub(r"<head>.*?</head>|<style>.*?</style>", " ", text, flags=re.S)  # a rich text's style sheet
    plain = re.sub(r"<[^>]+>|&nbsp;|&(?=\w)", " ", plain)  # markup and menu accelerators are not words
    tokens = re.findall(r"[./]?[A-Za-z][A-Za-z0-9_./]*", plain)  # .onnx and path/to/net.py stay one token
    return [t for t in tokens if len(t) > 2 and t not in ALLOWED and not CODE_NAME.fullmatch(t)]


def untranslated(root: QWidget, theirs: set[str] = frozenset()) -> list[str]:
    """Texts with English words left once the parts other catalogues translate (``theirs``) are taken out."""
    words = {part for part in theirs if re.fullmatch(r"[\w.\-]+", part)}  # names and choices: whole tokens only
    phrases = sorted(theirs - words, key=len, reverse=True)  # descriptions and help: cut out where they appear
    found = set()
    for where, text in visible_texts(root):
        mine = text
        for part in phrases:
            mine = mine.replace(part, " ")
        if [word for word in english_words(mine) if word not in words]:
            found.add(f"{where}: {text!r}")
    return sorted(found)


def test_the_japanese_window_on_lenet5_has_no_english_label(qtbot, speak, make_window):
    assert speak("ja") == "ja"
    window = make_window("lenet5")
    window.reveal_node(window.doc.graph.by_name("conv1").id)  # the inspector's form and formula too
    QApplication.processEvents()
    assert window.file_menu.title() == "ファイル(&F)"
    # the tab's count follows edits after a short pause (a title change re-lays out the window)
    qtbot.waitUntil(lambda: window.problems_dock.windowTitle() == "問題", timeout=60_000)
    theirs = _texts_of_other_areas(window)
    left = untranslated(window, theirs)
    assert not left, "\n".join(left)
    # the language menu names each language in itself
    assert [a.text() for a in window.language_menu.actions()] == ["English", "日本語"]
    assert [a.isChecked() for a in window.language_menu.actions()] == [False, True]


def test_the_japanese_dialogs_have_no_english_label(speak, make_window):
    speak("ja")
    window = make_window("lenet5")
    for dialog in (ExportDialog(window.host), ImportDialog(window.host), PresetGallery(window)):
        left = untranslated(dialog, _texts_of_other_areas(window))
        assert not left, type(dialog).__name__ + ":\n" + "\n".join(left)


def test_the_english_window_stays_english(speak, make_window):
    assert speak("en") == "en"
    window = make_window("lenet5")
    window.reveal_node(window.doc.graph.by_name("conv1").id)
    QApplication.processEvents()
    assert window.file_menu.title() == "&File"
    japanese = [
        f"{where}: {text!r}"
        for where, text in visible_texts(window)
        if JAPANESE.search(text) and text != i18n.LANGUAGE_NAMES["ja"]
    ]
    assert japanese == []


def test_view_language_remembers_the_choice_for_the_next_start(speak, make_window, ctx):
    speak("en")
    window = make_window("lenet5")
    japanese = next(a for a in window.language_menu.actions() if a.text() == "日本語")
    clicker = ModalClicker()
    clicker.answer("Later")
    try:
        japanese.trigger()  # what a click on View → Language → 日本語 does
    finally:
        clicker.stop()
    assert clicker.wrong == []
    assert "日本語" in clicker.seen[0][1]  # "CNN Studio shows 日本語 after a restart. Restart now?"
    assert ctx.settings.value(SETTING) == "ja"
    assert choose(None, ctx.settings) == "ja"  # the next start speaks Japanese
    assert choose("en", ctx.settings) == "en"  # and --lang still overrides it
    assert i18n.language() == "en"  # this window keeps its language until the restart


def _texts_of_other_areas(window) -> set[str]:
    """Code the GUI shows as it is in every language: the blocks' parameter names (torch keywords), their
    choices' saved values and the output-size formulas."""
    texts: set[str] = set()
    for block in window.doc.registry:
        for param in block.params:
            texts.update((param.name, *(str(c) for c in (param.choices or ()))))
    texts.update((CONV_FORMULA, DILATED_FORMULA, POOL_CEIL_FORMULA, TRANSPOSED_FORMULA))
    texts.discard("")
    return texts


def test_a_japanese_system_locale_speaks_japanese_unless_told_otherwise(monkeypatch, ctx):
    """With no --lang, no $CNNSTUDIO_LANG and nothing saved, the OS locale decides (Qt's QLocale.system())."""
    from PySide6.QtCore import QLocale

    from cnnstudio.gui import translation

    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(translation.QLocale, "system", staticmethod(lambda: QLocale("ja_JP")))
    assert choose(None, ctx.settings) == "ja"
    assert choose("en", ctx.settings) == "en"
    monkeypatch.setattr(translation.QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert choose(None, ctx.settings) == "en"  # a language without a catalogue: English


def mnemonic_clashes(window) -> list[str]:
    """Menu entries whose Alt+letter another entry of the same menu (or the menu bar) also takes."""
    clashes = []
    menus = [("menu bar", [m for m in window.menuBar().actions()])]
    menus += [(m.text(), m.menu().actions()) for m in window.menuBar().actions() if m.menu() is not None]
    for where, actions in menus:
        seen: dict[str, str] = {}
        for action in actions:
            letter = re.search(r"&([^&\s])", action.text().replace("&&", ""))
            if letter is None or not action.isVisible():
                continue
            key = letter.group(1).lower()
            if key in seen:
                clashes.append(f"{where}: {seen[key]!r} and {action.text()!r} both take Alt+{key.upper()}")
            seen[key] = action.text()
    return clashes


@pytest.mark.parametrize("code", ["en", "ja"])
def test_no_two_entries_of_a_menu_take_the_same_alt_letter(speak, make_window, code):
    assert speak(code) == code
    window = make_window("lenet5")
    assert not mnemonic_clashes(window), "\n".join(mnemonic_clashes(window))


def test_the_mnemonic_check_catches_a_clash(make_window):
    window = make_window("lenet5")
    window.act_redo.setText("R&edo")
    assert mnemonic_clashes(window) == ["&Edit: 'R&edo' and 'R&ename Block' both take Alt+E"]
