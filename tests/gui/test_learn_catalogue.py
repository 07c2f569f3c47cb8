"""Every label of the Learn dock has a finished Japanese translation, and every page has its Japanese prose."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from cnnstudio.core.i18n import load_catalogue
from cnnstudio.gui.learn import content
from cnnstudio.resources import path

LEARN = Path(__file__).resolve().parents[2] / "cnnstudio" / "gui" / "learn"


def test_every_learn_label_is_translated(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    extracted = tmp_path / "learn_ja.ts"
    subprocess.run(
        [str(lupdate), *sorted(str(p) for p in LEARN.glob("*.py")), "-ts", str(extracted)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sources = {
        (context.findtext("name"), message.findtext("source"))
        for context in ElementTree.parse(extracted).getroot().iter("context")
        for message in context.iter("message")
    }
    assert len(sources) > 30
    catalogue = load_catalogue("ja", path("i18n"))
    missing = sorted(key for key in sources if key not in catalogue)
    assert missing == []


def test_every_page_has_japanese_prose_with_the_same_placeholders():
    import re

    for name in (*content.CONCEPTS, "_own", "_example"):
        english = (path("learn/en") / f"{name}.html").read_text(encoding="utf-8")
        japanese = (path("learn/ja") / f"{name}.html").read_text(encoding="utf-8")
        assert set(re.findall(r"\$\w+", english)) == set(re.findall(r"\$\w+", japanese)), name
        assert ("<!--picture-->" in english) == ("<!--picture-->" in japanese), name
        assert re.search(r"[\u3040-\u30ff]", japanese), name  # kana: written in Japanese, not left in English
