"""Diagnostics and their fixes in Japanese carry the same numbers as in English (the shipped catalogue)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import cnnstudio
from cnnstudio.core import i18n
from cnnstudio.core.diagnostics import fix_edit
from cnnstudio.core.flow_checks import infer_with_flow

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # kana or kanji


@pytest.fixture
def english_after():
    yield
    i18n.set_language("en")


def _lenet(**conv1):
    graph = cnnstudio.presets.build("lenet5")
    node = next(n for n in graph.nodes.values() if n.name == "conv1")
    node.params.update(conv1)
    return graph


def _texts(graph, language: str) -> list[tuple[str, str, list[str]]]:
    """(code, message, fix labels) of every diagnostic, made while ``language`` is spoken."""
    i18n.set_language(language)
    return [(d.code, d.message, [f.label for f in d.fixes]) for d in infer_with_flow(graph).diagnostics]


def _numbers(text: str) -> Counter:
    return Counter(re.findall(r"\d+", text))


def _same_numbers(graph) -> list[tuple[str, str, list[str]]]:
    english, japanese = _texts(graph, "en"), _texts(graph, "ja")
    assert [code for code, *_ in english] == [code for code, *_ in japanese]  # codes never change
    for (_, en_message, en_fixes), (_, ja_message, ja_fixes) in zip(english, japanese):
        assert _numbers(ja_message) == _numbers(en_message), (en_message, ja_message)
        assert [_numbers(label) for label in ja_fixes] == [_numbers(label) for label in en_fixes]
    return japanese


def test_a_kernel_larger_than_the_input_carries_the_same_numbers_in_both_languages(english_after):
    japanese = _same_numbers(_lenet(kernel_size=40))  # (28 + 2·2 − 40) / 1 + 1 = −7
    codes = [code for code, *_ in japanese]
    assert "kernel_too_large" in codes
    message = japanese[codes.index("kernel_too_large")][1]
    assert "40" in message and "32" in message and "−7" in message


def test_a_parameter_out_of_range_and_its_fix_read_in_japanese(english_after):
    graph = _lenet(kernel_size=0)
    (code, message, fixes), *_ = _same_numbers(graph)
    assert code == "param"
    assert message.startswith("kernel_size = 0 は許容範囲 [1, ") and message.endswith("] の外です")
    assert fixes == ["kernel_size を 1 に設定"]
    # the fix is an edit whose undo text is the label, and it repairs the graph in one step
    diagnostic = infer_with_flow(graph).diagnostics[0]
    edit = fix_edit(graph, diagnostic.node, diagnostic.fixes[0], cnnstudio.core.block.REGISTRY)
    assert edit.text == "kernel_size を 1 に設定"
    edit.apply(graph)
    assert not infer_with_flow(graph).errors()


def test_a_cut_wire_gives_japanese_messages_and_reconnect_fixes(english_after):
    graph = cnnstudio.presets.build("lenet5")
    fc1 = next(n for n in graph.nodes.values() if n.name == "fc1")
    graph.disconnect(graph.in_edges(fc1.id)["in"])
    japanese = _same_numbers(graph)
    by_code = {code: (message, fixes) for code, message, fixes in japanese}
    assert by_code["unconnected"][0] == "入力が接続されていません"
    assert by_code["unconnected"][1][0] == "flatten に再接続"
    assert by_code["dead_branch"][0].startswith("出力がどこにも接続されていません")
    assert "flatten を削除" in by_code["dead_branch"][1]
    i18n.set_language("en")
    english = {d.code: d.message for d in infer_with_flow(graph).diagnostics}
    assert english["unconnected"] == "input is not connected"  # English unchanged


def test_diagnostics_are_made_in_the_language_spoken_when_they_are_made(english_after):
    graph = _lenet(kernel_size=0)
    i18n.set_language("ja")
    made_in_japanese = infer_with_flow(graph).diagnostics[0]
    i18n.set_language("en")
    assert JAPANESE.search(made_in_japanese.message)
    assert made_in_japanese.to_json(graph)["code"] == "param"
    assert not JAPANESE.search(infer_with_flow(graph).diagnostics[0].message)
