"""`cnnstudio summary|new|presets`: output contracts (DESIGN §5), exit codes, and LeNet-5 against PyTorch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import torch
import torch.fx as fx
from torch.utils.flop_counter import FlopCounterMode

import cnnstudio
from cnnstudio.cli import main
from cnnstudio.compiler.fx_compile import NODE_META, compile_model
from cnnstudio.core.edits import SetParam

NODE_KEYS = {"name", "type", "output_shape", "params", "macs"}
DIAG_KEYS = {"node", "level", "code", "message"}


@pytest.fixture
def lenet_file(tmp_path, capsys):
    path = tmp_path / "lenet5.cnn.json"
    assert main(["new", "--preset", "lenet5", "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(code: int, err: str, *parts: str) -> None:
    assert code == 2
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("cnnstudio: ")
    for part in parts:
        assert part in err


# summary -----------------------------------------------------------------------------------------
def test_summary_json_keys(capsys, lenet_file):
    code, out, err = _run(capsys, "summary", str(lenet_file), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert {"nodes", "total_params", "total_macs", "diagnostics"} <= set(data)
    assert set(data) - {"nodes", "total_params", "total_macs", "diagnostics"} <= {"trainable_params", "frozen_params"}
    assert [n["name"] for n in data["nodes"]][:3] == ["input", "conv1", "relu1"]
    for node in data["nodes"]:
        assert NODE_KEYS <= set(node)
        assert set(node) - NODE_KEYS <= {"receptive_field", "effective_stride", "trainable"}
    conv1 = data["nodes"][1]
    assert conv1 == {
        "name": "conv1",
        "type": "conv2d",
        "output_shape": [6, 28, 28],
        "params": 156,
        "macs": 6 * 28 * 28 * 25,
        "receptive_field": [5, 5],
        "effective_stride": [1, 1],
        "trainable": True,
    }
    assert data["total_params"] == 61706 and data["diagnostics"] == []
    assert data["total_macs"] == sum(n["macs"] for n in data["nodes"])


def test_summary_table_is_readable(capsys, lenet_file):
    code, out, _ = _run(capsys, "summary", str(lenet_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["name", "type", "output", "params", "MACs", "receptive", "field"]
    conv1 = next(line for line in lines if line.startswith("conv1 "))
    assert conv1.split() == ["conv1", "Conv2d", "6×28×28", "156", "117.60", "k", "5×5", "/1×1"]
    assert "Total params: 61,706 (trainable 61,706, frozen 0)   MACs: 416.52 k per image" in out
    assert lines[-1] == "No problems."


def test_summary_lists_problems_with_node_names(capsys, tmp_path):
    graph = cnnstudio.presets.build("lenet5")
    SetParam(graph.by_name("conv2").id, "kernel_size", 15).apply(graph)
    path = tmp_path / "broken.cnn.json"
    cnnstudio.save(graph, path)
    code, out, _ = _run(capsys, "summary", str(path), "--json")
    assert code == 1, "a summary of a broken design is still a summary, and exits 1 as a linter would"
    data = json.loads(out)
    (diag,) = data["diagnostics"]
    assert set(diag) == DIAG_KEYS
    assert diag["node"] == "conv2" and diag["code"] == "kernel_too_large" and diag["level"] == "error"
    assert "(14 + 2·0 − 15) / 1 + 1 = 0" in diag["message"]
    shapes = {n["name"]: n["output_shape"] for n in data["nodes"]}
    assert shapes["pool1"] == [6, 14, 14] and shapes["conv2"] is None and shapes["fc3"] is None
    code, out, _ = _run(capsys, "summary", str(path))
    assert code == 1
    assert "1 problem(s):" in out and "error: conv2: kernel 15 > padded input 14" in out
    assert "?" in next(line for line in out.splitlines() if line.startswith("fc1 "))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b'{"format": "cnnstudio.project", "version": 1, "nodes": [', "is not valid JSON"),
        (b"\x00\xff garbage", "not UTF-8"),
        (b'{"format": "cnnstudio.project", "version": 7, "nodes": [], "edges": []}', "newer CNN Studio"),
    ],
)
def test_bad_project_exits_2_with_one_line(capsys, tmp_path, content, problem):
    path = tmp_path / "bad.cnn.json"
    path.write_bytes(content)
    code, out, err = _run(capsys, "summary", str(path))
    assert out == ""
    _one_line_error(code, err, str(path), problem)


def test_missing_project_and_folder_exit_2(capsys, tmp_path):
    _one_line_error(*_run(capsys, "summary", str(tmp_path / "nope.cnn.json"))[::2], "nope.cnn.json", "no such file")
    _one_line_error(*_run(capsys, "summary", str(tmp_path))[::2], "is a folder")
    _one_line_error(*_run(capsys, "summary")[::2], "required")


# new and presets ---------------------------------------------------------------------------------
def test_new_writes_lenet5_and_refuses_to_overwrite(capsys, tmp_path):
    path = tmp_path / "model.cnn.json"
    code, out, _ = _run(capsys, "new", "--preset", "lenet5", "-o", str(path))
    assert code == 0 and out.startswith(f"wrote {path}: lenet5, 14 nodes, 61,706 params")
    graph = cnnstudio.load(path)
    assert cnnstudio.infer_shapes(graph).ok and graph.meta["preset"] == "lenet5"
    path.write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "new", "--preset", "lenet5", "-o", str(path))
    _one_line_error(code, err, "already exists", "--force")
    assert path.read_text(encoding="utf-8") == "mine"
    code, _, _ = _run(
        capsys, "new", "--preset", "lenet5", "--num-classes", "3", "--input", "1,32,32", "-o", str(path), "--force"
    )
    assert code == 0
    result = cnnstudio.infer_shapes(cnnstudio.load(path))
    assert result.info[cnnstudio.load(path).by_name("output").id].shape == (3,)


def test_new_refuses_options_the_preset_cannot_take(capsys, tmp_path):
    path = tmp_path / "model.cnn.json"
    code, _, err = _run(capsys, "new", "--num-classes", "1", "-o", str(path))
    _one_line_error(code, err, "output: a classifier needs at least 2 classes")
    code, _, err = _run(capsys, "new", "--input", "1,4,4", "-o", str(path))
    _one_line_error(code, err, "kernel 5 > padded input")
    code, _, err = _run(capsys, "new", "--input", "1,a,4", "-o", str(path))
    _one_line_error(code, err, "--input must look like C,H,W")
    assert not path.exists()


def test_unknown_preset_exits_2(capsys, tmp_path):
    code, _, err = _run(capsys, "new", "--preset", "lenet6", "-o", str(tmp_path / "x.cnn.json"))
    _one_line_error(code, err, "unknown preset 'lenet6'", "lenet5")


def test_presets_lists_lenet5(capsys):
    code, out, _ = _run(capsys, "presets")
    assert code == 0
    assert any(line.split()[:4] == ["lenet5", "61.71", "k", "1×28×28"] for line in out.splitlines())
    code, out, _ = _run(capsys, "presets", "--json")
    assert {"name": "lenet5", "params": "61.71 k", "input": "1×28×28"}.items() <= json.loads(out)[0].items()


def test_console_entry_point(tmp_path):
    path = tmp_path / "bad.cnn.json"
    path.write_text("{", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cnnstudio", "summary", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


# the done-when: LeNet-5's summary equals what PyTorch computes ------------------------------------
class _Recorder(fx.Interpreter):
    """Runs the compiled model node by node, keeping each graph node's output shape."""

    def __init__(self, module):
        super().__init__(module)
        self.shapes: dict[str, tuple[int, ...]] = {}

    def run_node(self, n):
        value = super().run_node(n)
        if NODE_META in n.meta and isinstance(value, torch.Tensor):
            self.shapes[n.meta[NODE_META]] = tuple(value.shape[1:])
        return value


def test_lenet5_summary_equals_pytorch(capsys, lenet_file):
    code, out, _ = _run(capsys, "summary", str(lenet_file), "--json")
    assert code == 0
    summary = {n["name"]: n for n in json.loads(out)["nodes"]}
    graph = cnnstudio.load(lenet_file)
    model = compile_model(cnnstudio.presets.build("lenet5")).eval()

    hooked: dict[str, tuple[int, ...]] = {}
    for name, module in model.named_children():
        module.register_forward_hook(lambda mod, args, out, name=name: hooked.__setitem__(name, tuple(out.shape[1:])))
    x = torch.randn(2, 1, 28, 28)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(x)
    flops = {key.removeprefix("Model."): sum(v.values()) for key, v in counter.get_flop_counts().items()}
    recorder = _Recorder(model)
    with torch.no_grad():
        recorder.run(x)

    assert set(summary) == {n.name for n in graph.nodes.values()}
    modules = dict(model.named_children())
    for node in graph.nodes.values():
        item = summary[node.name]
        if node.name in modules:
            shape = hooked[node.name]
            params = sum(p.numel() for p in modules[node.name].parameters())
        else:  # input, flatten, and the head (which passes its input through)
            producer = node.name if node.name in recorder.shapes else None
            if producer is None:
                (edge,) = graph.in_edges(node.id).values()
                producer = graph.nodes[edge.src].name
            shape, params = recorder.shapes[producer], 0
        assert tuple(item["output_shape"]) == shape, node.name
        assert item["params"] == params, node.name
        assert item["macs"] * 2 * x.shape[0] == flops.get(node.name, 0), node.name
    assert len(hooked) == len(modules) == 11  # 2 conv, 2 pool, 3 linear, 4 relu
