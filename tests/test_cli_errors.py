"""Every CLI mistake is one line on stderr and exit 2; the ones about paths and numbers answer before torch loads."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import torch

from cnnstudio.cli import main

LONG = "a" * 300


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    """A folder with a project, an existing output, raw-pickle and TorchScript weights, a folder and a FIFO."""
    root = tmp_path_factory.mktemp("cli-errors")
    assert main(["new", "--preset", "lenet5", "-o", str(root / "lenet.cnn.json")]) == 0
    (root / "exists.onnx").write_bytes(b"old")
    (root / "exists.cnn.json").write_text("{}")
    (root / "broken.cnn.json").write_text('{"format": "cnnstudio", "version": 1, "nodes": [')
    (root / "pickle.pth").write_bytes(pickle.dumps({"conv1.weight": [1.0, 2.0]}))
    with warnings.catch_warnings():  # TorchScript is deprecated, and still what people hand around
        warnings.simplefilter("ignore", FutureWarning)
        torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), root / "script.pt")
    (root / "adir").mkdir()
    (root / "afile").write_text("x")
    (root / "model.onnx").write_text("not read: a second --input is refused first")
    os.mkfifo(root / "fifo.cnn.json")
    return root


# (argv with {d} for the folder above, words the one line must contain, answered before torch loads)
CASES = [
    ("summary {d}/missing.cnn.json", "no such file", True),
    ("summary {d}/adir", "folder", True),
    ("summary {d}/fifo.cnn.json", "not a regular file", True),
    ("summary /dev/null", "not a regular file", True),
    (f"summary {{d}}/{LONG}.cnn.json", "too long", True),
    ("summary {d}/broken.cnn.json", "broken.cnn.json", True),
    ("summary", "the following arguments are required", True),
    ("summary {d}/lenet.cnn.json --bogus", "unrecognized arguments", True),
    ("new -o {d}/lenet.cnn.json", "already exists", True),
    ("new -o /dev/full --force", "not a regular file", True),
    ("new -o {d}/adir --force", "is a folder", True),
    ("new -o", "expected one argument", True),
    ("new -o=", "-o needs a file name", True),
    (f"new -o {{d}}/{LONG}.cnn.json", "too long", True),
    ("new --input= -o {d}/x.cnn.json", "--input", True),
    ("new --input 0,0,0 -o {d}/x.cnn.json", "--input", True),
    ("new --input=-1,28,28 -o {d}/x.cnn.json", "--input", True),
    ("new --input 1,two,28 -o {d}/x.cnn.json", "C,H,W", True),
    ("new --input 1,2,3,4 -o {d}/x.cnn.json", "1 to 3 numbers", True),
    ("new --input 1,2,x -o {d}/x.cnn.json", "C,H,W", True),
    ("new --input 3,28, -o {d}/x.cnn.json", "C,H,W", True),
    ("new --input 3x28x -o {d}/x.cnn.json", "C,H,W", True),
    ("new --input 1,999999999999999,28 -o {d}/x.cnn.json", "65,536", True),
    ("new --preset nope -o {d}/x.cnn.json", "unknown preset 'nope'", True),
    ("new --num-classes 0 -o {d}/x.cnn.json", "--num-classes", True),
    ("new --num-classes 1180591620717411303424 -o {d}/x.cnn.json", "1000000", True),
    ("new --num-classes ten -o {d}/x.cnn.json", "--num-classes", True),
    ("new --preset autoencoder --num-classes 3 -o {d}/x.cnn.json", "no classes", True),
    ("new -o {d}/afile/x.cnn.json", "afile", True),
    ("{d}/missing.cnn.json --screenshot {d}/shot.png", "no such file", True),
    ("{d}/lenet.cnn.json --screenshot {d}/adir", "is a folder", True),
    ("{d}/lenet.cnn.json --screenshot=", "--screenshot needs a file name", True),
    ("export {d}/lenet.cnn.json -o {d}/exists.onnx", "already exists", True),
    ("export {d}/missing.cnn.json -o {d}/out.onnx", "no such file", True),
    ("export {d}/lenet.cnn.json -o {d}/out.xyz", "cannot tell the format", True),
    ("export {d}/lenet.cnn.json -o {d}/out.onnx --weights {d}/missing", "no such file", True),
    ("export {d}/lenet.cnn.json --format bogus -o {d}/out.onnx", "invalid choice", True),
    ("export {d}/lenet.cnn.json -o {d}/out.py --weights {d}/pickle.pth", "pickle.pth", False),
    ("train {d}/missing.cnn.json", "no such file", True),
    ("train {d}/lenet.cnn.json --data folder:{d}/nope", "no such folder", True),
    ("train {d}/lenet.cnn.json --data folder:{d}/afile", "not a folder", True),
    ("train {d}/lenet.cnn.json --data mnist:{d}/nope", "--download", True),
    ("train {d}/lenet.cnn.json --seed 1180591620717411303424", "--seed", True),
    ("train {d}/lenet.cnn.json --seed -1", "--seed", True),
    ("train {d}/lenet.cnn.json --epochs 0", "--epochs", True),
    ("train {d}/lenet.cnn.json --batch-size 0", "--batch-size", True),
    ("train {d}/lenet.cnn.json --lr nan", "--lr", True),
    ("train {d}/lenet.cnn.json --lr=-1", "--lr", True),
    ("train {d}/lenet.cnn.json --lr inf", "--lr", True),
    ("train {d}/lenet.cnn.json --threads 0", "--threads", True),
    ("train {d}/lenet.cnn.json --weights {d}/runs/best", "no such file", True),
    ("train {d}/lenet.cnn.json --resume {d}/runs/best", "no checkpoint there", True),
    ("train {d}/lenet.cnn.json --metrics {d}/afile/events.jsonl", "afile", True),
    ("train {d}/lenet.cnn.json --checkpoint-dir {d}/afile", "afile", True),
    ("train {d}/lenet.cnn.json --data bogus", "unknown data spec", False),
    ("train {d}/lenet.cnn.json --set nokey", "KEY=VALUE", False),
    ("finetune {d}/lenet.cnn.json --weights {d}/missing.pth -o {d}/t.cnn.json", "no such file", True),
    ("finetune {d}/lenet.cnn.json --weights {d}/pickle.pth -o {d}/exists.cnn.json", "already exists", True),
    ("finetune {d}/lenet.cnn.json --weights {d}/pickle.pth -o {d}/t.cnn.json", "pickle.pth", False),
    ("finetune {d}/lenet.cnn.json --weights {d}/script.pt -o {d}/t.cnn.json", "script.pt", False),
    ("export {d}/lenet.cnn.json -o {d}/out.onnx --weights {d}/script.pt", "script.pt", False),
    ("import sys:exit --input 1,28,28 -o {d}/i.cnn.json", "cannot import sys:exit: it did not return", False),
    ("import nocolon --input 1,28,28 -o {d}/i.cnn.json", "MODULE:CALLABLE", True),
    ("import {d}/nope.py:Net --input 1,28,28 -o {d}/i.cnn.json", "no such file", True),
    ("import os:getcwd --input 1,28,28 -o {d}/i.cnn.json", "not an nn.Module", False),
    ("import math:pi --input 1,28,28 -o {d}/i.cnn.json", "math:pi", False),
    ("import no_such_module_xyz:f --input 1,28,28 -o {d}/i.cnn.json", "no_such_module_xyz", False),
    ("import torchvision.models:resnet18 --input 0,0,0 -o {d}/i.cnn.json", "--input", True),
    ("import torchvision.models:resnet18 --input 3,32,32 --input 3,x -o {d}/i.cnn.json", "--input", True),
    ("import {d}/model.onnx --input 3,32,32 --input 3,32,32 -o {d}/i.cnn.json", "one --input", True),
    ("import torchvision.models:resnet18 --input 3,32,32 -o {d}/exists.cnn.json", "already exists", True),
]


def _argv(template: str, root: Path) -> list[str]:
    return template.replace("{d}", str(root)).split(" ")


@pytest.mark.parametrize(("template", "words", "fast"), CASES, ids=[c[0][:60] for c in CASES])
def test_bad_arguments_get_one_line_and_exit_2(template, words, fast, place, capsys):
    code = main(_argv(template, place))
    out, err = capsys.readouterr()
    assert code == 2, (code, err)
    assert err.startswith("cnnstudio: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err
    assert words in err, err
    assert not (place / "x.cnn.json").exists() and not (place / "i.cnn.json").exists()


def test_in_a_real_process_fast_mistakes_never_load_torch_and_each_is_one_line(place):
    """All cases in one fresh interpreter, the fast ones first: until they are done torch (seconds to import)
    must not have been loaded; and the whole stderr is one line per case (no warnings printed by libraries)."""
    fast = [_argv(t, place) for t, _, is_fast in CASES if is_fast]
    slow = [_argv(t, place) for t, _, is_fast in CASES if not is_fast]
    script = (
        "import json, sys\nfrom cnnstudio.cli import main\n"
        f"fast = [main(argv) for argv in {json.dumps(fast)}]\n"
        "torch = 'torch' in sys.modules\n"
        f"slow = [main(argv) for argv in {json.dumps(slow)}]\n"
        "print(json.dumps({'fast': fast, 'torch': torch, 'slow': slow}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"fast": [2] * len(fast), "torch": False, "slow": [2] * len(slow)}
    lines = done.stderr.splitlines()
    assert len(lines) == len(CASES) and all(line.startswith("cnnstudio: ") for line in lines), done.stderr


def test_summary_exit_codes_read_like_a_linter(place, capsys):
    """0: no problems; 1: the design has errors (and lists them); 2: the file cannot be read."""
    from cnnstudio.core.project_file import load, save

    broken = place / "errors.cnn.json"
    graph = load(place / "lenet.cnn.json")
    graph.nodes[graph.by_name("conv1").id].params["kernel_size"] = 99  # larger than the 28×28 input
    save(graph, broken)
    assert main(["summary", str(place / "lenet.cnn.json")]) == 0
    assert main(["summary", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert "error: conv1:" in out and err == ""
    assert main(["summary", str(broken), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(d["level"] == "error" for d in data["diagnostics"])
    assert main(["summary", str(place / "missing.cnn.json")]) == 2


def test_output_folders_are_created(place, capsys):
    out = place / "made" / "deeper" / "net.cnn.json"
    assert main(["new", "-o", str(out)]) == 0
    assert out.is_file()


def test_the_export_format_rule_matches_the_compilers():
    from cnnstudio.cli import _format_for
    from cnnstudio.compiler.export import format_for

    for name in ("m.py", "train.py", "x_train.py", "m.onnx", "m.pt2", "m.safetensors", "m.txt", "M.ONNX", "m"):
        assert _format_for(Path(name)) == format_for(name), name
