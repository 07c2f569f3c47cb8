"""resources/i18n/messages_ja.ts: current with the code outside gui/ and blocks/, complete, placeholders intact."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from cnnstudio import presets
from cnnstudio.core import i18n

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "i18n" / "messages_ja.ts"
# what the catalogue covers: every module but the GUI's (gui_ja.ts) and the blocks' (their own catalogue)
SOURCES = [
    *(f"cnnstudio/{folder}" for folder in ("core", "compiler", "training", "insight", "presets", "resources")),
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "cnnstudio").glob("*.py"))),
]


def _entries(path: Path) -> list[tuple[str, str, ElementTree.Element]]:
    root = ElementTree.parse(path).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _fields(text: str, context: str) -> list:
    if context == "argparse":  # argparse's own %-style templates
        return sorted(re.findall(r"%(?:\([a-z_]+\))?[sr]", text))
    return sorted((name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text) if name)


def test_every_message_has_a_finished_japanese_translation_with_the_same_placeholders():
    entries = _entries(CATALOGUE)
    assert len(entries) > 500
    for context, source, translation in entries:
        assert translation is not None and translation.get("type") is None, (context, source)
        assert translation.text and translation.text.strip(), (context, source)
        assert _fields(translation.text, context) == _fields(source, context), (context, source)


def _lupdate() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_the_catalogue_holds_exactly_what_lupdate_extracts_from_the_code(tmp_path):
    fresh = tmp_path / "messages_ja.ts"
    command = [_lupdate(), "-extensions", "py", *SOURCES, "-ts", str(fresh), "-target-language", "ja"]
    subprocess.run([*command, "-locations", "none"], cwd=ROOT, check=True, capture_output=True)
    extracted = {(context, source) for context, source, _ in _entries(fresh)}
    shipped = {(context, source) for context, source, _ in _entries(CATALOGUE)}
    assert extracted - shipped == set(), "new messages: regenerate messages_ja.ts and translate them"
    assert shipped - extracted == set(), "messages no longer in the code: regenerate with -no-obsolete"


def test_preset_titles_and_descriptions_show_in_japanese():
    try:
        i18n.set_language("ja")
        for name in presets.names():
            spec = presets.registry.get(name)
            assert spec.shown_description() != spec.description, name
            assert ": " not in spec.shown_title() and spec.shown_title(), name
        assert presets.registry.get("vgg16_bn").shown_title() == "VGG-16（Simonyan 2014、構成 D、バッチ正規化付き）"
    finally:
        i18n.set_language("en")
    assert presets.registry.get("vgg16_bn").shown_title() == presets.registry.get("vgg16_bn").title
