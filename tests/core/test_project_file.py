"""Project files: exact round trips, atomic saves, and a loader that never raises anything but ProjectFileError."""

from __future__ import annotations

import json
import os
import stat

import pytest
from core_graphs import branching
from hostile import HOSTILE_NAMES, HUGE_INTS, WRONG_META
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cnnstudio.presets
from cnnstudio.core import project_file, safe_io
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.edits import Connect, Disconnect
from cnnstudio.core.graph import Edge, Graph
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.project_file import ProjectFileError, dumps, load, loads, save
from cnnstudio.report import format_table, summary


def _every_block() -> Graph:
    """One node of every block type (not all wired sensibly: files must hold broken graphs too)."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    for i, block in enumerate(sorted(REGISTRY, key=lambda blk: blk.type)):
        if block.is_input:
            continue
        ports = block.input_ports(block.defaults())
        b.add(block.type, f"b{i}", *([x] * len(ports)), trainable=i % 3 != 0)
    graph = b.build()
    graph.meta = {"description": "every block", "train": {"lr": 0.01, "epochs": 3, "tags": ["a", "b"]}}
    return graph


def _state(graph: Graph):
    return graph.snapshot(), dumps(graph), graph.meta


GRAPHS = {"lenet5": lambda: cnnstudio.presets.build("lenet5"), "every_block": _every_block, "branching": branching}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_round_trip_is_exact(name, tmp_path):
    graph = GRAPHS[name]()
    path = tmp_path / f"{name}.cnn.json"
    save(graph, path)
    loaded = load(path)
    assert _state(loaded) == _state(graph)
    assert path.read_text(encoding="utf-8") == dumps(graph)
    assert loaded.revision == 0


def test_round_trip_keeps_source_ports_and_odd_positions():
    graph = branching()
    first = graph.edges[0]
    Disconnect(first).apply(graph)
    Connect(Edge(first.src, first.dst, first.dst_port, "aux")).apply(graph)
    node = next(iter(graph.nodes.values()))
    graph.set_pos(node.id, (1 / 3, -2e6 / 7))
    assert _state(loads(dumps(graph))) == _state(graph)


def test_file_is_readable_one_line_per_node():
    text = dumps(cnnstudio.presets.build("lenet5"))
    data = json.loads(text)
    assert data["format"] == "cnnstudio.project" and data["version"] == project_file.VERSION
    assert len(text.splitlines()) == len(data["nodes"]) + len(data["edges"]) + 9


def test_aliases_resolve_to_canonical_types():
    data = json.loads(dumps(cnnstudio.presets.build("lenet5")))
    data["nodes"][8]["type"] = "dense"
    data["nodes"].append({"id": "g", "type": "gap", "name": "gap", "params": {}})
    graph = loads(json.dumps(data))
    assert graph.nodes[data["nodes"][8]["id"]].type == "linear"
    assert graph.nodes["g"].type == "global_avgpool"


def test_missing_params_take_their_defaults():
    """An older file that lacks params added later loads with the defaults (migration)."""
    data = json.loads(dumps(cnnstudio.presets.build("lenet5")))
    conv = data["nodes"][1]
    assert conv["type"] == "conv2d"
    conv["params"] = {"out_channels": 6, "kernel_size": 5, "padding": 2}
    del data["nodes"][2]["params"]
    graph = loads(json.dumps(data))
    params = graph.nodes[conv["id"]].params
    assert params == {**REGISTRY.get("conv2d").defaults(), "out_channels": 6, "kernel_size": 5, "padding": 2}
    assert infer_shapes(graph).ok


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty"),
        ("   \n", "is empty"),
        ("{", "is not valid JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
        ('{"format": "cnnstu', "is not valid JSON (Unterminated string starting at line 1 column 12)"),
        ("[1, 2]", "is not a CNN Studio project (the top level must be an object)"),
        ('{"format": "other"}', 'is not a CNN Studio project (expected "format": "cnnstudio.project")'),
        ('{"format": "cnnstudio.project"}', "has no valid 'version' number"),
        ('{"format": "cnnstudio.project", "version": 99}', "was written by a newer CNN Studio (file version 99"),
        ('{"format": "cnnstudio.project", "version": 0}', "has an unknown file version 0"),
        ('{"format": "cnnstudio.project", "version": 1, "nodes": []}', "top level has no 'edges'"),
        ('{"format": "cnnstudio.project", "version": 1, "nodes": [], "edges": [], "meta": {"x": NaN}}', "NaN"),
        ('{"format": "cnnstudio.project", "version": 1, "nodes": [], "edges": [], "meta": {"x": 1e999}}', "too large"),
        (
            '{"format": "cnnstudio.project", "version": 1, "nodes": [{"id": "a", "type": "warp", "name": "w"}], "edges": []}',
            "node 'w' has an unknown block type 'warp'",
        ),
        (
            '{"format": "cnnstudio.project", "version": 1, "nodes": [], "edges": [{"from": "a", "to": "b"}]}',
            "edge 1 refers to a missing node 'a'",
        ),
    ],
)
def test_bad_files_say_what_is_wrong(text, problem):
    with pytest.raises(ProjectFileError) as info:
        loads(text, "f.cnn.json")
    message = str(info.value)
    assert message.startswith("f.cnn.json: ")
    assert problem in message
    assert "\n" not in message


def test_load_problems_name_the_file(tmp_path):
    with pytest.raises(ProjectFileError, match=r"missing\.cnn\.json: no such file"):
        load(tmp_path / "missing.cnn.json")
    with pytest.raises(ProjectFileError, match="is a folder"):
        load(tmp_path)
    (tmp_path / "bin.cnn.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ProjectFileError, match="not UTF-8"):
        load(tmp_path / "bin.cnn.json")
    weird = tmp_path / "new\nline.cnn.json"
    with pytest.raises(ProjectFileError) as info:
        load(weird)
    assert "\n" not in str(info.value) and "new\\nline" in str(info.value)


# atomic saves ------------------------------------------------------------------------------------
def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "model.cnn.json")


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_failed_save_leaves_the_old_file_and_no_temp(failing, tmp_path, monkeypatch):
    path = tmp_path / "model.cnn.json"
    save(branching(), path)
    old = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_open = open

        class Broken:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, text):
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(safe_io, "open", lambda *a, **k: Broken(real_open(*a, **k)), raising=False)
    else:
        monkeypatch.setattr(project_file.os, failing, boom)
    with pytest.raises(ProjectFileError, match="model.cnn.json: cannot be written: No space left on device"):
        save(cnnstudio.presets.build("lenet5"), path)
    assert path.read_bytes() == old
    assert _leftovers(tmp_path) == []


def test_interrupted_save_cleans_up_and_reraises(tmp_path, monkeypatch):
    path = tmp_path / "model.cnn.json"
    save(branching(), path)
    old = path.read_bytes()

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(project_file.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save(cnnstudio.presets.build("lenet5"), path)
    assert path.read_bytes() == old and _leftovers(tmp_path) == []


def test_unsaveable_graph_is_refused_before_touching_the_file(tmp_path):
    path = tmp_path / "model.cnn.json"
    save(branching(), path)
    old = path.read_bytes()
    graph = branching()
    graph.meta = {"bad": float("nan")}
    with pytest.raises(ProjectFileError, match="cannot be saved"):
        save(graph, path)
    graph.meta = {"bad": object()}
    with pytest.raises(ProjectFileError, match="cannot be saved"):
        save(graph, path)
    assert path.read_bytes() == old and _leftovers(tmp_path) == []


def test_save_keeps_the_file_mode_and_symlinks(tmp_path):
    path = tmp_path / "model.cnn.json"
    save(branching(), path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    save(branching(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    link = tmp_path / "link.cnn.json"
    link.symlink_to(path)
    save(cnnstudio.presets.build("lenet5"), link)
    assert link.is_symlink()
    assert load(path).meta["preset"] == "lenet5"


def test_save_into_a_missing_folder_is_one_error(tmp_path):
    with pytest.raises(ProjectFileError, match="cannot be written"):
        save(branching(), tmp_path / "nope" / "model.cnn.json")
    with pytest.raises(ProjectFileError, match="is a folder"):
        save(branching(), tmp_path)


# the loader fuzz ---------------------------------------------------------------------------------
VALID = dumps(_every_block())
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(alphabet="ab.-_ 0é\n", max_size=6),
        st.sampled_from(["same", "valid", "in0", "n1", "conv2d", "dense", "input"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(alphabet="abfromtoidport", max_size=5), inner, max_size=4)
    ),
    max_leaves=8,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*prefix, i))


@st.composite
def mutated(draw) -> str:
    """The valid file with a few values replaced, deleted or duplicated."""
    data = json.loads(VALID)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(["replace", "replace", "delete", "duplicate"]))
        if how == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif how == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(parent[path[-1]])
    return json.dumps(data)


@st.composite
def params_mutated(draw) -> str:
    """The valid file with params of some nodes set to anything: the graph loads, inference must cope."""
    data = json.loads(VALID)
    for _ in range(draw(st.integers(1, 4))):
        node = draw(st.sampled_from(data["nodes"]))
        block = REGISTRY.get(node["type"])
        keys = [spec.name for spec in block.params] + ["extra"]
        node["params"][draw(st.sampled_from(keys))] = draw(JSON_VALUES)
    return json.dumps(data)


@st.composite
def hostile_mutated(draw) -> str:
    """The valid file with hostile names, integers no param takes, or meta fields of the wrong type."""
    data = json.loads(VALID)
    for _ in range(draw(st.integers(1, 3))):
        node = draw(st.sampled_from(data["nodes"]))
        how = draw(st.sampled_from(["name", "int", "meta"]))
        if how == "name":
            node["name"] = draw(st.sampled_from(HOSTILE_NAMES) | st.text(max_size=12))
        elif how == "int":
            keys = [spec.name for spec in REGISTRY.get(node["type"]).params if spec.kind in ("int", "size", "padding")]
            big = draw(st.sampled_from(HUGE_INTS) | st.integers(-(10**30), 10**30))
            node["params"][draw(st.sampled_from([*keys, "extra"]))] = draw(st.sampled_from([big, [big, 1], [1, big]]))
        else:
            key = draw(st.sampled_from(sorted(WRONG_META)))
            data["meta"][key] = draw(st.sampled_from(WRONG_META[key]) | JSON_VALUES)
    return json.dumps(data)


FUZZ = st.one_of(
    hostile_mutated(),
    params_mutated(),
    params_mutated(),
    st.binary(max_size=200).map(lambda b: b),
    st.integers(0, len(VALID)).map(lambda n: VALID[:n]),
    mutated(),
    JSON_VALUES.map(json.dumps),
    st.integers(-3, 5).map(lambda v: VALID.replace('"version": 1', f'"version": {v}')),
    st.sampled_from(["cnnstudio.project ", "CNNStudio", "", None]).map(
        lambda f: VALID.replace('"format": "cnnstudio.project"', f'"format": {json.dumps(f)}')
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=FUZZ)
def test_loader_fuzz_gives_a_graph_or_one_line_error(raw):
    try:
        graph = loads(raw, "fuzz.cnn.json")
    except ProjectFileError as exc:
        message = str(exc)
        assert message.startswith("fuzz.cnn.json: ") and "\n" not in message and len(message) < 400
        return
    assert isinstance(graph, Graph)
    # whatever loads can be inferred, summarised (as plain JSON) and saved again without an exception
    result = infer_shapes(graph)
    data = summary(graph, result)
    json.dumps(data, allow_nan=False)
    format_table(graph, data)
    assert _state(loads(dumps(graph))) == _state(graph)
