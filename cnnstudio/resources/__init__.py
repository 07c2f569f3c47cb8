"""Where the files shipped beside the code live: the repository's top-level ``presets/`` and ``resources/``.

In a checkout (and an editable install) they sit beside the ``cnnstudio`` package, where a user finds them;
a wheel carries them inside the package as ``cnnstudio/_presets`` and ``cnnstudio/_resources`` (setup.py
maps them there). Nothing here is code: JSON projects, the bundled sample data, icons and styles.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped(folder: str) -> Path:
    """``presets`` or ``resources``: the installed copy inside the package, else the checkout's folder."""
    inside = _PACKAGE / f"_{folder}"
    return inside if inside.is_dir() else _PACKAGE.parent / folder


PRESETS = shipped("presets")
RESOURCES = shipped("resources")


def path(relative: str) -> Path:
    """A bundled resource by its path under ``resources/``: ``path("data/digits.csv.gz")``."""
    return RESOURCES / relative
