"""The one atomic writer and the one careful reader: special files, sizes, crashes and orphaned temps."""

import os
import subprocess
import sys

import pytest

from cnnstudio.core import safe_io
from cnnstudio.core.safe_io import FileProblem


def test_read_refuses_a_fifo_a_device_and_a_folder_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.cnn.json"
    os.mkfifo(fifo)
    for path, words in ((fifo, "not a regular file"), ("/dev/zero", "not a regular file"), (tmp_path, "folder")):
        with pytest.raises(FileProblem, match=words):
            safe_io.read_regular(path, 1 << 20, "project file")


def test_read_bounds_the_size_and_says_it(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileProblem, match=r"2 KiB, larger than the 1 KiB"):
        safe_io.read_regular(big, 1024, "weights file")
    assert safe_io.read_regular(big, 4096) == b"x" * 2048


def test_write_replaces_the_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o640)
    safe_io.write_text(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_write_refuses_a_device_and_a_fifo_and_leaves_them(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        safe_io.write_text(fifo, "x")
    assert fifo.is_fifo()
    with pytest.raises(FileProblem, match="not a regular file"):
        safe_io.write_text("/dev/null", "x")


def test_a_failing_write_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def write(tmp):
        with open(tmp, "w") as handle:
            handle.write("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(FileProblem, match="No space left on device") as caught:
        safe_io.write_atomic(target, write)
    assert "\n" not in str(caught.value)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_over_long_name_is_one_line(tmp_path):
    with pytest.raises(FileProblem, match="file name is too long"):
        safe_io.write_text(tmp_path / ("n" * 240), "x")


def test_orphans_of_dead_writers_are_removed_but_never_a_live_ones(tmp_path):
    target = tmp_path / "net.cnn.json"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    orphan = tmp_path / f".net.cnn.json.tmp-{dead_pid}-abc.json"
    live = tmp_path / f".net.cnn.json.tmp-{os.getppid()}-def.json"
    legacy_old = tmp_path / ".net.cnn.json.k2j3.tmp"
    legacy_new = tmp_path / ".net.cnn.json.z9z9.tmp"
    other = tmp_path / ".other.json.tmp-1-x.json"
    for path in (orphan, live, legacy_old, legacy_new, other):
        path.write_text("partial")
    os.utime(legacy_old, (1, 1))
    safe_io.write_text(target, "saved")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([target.name, live.name, legacy_new.name, other.name])


@pytest.mark.parametrize("name", ["a\x00b.cnn.json", "\ud800.cnn.json"])
def test_a_name_no_system_can_open_is_a_file_problem_not_a_value_error(tmp_path, name):
    # names come from files too (a checkpoint sidecar, a project's weights entry): NUL bytes, lone surrogates
    path = str(tmp_path / name)
    with pytest.raises(FileProblem, match="is not a usable file name") as info:
        safe_io.read_regular(path, 1024)
    assert "\n" not in str(info.value) and "\x00" not in str(info.value)
    with pytest.raises(FileProblem, match="is not a usable file name"):
        safe_io.write_text(path, "x")
    assert os.listdir(tmp_path) == []
