"""Exports do bounded work: code needs no weights, weights that would not fit are refused with their size,
torch's own errors are one line, and a full disk at any format leaves the old file and says so in one line."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap

import pytest
import torch

from cnnstudio.compiler import ExportError, export_model
from cnnstudio.compiler import memory as memory_module
from cnnstudio.core import safe_io
from cnnstudio.core.builder import GraphBuilder


def wide_linear(width: int = 1_000_000):
    """A valid design whose first Linear has ``width`` outputs: 1,024 x 10^6 weights, 4.1 GB as float32."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 32, 32])
    b.chain(
        x,
        ("flatten", "flat", {}),
        ("linear", "fc1", dict(out_features=width)),
        ("relu", "act", {}),
        ("linear", "fc2", dict(out_features=10)),
        ("classification_output", "out", {}),
    )
    return b.graph


def huge_conv(channels: int = 65_536):
    """Two convolutions 65,536 channels wide: 38.7 billion parameters, 155 GB as float32."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 8, 8])
    b.chain(
        x,
        ("conv2d", "conv1", dict(out_channels=channels, kernel_size=3, padding=1)),
        ("conv2d", "conv2", dict(out_channels=channels, kernel_size=3, padding=1)),
    )
    return b.graph


MEASURE = textwrap.dedent(
    """
    import json, resource, sys
    import torch  # imported before the baseline: its import is not the export's cost
    from cnnstudio.compiler import export_model
    sys.path.insert(0, sys.argv[2])
    from test_export_bounds import wide_linear
    graph = wide_linear()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = export_model(graph, "python", sys.argv[1])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"grown_kib": after - before, "files": [str(f) for f in result.files]}))
    """
)


def test_python_export_of_a_million_wide_linear_builds_no_weights(tmp_path):
    out = tmp_path / "wide.py"
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(out), os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["files"] == [str(out)]  # the code alone: no weights file beside it
    assert report["grown_kib"] < 100 * 1024  # 4.1 GB of weights would be 40x this
    assert "nn.Linear(1024, 1000000)" in out.read_text()


@pytest.mark.parametrize("fmt", ["onnx", "pt2", "safetensors"])
def test_weights_that_would_not_fit_are_refused_with_their_size(tmp_path, fmt, monkeypatch):
    monkeypatch.setattr(memory_module, "available_bytes", lambda: 22_900_000_000)
    with pytest.raises(ExportError) as info:
        export_model(huge_conv(), fmt, tmp_path / f"big.{fmt}")
    message = str(info.value)
    assert "\n" not in message
    assert "this machine has 22.9 GB free" in message and "309.3 GB" in message  # 38,656,606,208 params x 4 B x 2
    assert list(tmp_path.iterdir()) == []


def test_the_real_free_memory_refuses_a_terabyte_conv(tmp_path):
    with pytest.raises(ExportError, match=r"needs [\d.]+ GB; this machine has [\d.]+ [GM]B free") as info:
        export_model(huge_conv(), "safetensors", tmp_path / "big.safetensors")
    assert "\n" not in str(info.value)


def test_python_export_of_a_terabyte_conv_is_just_code(tmp_path):
    result = export_model(huge_conv(), "python", tmp_path / "big.py")
    assert result.files == [tmp_path / "big.py"]
    assert "nn.Conv2d(65536, 65536, kernel_size=3, padding=1)" in (tmp_path / "big.py").read_text()


def test_torch_runtime_errors_while_building_are_one_line(tmp_path, monkeypatch):
    import cnnstudio.compiler.export as export

    def fail(*args, **kwargs):
        raise RuntimeError("[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory\nframe 0")

    monkeypatch.setattr(export, "compile_model", fail)
    with pytest.raises(ExportError, match="not enough memory") as info:
        export_model(wide_linear(1000), "safetensors", tmp_path / "w.safetensors")
    assert "\n" not in str(info.value)


def test_python_export_writes_weights_only_when_given_and_says_so(tmp_path):
    graph = wide_linear(16)
    result = export_model(graph, "python", tmp_path / "model.py")
    assert result.files == [tmp_path / "model.py"] and sorted(os.listdir(tmp_path)) == ["model.py"]
    # so a weights export to the name beside it is not blocked by a file nobody asked for
    result = export_model(graph, "safetensors", tmp_path / "model.safetensors")
    assert result.files == [tmp_path / "model.safetensors", tmp_path / "model.cnn.json"]
    result = export_model(graph, "python", tmp_path / "again.py", weights=tmp_path / "model.safetensors")
    assert result.files == [tmp_path / "again.py", tmp_path / "again.safetensors"]
    assert result.report.complete


def test_python_export_with_weights_keeps_the_model_dtype(tmp_path):
    from safetensors.torch import load_file, save_file

    from cnnstudio.compiler import compile_model

    graph = wide_linear(16)
    state = {k: v.half() for k, v in compile_model(graph).state_dict().items()}
    save_file(state, tmp_path / "half.safetensors")
    export_model(graph, "python", tmp_path / "m.py", weights=tmp_path / "half.safetensors")
    written = load_file(tmp_path / "m.safetensors")
    assert {v.dtype for v in written.values()} == {torch.float32}
    assert torch.equal(written["fc1.weight"], state["fc1.weight"].float())


# a full disk ------------------------------------------------------------------------------------
def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _half_then_full(path, *args, **kwargs):
    """Write half a file where the real writer would, then the disk is full."""
    path = args[0] if not isinstance(path, (str, os.PathLike)) and args else path
    with open(path, "wb") as handle:
        handle.write(b"\0" * 1000)
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _HalfThenFull:
    """A file whose first write lands half its bytes, then the disk is full."""

    def __init__(self, *args, **kwargs):
        self.handle = open(*args, **kwargs)

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        _enospc()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def _full_mid_write(monkeypatch, fmt):
    """Make the format's own writer fail half-way with ENOSPC (safetensors reports it as its own error)."""
    import safetensors.torch

    if fmt == "python":
        monkeypatch.setattr(safe_io, "open", lambda *a, **k: _HalfThenFull(*a, **k), raising=False)
    elif fmt == "onnx":

        def onnx_full(program, args, path, **kwargs):
            _half_then_full(path)

        monkeypatch.setattr(torch.onnx, "export", onnx_full)
    elif fmt == "pt2":  # the archive is built in memory, then written with open()
        monkeypatch.setattr(
            sys.modules["cnnstudio.compiler.export"], "open", lambda *a, **k: _HalfThenFull(*a, **k), raising=False
        )
    else:
        from safetensors import SafetensorError

        def safetensors_full(tensors, path, metadata=None):
            with open(path, "wb") as handle:
                handle.write(b"\0" * 100)
            raise SafetensorError("Error while serializing: IoError(Os { code: 28, kind: StorageFull })")

        monkeypatch.setattr(safetensors.torch, "save_file", safetensors_full)


@pytest.mark.parametrize("fmt", ["python", "onnx", "pt2", "safetensors"])
@pytest.mark.parametrize("where", ["mid-write", "fsync"])
def test_a_full_disk_leaves_the_old_file_and_says_so_in_one_line(tmp_path, monkeypatch, fmt, where):
    graph = wide_linear(8)
    out = tmp_path / f"model.{ {'python': 'py'}.get(fmt, fmt) }"
    out.write_bytes(b"the old export")
    if where == "fsync":
        monkeypatch.setattr(safe_io.os, "fsync", _enospc)
    else:
        _full_mid_write(monkeypatch, fmt)
    with pytest.raises(ExportError) as info:
        export_model(graph, fmt, out)
    message = str(info.value)
    assert "\n" not in message and str(out) in message
    assert "No space left on device" in message or "StorageFull" in message or "failed writing" in message
    assert out.read_bytes() == b"the old export"
    assert sorted(os.listdir(tmp_path)) == [out.name]  # no temp file, no half sidecar


_FILE_SIZE_CAP = """
import resource, signal, sys
from cnnstudio.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap is then EFBIG, as a full disk is ENOSPC
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("fmt", ["onnx", "pt2", "safetensors"])
def test_a_real_write_that_stops_half_way_is_one_line_in_a_live_process(tmp_path, fmt):
    """Not a mock: the process may write no file over 200 kB, and the writers' own code meets the failure
    (torch.export's zip writer used to abort the whole process from a C++ destructor)."""
    project = tmp_path / "wide.cnn.json"
    from cnnstudio.core.project_file import save

    save(wide_linear(1000), project)  # 1 M weights: 4 MB in any format
    out = tmp_path / f"model.{fmt}"
    done = subprocess.run(
        [sys.executable, "-c", _FILE_SIZE_CAP, "export", str(project), "--format", fmt, "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "cannot be written" in lines[0], done.stderr[-2000:]
    assert sorted(os.listdir(tmp_path)) == [project.name]  # no half file, no temp left behind


def test_a_file_name_with_a_newline_still_gives_one_line(tmp_path):
    folder = tmp_path / "two\nlines"
    folder.mkdir()
    (folder / "w.pth").write_bytes(b"\x80\x04not torch")
    with pytest.raises(ExportError) as info:
        export_model(wide_linear(8), "onnx", folder / "m.onnx", weights=folder / "w.pth")
    assert "\n" not in str(info.value) and "plain Python pickle" in str(info.value)
