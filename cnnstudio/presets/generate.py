"""Rewrite the shipped preset files (the top-level ``presets/``) from the builders: ``python -m cnnstudio.presets.generate``."""

from __future__ import annotations

import cnnstudio.blocks  # noqa: F401  (registers blocks)
from cnnstudio.core.project_file import save

from .registry import FILES, build, names


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for name in names():
        save(build(name), FILES / f"{name}.cnn.json")
        print(f"wrote {FILES / name}.cnn.json")


if __name__ == "__main__":
    main()
