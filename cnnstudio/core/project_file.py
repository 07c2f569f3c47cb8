"""Project files (``*.cnn.json``): versioned JSON, atomic saves, and a loader that never half-loads.

Loading is parse → migrate → resolve aliases → build. Every problem becomes one ProjectFileError whose
message names the file and the problem on one line.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from .block import REGISTRY, Registry
from .graph import Edge, Graph, GraphError, Node
from .safe_io import FileProblem, one_line, write_text

FORMAT = "cnnstudio.project"
VERSION = 1
SUFFIX = ".cnn.json"
MAX_BYTES = 64 << 20  # ResNet-152 is ~100 kB; anything this large is not a project


class ProjectFileError(Exception):
    """A project file that cannot be read or written; str() is one line naming the file."""

    def __init__(self, path: str | os.PathLike | None, problem: str):
        self.path = str(path) if path is not None else "<data>"
        self.problem = problem
        super().__init__(one_line(f"{self.path}: {problem}"))


# writing -------------------------------------------------------------------------------------
def to_dict(graph: Graph) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "meta": graph.meta,
        "nodes": [
            {
                "id": n.id,
                "type": n.type,
                "name": n.name,
                "params": n.params,
                "pos": [round(n.pos[0], 2), round(n.pos[1], 2)],
                **({} if n.trainable else {"trainable": False}),
            }
            for n in graph.nodes.values()
        ],
        "edges": [
            {
                "from": e.src,
                "to": e.dst,
                "port": e.dst_port,
                **({} if e.src_port == "out" else {"from_port": e.src_port}),
            }
            for e in graph.edges
        ],
    }


def dumps(graph: Graph) -> str:
    """Readable and diff-friendly: one line per node and per edge."""
    data = to_dict(graph)

    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    def rows(items) -> str:
        return "[\n" + ",\n".join(f"  {one(item)}" for item in items) + "\n ]" if items else "[]"

    head = ",\n".join(f" {one(k)}: {one(data[k])}" for k in ("format", "version", "meta"))
    return "{\n" + head + f',\n "nodes": {rows(data["nodes"])},\n "edges": {rows(data["edges"])}\n}}\n'


def save(graph: Graph, path: str | os.PathLike) -> None:
    """Write atomically (safe_io.write_atomic): a crash or a full disk leaves the old file as it was."""
    try:
        text = dumps(graph)
    except (TypeError, ValueError) as exc:
        raise ProjectFileError(path, f"cannot be saved: {exc}") from None
    try:
        write_text(path, text)
    except FileProblem as exc:
        raise ProjectFileError(path, exc.problem) from None


# reading -------------------------------------------------------------------------------------
def load(path: str | os.PathLike, registry: Registry = REGISTRY) -> Graph:
    """Read a project file, or raise ProjectFileError with a one-line reason."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_BYTES:
                raise ProjectFileError(path, f"is larger than {MAX_BYTES >> 20} MiB: not a project file")
            raw = handle.read()
    except IsADirectoryError:
        raise ProjectFileError(path, "is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL byte in the path
        raise ProjectFileError(path, f"cannot be read: {exc}") from None
    return loads(raw, path, registry)


def loads(raw: bytes | str, path: str | os.PathLike | None = None, registry: Registry = REGISTRY) -> Graph:
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ProjectFileError(path, "is not a text file (not UTF-8)") from None
    if not text.strip():
        raise ProjectFileError(path, "is empty")
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except ValueError as exc:
        detail = (
            f"{exc.msg} at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        )
        raise ProjectFileError(path, f"is not valid JSON ({detail}); the file may be truncated or corrupt") from None
    except RecursionError:
        raise ProjectFileError(path, "is nested too deeply to be a project file") from None
    try:
        return from_dict(data, registry)
    except _Problem as exc:
        raise ProjectFileError(path, str(exc)) from None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed in a project file")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


class _Problem(Exception):
    pass


def migrate(data: dict) -> dict:
    """Bring an older file up to VERSION. Version 1 is the first; future versions add steps here."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Problem("has no valid 'version' number")
    if version > VERSION:
        raise _Problem(f"was written by a newer CNN Studio (file version {version}, this one reads up to {VERSION})")
    if version < 1:
        raise _Problem(f"has an unknown file version {version}")
    return data


def from_dict(data: Any, registry: Registry = REGISTRY) -> Graph:
    if not isinstance(data, dict):
        raise _Problem("is not a CNN Studio project (the top level must be an object)")
    if data.get("format") != FORMAT:
        raise _Problem(f'is not a CNN Studio project (expected "format": "{FORMAT}")')
    data = migrate(data)
    nodes_data = _field(data, "nodes", list, "top level")
    edges_data = _field(data, "edges", list, "top level")
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise _Problem("'meta' must be an object")
    _check_json_values(meta, "'meta'", limit=64)

    graph = Graph()
    for i, item in enumerate(nodes_data):
        graph.add_node(_node(item, i, registry, graph))
    for i, item in enumerate(edges_data):
        where = f"edge {i + 1}"
        if not isinstance(item, dict):
            raise _Problem(f"{where} must be an object")
        src, dst = _field(item, "from", str, where), _field(item, "to", str, where)
        port = item.get("port", "in")
        src_port = item.get("from_port", "out")
        if not isinstance(port, str) or not isinstance(src_port, str):
            raise _Problem(f"{where}: 'port' and 'from_port' must be strings")
        for end in (src, dst):
            if end not in graph.nodes:
                raise _Problem(f"{where} refers to a missing node {end!r}")
        try:
            graph.connect(Edge(src, dst, port, src_port))
        except GraphError as exc:
            raise _Problem(f"{where}: {exc}") from None
    graph.meta = meta
    graph.revision = 0
    return graph


def _node(item: Any, index: int, registry: Registry, graph: Graph) -> Node:
    where = f"node {index + 1}"
    if not isinstance(item, dict):
        raise _Problem(f"{where} must be an object")
    node_id = _field(item, "id", str, where)
    if not node_id:
        raise _Problem(f"{where} has an empty id")
    if node_id in graph.nodes:
        raise _Problem(f"{where} repeats the id {node_id!r}")
    type_name = _field(item, "type", str, where)
    name = _field(item, "name", str, where)
    where = f"node {name!r}"
    canonical = registry.canonical(type_name)
    if canonical is None:
        raise _Problem(f"{where} has an unknown block type {type_name!r}")
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise _Problem(f"{where}: 'params' must be an object")
    _check_json_values(params, where)
    full = registry.get(canonical).defaults()  # params added in later versions take their defaults
    full.update(params)
    pos = item.get("pos", [0, 0])
    if (
        not isinstance(pos, list)
        or len(pos) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and _finite(v) for v in pos)
    ):
        raise _Problem(f"{where}: 'pos' must be two numbers [x, y]")
    trainable = item.get("trainable", True)
    if not isinstance(trainable, bool):
        raise _Problem(f"{where}: 'trainable' must be true or false")
    return Node(node_id, canonical, name, full, (float(pos[0]), float(pos[1])), trainable)


def _field(obj: dict, key: str, kind: type, where: str):
    if key not in obj:
        raise _Problem(f"{where} has no {key!r}")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _Problem(f"{where}: {key!r} must be {_kind_name(kind)}")
    return value


def _kind_name(kind: type) -> str:
    return {str: "a string", list: "a list", dict: "an object"}.get(kind, kind.__name__)


def _finite(v: int | float) -> bool:
    return abs(v) < 1e15 if isinstance(v, int) else math.isfinite(v)  # huge ints overflow float()


def _check_json_values(value: Any, where: str, depth: int = 0, limit: int = 8) -> None:
    if depth > limit:
        raise _Problem(f"{where}: values are nested too deeply")
    if isinstance(value, dict):
        for item in value.values():
            _check_json_values(item, where, depth + 1, limit)
    elif isinstance(value, list):
        for item in value:
            _check_json_values(item, where, depth + 1, limit)
    elif isinstance(value, float) and not math.isfinite(value):
        raise _Problem(f"{where}: numbers must be finite")
