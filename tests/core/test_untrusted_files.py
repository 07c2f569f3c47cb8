"""A project file is untrusted input: a corpus of hostile and careless files, and files that are not files.

Every case either loads into a graph that infers, summarises and saves, or is refused with one
ProjectFileError line naming the file (and, where the brief says so, the node or key). The special files
(a FIFO, /dev/zero, a folder, a huge file) are refused before anything is read, so nothing blocks.
"""

from __future__ import annotations

import json
import os
import random
import threading

import pytest
from core_graphs import branching
from hostile import HOSTILE_NAMES, HUGE_INTS, WRONG_META

import cnnstudio.presets
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.project_file import MAX_BYTES, ProjectFileError, dumps, load, loads, save
from cnnstudio.report import format_table, summary

PATH = "shared.cnn.json"


def _every_block_data() -> dict:
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    for i, block in enumerate(sorted(REGISTRY, key=lambda blk: blk.type)):
        if not block.is_input:
            b.add(block.type, f"b{i}", *([x] * len(block.input_ports(block.defaults()))))
    graph = b.build()
    graph.meta = {"description": "every block", "preset": "lenet5", "training": {"epochs": 2}, "x": [1, {"y": 2}]}
    return json.loads(dumps(graph))


BASE = _every_block_data()


def _int_params() -> list[tuple[int, str]]:
    """(node index, param) for every integer-valued param of every block in BASE."""
    out = []
    for i, node in enumerate(BASE["nodes"]):
        for spec in REGISTRY.get(node["type"]).params:
            if spec.kind in ("int", "size", "padding", "shape"):
                out.append((i, spec.name))
    return out


def _with(change) -> str:
    data = json.loads(json.dumps(BASE))
    change(data)
    return json.dumps(data)


def _set_param(i, key, value):
    return lambda data: data["nodes"][i]["params"].__setitem__(key, value)


def _set_meta(key, value):
    return lambda data: data["meta"].__setitem__(key, value)


def _set_name(i, name):
    return lambda data: data["nodes"][i].__setitem__("name", name)


# the corpus: (label, text, what must happen: "refuse" with these words, or None = either outcome) ---------
def targeted() -> list[tuple[str, str, tuple[str, ...] | None]]:
    cases = []
    for i, key in _int_params():
        name = BASE["nodes"][i]["name"]
        for big in HUGE_INTS:
            for value in (big, [big, 3], [3, big]) if key != "shape" else ([big, 8, 8], [3, big]):
                cases.append((f"{name}.{key}={value!r:.20}", _with(_set_param(i, key, value)), (f"node {name!r}", key)))
    for key, values in WRONG_META.items():
        for value in values:
            cases.append((f"meta.{key}={value!r:.20}", _with(_set_meta(key, value)), (f"meta.{key}",)))
    for j, name in enumerate(HOSTILE_NAMES):
        i = 1 + j % (len(BASE["nodes"]) - 1)
        node_id = BASE["nodes"][i]["id"]
        cases.append((f"name {name!r:.20}", _with(_set_name(i, name)), (f"node {i + 1} (id {node_id!r})", "name")))
    for i in range(1, len(BASE["nodes"]), 3):  # duplicate ids
        cases.append(
            ("duplicate id", _with(lambda d, i=i: d["nodes"].append(dict(d["nodes"][i]))), ("repeats the id",))
        )
    for missing in ("nope", "", "n1 ", '"""'):
        edge = {"from": missing, "to": BASE["nodes"][1]["id"], "port": "in9"}
        cases.append(("edge to nowhere", _with(lambda d, e=edge: d["edges"].append(e)), ("missing node",)))
        edge = {"from": BASE["nodes"][0]["id"], "to": missing}
        cases.append(("edge to nowhere", _with(lambda d, e=edge: d["edges"].append(e)), ("missing node",)))
    for port in ("in; import os", "", "in\n", 5, None, "p" * 100):
        edge = {"from": BASE["nodes"][0]["id"], "to": BASE["nodes"][2]["id"], "port": port}
        cases.append(("hostile port", _with(lambda d, e=edge: d["edges"].append(e)), ("'port' must be a port name",)))
    text = json.dumps(BASE)
    for depth in (10, 70, 100, 900):  # built as text: json.dumps itself would hit the recursion limit
        nested = "[" * depth + "]" * depth
        cases.append(("nested params", text.replace('"kernel_size": 3', f'"kernel_size": {nested}', 1), ("nested",)))
        if depth > 64:  # meta may nest deeper (a training config holds lists of lists)
            cases.append(("nested meta", text.replace('"x": [1', f'"x": [{nested}, 1'), ("nested",)))
    for depth in (5_000, 200_000):
        cases.append(("deep JSON", "[" * depth + "]" * depth, ("nested too deeply",)))
        cases.append(("deep JSON", text[:-1] + ', "x": ' + "{" * depth, None))
    for literal in ("NaN", "Infinity", "-Infinity", "1e999", "-1e999"):
        cases.append((literal, text.replace('"x": [1', f'"x": [{literal}'), ("is not valid JSON",)))
        cases.append(
            (literal, text.replace('"kernel_size": 3', f'"kernel_size": {literal}', 1), ("is not valid JSON",))
        )
    for pos in ([1e300, 0], [10**20, 0], ["a", 0], [0], None):
        cases.append(("pos", _with(lambda d, p=pos: d["nodes"][1].__setitem__("pos", p)), ("'pos' must be",)))
    cases.append(("huge int digits", text.replace('"kernel_size": 3', '"kernel_size": ' + "9" * 5000, 1), None))
    return cases


def mutated(count: int, seed: int) -> list[tuple[str, str, None]]:
    """The valid file with random values swapped for hostile ones: no promise which way each goes."""
    rng = random.Random(seed)
    values = [*HUGE_INTS, *HOSTILE_NAMES[:8], None, True, -1, 0, 1.5, 2**31 - 1, [], {}, [1, 2, 3], {"a": [1]}, "same"]
    cases = []
    for n in range(count):
        data = json.loads(json.dumps(BASE))
        for _ in range(rng.randint(1, 4)):
            node = rng.choice(data["nodes"])
            where = rng.random()
            if where < 0.6:
                block = REGISTRY.find(node["type"]) if isinstance(node.get("type"), str) else None
                keys = [spec.name for spec in block.params] if block else []
                if isinstance(node.get("params"), dict):
                    node["params"][rng.choice([*keys, "extra"])] = rng.choice(values)
            elif where < 0.75:
                node[rng.choice(["id", "name", "type", "trainable", "pos", "params"])] = rng.choice(values)
            elif where < 0.9:
                data["meta"][rng.choice([*WRONG_META, "other"])] = rng.choice(values)
            elif data["edges"]:
                edge = rng.choice(data["edges"])
                edge[rng.choice(["from", "to", "port", "from_port"])] = rng.choice(values)
        text = json.dumps(data)
        if n % 10 == 0:  # and some cut short or with a byte flipped
            cut = rng.randrange(len(text))
            text = text[:cut] if n % 20 == 0 else text[:cut] + chr(rng.randrange(32, 127)) + text[cut + 1 :]
        cases.append((f"mutation {n}", text, None))
    return cases


def _check_case(label: str, text: str, expect: tuple[str, ...] | None) -> str:
    """'loaded' or 'refused'; any other exception, or a message that is not one short line, fails."""
    try:
        graph = loads(text, PATH)
    except ProjectFileError as exc:
        message = str(exc)
        assert message.startswith(f"{PATH}: "), (label, message)
        assert "\n" not in message and len(message) < 400, (label, message)
        for words in expect or ():
            assert words in message, (label, message)
        return "refused"
    assert expect is None, f"{label}: loaded, but must be refused with {expect}"
    result = infer_shapes(graph)
    data = summary(graph, result)
    json.dumps(data, allow_nan=False)
    format_table(graph, data)
    assert loads(dumps(graph)).snapshot() == graph.snapshot()
    return "loaded"


def test_targeted_corpus_is_refused_by_name():
    cases = targeted()
    outcomes = [_check_case(*case) for case in cases]
    assert len(cases) >= 850 and outcomes.count("refused") == len(cases)


def test_mutation_corpus_loads_or_gives_one_line():
    cases = mutated(600, seed=10)
    outcomes = [_check_case(*case) for case in cases]
    assert len(targeted()) + len(cases) >= 1_000
    assert {"loaded", "refused"} <= set(outcomes), "the corpus must exercise both outcomes"


def test_hostile_names_never_reach_a_saved_file(tmp_path):
    graph = branching()
    node = next(n for n in graph.nodes.values() if n.name == "gap")
    path = tmp_path / "m.cnn.json"
    for name in HOSTILE_NAMES:
        graph.set_name(node.id, name)
        with pytest.raises(ProjectFileError, match=r"cannot be saved: node \d+ \(id 'n\d+'\): .*name") as info:
            save(graph, path)
        assert "\n" not in str(info.value)
        assert not path.exists()


def test_wrong_meta_never_reaches_a_saved_file(tmp_path):
    graph = branching()
    path = tmp_path / "m.cnn.json"
    for key, values in WRONG_META.items():
        for value in values:
            graph.meta = {key: value}
            with pytest.raises(ProjectFileError, match=rf"cannot be saved: meta\.{key} "):
                save(graph, path)
            assert not path.exists()


def test_reserved_names_load_and_are_diagnosed_with_a_rename():
    """`train` cannot hurt generated code (it only shadows a method): the file loads and a fix is offered."""
    graph = loads(_with(_set_name(2, "pool.train")))
    (diag,) = [d for d in infer_shapes(graph).diagnostics if d.code == "bad_name"]
    assert "'train'" in diag.message and diag.fixes[0].label == "Rename to pool.train_"


def test_wrong_meta_types_are_refused_and_unknown_keys_kept():
    with pytest.raises(ProjectFileError, match=r"meta\.description must be a string, got a number"):
        loads(_with(_set_meta("description", 5)), PATH)
    with pytest.raises(ProjectFileError, match=r"meta\.preset must be a preset name like 'resnet18'"):
        loads(_with(_set_meta("preset", '"""x""";__import__("os")')), PATH)
    with pytest.raises(ProjectFileError, match=r"meta\.training must be an object, got a string"):
        loads(_with(_set_meta("training", "fast")), PATH)
    graph = loads(_with(_set_meta("mine", {"a": [1, None, "b"]})))
    assert graph.meta["mine"] == {"a": [1, None, "b"]} and graph.meta["x"] == [1, {"y": 2}]


def test_huge_integer_is_refused_with_the_param_range():
    conv = next(i for i, n in enumerate(BASE["nodes"]) if n["type"] == "conv2d")
    name = BASE["nodes"][conv]["name"]
    with pytest.raises(ProjectFileError) as info:
        loads(_with(_set_param(conv, "out_channels", 10**400)), PATH)
    assert str(info.value) == (
        f"{PATH}: node {name!r}: out_channels = 1.00e+400 is outside the allowed range [1, 65536]"
    )
    with pytest.raises(ProjectFileError, match=r"kernel_size = 9.22e\+18 is outside the allowed range \[1, 255\]"):
        loads(_with(_set_param(conv, "kernel_size", [3, 2**63])), PATH)
    with pytest.raises(ProjectFileError, match=r"extra = 2147483648 is outside the range \[−2147483647, 2147483647\]"):
        loads(_with(_set_param(conv, "extra", 2**31)), PATH)
    # inside ±2³¹ but outside the param's range: loads, and inference explains it with a fix
    graph = loads(_with(_set_param(conv, "out_channels", 2**31 - 1)))
    (diag,) = [d for d in infer_shapes(graph).diagnostics if d.code == "param"]
    assert diag.message == "out_channels = 2147483647 is outside the allowed range [1, 65536]"
    assert diag.fixes[0].label == "Set out_channels to 65536"


# files that are not project files -------------------------------------------------------------------
def _load_in_a_thread(path) -> BaseException | None:
    """load(path) on a daemon thread: a load that blocks fails the test instead of hanging the suite."""
    outcome: list = []

    def run():
        try:
            load(path)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001  (handed to the test to judge)
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert outcome, f"load({path}) blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.cnn.json"
    os.mkfifo(fifo)
    exc = _load_in_a_thread(fifo)
    assert isinstance(exc, ProjectFileError) and "is not a regular file (a pipe or a device)" in str(exc)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_reading(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    exc = _load_in_a_thread(device)
    assert isinstance(exc, ProjectFileError) and str(exc) == (
        f"{device}: is not a regular file (a pipe or a device), so it cannot be a project file"
    )


def test_folder_empty_and_huge_files_say_what_they_are(tmp_path):
    assert str(_load_in_a_thread(tmp_path)) == f"{tmp_path}: is a folder, not a project file"
    empty = tmp_path / "empty.cnn.json"
    empty.write_bytes(b"")
    assert str(_load_in_a_thread(empty)) == f"{empty}: is empty"
    huge = tmp_path / "huge.cnn.json"
    with open(huge, "wb") as handle:  # sparse: takes no disk space
        handle.truncate(MAX_BYTES + (36 << 20))
    exc = _load_in_a_thread(huge)
    assert isinstance(exc, ProjectFileError)
    assert str(exc) == f"{huge}: is 100 MiB, larger than the 64 MiB a project file may be"


def test_a_preset_file_still_loads(tmp_path):
    path = tmp_path / "lenet5.cnn.json"
    save(cnnstudio.presets.build("lenet5"), path)
    assert _load_in_a_thread(path) is None
