"""What a project file may hold, checked at load: a shared file is untrusted input.

The loader refuses (one line, naming the node or key) what no design needs and what could reach generated
code or overflow a consumer: names that are not dotted Python paths, ids and ports with odd characters,
integers beyond any parameter's range, ``meta`` fields of the wrong type. Values that are merely wrong for
their block (a kernel of 300) still load and show as a ``param`` diagnostic with a one-click fix.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .i18n import translate
from .names import name_problem, unsafe_name_problem
from .params import INT_LIMIT, number_text, shown

MAX_NAME = 256  # characters in a node name or id (torchvision's longest module path is under 40)
MAX_PORT = 64
PORT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
MAX_POS = 1e15  # canvas coordinates: beyond this a float loses the 1/100 px a file keeps


class Problem(Exception):
    """One reason a project cannot be loaded; the loader prefixes the file name."""


# meta: known keys and their types; other keys are kept as they are (JSON values, bounded nesting) ----------
PRESET_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")
META_TEXT = {  # key -> longest allowed string
    "description": 100_000,
    "preset": 100,
    "weights": 4096,  # a path, relative to the project
    "imported_from": 4096,
}
META_OBJECTS = ("training",)  # checked in full by training.config when a run starts
META_DEPTH = 64


def check_meta(meta: Any) -> dict:
    """``meta`` itself, once every known key has its type; a Problem naming the key otherwise."""
    if not isinstance(meta, dict):
        raise Problem(translate("Files", "'meta' must be an object, got {kind}").format(kind=_type(meta)))
    for key, limit in META_TEXT.items():
        if key not in meta:
            continue
        value = meta[key]
        if not isinstance(value, str):
            raise Problem(
                translate("Files", "meta.{key} must be a string, got {kind}").format(key=key, kind=_type(value))
            )
        if len(value) > limit:
            raise Problem(
                translate(
                    "Files", "meta.{key} is {length:,} characters long, more than the {limit:,} it may be"
                ).format(key=key, length=len(value), limit=limit)
            )
        if key != "description" and not value.isprintable():
            raise Problem(
                translate("Files", "meta.{key} must be one line of printable text, got {value}").format(
                    key=key, value=shown(value)
                )
            )
    preset = meta.get("preset")
    if preset and not PRESET_RE.match(preset):
        raise Problem(
            translate("Files", "meta.preset must be a preset name like 'resnet18', got {preset}").format(
                preset=shown(preset)
            )
        )
    for key in META_OBJECTS:
        if meta.get(key) is not None and not isinstance(meta[key], dict):
            raise Problem(
                translate("Files", "meta.{key} must be an object, got {kind}").format(key=key, kind=_type(meta[key]))
            )
    for key, value in meta.items():
        check_json(value, f"meta.{key}", limit=META_DEPTH)
    return meta


def _type(value: Any) -> str:
    names = {
        bool: translate("Files", "true/false"),
        int: translate("Files", "a number"),
        float: translate("Files", "a number"),
        str: translate("Files", "a string"),
        list: translate("Files", "a list"),
        dict: translate("Files", "an object"),
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


# nodes and edges ----------------------------------------------------------------------------------
def check_name(name: str, where: str) -> None:
    """A node name reaches generated code as a module path: only dotted identifiers (and digits) pass."""
    if len(name) > MAX_NAME:
        raise Problem(
            translate(
                "Files", "{where}: the name is {length:,} characters long, more than the {limit} it may be"
            ).format(where=where, length=len(name), limit=MAX_NAME)
        )
    if name_problem(name) is None:  # memoised, and warmed here for the inference that follows a load
        return
    problem = unsafe_name_problem(name)
    if problem:
        raise Problem(f"{where}: {problem}")


def check_id(node_id: str, where: str) -> None:
    if not node_id:
        raise Problem(translate("Files", "{where} has an empty id").format(where=where))
    if len(node_id) > MAX_NAME or not node_id.isprintable():
        raise Problem(
            translate("Files", "{where}: the id {node_id} must be printable and at most {limit} characters").format(
                where=where, node_id=shown(node_id), limit=MAX_NAME
            )
        )


def check_port(port: Any, key: str, where: str) -> str:
    if not isinstance(port, str) or len(port) > MAX_PORT or not PORT_RE.match(port):
        raise Problem(
            translate("Files", "{where}: {key!r} must be a port name like 'in' or 'in1', got {port}").format(
                where=where, key=key, port=shown(port)
            )
        )
    return port


def check_pos(pos: Any, where: str) -> tuple[float, float]:
    if type(pos) is list and len(pos) == 2:
        x, y = pos
        # compared as given (a huge int would overflow float()); NaN fails the comparison
        if type(x) in (int, float) and type(y) in (int, float) and -MAX_POS < x < MAX_POS and -MAX_POS < y < MAX_POS:
            return float(x), float(y)
    raise Problem(
        translate("Files", "{where}: 'pos' must be two numbers [x, y] within ±{limit:.0e}").format(
            where=where, limit=MAX_POS
        )
    )


def check_params(params: Any, block, where: str) -> dict:
    """JSON values of bounded nesting, and no integer beyond INT_LIMIT (with the param's own range when known).

    Whether a value suits its block (type, range, unknown keys) is left to inference, which reports it as a
    ``param`` diagnostic with a fix; an integer no parameter can take is refused here, so nothing
    downstream (spin boxes, torch's C++ arguments, float()) ever sees one.
    """
    if not isinstance(params, dict):
        raise Problem(translate("Files", "{where}: 'params' must be an object").format(where=where))
    for key, value in params.items():
        if type(key) is not str:
            raise Problem(
                translate("Files", "{where}: parameter names must be strings, got {key}").format(
                    where=where, key=shown(key)
                )
            )
        kind = type(value)
        if kind is int:
            if -INT_LIMIT <= value <= INT_LIMIT:
                continue
            huge = value
        elif kind is str or kind is bool or value is None:
            continue
        else:
            check_json(value, f"{where}: params.{_label(key)}")
            huge = _huge_int(value)
            if huge is None:
                continue
        spec = next((p for p in block.params if p.name == key), None)
        reason = spec.check(value) if spec is not None else None  # the param's range or choices
        if reason is None:
            reason = translate(
                "Files", "{key} = {value} is outside the range [−{limit}, {limit}] any parameter may take"
            ).format(key=_label(key), value=number_text(huge), limit=INT_LIMIT)
        raise Problem(f"{where}: {reason}")
    return params


def _label(key: str) -> str:
    """A key as a message shows it: as it is when short and printable, else quoted and cut short."""
    return key if len(key) <= 40 and key.isprintable() else shown(key)


def _huge_int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if not -INT_LIMIT <= value <= INT_LIMIT else None
    if isinstance(value, list):
        for item in value:
            found = _huge_int(item)
            if found is not None:
                return found
    if isinstance(value, dict):
        for item in value.values():
            found = _huge_int(item)
            if found is not None:
                return found
    return None


def check_json(value: Any, where: str, depth: int = 0, limit: int = 8) -> None:
    """Plain JSON values (what json.loads makes), finite, nested at most ``limit`` deep."""
    if depth > limit:
        raise Problem(translate("Files", "{where}: values are nested too deeply").format(where=where))
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise Problem(translate("Files", "{where}: object keys must be strings").format(where=where))
            check_json(item, where, depth + 1, limit)
    elif isinstance(value, list):
        for item in value:
            check_json(item, where, depth + 1, limit)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Problem(translate("Files", "{where}: numbers must be finite").format(where=where))
    elif value is not None and not isinstance(value, (str, int, bool)):
        raise Problem(
            translate("Files", "{where}: {name} is not a JSON value").format(where=where, name=type(value).__name__)
        )


def check_graph(graph, registry) -> None:
    """What ``load`` would refuse in this graph, checked before saving: we never write a file we cannot read."""
    check_meta(graph.meta)
    for i, node in enumerate(graph.nodes.values()):
        where = translate("Files", "node {number}").format(number=i + 1)
        check_id(node.id, where)
        check_name(node.name, translate("Files", "{where} (id {id})").format(where=where, id=shown(node.id)))
        check_params(
            node.params,
            registry.find(node.type) or _NoBlock,
            translate("Files", "node {name!r}").format(name=node.name),
        )
        check_pos(list(node.pos), translate("Files", "node {name!r}").format(name=node.name))
    for i, edge in enumerate(graph.edges):
        check_port(edge.dst_port, "port", translate("Files", "edge {number}").format(number=i + 1))
        check_port(edge.src_port, "from_port", translate("Files", "edge {number}").format(number=i + 1))


class _NoBlock:
    params = ()
