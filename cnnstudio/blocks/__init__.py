"""The block catalog. Importing this package registers every block type in ``cnnstudio.core.REGISTRY``.

Every module here but the helpers is a block file and is imported (registered) in name order, so adding a
block is adding one file.
"""

import importlib
import pkgutil

_HELPERS = {
    "code",
    "importing",
    "modules",
    "mobile_modules",
    "norm_modules",
    "timm_modules",
}  # these import torch: only build() and the exporter load it

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
    if _info.name not in _HELPERS and not _info.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_info.name}")
