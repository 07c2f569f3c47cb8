"""Weights files from other people: hundreds of damaged, hostile and odd files give the project's own one-line
error (or load as plain float tensors), never another exception, never run code, never block."""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from cnnstudio.compiler import WeightsError, read_state_dict
from cnnstudio.compiler.weights import FLOAT_DTYPES, MAX_TENSORS

# TorchScript archives are made here only to be refused: torch's deprecation of torch.jit is not news to us
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.s.*` is deprecated:FutureWarning")


class _Payload:
    """Unpickling this would create the marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _state(seed: int = 0) -> dict[str, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return {
        "conv.weight": torch.randn(4, 1, 3, 3, generator=g),
        "conv.bias": torch.randn(4, generator=g),
        "bn.running_mean": torch.zeros(4),
        "bn.num_batches_tracked": torch.tensor(3),
        "fc.weight": torch.randn(2, 16, generator=g),
    }


def _torch_bytes(obj, **kwargs) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer, **kwargs)
    return buffer.getvalue()


def _safetensors_bytes(header: dict, data: bytes = b"") -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + data


def _zip_bytes(entries: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def generated_files(folder: Path, marker: Path) -> list[Path]:
    """Write the fuzz corpus; returns the paths (about 200)."""
    files: dict[str, bytes] = {}
    rng = random.Random(1234)
    good_st = folder / "good.safetensors"
    save_file(_state(), good_st)
    st = good_st.read_bytes()
    pth = _torch_bytes(_state())
    legacy = _torch_bytes(_state(), _use_new_zipfile_serialization=False)

    # truncated at many points
    for i, cut in enumerate(sorted(rng.sample(range(1, len(st)), 30))):
        files[f"cut{i}.safetensors"] = st[:cut]
    for i, cut in enumerate(sorted(rng.sample(range(1, len(pth)), 25))):
        files[f"cut{i}.pth"] = pth[:cut]
    for i, cut in enumerate(sorted(rng.sample(range(1, len(legacy)), 10))):
        files[f"cut{i}_legacy.pt"] = legacy[:cut]

    # bad safetensors headers
    for i, length in enumerate([0, 1, 7, 2**63 - 1, 2**64 - 1, 10**9, len(st)]):
        files[f"len{i}.safetensors"] = struct.pack("<Q", length) + st[8:]
    for i, raw in enumerate([b"[]", b"3", b'"x"', b"null", b"{", b'{"a": 1}', b'{"a": {"dtype": "F32"}}', b"{}"]):
        files[f"json{i}.safetensors"] = struct.pack("<Q", len(raw)) + raw
    nested = "[" * 100_000 + "]" * 100_000
    files["deep.safetensors"] = struct.pack("<Q", len(nested)) + nested.encode()
    for i, (dtype, shape, offsets) in enumerate(
        [
            ("F32", [10**12], [0, 16]),
            ("F32", [2, 2], [0, 10**15]),
            ("F32", [2, 2], [8, 0]),
            ("F32", [-1], [0, 16]),
            ("F32", [2, 2], [0, 15]),
            ("XYZ", [2], [0, 8]),
            ("BOOL", [16], [0, 16]),
            ("I8", [16], [0, 16]),
            ("U8", [16], [0, 16]),
            ("C64", [2], [0, 16]),
            ("F8_E4M3", [16], [0, 16]),
            ("F8_E5M2", [16], [0, 16]),
            ("I32", [4], [0, 16]),
            ("I64", [2], [0, 16]),
        ]
    ):
        files[f"hdr{i}.safetensors"] = _safetensors_bytes(
            {"w": {"dtype": dtype, "shape": shape, "data_offsets": offsets}}, b"\0" * 16
        )
    big = {f"k{i}": {"dtype": "F32", "shape": [1], "data_offsets": [4 * i, 4 * i + 4]} for i in range(100_000)}
    files["keys100k.safetensors"] = _safetensors_bytes(big, b"\0" * 400_000)
    for i in range(20):  # random bytes flipped inside the header
        data = bytearray(st)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(8, 8 + 200)] = rng.randrange(256)
        files[f"flip{i}.safetensors"] = bytes(data)

    # tensors that are not float weights
    odd = {
        "bool": torch.ones(3, dtype=torch.bool),
        "int8": torch.ones(3, dtype=torch.int8),
        "uint8": torch.ones(3, dtype=torch.uint8),
        "int16": torch.ones(3, dtype=torch.int16),
        "int32": torch.ones(3, dtype=torch.int32),
        "int64": torch.ones(3, dtype=torch.int64),
        "complex64": torch.ones(3, dtype=torch.complex64),
        "complex128": torch.ones(3, dtype=torch.complex128),
        "float8_e4m3fn": torch.ones(3).to(torch.float8_e4m3fn),
        "float8_e5m2": torch.ones(3).to(torch.float8_e5m2),
    }
    for name, tensor in odd.items():
        files[f"dtype_{name}.pth"] = _torch_bytes({"conv.weight": tensor, "fc.weight": torch.ones(2)})
        if not tensor.is_complex():
            buffer = folder / f"dtype_{name}.safetensors"
            save_file({"conv.weight": tensor, "fc.weight": torch.ones(2)}, buffer)

    # odd pickles, all loaded with weights_only
    deep: object = torch.zeros(1)
    for _ in range(2000):
        deep = {"state_dict": deep}
    for i, obj in enumerate(
        [
            deep,
            [torch.zeros(2)] * 3,
            (torch.zeros(2),),
            {1: torch.zeros(2), (2, 3): torch.zeros(2)},
            {"a": None, "b": "text", "c": 10**40},
            {"model": {"x": 1}, "state_dict": []},
            torch.nn.Parameter(torch.zeros(2)),
            {"w": torch.nn.Parameter(torch.zeros(2))},
            {"w": torch.zeros(0)},
            {"w": torch.zeros(2, 3).t()},
            {"w": torch.zeros(4).expand(10**6, 4)},
            {"w": torch.zeros(3)[1:]},
            "just a string",
            12,
            None,
            b"bytes",
            {"payload": _Payload(marker), "w": torch.zeros(2)},
            _Payload(marker),
        ]
    ):
        try:
            files[f"odd{i}.pth"] = _torch_bytes(obj)
        except Exception:  # torch cannot save it: then it cannot be a weights file either
            pass
    for protocol in range(0, pickle.HIGHEST_PROTOCOL + 1):
        files[f"raw{protocol}.pkl"] = pickle.dumps({"w": [1.0, 2.0]}, protocol=protocol)
        files[f"evil{protocol}.pkl"] = pickle.dumps(_Payload(marker), protocol=protocol)
    files["many_shared.pth"] = _torch_bytes({f"k{i}": torch.zeros(1) for i in range(MAX_TENSORS + 1)})

    # zip archives that are not torch.save files
    files["bomb.pth"] = _zip_bytes({"archive/data.pkl": b"\0" * 50_000_000}, zipfile.ZIP_DEFLATED)
    files["compressed.pth"] = _zip_bytes({"x/data.pkl": pth, "x/data/0": b"\0" * 10_000}, zipfile.ZIP_DEFLATED)
    files["entries.pth"] = _zip_bytes({f"archive/data/{i}": b"\0\0\0\0" for i in range(MAX_TENSORS + 5)})
    files["empty_zip.pth"] = _zip_bytes({})
    files["torchscript_like.pt"] = _zip_bytes({"archive/constants.pkl": b"\x80\x02}.", "archive/data.pkl": b""})
    files["notzip.pth"] = b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500))
    script = torch.jit.script(torch.nn.Linear(2, 2)) if hasattr(torch.jit, "script") else None
    if script is not None:
        buffer = io.BytesIO()
        torch.jit.save(script, buffer)
        files["torchscript.pt"] = buffer.getvalue()

    # empty and random
    files["empty.pth"] = b""
    files["empty.safetensors"] = b""
    for i in range(20):
        prefix = [b"", b"PK\x03\x04", b"\x80", b"\x80\x02", b"{", struct.pack("<Q", 64) + b"{"][i % 6]
        files[f"random{i}.bin"] = prefix + bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))

    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for path in sorted(folder.iterdir()):
        paths.append(path)
    return paths


def test_weights_file_fuzz_gives_only_one_line_errors(tmp_path):
    folder = tmp_path / "fuzz"
    folder.mkdir()
    marker = tmp_path / "PWNED"
    paths = generated_files(folder, marker)
    assert len(paths) >= 150
    refused, loaded, slow = 0, 0, []
    for path in paths:
        start = time.monotonic()
        try:
            tensors = read_state_dict(path)
        except WeightsError as exc:
            message = str(exc)
            assert "\n" not in message and message.startswith(str(path)), message
            refused += 1
        else:  # what loads is plain float tensors (and batch norm's counter)
            assert all(v.dtype in FLOAT_DTYPES or k.endswith("num_batches_tracked") for k, v in tensors.items()), (
                path.name
            )
            loaded += 1
        if time.monotonic() - start > 20:
            slow.append(path.name)
    assert not marker.exists()
    assert slow == []
    assert refused >= 130 and loaded >= 3
    print(f"weights fuzz: {len(paths)} files, {refused} refused in one line, {loaded} loaded")


@pytest.mark.parametrize(
    ("dtype", "shown"),
    [(torch.bool, "bool"), (torch.int8, "int8"), (torch.complex64, "complex64"), (torch.float8_e4m3fn, "float8")],
)
def test_non_float_dtypes_are_refused_with_the_key_names(tmp_path, dtype, shown):
    state = {f"layer{i}.weight": torch.ones(2).to(dtype) for i in range(5)}
    torch.save(state, tmp_path / "w.pth")
    with pytest.raises(WeightsError, match=rf"layer0\.weight \({shown}.*and 2 more"):
        read_state_dict(tmp_path / "w.pth")
    if dtype is not torch.complex64:  # safetensors: refused from the header, before any tensor is read
        save_file(state, tmp_path / "w.safetensors")
        with pytest.raises(WeightsError, match=r"layer0\.weight"):
            read_state_dict(tmp_path / "w.safetensors")


def test_torchscript_and_raw_pickles_are_refused_in_one_line(tmp_path, capfd):
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), buffer)
    (tmp_path / "script.pt").write_bytes(buffer.getvalue())
    (tmp_path / "raw.pkl").write_bytes(pickle.dumps({"w": [1.0]}, protocol=4))
    capfd.readouterr()
    with pytest.raises(WeightsError, match="TorchScript archive"):
        read_state_dict(tmp_path / "script.pt")
    with pytest.raises(WeightsError, match="plain Python pickle"):
        read_state_dict(tmp_path / "raw.pkl")
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # no warnings from torch besides the one line


def test_a_100k_key_pth_is_refused_quickly(tmp_path):
    torch.save({f"k{i}": torch.zeros(1) for i in range(100_000)}, tmp_path / "many.pth")
    start = time.monotonic()
    with pytest.raises(WeightsError, match="100,000 tensors, more than the 20,000"):
        read_state_dict(tmp_path / "many.pth")
    assert time.monotonic() - start < 15  # the archive's directory, not 100,000 tensors (about 10 s)


SPECIAL = textwrap.dedent(
    """
    import os, sys
    from cnnstudio.compiler import WeightsError, read_state_dict
    folder = sys.argv[1]
    fifo = os.path.join(folder, "fifo.pth")
    os.mkfifo(fifo)
    os.symlink(fifo, os.path.join(folder, "link_to_fifo.safetensors"))
    os.symlink(os.path.join(folder, "nowhere"), os.path.join(folder, "broken.pth"))
    for path in [fifo, os.path.join(folder, "link_to_fifo.safetensors"), os.path.join(folder, "broken.pth"),
                 "/dev/zero", "/dev/urandom", "/dev/null", folder]:
        try:
            read_state_dict(path)
            print("LOADED", path)
        except WeightsError as exc:
            assert "\\n" not in str(exc)
            print("refused:", exc)
    """
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_devices_and_folders_are_refused_at_once(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SPECIAL, str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 7 and all(line.startswith("refused:") for line in lines), lines
    assert "not a regular file" in lines[0] and "no such file" in lines[2] and "is a folder" in lines[6]


def test_size_limit_and_free_memory_are_checked_before_reading(tmp_path, monkeypatch):
    import cnnstudio.compiler.weights as weights

    save_file(_state(), tmp_path / "w.safetensors")
    monkeypatch.setattr(weights, "MAX_WEIGHTS_BYTES", 100)
    with pytest.raises(WeightsError, match="larger than the .* a weights file may be"):
        read_state_dict(tmp_path / "w.safetensors")
    monkeypatch.setattr(weights, "MAX_WEIGHTS_BYTES", 1 << 30)
    monkeypatch.setattr(weights, "shortfall", lambda n, what: f"{what} needs {n} bytes; this machine has 0 free")
    with pytest.raises(WeightsError, match="loading it needs .* this machine has 0 free"):
        read_state_dict(tmp_path / "w.safetensors")
