"""The block catalogue speaks Japanese: titles, descriptions, params, search words and every shape error,
with the numbers and formulas of the English text; English stays as it was."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter

import pytest

from cnnstudio.blocks import texts
from cnnstudio.core import i18n
from cnnstudio.core.block import CATEGORIES, REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.formulas import ShapeError
from cnnstudio.core.inference import infer_shapes
from cnnstudio.resources import path as resource_path

CATALOGUE = resource_path("i18n") / "blocks_ja.ts"
# Titles that are PyTorch's own class names (or other code names) read the same in Japanese.
CODE_NAMES = re.compile(r"^[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*$")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
NUMBERS = re.compile(r"\d+")
ARITHMETIC = re.compile(r"[(\d][\d\s+−·×/()²^-]*=\s*−?\d+")


@pytest.fixture
def japanese():
    i18n.set_language("ja")
    yield
    i18n.set_language("en")


def _raise(block_type: str, params: dict, shapes: list) -> ShapeError:
    block = REGISTRY.get(block_type)
    with pytest.raises(ShapeError) as info:
        block.infer(block.resolve(params), shapes)
    return info.value


# (block, params, input shapes): one case per shape error a block raises
ERROR_CASES = [
    ("conv2d", {"kernel_size": 7}, [(3, 5, 5)]),
    ("conv2d", {"out_channels": 6, "groups": 4}, [(8, 9, 9)]),
    ("conv2d", {"padding": "same", "stride": 2}, [(3, 9, 9)]),
    ("conv2d", {}, [(3, 9)]),
    ("conv_transpose2d", {"output_padding": 3, "stride": 2}, [(4, 5, 5)]),
    ("conv_transpose2d", {"kernel_size": 1, "stride": 1, "padding": 3}, [(4, 5, 5)]),
    ("maxpool2d", {"kernel_size": 2, "padding": 2}, [(3, 8, 8)]),
    ("avgpool2d", {"kernel_size": 9, "stride": 1}, [(3, 4, 4)]),
    ("linear", {}, [(16, 5, 5)]),
    ("classification_output", {}, [(10, 7, 7)]),
    ("classification_output", {}, [(1,)]),
    ("groupnorm", {"num_groups": 4}, [(6, 3, 3)]),
    ("groupnorm", {}, [(6,)]),
    ("channel_shuffle", {"groups": 4}, [(6, 3, 3)]),
    ("inception", {"ch5x5_kernel": 4}, [(8, 7, 7)]),
    ("detection_output", {"num_classes": 3}, [(9, 8, 8)]),
    ("detection_output", {}, [(12,)]),
    ("multiply", {}, [(4, 5, 5), (4, 3, 3)]),
    ("multiply", {}, [(4, 5, 5), (4,)]),
    ("realfake_output", {}, [(4, 2, 2)]),
    ("sample_gaussian", {}, [(8,), (9,)]),
    ("generated_output", {}, [(8,)]),
    ("interpolate", {"mode": "nearest", "align_corners": True}, [(3, 4, 4)]),
    ("interpolate", {"by": "scale", "scale_factor": 0.1}, [(3, 4, 4)]),
    ("upsample", {"scale_factor": 0.1}, [(3, 4, 4)]),
    ("add", {}, [(4, 5, 5), (4, 6, 6)]),
    ("concat", {}, [(4, 5, 5), (4, 6, 6)]),
    ("concat", {}, [(4, 5), (4, 6)]),
    ("hardtanh", {"min_val": 2.0, "max_val": 1.0}, [(4,)]),
    ("batchnorm2d", {}, [(4,)]),
    ("pad", {"mode": "reflect", "left": 5}, [(2, 4, 4)]),
    ("pad", {"mode": "circular", "top": 9}, [(2, 4, 4)]),
    ("pixel_shuffle", {"upscale_factor": 2}, [(6, 4, 4)]),
    ("pixel_unshuffle", {"downscale_factor": 2}, [(4, 5, 6)]),
    ("residual", {"kind": "basic", "groups": 2}, [(64, 8, 8)]),
    ("residual", {"kind": "bottleneck", "planes": 1, "width_per_group": 4}, [(64, 8, 8)]),
    ("shufflenet_unit", {"out_channels": 7}, [(8, 8, 8)]),
    ("shufflenet_unit", {"out_channels": 8, "stride": 1}, [(4, 8, 8)]),
]


def test_the_catalogue_is_finished_and_holds_every_block_text():
    root = ElementTree.parse(CATALOGUE).getroot()
    entries = {}
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation.get("type") is None, message.findtext("source")
            assert translation.text, message.findtext("source")
            entries[(context.findtext("name"), message.findtext("source"))] = translation.text
    assert len(entries) > 500
    needed = {("Blocks", c) for c in CATEGORIES}
    for block in REGISTRY:
        needed |= {("Blocks", block.label), ("Blocks", block.description)}
        needed |= {("BlockKeywords", word) for word in (*block.keywords, *texts.SYNONYMS.get(block.type, ()))}
        for spec in block.params:
            needed |= {("BlockParams", spec.help), ("BlockParamNames", spec.name)}
            needed |= {("BlockChoices", choice) for choice in spec.choices}
    assert sorted(needed - set(entries)) == []


def test_in_japanese_every_title_description_and_param_text_is_japanese(japanese):
    for name in CATEGORIES:
        assert JAPANESE.search(texts.category(name)), name
    for block in REGISTRY:
        title = texts.title(block)
        assert JAPANESE.search(title) or CODE_NAMES.match(title), title
        assert JAPANESE.search(texts.description(block)), block.type
        for spec in block.params:
            assert JAPANESE.search(texts.param_help(spec)), (block.type, spec.name)
            assert JAPANESE.search(texts.param_label(spec)), (block.type, spec.name)
            assert texts.param_tooltip(spec).startswith(f"{spec.name}: ")
            for choice in spec.choices:
                assert texts.choice_label(choice) != "" and texts.choice_label(choice) in set(
                    texts.choice_label(c) for c in spec.choices
                )
    # the study notes' words name the blocks they teach
    assert texts.title(REGISTRY.get("residual")) == "残差モジュール"
    assert texts.title(REGISTRY.get("inception")) == "インセプションモジュール"
    assert "畳み込み層" in texts.description(REGISTRY.get("conv2d"))
    assert "大域平均プーリング" in texts.description(REGISTRY.get("global_avgpool"))
    head = REGISTRY.get("classification_output")
    assert head.subtitle(head.resolve({"auxiliary": True, "loss_weight": 0.3})) == "交差エントロピー · 補助 ×0.3"


def test_japanese_search_words_come_with_the_english_ones(japanese):
    words = texts.search_words(REGISTRY.get("conv2d"))
    assert {"convolution", "1x1", "畳み込み", "畳み込み層"} <= set(words)
    assert "全結合" in texts.search_words(REGISTRY.get("linear"))
    assert "残差" in texts.search_words(REGISTRY.get("residual"))
    assert "最大プーリング" in texts.search_words(REGISTRY.get("maxpool2d"))


@pytest.mark.parametrize("block_type, params, shapes", ERROR_CASES, ids=lambda v: v if isinstance(v, str) else "")
def test_a_shape_error_says_the_same_numbers_in_both_languages(block_type, params, shapes):
    english = _raise(block_type, params, shapes)
    i18n.set_language("ja")
    try:
        japanese = _raise(block_type, params, shapes)
    finally:
        i18n.set_language("en")
    assert japanese.code == english.code
    assert JAPANESE.search(japanese.message), japanese.message
    # every number of the English message, as often (Japanese may count "1つ" where English says "one")
    assert not Counter(NUMBERS.findall(english.message)) - Counter(NUMBERS.findall(japanese.message))
    for arithmetic in ARITHMETIC.findall(english.message):  # "(5 + 2·0 − 7) / 1 + 1 = −1" stays as it is
        assert arithmetic in japanese.message, (arithmetic, japanese.message)
    assert [fix.values if hasattr(fix, "values") else fix.type for fix in japanese.fixes] == [
        fix.values if hasattr(fix, "values") else fix.type for fix in english.fixes
    ]
    for fix in japanese.fixes:
        assert JAPANESE.search(fix.label), fix.label


def test_the_output_size_formula_keeps_its_symbols_and_numbers():
    english = _raise("conv2d", {"kernel_size": 7}, [(3, 5, 5)])
    i18n.set_language("ja")
    try:
        japanese = _raise("conv2d", {"kernel_size": 7}, [(3, 5, 5)])
    finally:
        i18n.set_language("en")
    assert english.message == "kernel 7 > padded input 5: (5 + 2·0 − 7) / 1 + 1 = −1"
    assert (
        japanese.message == "カーネルサイズ 7 がパディング後の入力サイズ 5 を超えています: (5 + 2·0 − 7) / 1 + 1 = −1"
    )
    assert [f.label for f in english.fixes] == ["Shrink kernel to 5", "Use 'same' padding"]
    assert [f.label for f in japanese.fixes] == ["カーネルサイズを 5 に縮める", "パディングを 'same' にする"]


def test_a_warning_is_japanese_with_its_numbers(japanese):
    detection = REGISTRY.get("detection_output")
    p = detection.resolve({"num_classes": 3})
    ((code, message),) = detection.warnings(p, [(7, 2, 2)], (32, 32), (64, 64))
    assert code == "small_grid"
    assert JAPANESE.search(message) and NUMBERS.findall(message)[:5] == ["64", "64", "32", "2", "2"]


def test_english_is_unchanged():
    conv = REGISTRY.get("conv2d")
    assert texts.title(conv) == "Conv2d" and texts.category("Convolution") == "Convolution"
    assert texts.description(conv) == conv.description
    spec = conv.param("out_channels")
    assert (texts.param_label(spec), texts.param_tooltip(spec)) == ("out_channels", spec.help)
    assert texts.choice_label("kaiming_normal") == "kaiming_normal"
    assert not any(JAPANESE.search(w) for block in REGISTRY for w in texts.search_words(block))
    assert _raise("linear", {}, [(16, 5, 5)]).message == (
        "Linear expects a flat vector but gets 16×5×5: insert Flatten (400 features) or GlobalAvgPool (16 features)"
    )
    assert _raise("conv2d", {}, [(3, 9)]).message == "expects a C×H×W tensor, got 3×9"


def test_diagnostics_from_inference_are_japanese(japanese):
    builder = GraphBuilder()
    x = builder.add("input", "input", shape=[1, 5, 5])
    builder.add("conv2d", "conv1", x, kernel_size=7)
    (diagnostic,) = [d for d in infer_shapes(builder.graph).diagnostics if d.code == "kernel_too_large"]
    assert (
        diagnostic.message == "カーネルサイズ 7 がパディング後の入力サイズ 5 を超えています: (5 + 2·0 − 7) / 1 + 1 = −1"
    )
    assert diagnostic.fixes[0].label == "カーネルサイズを 5 に縮める"


def test_a_language_switch_rewords_the_diagnostics_inference_had_memoised():
    builder = GraphBuilder()
    x = builder.add("input", "input", shape=[1, 5, 5])
    builder.add("conv2d", "conv1", x, kernel_size=7)

    def message() -> str:
        return next(d.message for d in infer_shapes(builder.graph).diagnostics if d.code == "kernel_too_large")

    assert message().startswith("kernel 7 > padded input 5")
    i18n.set_language("ja")
    try:
        assert message().startswith("カーネルサイズ 7 がパディング後の入力サイズ 5 を超えています")
    finally:
        i18n.set_language("en")
    assert message().startswith("kernel 7 > padded input 5")


def test_what_the_importer_cannot_take_is_said_in_japanese(japanese):
    from types import SimpleNamespace

    from cnnstudio.blocks.importing import Unsupported

    pool = SimpleNamespace(return_indices=True)
    with pytest.raises(Unsupported, match="^return_indices=True の最大プーリング$"):
        REGISTRY.get("maxpool2d").from_module(pool, ["x"])
    conv = SimpleNamespace(padding_mode="reflect")
    with pytest.raises(Unsupported, match=r"^padding_mode='reflect'（ゼロパディングのみ対応）$"):
        REGISTRY.get("conv2d").from_module(conv, ["x"])
