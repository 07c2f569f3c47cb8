"""No project file can make an export run code: hostile text in every string field of a project, exported in
every format and then imported / loaded in a fresh interpreter whose working folder would receive a marker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cnnstudio.compiler import CompileError, ExportError, export_model, python_source
from cnnstudio.compiler.code_guard import check_generated
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.project_file import ProjectFileError, loads, to_dict

TOUCH = '__import__("pathlib").Path("PWNED").touch()'
PAYLOADS = [
    f'"""x""";{TOUCH};"""',
    f"'\n{TOUCH}\n'",
    f'"\n{TOUCH}\n"',
    f"\u2028{TOUCH}#",
    f"\r{TOUCH}\r",
    f"\\\n{TOUCH}  # a line continuation",
    'a\x00b \\N{bad} \\x \\" trailing\\',
    f"\u2029\x0c\x0b\x85{TOUCH}",
    f"ok\ud800{TOUCH}",  # a lone surrogate: cannot even be written as UTF-8
]


def small_project() -> dict:
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 8, 8])
    x = b.chain(
        x,
        ("conv2d", "features.0", dict(out_channels=4, kernel_size=3, padding="same", init="kaiming_normal")),
        ("upsample", "up", dict(mode="nearest")),
        ("flatten", "flat", {}),
        ("linear", "fc", dict(out_features=3)),
        ("classification_output", "out", {}),
    )
    graph = b.build()
    graph.meta.update(description="A small net.", preset="lenet5", title="Small", weights="w.safetensors")
    return to_dict(graph)


def string_paths(value, path=()):
    """Every place in the JSON tree that holds a string, as a path of keys and indices."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from string_paths(item, (*path, i))


def replaced(data: dict, path: tuple, text: str) -> dict:
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = text
    return data


def hostile_projects():
    """(label, raw JSON) for every string field × payload, and hostile meta keys."""
    base = small_project()
    for path in string_paths(base):
        if path[0] == "format":
            continue
        for i, payload in enumerate(PAYLOADS):
            yield f"{'/'.join(map(str, path))}#{i}", replaced(base, path, payload)
    for i, payload in enumerate(PAYLOADS):
        data = json.loads(json.dumps(base))
        data["meta"][payload] = payload
        yield f"meta-key#{i}", data


def dump(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=True).encode()  # ensure_ascii: lone surrogates travel as \\ud800


RUNNER = textwrap.dedent(
    """
    import json, runpy, sys
    ok, failed = 0, []
    for path in json.load(open(sys.argv[1])):
        try:
            module = runpy.run_path(path, run_name="__main__")  # import it and run its demo forward
            module["Model"]().eval()
            ok += 1
        except BaseException as exc:
            failed.append(f"{path}: {type(exc).__name__}: {exc}")
    print(json.dumps({"ok": ok, "failed": failed}))
    """
)


def run_in_fresh_interpreter(cwd: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_hostile_strings_in_every_field_never_reach_python_code(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    written, refused, exported = [], 0, 0
    for k, (label, data) in enumerate(hostile_projects()):
        try:
            graph = loads(dump(data), f"hostile-{k}.cnn.json")
        except ProjectFileError as exc:
            assert "\n" not in str(exc), label
            refused += 1
            continue
        out = work / f"m{k}.py"
        try:
            export_model(graph, "python", out)
        except ExportError as exc:
            assert "\n" not in str(exc) and "\r" not in str(exc), label
            refused += 1
            continue
        exported += 1
        written.append(str(out))
    assert exported > 20 and refused > 0  # both ways are exercised: refused at load/export, exported harmlessly
    (tmp_path / "files.json").write_text(json.dumps(written))
    done = run_in_fresh_interpreter(work, RUNNER, str(tmp_path / "files.json"))
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["failed"] == [] and report["ok"] == exported
    assert not (work / "PWNED").exists()


def test_description_and_file_name_text_survives_as_text(tmp_path):
    data = replaced(small_project(), ("meta", "description"), PAYLOADS[0] + " \\N{x} tail\\")
    graph = loads(dump(data))
    out = tmp_path / f"{PAYLOADS[0].replace('/', '_')}.py"
    export_model(graph, "python", out)
    done = run_in_fresh_interpreter(
        tmp_path, "import runpy,sys; m = runpy.run_path(sys.argv[1]); print(repr(m['Model'].__doc__))", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert '"""x""";__import__' in done.stdout and "\\\\N{x} tail\\\\" in done.stdout  # the text, as text
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("fmt", ["onnx", "pt2", "safetensors"])
def test_hostile_meta_and_file_names_in_weight_formats_load_without_running_code(tmp_path, fmt):
    graph = loads(dump(small_project()))
    # set on the graph itself: the loader refuses most of these, the exporter must not rely on it
    for i, key in enumerate(("description", "preset", "title", "weights")):
        graph.meta[key] = PAYLOADS[i % 4]
    graph.meta[PAYLOADS[0]] = PAYLOADS[1]
    work = tmp_path / "work"
    work.mkdir()
    stem = PAYLOADS[0].replace("/", "_")
    out = work / f"{stem}.{fmt}"
    try:
        result = export_model(graph, fmt, out)
    except ExportError as exc:  # refused (the safetensors sidecar is a project: its save checks meta)
        assert "\n" not in str(exc) and fmt == "safetensors"
        assert sorted(os.listdir(work)) == []
        return
    assert result.files[0] == out
    loader = {
        "onnx": "import onnx, onnxruntime as ort, numpy as np; onnx.checker.check_model(p); "
        "s = ort.InferenceSession(p, providers=['CPUExecutionProvider']); "
        "print(s.run(None, {s.get_inputs()[0].name: np.zeros((2, 1, 8, 8), np.float32)})[0].shape)",
        "pt2": "import torch; print(torch.export.load(p).module()(torch.zeros(2, 1, 8, 8)).shape)",
        "safetensors": "import cnnstudio, pathlib; from safetensors import safe_open; "
        "h = safe_open(p, 'pt'); print(sorted(h.keys()), h.metadata()); "
        "g = cnnstudio.load(pathlib.Path(p).with_name(pathlib.Path(p).name.removesuffix('.safetensors') + '.cnn.json')); "
        "from cnnstudio.compiler import export_model; export_model(g, 'python', 'again.py'); "
        "import runpy; runpy.run_path('again.py', run_name='__main__')",
    }[fmt]
    done = run_in_fresh_interpreter(work, f"import sys; p = sys.argv[1]; {loader}", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (work / "PWNED").exists()


@pytest.mark.parametrize(
    "name",
    ["a.b c", "x;y", "ﬁ", "features.01", "features.١", "a..b", "", "a\u2028b", 'a"b', "1a"],
)
def test_codegen_refuses_names_it_cannot_spell_in_one_line(name):
    from cnnstudio.core.graph import Graph, Node

    graph = Graph()
    graph.add_node(Node("n1", "input", "input", {"shape": [1, 4, 4]}))
    graph.add_node(Node("n2", "relu", name, {}))
    from cnnstudio.core.graph import Edge

    graph.connect(Edge("n1", "n2", "in"))
    with pytest.raises(CompileError) as info:
        python_source(graph)
    assert "\n" not in str(info.value) and "\u2028" not in str(info.value)


@pytest.mark.parametrize(
    "source",
    [
        f"import torch\n{TOUCH}\n",
        "import os\n",
        "class A:\n    x = open('PWNED', 'w')\n",
        "def f(x=__import__('os')):\n    pass\n",
        "@print\ndef f():\n    pass\n",
        "def f(x: print('hi')):\n    pass\n",
        "class A:\n    def f(self):\n        return self.__class__.__subclasses__()\n",
        "class A:\n    def f(self):\n        return eval('1')\n",
        "x = '''\n",
    ],
)
def test_the_guard_refuses_code_that_runs_on_import_or_reaches_outside_torch(source):
    with pytest.raises(CompileError, match="cannot export"):
        check_generated(source)


def test_keys_that_are_not_attributes_are_written_as_string_literals_and_run(tmp_path):
    """``body.0`` beside ``body.act``: ``0`` is no attribute, codegen quotes it (add_module, get_submodule)."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 8, 8])
    x = b.chain(
        x,
        ("conv2d", "body.0", dict(out_channels=2, kernel_size=3, init="kaiming_normal")),
        ("relu", "body.act", {}),
        ("flatten", "flat", {}),
        ("linear", "fc", dict(out_features=3)),
        ("classification_output", "out", {}),
    )
    source = python_source(b.build())
    assert 'add_module("0", ' in source and 'get_submodule("0")' in source
    out = tmp_path / "keys.py"
    out.write_text(source)
    code = (
        "import runpy, sys, torch; m = runpy.run_path(sys.argv[1])['Model']().eval(); "
        "print(sorted(m.state_dict())); print(tuple(m(torch.zeros(2, 1, 8, 8)).shape))"
    )
    done = run_in_fresh_interpreter(tmp_path, code, str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    keys, shape = done.stdout.strip().splitlines()[-2:]
    assert "'body.0.weight'" in keys and "'fc.weight'" in keys and shape == "(2, 3)"


@pytest.mark.parametrize("text", [*PAYLOADS, "", "plain", "it's", 'say "hi"', "both ' and \"", "\\", "\x00\t"])
def test_every_string_reaches_code_as_a_literal_of_itself(text):
    import ast

    from cnnstudio.blocks.code import literal, string_literal

    for written in (string_literal(text), literal(text)):
        tree = ast.parse(written, mode="eval")  # one expression, and nothing but a constant
        assert isinstance(tree.body, ast.Constant) and tree.body.value == text
        assert "\n" not in written and "\r" not in written and "\u2028" not in written


@pytest.mark.parametrize("key", ["1)+__import__('os').system('x')#", "01x", "١", "-1", "a", ""])
def test_a_sequence_index_that_is_not_plain_digits_is_refused(key):
    from cnnstudio.compiler.codegen_tree import index

    with pytest.raises(CompileError, match="cannot export"):
        index(key)
    assert index("7") == "7" and index("007") == "7"
