"""The README's command-line tour, run as written and in order in an empty folder (DESIGN §5, issue 10).

Each line of the ```bash block under "## Command line" runs in bash with this checkout's ``cnnstudio`` on
PATH and a fresh HOME. No test downloads anything: torch's hub cache in that HOME already holds a
ResNet-18 state_dict (random weights, torchvision's keys) under the name torchvision downloads to, so the
README's download line finds it there and ``finetune`` reads the path the README names.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import torch
import torchvision

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
HUB_FILE = "resnet18-f37072fd.pth"  # torchvision's file name for ResNet18_Weights.DEFAULT


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _blocks(section: str, language: str) -> list[str]:
    """The fenced blocks of ``section`` whose info string is ``language`` ("" for a bare fence)."""
    blocks, current, lines = [], None, []
    for line in section.splitlines():
        if line.startswith("```"):
            if current is None:
                current, lines = line[3:].strip(), []
            else:
                if current == language:
                    blocks.append("\n".join(lines))
                current = None
        elif current is not None:
            lines.append(line)
    return blocks


def tour_commands() -> list[str]:
    (block,) = _blocks(_section(README.read_text(encoding="utf-8"), "## Command line"), "bash")
    return [line for line in block.splitlines() if line.strip()]


def _environment(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    hub = home / ".cache" / "torch" / "hub" / "checkpoints"
    hub.mkdir(parents=True)
    torch.save(torchvision.models.resnet18().state_dict(), hub / HUB_FILE)
    tools = tmp_path / "bin"  # the console script `pip install` would make, for this checkout
    tools.mkdir()
    script = tools / "cnnstudio"
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m cnnstudio "$@"\n')
    script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("TORCH_HOME", "XDG_CACHE_HOME", "PYTHONPATH")}
    env.update(
        HOME=str(home),
        PATH=os.pathsep.join([str(tools), str(Path(sys.executable).parent), env.get("PATH", "")]),
        PYTHONPATH=str(ROOT),
        OMP_NUM_THREADS="1",  # two torchrun processes on a loaded 2-core machine
    )
    return env


def test_the_tour_is_the_commands_the_readme_promises():
    commands = tour_commands()
    assert len(commands) >= 12
    words = [shlex.split(c, comments=True)[:2] for c in commands]
    verbs = {w[1] for w in words if w[0] == "cnnstudio"}
    assert {"presets", "new", "summary", "train", "export", "finetune", "import"} <= verbs
    assert any(w[0] == "torchrun" for w in words)


def test_the_readme_tour_runs_as_written(tmp_path):
    work = tmp_path / "tour"
    work.mkdir()
    env = _environment(tmp_path)
    outputs: dict[str, str] = {}
    for command in tour_commands():
        done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        for bad in ("Traceback", "internal error", "outputs but the data has"):
            assert bad not in done.stderr, f"{command}\n{done.stderr}"
        outputs[command] = done.stdout

    def output_of(prefix: str) -> str:
        (out,) = [v for k, v in outputs.items() if k.startswith(prefix)]
        return out

    # what the README shows of `cnnstudio summary` is what it prints
    shown = _blocks(_section(README.read_text(encoding="utf-8"), "## Command line"), "")
    (table,) = [b for b in shown if b.startswith("name ")]
    printed = [line.rstrip() for line in output_of("cnnstudio summary net.cnn.json").splitlines()]
    for line in table.splitlines():
        assert line == "..." or line in printed, line

    final = output_of("cnnstudio train net.cnn.json").splitlines()[-1]
    assert float(re.match(r"val accuracy ([\d.]+)%", final).group(1)) > 95, final
    events = [json.loads(x) for x in (work / "runs/a/events.jsonl").read_text().splitlines()]
    assert events[-1]["event"] == "finished"
    for name in ("out/lenet5.py", "out/lenet5.safetensors", "out/lenet5.onnx", "tuned.safetensors"):
        assert (work / name).stat().st_size > 0, name
    assert (work / "net.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "loaded" in output_of("cnnstudio finetune") and "froze" in output_of("cnnstudio finetune")
    assert output_of("cnnstudio import torchvision").startswith("wrote imported.cnn.json")
    assert output_of("cnnstudio import out/lenet5.onnx").startswith("wrote from_onnx.cnn.json")
    assert output_of("torchrun").startswith("val accuracy")
