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
from .bulk import gc_paused
from .graph import Edge, Graph, GraphError, Node
from .i18n import translate
from .params import shown
from .project_checks import Problem, check_graph, check_id, check_meta, check_name, check_params, check_port, check_pos
from .safe_io import FileProblem, one_line, read_regular, write_text

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


@gc_paused
def dumps(graph: Graph) -> str:
    """Readable and diff-friendly: one line per node and per edge."""
    data = to_dict(graph)

    def one(value) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    def rows(items) -> str:
        return "[\n" + ",\n".join(f"  {one(item)}" for item in items) + "\n ]" if items else "[]"

    head = ",\n".join(f" {one(k)}: {one(data[k])}" for k in ("format", "version", "meta"))
    return "{\n" + head + f',\n "nodes": {rows(data["nodes"])},\n "edges": {rows(data["edges"])}\n}}\n'


def save(graph: Graph, path: str | os.PathLike, registry: Registry = REGISTRY) -> None:
    """Write atomically (safe_io.write_atomic): a crash or a full disk leaves the old file as it was.

    A graph that ``load`` would refuse (a name that is not a dotted path, a ``meta`` field of the wrong
    type) is refused here first, with the same one-line reason.
    """
    try:
        check_graph(graph, registry)
        text = dumps(graph)
    except Problem as exc:
        raise ProjectFileError(path, translate("Files", "cannot be saved: {reason}").format(reason=exc)) from None
    except (TypeError, ValueError) as exc:
        raise ProjectFileError(path, translate("Files", "cannot be saved: {reason}").format(reason=exc)) from None
    try:
        write_text(path, text)
    except FileProblem as exc:
        raise ProjectFileError(path, exc.problem) from None


# reading -------------------------------------------------------------------------------------
def load(path: str | os.PathLike, registry: Registry = REGISTRY) -> Graph:
    """Read a project file, or raise ProjectFileError with a one-line reason.

    Only a regular file of at most MAX_BYTES is read (a FIFO, a device or a folder is refused before it is
    opened); then parse → migrate → resolve aliases → build, in time linear in the file.
    """
    try:
        raw = read_regular(path, MAX_BYTES, what="project file")
    except FileProblem as exc:
        raise ProjectFileError(path, exc.problem) from None
    except ValueError as exc:  # a NUL byte in the path
        raise ProjectFileError(path, translate("Files", "cannot be read: {reason}").format(reason=exc)) from None
    return loads(raw, path, registry)


@gc_paused
def loads(raw: bytes | str, path: str | os.PathLike | None = None, registry: Registry = REGISTRY) -> Graph:
    if len(raw) > MAX_BYTES:
        raise ProjectFileError(
            path,
            translate("Files", "is larger than the {limit} MiB a project file may be").format(limit=MAX_BYTES >> 20),
        )
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ProjectFileError(path, translate("Files", "is not a text file (not UTF-8)")) from None
    if not text.strip():
        raise ProjectFileError(path, translate("Files", "is empty"))
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):  # "Unterminated string starting at" ends with its own "at"
            detail = f"{exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
        else:
            detail = str(exc)
        raise ProjectFileError(
            path,
            translate("Files", "is not valid JSON ({detail}); the file may be truncated or corrupt").format(
                detail=detail
            ),
        ) from None
    except RecursionError:
        raise ProjectFileError(path, translate("Files", "is nested too deeply to be a project file")) from None
    try:
        return from_dict(data, registry)
    except Problem as exc:
        raise ProjectFileError(path, str(exc)) from None


def _reject_constant(name: str):
    raise ValueError(translate("Files", "{name} is not allowed in a project file").format(name=name))


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(translate("Files", "the number {number} is too large").format(number=text[:20]))
    return value


def migrate(data: dict) -> dict:
    """Bring an older file up to VERSION. Version 1 is the first; future versions add steps here."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise Problem(translate("Files", "has no valid 'version' number"))
    if version > VERSION:
        shown_version = version if version < 10**6 else translate("Files", "from the future")
        raise Problem(
            translate(
                "Files", "was written by a newer CNN Studio (file version {version}, this one reads up to {supported})"
            ).format(version=shown_version, supported=VERSION)
        )
    if version < 1:
        raise Problem(translate("Files", "has an unknown file version {version}").format(version=max(version, -1)))
    return data


def from_dict(data: Any, registry: Registry = REGISTRY) -> Graph:
    if not isinstance(data, dict):
        raise Problem(translate("Files", "is not a CNN Studio project (the top level must be an object)"))
    if data.get("format") != FORMAT:
        raise Problem(
            translate("Files", 'is not a CNN Studio project (expected "format": "{format}")').format(format=FORMAT)
        )
    data = migrate(data)
    nodes_data = _field(data, "nodes", list, translate("Files", "top level"))
    edges_data = _field(data, "edges", list, translate("Files", "top level"))
    meta = check_meta(data.get("meta", {}))

    graph = Graph()
    nodes = graph.nodes
    for i, item in enumerate(nodes_data):
        graph.add_node(_node(item, i, registry, nodes))
    for i, item in enumerate(edges_data):
        where = translate("Files", "edge {number}").format(number=i + 1)
        if not isinstance(item, dict):
            raise Problem(translate("Files", "{where} must be an object").format(where=where))
        src, dst = _field(item, "from", str, where), _field(item, "to", str, where)
        port = check_port(item.get("port", "in"), "port", where)
        src_port = check_port(item.get("from_port", "out"), "from_port", where)
        for end in (src, dst):
            if end not in nodes:
                raise Problem(
                    translate("Files", "{where} refers to a missing node {end}").format(where=where, end=shown(end))
                )
        try:
            graph.connect(Edge(src, dst, port, src_port))
        except GraphError as exc:
            raise Problem(f"{where}: {exc}") from None
    graph.meta = meta
    graph.revision = 0
    return graph


def _node(item: Any, index: int, registry: Registry, nodes: dict) -> Node:
    where = translate("Files", "node {number}").format(number=index + 1)
    if not isinstance(item, dict):
        raise Problem(translate("Files", "{where} must be an object").format(where=where))
    node_id = _field(item, "id", str, where)
    check_id(node_id, where)
    if node_id in nodes:
        raise Problem(
            translate("Files", "{where} repeats the id {node_id}").format(where=where, node_id=shown(node_id))
        )
    type_name = _field(item, "type", str, where)
    name = _field(item, "name", str, where)
    check_name(name, translate("Files", "{where} (id {node_id})").format(where=where, node_id=shown(node_id)))
    where = translate("Files", "node {name!r}").format(name=name)
    canonical = registry.canonical(type_name)
    if canonical is None:
        raise Problem(
            translate("Files", "{where} has an unknown block type {type_name}").format(
                where=where, type_name=shown(type_name)
            )
        )
    block = registry.get(canonical)
    params = check_params(item.get("params", {}), block, where)
    full = block.defaults()  # params added in later versions take their defaults
    full.update(params)
    pos = check_pos(item.get("pos", [0, 0]), where)
    trainable = item.get("trainable", True)
    if not isinstance(trainable, bool):
        raise Problem(translate("Files", "{where}: 'trainable' must be true or false").format(where=where))
    return Node(node_id, canonical, name, full, pos, trainable)


def _field(obj: dict, key: str, kind: type, where: str):
    if key not in obj:
        raise Problem(translate("Files", "{where} has no {key!r}").format(where=where, key=key))
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise Problem(
            translate("Files", "{where}: {key!r} must be {kind_name}").format(
                where=where, key=key, kind_name=_kind_name(kind)
            )
        )
    return value


def _kind_name(kind: type) -> str:
    names = {
        str: translate("Files", "a string"),
        list: translate("Files", "a list"),
        dict: translate("Files", "an object"),
    }
    return names.get(kind, kind.__name__)
