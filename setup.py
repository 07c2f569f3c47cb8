"""The packages of the wheel (everything else is in pyproject.toml).

The preset projects and the bundled resources live at the top of the repository (``presets/``,
``resources/``), where a user finds them beside ``cnnstudio/``. The wheel carries them inside the package
as ``cnnstudio/_presets`` and ``cnnstudio/_resources``; ``cnnstudio.resources`` finds either place.
pyproject.toml cannot say this: its package discovery does not take packages mapped to other folders.
"""

from setuptools import find_namespace_packages, setup

SHIPPED = {"cnnstudio._presets": "presets", "cnnstudio._resources": "resources"}

setup(
    packages=find_namespace_packages(include=["cnnstudio", "cnnstudio.*"]) + list(SHIPPED),
    package_dir=SHIPPED,
    package_data={"cnnstudio._presets": ["*.cnn.json"], "cnnstudio._resources": ["**/*"]},
)
