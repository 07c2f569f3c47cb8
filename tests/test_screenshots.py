"""The README's screenshots are the ones ``make screenshots`` writes, at the size it writes them, and it still can."""

from __future__ import annotations

import importlib.util
import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _screenshots_module():
    spec = importlib.util.spec_from_file_location("docs_screenshots", DOCS / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # Qt is imported only when it renders
    return module


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def readme_images() -> list[str]:
    return re.findall(r"\]\(docs/([^)\s]+\.png)\)", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_every_readme_image_is_made_by_make_screenshots_at_its_size():
    shots = _screenshots_module().SHOTS
    images = readme_images()
    assert len(images) >= 6
    for name in images:
        assert name in shots, f"docs/{name}: the README shows it but docs/screenshots.py does not make it"
        (size, _make) = shots[name]
        assert png_size(DOCS / name) == size, f"docs/{name} is not what `make screenshots` renders: run it"


def test_the_editor_size_is_the_renderers():
    from cnnstudio.gui.app import SCREENSHOT_SIZE

    assert _screenshots_module().EDITOR == SCREENSHOT_SIZE


def test_make_screenshots_renders_the_editor_as_the_readme_shows_it(tmp_path, qapp):
    """One editor shot rendered now, into a scratch folder: same size as the committed one, and a real picture."""
    module = _screenshots_module()
    module.HERE = tmp_path
    assert module.main(["editor-lenet5.png"]) == 0
    fresh = tmp_path / "editor-lenet5.png"
    assert png_size(fresh) == png_size(DOCS / "editor-lenet5.png") == module.EDITOR
    assert fresh.stat().st_size > 20_000  # a window with a canvas, not an empty frame
    assert module.main(["nope.png"]) == 2


def test_the_detection_shots_are_listed_at_the_sizes_their_demo_renders():
    from cnnstudio.gui.insight.detection_demo import SIZES

    shots = _screenshots_module().SHOTS
    assert {name: shots[name][0] for name in SIZES} == SIZES
    assert {"training-detection.png", "insight-detection.png", "insight-video.png"} <= set(readme_images())
