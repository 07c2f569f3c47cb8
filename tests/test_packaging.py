"""The top-level presets/ and resources/ (DESIGN §2) are found from a checkout and travel inside the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import cnnstudio
from cnnstudio import presets, resources

ROOT = Path(__file__).resolve().parent.parent


def _shipped(folder: str) -> list[str]:
    return sorted(str(p.relative_to(ROOT / folder)) for p in (ROOT / folder).rglob("*") if p.is_file())


def test_a_checkout_reads_the_top_level_folders():
    assert presets.registry.FILES == ROOT / "presets"
    assert resources.RESOURCES == ROOT / "resources"
    assert {f"{name}.cnn.json" for name in presets.names()} == set(_shipped("presets"))
    assert presets.path("lenet5") == ROOT / "presets" / "lenet5.cnn.json"
    assert resources.path("data/digits.csv.gz").is_file()
    assert not (ROOT / "cnnstudio" / "presets" / "files").exists()


def test_the_wheel_carries_the_presets_and_resources_and_finds_them(tmp_path):
    """Build a wheel from a copy of the tree (a build writes build/ beside its source), install it into a
    folder and load a preset and the digits from there, away from the checkout."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("cnnstudio", "presets", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", str(source), "--no-deps", "--no-build-isolation", "-w", str(tmp_path)], check=True)
    (wheel,) = tmp_path.glob("cnnstudio-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"cnnstudio/_presets/{f}" for f in _shipped("presets")} <= names
    assert {f"cnnstudio/_resources/{f}" for f in _shipped("resources")} <= names

    target = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    probe = (
        "import cnnstudio, cnnstudio.presets as p, cnnstudio.resources as r\n"
        "print(cnnstudio.__file__); print(p.path('lenet5')); print(r.path('data/digits.csv.gz'))\n"
        "print(len(cnnstudio.load(p.path('lenet5')).nodes))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target)}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    package, lenet, digits, count = done.stdout.split()
    installed = target / "cnnstudio"
    assert Path(package) == installed / "__init__.py"
    assert Path(lenet) == installed / "_presets" / "lenet5.cnn.json"
    assert Path(digits) == installed / "_resources" / "data" / "digits.csv.gz"
    assert int(count) == len(cnnstudio.load(presets.path("lenet5")).nodes)
