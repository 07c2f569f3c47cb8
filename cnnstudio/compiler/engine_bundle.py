"""The training engine's own source, assembled into one standalone module for the exported ``train.py``.

``train.py`` does not re-implement training: it carries the files of ``cnnstudio.training`` that a run
goes through (data order, fitting and normalisation, augmentation, losses, optimiser and schedule, the loop,
validation, checkpoints, torchrun; box data, the detection loss and mAP for a detector), word for word, read here as text. They are read, never imported: the
compiler sits below the training layer. Their imports of each other are dropped (the names are then all
defined in the one module), the other imports are merged at the top, docstrings of the files become comments.

The bundle is checked as it is made: a file that imports from cnnstudio something the bundle does not
define, or two files that define the same public top-level name, raise BundleError (a private helper of the
same name as another file's is renamed after its file: ``_sidecar_is_number``) (a test exports every preset's
script, so a change to the engine that breaks the bundle fails there, not on a user's machine).
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from importlib import resources
from pathlib import Path

# The files, in the order they depend on each other; "path:Name" takes one top-level definition.
ENGINE_FILES = (
    # the engine's messages go through translate(); train.py carries no catalogue, so it speaks English
    "core/i18n.py:_state",
    "core/i18n.py:QT_TRANSLATE_NOOP",
    "core/i18n.py:translate",
    "core/safe_io.py",
    "insight/pixels.py",
    "training/errors.py",
    "training/config.py",
    "training/stop.py",
    "training/events.py",
    "compiler/fx_compile.py:Head",
    "training/metrics.py",
    "training/data/base.py",
    "training/data/fit.py",
    "training/data/augment.py",
    "training/data/feeder.py",
    "training/data/shapes.py",
    "training/data/folder.py",
    # box data (detectors): the same images, boxes, split and box-moving augmentation as cnnstudio train
    "training/data/boxes/boxset.py",
    "training/data/boxes/augment.py",
    "training/data/boxes/shapes_boxes.py",
    "training/data/boxes/reading.py",
    "training/data/boxes/coco.py",
    "training/data/boxes/voc.py",
    "training/data/boxes/yolo.py",
    "training/data/boxes/load.py",
    "training/losses.py",
    "training/optim.py",
    "training/detection_metrics.py",
    "training/detection/loss.py",
    "training/detection/decode.py",
    "training/detection/feeder.py",
    "training/detection/prior.py",
    "training/detection/objective.py",
    "training/evaluate.py",
    "training/sidecar.py",
    "training/checkpoint.py",
    "training/context.py",
    "training/divergence.py",
    "training/reporting.py",
    "training/resume.py",
    "training/engine.py",
    "training/distributed.py",
    "training/assembly.py",
)


class BundleError(RuntimeError):
    """The engine's files cannot be bundled as they are (an internal error: the engine broke the rules)."""


def _read(path: str) -> str:
    return resources.files("cnnstudio").joinpath(path).read_text(encoding="utf-8")


def _internal(node: ast.ImportFrom | ast.Import) -> bool:
    """An import of the engine's own modules (relative, or of cnnstudio)."""
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "cnnstudio"
    return any(alias.name.split(".")[0] == "cnnstudio" for alias in node.names)


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _defined(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return [t.id for t in targets if isinstance(t, ast.Name)]


class _Part:
    """One file (or one definition of a file) with its own imports of each other removed."""

    def __init__(self, entry: str):
        path, _, name = entry.partition(":")
        self.path = path
        text = _read(path)
        tree = ast.parse(text)
        lines = text.splitlines()
        self.external: list[ast.Import | ast.ImportFrom] = []
        self.internal: list[tuple[str, ast.ImportFrom | ast.Import]] = []  # (where, import)
        self.names: list[str] = []
        drop: set[int] = set()  # 0-based line numbers left out

        def cut(node: ast.AST) -> None:
            drop.update(range(node.lineno - 1, node.end_lineno))

        body = tree.body
        self.doc = ast.get_docstring(tree) if not name else None
        if name:
            found = [n for n in body if name in _defined(n)]
            if len(found) != 1:
                raise BundleError(f"{path} defines no single top-level {name!r}")
            keep = found[0]
            start = keep.lineno - 1 - len(getattr(keep, "decorator_list", []))
            segment = lines[start : keep.end_lineno]
            self.external = [n for n in body if isinstance(n, (ast.Import, ast.ImportFrom)) and not _internal(n)]
            self.names = _defined(keep)
            self.text = "\n".join(segment)
            self.optional_imports = True  # only the imports its text uses are kept
            return
        self.optional_imports = False
        for node in body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node is body[0]:
                cut(node)  # the docstring: a comment instead
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                cut(node)
                if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                    continue
                if _internal(node):
                    self.internal.append((path, node))
                else:
                    self.external.append(node)
            elif _is_type_checking(node):
                cut(node)  # annotations only (the bundle has ``from __future__ import annotations``)
            elif _defined(node) == ["__all__"]:
                cut(node)
            else:
                self.names += _defined(node)
        for node in ast.walk(tree):  # imports inside functions: the engine's own ones go too
            if isinstance(node, (ast.Import, ast.ImportFrom)) and node.col_offset > 0 and _internal(node):
                cut(node)
                self.internal.append((path, node))
        for parent in ast.walk(tree):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(parent, field, None)
                if isinstance(block, list) and block and parent is not tree and parent.lineno - 1 not in drop:
                    if all(s.lineno - 1 in drop for s in block):
                        raise BundleError(f"{path}:{block[0].lineno}: a block of nothing but the engine's imports")
        kept = [line for i, line in enumerate(lines) if i not in drop]
        self.text = re.sub(r"\n{3,}", "\n\n\n", "\n".join(kept)).strip("\n")

    def rename(self, old: str, new: str) -> None:
        self.text = _rename(self.text, old, new)
        self.names = [new if name == old else name for name in self.names]


def _rename(text: str, old: str, new: str) -> str:
    """``text`` with the identifier ``old`` (not attributes ``x.old``) spelled ``new``."""
    lines = text.splitlines(keepends=True)
    hits, previous = [], None
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.NAME and token.string == old and previous != ".":
            hits.append(token.start)
        previous = token.string if token.type == tokenize.OP else None
    for row, col in reversed(hits):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[col + len(old) :]
    return "".join(lines)


def _import_lines(imports: list[ast.Import | ast.ImportFrom], used: str) -> list[str]:
    """The merged imports (only those ``used`` names), sorted as isort/ruff sorts them."""
    plain: set[tuple[str, str | None]] = set()
    froms: dict[str, set[tuple[str, str | None]]] = {}
    bound_by: dict[
        str, str
    ] = {}  # the first import of a name wins (``import torch.fx as fx``, ``from torch import fx``)
    for node in imports:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            origin = ast.unparse(
                ast.Import([alias]) if isinstance(node, ast.Import) else ast.ImportFrom(node.module, [alias], 0)
            )
            if bound_by.setdefault(bound, origin) != origin:
                continue
            if not re.search(rf"(?<![\w.]){re.escape(bound)}\b", used):
                continue
            if isinstance(node, ast.Import):
                plain.add((alias.name, alias.asname))
            else:
                froms.setdefault(node.module, set()).add((alias.name, alias.asname))

    def section(module: str) -> int:
        return 0 if module.split(".")[0] in sys.stdlib_module_names else 1

    def alias_text(name: str, asname: str | None) -> str:
        return f"{name} as {asname}" if asname else name

    def name_key(item: tuple[str, str | None]) -> tuple:
        name = item[0]
        kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
        return (kind, name.lower(), item[1] or "")

    out: list[str] = []
    for group in (0, 1):
        rows = []
        for name, asname in plain:
            if section(name) == group:
                rows.append((name.lower(), 0, f"import {alias_text(name, asname)}"))
        for module, names in froms.items():
            if section(module) == group:
                listed = ", ".join(alias_text(*a) for a in sorted(names, key=name_key))
                rows.append((module.lower(), 1, f"from {module} import {listed}"))
        block = [text for _, _, text in sorted(rows, key=lambda r: (r[1], r[0]))]
        if block:
            out += [*block, ""]
    return out[:-1]


def _used(imports: list[ast.Import | ast.ImportFrom], text: str) -> list[ast.Import | ast.ImportFrom]:
    """The imports that bind a name ``text`` uses (a definition taken alone from its file needs only those)."""
    return [
        node
        for node in imports
        if any(re.search(rf"(?<![\w.]){re.escape(a.asname or a.name.split('.')[0])}\b", text) for a in node.names)
    ]


def _comment(path: str, doc: str | None) -> str:
    header = f"# --- cnnstudio/{path} " + "-" * max(3, 100 - len(path))
    if not doc:
        return header
    return "\n".join([header, *(f"# {line}".rstrip() for line in doc.splitlines())])


def bundle(own_imports: str, own_code: str) -> tuple[str, str]:
    """(the merged imports, the engine's definitions) of a standalone module whose own code is ``own_code``
    (using ``own_imports``); BundleError when the engine cannot be bundled."""
    parts = [_Part(entry) for entry in ENGINE_FILES]
    owners: dict[str, str] = {}
    for part in parts:
        for name in list(part.names):
            if name in owners and owners[name] != part.path:
                if not name.startswith("_"):
                    raise BundleError(f"{name!r} is defined in both {owners[name]} and {part.path}")
                part.rename(name, f"_{Path(part.path).stem}{name}")  # a private helper: its file's own
                name = f"_{Path(part.path).stem}{name}"
            owners[name] = part.path
    for part in parts:
        for where, node in part.internal:
            missing = [a.asname or a.name for a in node.names if (a.asname or a.name) not in owners]
            if isinstance(node, ast.Import) or missing:
                what = ", ".join(missing) or ast.unparse(node)
                raise BundleError(f"{where}:{node.lineno} imports {what}, which train.py does not carry")
    body = "\n\n\n".join(
        part.text if part.optional_imports else _comment(part.path, part.doc) + "\n\n\n" + part.text for part in parts
    )
    imports = [node for part in parts for node in part.external if not part.optional_imports]
    imports += [node for part in parts if part.optional_imports for node in _used(part.external, part.text)]
    imports += [n for n in ast.parse(own_imports).body if isinstance(n, (ast.Import, ast.ImportFrom))]
    return "\n".join(_import_lines(imports, body + "\n" + own_code)), body
