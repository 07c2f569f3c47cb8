"""In Japanese the palette finds blocks by the study notes' words and the inspector shows Japanese block texts,
while the values it stores stay the ones files and PyTorch read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from cnnstudio.core import i18n

from .test_inspector_and_panels import select


@pytest.fixture
def japanese(monkeypatch):
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, "ja")
    i18n.set_language("ja")
    yield
    i18n.set_language("en")


def type_with_input_method(widget, text: str) -> None:
    """Japanese reaches a field as an input method's committed text (QTest's key clicks are ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize(
    "query, block",
    [
        ("畳み込み", "conv2d"),
        ("プーリング", "maxpool2d"),
        ("最大プーリング", "maxpool2d"),
        ("全結合", "linear"),
        ("残差", "residual"),
        ("大域平均プーリング", "global_avgpool"),
        ("転置畳み込み", "conv_transpose2d"),
        ("インセプション", "inception"),
        ("ドロップアウト", "dropout"),
        ("アップサンプリング", "upsample"),
        ("ソフトマックス", "softmax"),
        ("リーキー", "leaky_relu"),
        ("入力層", "input"),
        ("バッチ正規化", "batchnorm2d"),  # not BatchNormAct2d, whose phrase バッチ正規化 活性化関数 holds it
        ("活性化関数", "relu"),
        ("活性化", "relu"),  # not BatchNormAct2d, whose name holds it
        ("線形", "linear"),  # not Upsample (双線形, bilinear)
        ("残差ブロック", "residual"),  # not 逆残差ブロック
        ("conv", "conv2d"),  # English keeps working
        ("skip", "add"),
    ],
)
def test_palette_search_finds_blocks_by_japanese_words(qtbot, make_window, japanese, query, block):
    palette = make_window(preset=None).block_palette
    palette.focus_search()
    if query.isascii():
        QTest.keyClicks(palette.search, query)
    else:
        type_with_input_method(palette.search, query)
    assert palette.search.text() == query
    assert block in palette.visible_types()
    assert palette.best_match() == block


def test_enter_adds_the_convolution_found_by_its_japanese_name(qtbot, make_window, japanese):
    window = make_window(preset=None)
    palette = window.block_palette
    before = len(window.doc.graph.nodes)
    palette.focus_search()
    type_with_input_method(palette.search, "畳み込み")
    QTest.keyClick(palette.search, Qt.Key.Key_Return)
    added = [n for n in window.doc.graph.nodes.values() if n.type == "conv2d"]
    assert len(window.doc.graph.nodes) == before + 1 and len(added) == 1
    headings = [palette.tree.topLevelItem(i).text(0) for i in range(palette.tree.topLevelItemCount())]
    assert "畳み込み" in headings and "Convolution" not in headings
    assert palette.item_for("residual").text(0) == "残差モジュール"


def test_inspector_shows_japanese_block_texts_and_stores_the_plain_values(qtbot, make_window, japanese):
    window = make_window()
    conv = select(window, "conv1")
    inspector = window.inspector
    labels = [label.text() for label in inspector.widget().findChildren(QLabel)]
    assert any("畳み込み" in t and "Conv2d" in t for t in labels)  # title · category
    assert any("要素積の和" in t for t in labels)  # the description
    assert {"出力チャンネル数", "カーネルサイズ", "ストライド", "パディング"} <= set(labels)
    assert inspector.editors["out_channels"].toolTip().startswith("out_channels: ")
    assert "(28 + 2·2 − 5) / 1 + 1 = 28" in inspector.info.text()  # the formula keeps its symbols

    init = inspector.editors["init"].box
    assert init.currentText() == "既定（PyTorch）"
    init.setFocus()
    QTest.keyClick(init, Qt.Key.Key_Down)
    assert window.doc.graph.nodes[conv].params["init"] == "kaiming_normal"
    assert init.currentText() == "Kaiming 正規分布（kaiming_normal）"

    line = inspector.editors["kernel_size"].line
    line.setFocus()
    line.selectAll()
    QTest.keyClicks(line, "40")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert window.doc.graph.nodes[conv].params["kernel_size"] == 40
    info = inspector.info.text()
    assert "カーネルサイズ 40 がパディング後の入力サイズ 32 を超えています: (28 + 2·2 − 40) / 1 + 1 = −7" in info
