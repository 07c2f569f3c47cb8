"""Long steps say what they do on a terminal (stderr), and nothing when stderr is a file or a pipe."""

from __future__ import annotations

import io
import json

import pytest

import cnnstudio
from cnnstudio import terminal
from cnnstudio.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_step_shows_on_a_terminal_only():
    screen, pipe = Terminal(), io.StringIO()
    for stream in (screen, pipe):
        with terminal.step("exporting to ONNX", stream):
            pass
    assert screen.getvalue().startswith("exporting to ONNX… done in ") and screen.getvalue().endswith(" s\n")
    assert pipe.getvalue() == ""
    with pytest.raises(ValueError), terminal.step("tracing", screen):
        raise ValueError("no")
    assert screen.getvalue().endswith("tracing… failed\n")


@pytest.fixture
def lenet(tmp_path, capsys):
    path = tmp_path / "net.cnn.json"
    assert main(["new", "-o", str(path)]) == 0
    capsys.readouterr()
    return path


def test_export_shows_progress_on_a_terminal_and_keeps_stdout_clean(lenet, tmp_path, monkeypatch, capsys):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    assert main(["export", str(lenet), "-o", str(tmp_path / "out" / "net.py")]) == 0
    assert "exporting to Python code… done in " in screen.getvalue()
    assert "exporting" not in capsys.readouterr().out


def test_piped_output_has_no_progress(lenet, tmp_path, capsys):
    assert main(["export", str(lenet), "-o", str(tmp_path / "net.py")]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("wrote ")
    assert main(["summary", str(lenet), "--json"]) == 0
    json.loads(capsys.readouterr().out)


def test_export_as_code_does_not_replace_the_weights_beside_it_unasked(lenet, tmp_path, capsys):
    from cnnstudio.compiler import compile_model, save_weights

    weights = tmp_path / "w.safetensors"
    save_weights(compile_model(cnnstudio.load(lenet)), weights)
    (tmp_path / "net.safetensors").write_bytes(b"mine")
    assert main(["export", str(lenet), "-o", str(tmp_path / "net.py"), "--weights", str(weights)]) == 2
    assert "net.safetensors already exists" in capsys.readouterr().err
    assert (tmp_path / "net.safetensors").read_bytes() == b"mine" and not (tmp_path / "net.py").exists()


def test_finetune_help_says_where_a_torchvision_checkpoint_comes_from(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["finetune", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "torchvision.models.resnet18(weights='DEFAULT')" in text
    assert "~/.cache/torch/hub/checkpoints/resnet18-f37072fd.pth" in text
