"""Every Learn page has its Japanese prose, with the same placeholders as the English (its labels are checked
with the rest of the GUI's in tests/test_translations.py)."""

from __future__ import annotations

import re

from cnnstudio.gui.learn import content
from cnnstudio.resources import path


def test_every_page_has_japanese_prose_with_the_same_placeholders():
    for name in (*content.CONCEPTS, "_own", "_example"):
        english = (path("learn/en") / f"{name}.html").read_text(encoding="utf-8")
        japanese = (path("learn/ja") / f"{name}.html").read_text(encoding="utf-8")
        assert set(re.findall(r"\$\w+", english)) == set(re.findall(r"\$\w+", japanese)), name
        assert ("<!--picture-->" in english) == ("<!--picture-->" in japanese), name
        assert re.search(r"[\u3040-\u30ff]", japanese), name  # kana: written in Japanese, not left in English
