"""Run folders read back as the Runs view lists them: good runs, and broken or foreign folders with a reason."""

from __future__ import annotations

import json
import os

import pytest

from cnnstudio.core.safe_io import FileProblem
from cnnstudio.training.run_records import (
    RunLog,
    delete_run,
    list_runs,
    new_run_folder,
    project_stem,
    read_curves,
    read_run,
    rename_run,
    runs_root,
)


def _events(log: RunLog, epochs: int = 2, steps: int = 3, start: int = 0) -> None:
    log.add({"event": "started", "t": 0, "resumed": start > 0, "step": start * steps, "epochs": epochs})
    for epoch in range(start + 1, epochs + 1):
        for batch in range(1, steps + 1):
            step = (epoch - 1) * steps + batch
            log.add(
                {"event": "batch", "epoch": epoch, "batch": batch, "step": step, "loss": 1 / step, "losses": [1 / step]}
            )
        accuracy = 0.5 + 0.1 * epoch
        log.add(
            {
                "event": "epoch_end",
                "epoch": epoch,
                "step": epoch * steps,
                "val_loss": 1 / epoch,
                "val_accuracy": accuracy,
                "best": True,
                "samples": [{"image": "x" * 1000}],  # pictures are not kept in the log
                "confusion": [[1]],
            }
        )


def test_paths_beside_the_project_and_fresh_folders(tmp_path):
    assert project_stem("a/net.cnn.json") == "net" and project_stem("b/x.json") == "x"
    assert runs_root(tmp_path / "net.cnn.json", tmp_path / "u") == tmp_path / "runs" / "net"
    assert runs_root(None, tmp_path / "u") == tmp_path / "u"
    first = new_run_folder(tmp_path / "r", now=0)
    second = new_run_folder(tmp_path / "r", now=0)  # the same second: a suffix, never the same folder
    assert first.is_dir() and second.name == first.name + "-2"


def test_a_logged_run_lists_with_its_epochs_best_and_curves(tmp_path):
    folder = new_run_folder(tmp_path)
    log = RunLog.create(folder, "net.cnn.json", epochs=2)
    assert read_run(folder).status == "running"
    _events(log)
    log.add({"event": "finished", "epochs": 2})
    log.end()
    record = read_run(folder)
    assert (record.problem, record.status, record.epochs_done, record.epochs) == (None, "finished", 2, 2)
    assert (record.best_metric, record.best_value, record.best_epoch) == ("accuracy", pytest.approx(0.7), 2)
    curves = read_curves(folder)
    assert curves.loss[0] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert curves.per_epoch("val_accuracy") == ([1.0, 2.0], [pytest.approx(0.6), pytest.approx(0.7)])
    assert b"xxxx" not in (folder / "events.jsonl").read_bytes()  # no pictures in the log


def test_a_resumed_run_continues_its_log_and_replaces_what_it_replays(tmp_path):
    folder = new_run_folder(tmp_path)
    log = RunLog.create(folder, None, epochs=1)
    _events(log, epochs=1)
    log.add({"event": "stopped", "epoch": 1, "batch": 0})
    log.end()
    assert read_run(folder).status == "stopped"
    again = RunLog.reopen(folder, epochs=2)
    _events(again, epochs=2, start=1)
    again.end()  # exited without saying how: a failure
    record = read_run(folder)
    assert (record.status, record.epochs_done, record.epochs) == ("failed", 2, 2)
    assert read_curves(folder).loss[0] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]


def test_broken_and_foreign_folders_are_listed_with_a_reason(tmp_path):
    good = new_run_folder(tmp_path, now=100)
    RunLog.create(good, None, epochs=1, now=100)
    (tmp_path / "no-record").mkdir()
    bad_json = tmp_path / "bad-json"
    bad_json.mkdir()
    (bad_json / "run.json").write_text("{nope", encoding="utf-8")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "run.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    folder_record = tmp_path / "folder-record"
    (folder_record / "run.json").mkdir(parents=True)
    odd = tmp_path / "odd-values"
    odd.mkdir()
    (odd / "run.json").write_text(
        json.dumps({"format": "cnnstudio.run", "name": 5, "status": "weird", "epochs_done": -3, "best": "x"}),
        encoding="utf-8",
    )
    for name, started in (("far-future", 1e300), ("before-1970", -1e17)):  # no calendar shows these
        (tmp_path / name).mkdir()
        (tmp_path / name / "run.json").write_text(json.dumps({"format": "cnnstudio.run", "started": started}))
    (tmp_path / "a-file.txt").write_text("not a run", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        fifo_run = tmp_path / "fifo"
        fifo_run.mkdir()
        os.mkfifo(fifo_run / "run.json")
    runs = {r.folder.name: r for r in list_runs(tmp_path)}
    assert runs[good.name].problem is None and runs[good.name].status == "running"
    assert "no run.json" in runs["no-record"].problem
    assert "not valid JSON" in runs["bad-json"].problem
    assert "not a CNN Studio run" in runs["foreign"].problem
    assert "folder" in runs["folder-record"].problem
    if hasattr(os, "mkfifo"):
        assert "regular file" in runs["fifo"].problem
    odd_record = runs["odd-values"]  # odd values fall back to safe ones rather than failing the list
    assert (odd_record.problem, odd_record.name, odd_record.status, odd_record.epochs_done) == (
        None,
        "odd-values",
        "stopped",
        0,
    )
    assert runs["far-future"].started is None and runs["before-1970"].started is None
    assert runs["far-future"].problem is None
    assert "a-file.txt" not in runs
    assert all("\n" not in (r.problem or "") for r in runs.values())
    assert list_runs(tmp_path / "missing") == []
    (tmp_path / "bad-json" / "events.jsonl").write_text('garbage\n{"event": "batch", "step": "x"}\n[1]\n')
    assert read_curves(tmp_path / "bad-json").loss == ([], [])


def test_rename_keeps_the_folder_and_delete_leaves_nothing_half_deleted(tmp_path):
    folder = new_run_folder(tmp_path)
    RunLog.create(folder, None, epochs=1)
    (folder / "checkpoints").mkdir()
    (folder / "checkpoints" / "last.safetensors").write_bytes(b"w")
    rename_run(folder, "  wider   conv1 ")
    assert read_run(folder).name == "wider conv1" and folder.is_dir()
    with pytest.raises(FileProblem):
        rename_run(folder, "   ")
    with pytest.raises(FileProblem):
        rename_run(tmp_path / "nothing", "x")
    delete_run(folder)
    assert not folder.exists() and list_runs(tmp_path) == []
    # a delete that a crash interrupted after its rename: never listed, removed by the next listing
    stale = tmp_path / ".deleting-20260101-000000-1"
    (stale / "checkpoints").mkdir(parents=True)
    assert list_runs(tmp_path) == [] and not stale.exists()
    with pytest.raises(FileProblem):
        delete_run(tmp_path / "gone")


def test_the_log_grows_by_appending_and_a_line_cut_by_a_crash_costs_only_itself(tmp_path):
    folder = new_run_folder(tmp_path)
    log = RunLog.create(folder, None, epochs=2)
    _events(log, epochs=1)
    size = (folder / "events.jsonl").stat().st_size
    with open(folder / "events.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"event": "batch", "step": 4, "los')  # the app died mid-line
    again = RunLog.reopen(folder, epochs=2)
    _events(again, epochs=2, start=1)
    again.end()
    assert (folder / "events.jsonl").stat().st_size > size
    assert read_curves(folder).loss[0] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert [e["epoch"] for e in read_curves(folder).epochs] == [1, 2]


def test_append_text_refuses_what_is_not_a_regular_file(tmp_path):
    from cnnstudio.core.safe_io import append_text

    append_text(tmp_path / "log.jsonl", "a\n")
    append_text(tmp_path / "log.jsonl", "b\n")
    assert (tmp_path / "log.jsonl").read_text() == "a\nb\n"
    with pytest.raises(FileProblem):
        append_text(tmp_path, "x\n")  # a folder
    with pytest.raises(FileProblem):
        append_text(tmp_path / "missing" / "log.jsonl", "x\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        with pytest.raises(FileProblem):  # refused (or no reader): never a hang
            append_text(tmp_path / "fifo", "x\n")


def test_a_rename_while_the_run_still_writes_its_record_stays(tmp_path):
    """The worker's last events (its exit) rewrite run.json after the user renamed the run: the name stays."""
    folder = new_run_folder(tmp_path)
    log = RunLog.create(folder, None, epochs=2)
    _events(log, epochs=1)
    rename_run(folder, "first try")
    _events(log, epochs=2, start=1)
    log.end()
    record = read_run(folder)
    assert record.name == "first try" and record.epochs_done == 2
