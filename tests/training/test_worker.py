"""The child-process protocol: JSON lines on stdout, ``stop`` on stdin, signals, errors, exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import pytest

from cnnstudio.core.project_file import save
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.worker import command_line

from .helpers import tiny_classifier

TIMEOUT = 120  # seconds: generous for a loaded CI machine; a hang fails instead of blocking the suite


@pytest.fixture
def project(tmp_path):
    graph = tiny_classifier(classes=6)
    TrainingConfig(epochs=10_000, batch_size=8, data="shapes:60").to_graph(graph)  # runs until stopped
    path = tmp_path / "tiny.cnn.json"
    save(graph, path)
    return path


def start(project, *args) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = command_line(project, "--threads", "1", *args)
    return subprocess.Popen(  # its own process group: a hang kills the loader processes it forked too
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=sys.platform != "win32",
    )


def kill(proc) -> None:
    """The worker and whatever it forked (they hold its stdout open, so reading it would never end)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL) if sys.platform != "win32" else proc.kill()
    except ProcessLookupError:
        pass


def read_until(proc, predicate) -> list[dict]:
    """Parse stdout lines (each must be one JSON object) until ``predicate(events)`` holds or stdout ends."""
    events = []
    timer = threading.Timer(TIMEOUT, kill, (proc,))
    timer.start()
    try:
        for line in proc.stdout:
            events.append(json.loads(line))
            if predicate(events):
                break
    finally:
        timer.cancel()
    return events


def finish(proc) -> tuple[list[dict], int, str]:
    rest = read_until(proc, lambda events: False)
    code = proc.wait(timeout=TIMEOUT)
    return rest, code, proc.stderr.read()


def test_stop_on_stdin_writes_a_checkpoint_and_exits_0(project, tmp_path):
    checkpoints = tmp_path / "ckpt"
    proc = start(project, "--checkpoint-dir", str(checkpoints))
    events = read_until(proc, lambda events: events[-1]["event"] == "epoch_end")
    started = events[0]
    assert started["event"] == "started" and started["protocol"] == 1
    assert started["data"]["classes"] == ["circle", "square", "triangle", "cross", "star", "ring"]
    assert started["steps_per_epoch"] == 6 and started["model"]["heads"][0]["kind"] == "classification"
    end = events[-1]
    assert {"train_loss", "val_loss", "val_accuracy", "confusion", "per_class_accuracy", "samples"} <= set(end)
    assert len(end["confusion"]) == 6 and len(end["samples"]) == 12  # every validation image: 12 < 16

    proc.stdin.write("stop\n")
    proc.stdin.flush()
    rest, code, err = finish(proc)
    assert code == 0, err
    stopped = rest[-1]
    assert stopped["event"] == "stopped" and stopped["reason"] == "stdin"
    assert stopped["checkpoint"] == str(checkpoints / "last.safetensors")
    assert (checkpoints / "last.safetensors").exists() and (checkpoints / "last.json").exists()
    saved = json.loads((checkpoints / "last.json").read_text())
    assert saved["step"] == stopped["step"] > 0
    batches = [e for e in events + rest if e["event"] == "batch"]
    steps = [s for b in batches for s in range(b["step"] - len(b["losses"]) + 1, b["step"] + 1)]
    assert steps == list(range(1, stopped["step"] + 1))  # throttled batch events still carry every step's loss
    assert all(len(b["losses"]) >= 1 and b["loss"] == b["losses"][-1] for b in batches)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_and_a_closed_stdin_stop_gracefully(project, tmp_path):
    proc = start(project, "--checkpoint-dir", str(tmp_path / "a"))
    read_until(proc, lambda events: events[-1]["event"] == "batch")
    proc.send_signal(signal.SIGTERM)
    rest, code, err = finish(proc)
    assert code == 0 and rest[-1]["event"] == "stopped" and rest[-1]["reason"] == "signal", err

    proc = start(project)  # no checkpoint folder: the stop says so
    read_until(proc, lambda events: events[-1]["event"] == "batch")
    proc.stdin.close()  # what happens when the GUI dies
    rest, code, err = finish(proc)
    assert code == 0 and rest[-1]["event"] == "stopped", err
    assert rest[-1]["reason"] == "stdin closed" and rest[-1]["checkpoint"] is None


def test_bad_input_is_one_error_event_and_exit_2(project):
    proc = start(project, "--data", "nowhere:/x")
    events, code, err = finish(proc)
    assert code == 2
    assert [e["event"] for e in events] == ["error"]
    assert events[0]["kind"] == "bad_input" and events[0]["message"].startswith("unknown data spec 'nowhere:/x'")
    assert "Traceback" not in err

    proc = start(project, "--epochs", "many")  # a usage error is reported the same way
    events, code, _ = finish(proc)
    assert code == 2 and events[0]["event"] == "error" and "--epochs" in events[0]["message"]


def test_a_folder_with_loader_processes_trains_while_stdin_is_watched(tmp_path):
    """A DataLoader process forked while the stdin thread waited in sys.stdin's read blocked on its lock
    for ever (multiprocessing closes sys.stdin in the child): the GUI's folder runs hung at batch 0."""
    from PIL import Image

    for k, name in enumerate(("dark", "light")):
        (tmp_path / "data" / name).mkdir(parents=True)
        for i in range(8):
            Image.new("L", (8, 8), 40 + 160 * k + i).save(tmp_path / "data" / name / f"{i}.png")
    graph = tiny_classifier(classes=2)
    TrainingConfig(epochs=1, batch_size=4, data=f"folder:{tmp_path / 'data'}", workers=1).to_graph(graph)
    save(graph, tmp_path / "folder.cnn.json")
    proc = start(tmp_path / "folder.cnn.json")  # stdin stays open, as the GUI keeps it
    events = read_until(proc, lambda events: events[-1]["event"] in ("finished", "error", "stopped"))
    proc.stdin.close()
    code = proc.wait(timeout=TIMEOUT)
    assert events and events[-1]["event"] == "finished", (events[-1:], proc.stderr.read())
    assert code == 0
