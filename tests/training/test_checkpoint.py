"""Checkpoints: what the files hold, and clear refusals for torn, foreign, damaged or mismatched ones."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from cnnstudio.training import checkpoint as ckpt
from cnnstudio.training.checkpoint import load_checkpoint, load_model_state, resolve, save_checkpoint
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.errors import CheckpointError

from .helpers import blob_split, make_trainer, tiny_classifier

CONFIG = TrainingConfig(epochs=1, batch_size=8, seed=0)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One training run for the whole module (the damaged-sidecar cases alone are 30); tests get copies."""
    folder = tmp_path_factory.mktemp("trained") / "a"
    trainer = make_trainer(tiny_classifier(), blob_split(), CONFIG, checkpoint_dir=folder)
    trainer.run()
    return folder, trainer


@pytest.fixture
def saved(trained, tmp_path):
    """A fresh copy of the trained checkpoint folder, free to damage, and the (read-only) trainer."""
    folder, trainer = trained
    copy = tmp_path / "a"
    copy.mkdir()
    first: dict[int, Path] = {}  # the plain names are hard links to a generation's files: kept as links
    for path in sorted(folder.iterdir()):
        inode = path.stat().st_ino
        if inode in first:
            os.link(first[inode], copy / path.name)
        else:
            first[inode] = copy / path.name
            shutil.copy2(path, first[inode])
    return copy, trainer


def _generation(folder, name="last"):
    return json.loads((folder / f"{name}.json").read_text())


def test_a_checkpoint_is_plain_safetensors_and_json(saved):
    folder, trainer = saved
    weights = load_file(folder / "last.safetensors")
    assert set(weights) == set(trainer.model.state_dict())
    assert all(torch.equal(weights[k], v) for k, v in trainer.model.state_dict().items())
    meta = _generation(folder)
    assert (meta["epochs_done"], meta["batch"], meta["step"]) == (1, 0, 9)
    assert meta["config"] == CONFIG.to_dict() and meta["data"]["classes"] == ["c0", "c1", "c2", "c3"]
    assert meta["history"][0]["val_accuracy"] is not None and meta["best"]["metric"] == "accuracy"
    state = load_file(folder / meta["state"])
    assert "rng.cpu" in state and any(k.startswith("optimizer.") for k in state)
    # the plain name is the generation's weights file under a second name, not a second copy
    assert os.path.samefile(folder / "last.safetensors", folder / meta["weights"])
    best = _generation(folder, "best")
    assert sorted(p.name for p in folder.iterdir() if p.name != "snapshot.safetensors") == sorted(
        [f"{n}.json" for n in ("best", "last")]
        + [f"{n}.safetensors" for n in ("best", "last")]
        + [m["weights"] for m in (meta, best)]
        + [m["state"] for m in (meta, best)]
    )
    for kind in ("best", "last"):  # the folder, the stem, the sidecar and each tensor file name the checkpoint
        m = _generation(folder, kind)
        names = [f"{kind}", f"{kind}.json", f"{kind}.safetensors", m["weights"], m["state"]]
        for given in [folder / n for n in names] + ([folder] if kind == "last" else []):
            assert resolve(given) == folder / f"{kind}.json"
            assert load_checkpoint(given).meta["token"] == m["token"]


def test_resolve_says_in_one_line_when_nothing_is_there(tmp_path):
    for given in (tmp_path, tmp_path / "best", tmp_path / "best.safetensors"):
        with pytest.raises(CheckpointError) as info:
            resolve(given)
        assert "no checkpoint there" in str(info.value) and "\n" not in str(info.value)


def _flip(path, offset_from_end=5):
    data = bytearray(path.read_bytes())
    data[-offset_from_end] ^= 0x40  # inside the tensor data (the header is at the start)
    path.write_bytes(bytes(data))


def test_flipped_bytes_in_tensor_data_are_refused_not_trained_on(saved):
    folder, _ = saved
    _flip(folder / "last.safetensors")  # the plain name shares the generation's file
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(folder)
    assert str(info.value).startswith(f"checkpoint {folder / 'last.json'} is damaged (checksum mismatch)")
    assert "\n" not in str(info.value)
    _flip(folder / _generation(folder, "best")["state"])
    with pytest.raises(CheckpointError, match="is damaged .checksum mismatch."):
        load_checkpoint(folder / "best")


def test_a_tensor_file_of_another_checkpoint_is_refused(saved, tmp_path):
    folder, _ = saved
    make_trainer(tiny_classifier(), blob_split(), CONFIG, checkpoint_dir=tmp_path / "b").run()
    other = (tmp_path / "b" / _generation(tmp_path / "b")["weights"]).read_bytes()
    (folder / _generation(folder)["weights"]).write_bytes(other)
    with pytest.raises(CheckpointError, match="checksum mismatch"):
        load_checkpoint(folder)
    meta = _generation(folder)  # with the checksum edited to match, the token still tells them apart
    meta["sha256"]["weights"] = ckpt._sha256(folder / meta["weights"])
    (folder / "last.json").write_text(json.dumps(meta))
    with pytest.raises(CheckpointError, match="does not belong to its .json sidecar"):
        load_checkpoint(folder)


def test_a_missing_tensor_file_is_named(saved):
    folder, _ = saved
    (folder / _generation(folder)["state"]).unlink()
    with pytest.raises(CheckpointError, match=r"its tensor file last\.\d+-[0-9a-f]{8}\.state\.safetensors is missing"):
        load_checkpoint(folder)


def _set(meta, dotted, value):
    *path, last = dotted.split(".")
    target = meta
    for key in path:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[last] = value
    return json.dumps(meta)


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda m: "{not json", "not a readable checkpoint"),
        (lambda m: json.dumps({**m, "format": "other"}), "not a CNN Studio checkpoint"),
        (lambda m: json.dumps({**m, "version": 99}), "newer CNN Studio"),
        (lambda m: json.dumps({**m, "version": True}), "version must be a whole number ≥ 1, got True"),
        (lambda m: json.dumps({k: v for k, v in m.items() if k != "step"}), "incomplete checkpoint (no step)"),
        (lambda m: _set(m, "batch", -3), "batch must be a whole number ≥ 0, got -3"),
        (lambda m: _set(m, "epochs_done", -5), "epochs_done must be a whole number ≥ 0, got -5"),
        (lambda m: _set(m, "step", "9"), "step must be a whole number ≥ 0, got '9'"),
        (lambda m: _set(m, "step", 2**80), "step must be a whole number ≥ 0"),
        (lambda m: _set(m, "processes", 0), "processes must be a whole number ≥ 1, got 0"),
        (lambda m: _set(m, "config.lr", float("inf")), "training config: lr must be a number > 0 and ≤ 1e+09, got inf"),
        (
            lambda m: _set(m, "config.batch_size", 0),
            "training config: batch_size must be a whole number from 1 to 65,536",
        ),
        (lambda m: _set(m, "config", "adam"), "config must be an object"),
        (lambda m: _set(m, "weights", "../elsewhere.safetensors"), "weights must be a .safetensors file name"),
        (lambda m: _set(m, "sha256.state", "abc"), "sha256.state must be a SHA-256 digest"),
        (lambda m: _set(m, "token", 7), "token must be a hexadecimal string, got 7"),
        (lambda m: _set(m, "progress", {"loss_sum": float("nan")}), "progress.loss_sum must be a finite number"),
        (lambda m: _set(m, "history", {"a": 1}), "history must be a list of objects"),
        (lambda m: _set(m, "history", [{"epoch": 1}]), "history.0 must be an object with val_loss and val_accuracy"),
        (lambda m: _set(m, "history.0.val_loss", "low"), "history.0.val_loss must be a finite number or null"),
        (lambda m: _set(m, "best", {"metric": "accuracy"}), "best.value must be a finite number, got None"),
        (lambda m: _set(m, "best.epoch", -1), "best.epoch must be a whole number ≥ 0, got -1"),
        (lambda m: _set(m, "optimizer.param_groups.0.lr", float("nan")), "optimizer.param_groups.0.lr must be a"),
        (lambda m: _set(m, "optimizer.param_groups.0.params", [-1]), "optimizer.param_groups.0.params must be"),
        (lambda m: _set(m, "optimizer.state", []), "optimizer must be an object with a state and param_groups"),
        # "²".isdigit() is True but int("²") fails: only ASCII digits name a parameter
        (lambda m: _set(m, "optimizer.state", {"²": {}}), "optimizer.state.² must be an object under a parameter"),
        (lambda m: _set(m, "weights", "w" * 300 + ".safetensors"), "weights must be a .safetensors file name"),
        (lambda m: _set(m, "state", "a\x00.safetensors"), "state must be a .safetensors file name"),
    ],
)
def test_a_damaged_sidecar_gives_one_line_naming_the_key(saved, damage, words):
    folder, _ = saved
    meta = _generation(folder)
    (folder / "last.json").write_text(damage(meta))
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(folder)
    assert words in str(info.value) and "\n" not in str(info.value)
    assert str(info.value).startswith(str(folder / "last.json"))


def test_an_optimiser_tensor_the_state_file_lacks_is_named(saved):
    folder, trainer = saved
    meta = _generation(folder)
    entry = next(iter(meta["optimizer"]["state"].values()))
    key = next(k for k, v in entry.items() if isinstance(v, dict))
    entry[key] = {"tensor": "optimizer.99.nothing"}
    (folder / "last.json").write_text(json.dumps(meta))
    other = make_trainer(tiny_classifier(), blob_split(), CONFIG.replace(epochs=2))
    with pytest.raises(CheckpointError, match="the optimiser tensor 'optimizer.99.nothing' is missing"):
        other.run(resume=load_checkpoint(folder))


def test_resuming_into_a_different_network_names_what_does_not_fit(saved):
    folder, _ = saved
    other = make_trainer(tiny_classifier(classes=4, batchnorm=True), blob_split(), CONFIG.replace(epochs=2))
    with pytest.raises(CheckpointError) as info:
        other.run(resume=load_checkpoint(folder))
    assert "does not fit this network" in str(info.value) and "missing: bn1." in str(info.value)


@pytest.mark.parametrize("dtype", [torch.bool, torch.complex64, torch.float8_e4m3fn, torch.int8, torch.int64])
def test_weights_that_are_not_floating_point_are_refused_with_their_keys(dtype):
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    weights["0.weight"] = torch.zeros(2, 3).to(dtype)
    with pytest.raises(CheckpointError) as info:
        load_model_state(model, weights, "w.safetensors")
    kind = str(dtype).removeprefix("torch.")
    assert str(info.value) == f"w.safetensors holds tensors that are not floating-point weights: 0.weight ({kind})"
    weights["0.weight"] = torch.ones(2, 3, dtype=torch.float16)  # half precision is a real weight: loaded
    load_model_state(model, weights, "w.safetensors")  # num_batches_tracked stays an integer buffer
    assert torch.equal(model[0].weight, torch.ones(2, 3))


def test_a_version_1_checkpoint_loads_and_the_next_save_replaces_its_files(tmp_path):
    model, optimizer = _model_and_optimizer()
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(1))
    meta = _generation(tmp_path)
    for key, plain in (("weights", "last.safetensors"), ("state", "last.state.safetensors")):
        (tmp_path / plain).unlink(missing_ok=True)
        os.replace(tmp_path / meta[key], tmp_path / plain)
        meta[key] = plain
    del meta["sha256"]
    (tmp_path / "last.json").write_text(json.dumps({**meta, "version": 1}))
    assert load_checkpoint(tmp_path).meta["epochs_done"] == 1
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(2))
    assert not (tmp_path / "last.state.safetensors").exists() and load_checkpoint(tmp_path).meta["epochs_done"] == 2


# saves that crash ----------------------------------------------------------------------------
def _model_and_optimizer(seed=0):
    torch.manual_seed(seed)
    model = torch.nn.Linear(4, 3)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model(torch.randn(2, 4)).sum().backward()
    optimizer.step()
    return model, optimizer


def _meta(epoch):
    return {"kind": "last", "epochs_done": epoch, "batch": 0, "step": 3 * epoch, "progress": None,
            "config": TrainingConfig().to_dict(), "history": [], "best": None}  # fmt: skip


def _loads_as_one_of(folder, expected: dict[int, dict[str, torch.Tensor]]) -> int:
    """The checkpoint loads, and it is one of the expected epochs exactly (also under the plain name)."""
    loaded = load_checkpoint(folder)
    epoch = loaded.meta["epochs_done"]
    assert epoch in expected
    assert all(torch.equal(loaded.weights[k], v) for k, v in expected[epoch].items())
    plain = load_file(folder / "last.safetensors")
    assert any(all(torch.equal(plain[k], v) for k, v in w.items()) for w in expected.values())
    return epoch


def _only_the_current_generation(folder):
    meta = _generation(folder)
    return sorted(p.name for p in folder.iterdir()) == sorted(
        ["last.json", "last.safetensors", meta["weights"], meta["state"]]
    )


class _Injected(BaseException):
    pass


_FILE_OPS = [(os, "open"), (os, "replace"), (os, "link"), (os, "fsync"), (os, "chmod"), (ckpt, "save_file")]


def _arm(monkeypatch, k, fail, ops=_FILE_OPS):
    """Make the k-th file operation of the save call ``fail()`` instead (counting from 1)."""
    import builtins
    import shutil

    calls = [0]
    for owner, name in [*ops, (builtins, "open"), (shutil, "copyfile")]:
        real = getattr(owner, name)

        def wrapper(*args, _real=real, **kwargs):
            calls[0] += 1
            if calls[0] == k:
                fail()
            return _real(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)
    return calls


def _full_disk():
    raise OSError(28, "No space left on device")


def _interrupted():
    raise KeyboardInterrupt


def _exited():
    raise SystemExit(1)


@pytest.mark.parametrize("fail", [_full_disk, _interrupted, _exited], ids=["full-disk", "ctrl-c", "exit"])
def test_a_save_failing_at_any_step_keeps_a_checkpoint_that_resumes(tmp_path, monkeypatch, fail):
    model, optimizer = _model_and_optimizer(0)
    newer, _ = _model_and_optimizer(1)
    expected = {1: model.state_dict(), 2: newer.state_dict()}
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(1))
    seen = set()
    for k in range(1, 200):
        with monkeypatch.context() as patch:
            # a full disk fails writes; an interrupt can also land in a cleanup's unlink
            calls = _arm(patch, k, fail, _FILE_OPS if fail is _full_disk else [*_FILE_OPS, (os, "unlink")])
            try:
                save_checkpoint(tmp_path, "last", newer, optimizer, _meta(2))
                completed = True
            except (OSError, KeyboardInterrupt, SystemExit) as exc:
                completed = False
                assert fail is not _full_disk or (isinstance(exc, OSError) and "\n" not in str(exc))
        seen.add(_loads_as_one_of(tmp_path, expected))
        if fail is _full_disk:  # nothing half-written stays behind a failed save
            assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
        if completed:
            assert calls[0] < k  # every step was tried: the last run had none left to fail
            break
        save_checkpoint(tmp_path, "last", model, optimizer, _meta(1))  # back to the old one for the next k
    assert seen == {1, 2} and k > 20
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(3))
    if fail is _full_disk:  # (an interrupted cleanup leaves this live process's temps for a later one)
        assert _only_the_current_generation(tmp_path)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to kill a real process mid-save")
def test_a_save_killed_at_any_instant_keeps_a_checkpoint_that_resumes(tmp_path, monkeypatch):
    """kill -9 of a real process before each file operation of a save: no cleanup code runs at all."""
    import signal

    model, optimizer = _model_and_optimizer(0)
    newer, _ = _model_and_optimizer(1)
    expected = {1: model.state_dict(), 2: newer.state_dict()}
    seen = set()
    for k in range(1, 200):
        folder = tmp_path / f"k{k}"
        save_checkpoint(folder, "last", model, optimizer, _meta(1))
        pid = os.fork()
        if pid == 0:  # the child: killed at its k-th file operation (or it finishes and says so)
            try:
                _arm(monkeypatch, k, lambda: os.kill(os.getpid(), signal.SIGKILL), [*_FILE_OPS, (os, "unlink")])
                save_checkpoint(folder, "last", newer, optimizer, _meta(2))
                os._exit(0)
            finally:
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        seen.add(_loads_as_one_of(folder, expected))
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0
            break
        assert os.WTERMSIG(status) == signal.SIGKILL
        save_checkpoint(folder, "last", model, optimizer, _meta(3))  # cleans what the dead writer left
        assert _only_the_current_generation(folder), sorted(p.name for p in folder.iterdir())
    assert seen == {1, 2} and k > 20


def test_a_live_writers_generation_is_left_alone(tmp_path):
    model, optimizer = _model_and_optimizer()
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(1))
    live = tmp_path / f"last.{os.getppid()}-0123abcd.safetensors"  # another process's save in progress
    save_file({"x": torch.zeros(1)}, live)
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(2))
    assert live.exists()


def test_a_load_racing_a_save_reads_the_new_generation(tmp_path, monkeypatch):
    model, optimizer = _model_and_optimizer(0)
    newer, _ = _model_and_optimizer(1)
    save_checkpoint(tmp_path, "last", model, optimizer, _meta(1))
    real = ckpt._read_tensors

    def slow_reader(*args):  # a save switches generations between reading the sidecar and its files
        monkeypatch.setattr(ckpt, "_read_tensors", real)
        save_checkpoint(tmp_path, "last", newer, optimizer, _meta(2))
        return real(*args)

    monkeypatch.setattr(ckpt, "_read_tensors", slow_reader)
    assert _loads_as_one_of(tmp_path, {2: newer.state_dict()}) == 2


@pytest.mark.parametrize("name", ["c" * 300, "c" * 300 + ".safetensors", "a\x00b"])
def test_a_checkpoint_name_the_system_cannot_look_up_is_a_checkpoint_error(tmp_path, name):
    with pytest.raises(CheckpointError, match="no checkpoint there"):
        load_checkpoint(tmp_path / name)
