"""The Learn pages' prose: one HTML template per concept and language, ``resources/learn/<lang>/<concept>.html``.

A template is ordinary HTML with ``$name`` placeholders (``string.Template``) that the page fills with its
block's numbers; numbers and formulas are made by code, so they are identical in every language. The
first ``<h2>`` is the page's title. The files ship with the package; a missing one falls back to English.
"""

from __future__ import annotations

import html
import re
from functools import cache
from string import Template

from cnnstudio.core import i18n
from cnnstudio.resources import path

# The pages in the order of the study notes.
CONCEPTS = (
    "convolution",
    "pooling",
    "parameters",
    "transposed",
    "inception",
    "auxiliary",
    "vgg",
    "residual",
    "gap",
    "transfer",
    "invariance",
)

_TITLE = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
_TAG = re.compile(r"<[^>]+>")

STYLE = """
<style>
h2 { font-size: 15pt; margin: 0 0 4px 0; color: #1f2430; }
h3 { font-size: 11pt; margin: 10px 0 2px 0; color: #1f2430; }
p { margin: 4px 0 4px 0; line-height: 135%; }
.f { font-family: 'DejaVu Sans Mono', monospace; color: #1f2430; background: #eef2fa; }
.big { font-family: 'DejaVu Sans Mono', monospace; font-size: 12pt; color: #1f4fb5; font-weight: bold; }
.muted { color: #6b7280; }
.hint { color: #8a5a00; }
td { padding: 2px 10px 2px 0; }
th { padding: 2px 10px 2px 0; text-align: left; color: #4b5563; font-weight: normal; }
.n { text-align: right; font-family: 'DejaVu Sans Mono', monospace; }
</style>
"""


def folder(language: str):
    return path(f"learn/{language}")


@cache
def _source(language: str, name: str) -> str:
    for code in (language, "en"):
        file = folder(code) / f"{name}.html"
        if file.is_file():
            return file.read_text(encoding="utf-8")
    return f"<h2>{html.escape(name)}</h2>"


def template(name: str, language: str | None = None) -> str:
    """The raw template of a concept (or of a shared snippet such as ``_example``) in the language."""
    return _source(language or i18n.language(), name)


def title(concept: str, language: str | None = None) -> str:
    """The page's title: the text of its first <h2>."""
    found = _TITLE.search(template(concept, language))
    return html.unescape(_TAG.sub("", found.group(1))).strip() if found else concept


def render(name: str, values: dict, language: str | None = None) -> str:
    """The template with its placeholders filled; values are inserted as given (callers escape user text)."""
    return Template(template(name, language)).safe_substitute({k: str(v) for k, v in values.items()})


def page_html(body: str) -> str:
    return f"<html><head>{STYLE}</head><body>{body}</body></html>"


def esc(text: object) -> str:
    """A user's text (a block name) made safe inside the HTML."""
    return html.escape(str(text))


def number(value: int) -> str:
    """1,234,567: grouped the same way in both languages."""
    return f"{value:,}"
