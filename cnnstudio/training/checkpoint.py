"""Checkpoints without pickle: safetensors for tensors, JSON for everything else.

A checkpoint named ``last`` (or ``best``) in a folder is:

- ``last.json`` — the sidecar: epoch, batch and step, the config, the data, the normalisation, the metrics
  history, the optimiser's structure and scalars, and the names and SHA-256 checksums of its tensor files;
- ``last.<generation>.safetensors`` — the model's state_dict, keys at the nodes' names;
- ``last.<generation>.state.safetensors`` — the optimiser's tensors and the random number generator states;
- ``last.safetensors`` — the same weights under a plain name (a hard link, so no second copy), loadable on
  its own: ``safetensors.torch.load_file`` + ``model.load_state_dict``.

A save writes the new generation's tensor files beside the old ones, then replaces the sidecar (one atomic
rename: the moment the checkpoint switches), then refreshes the plain name and removes the old generation.
A crash or a full disk at any instant therefore leaves a sidecar naming complete files: the old checkpoint
or the new one. Loading follows the sidecar and verifies the checksums, so flipped bytes are refused rather
than trained on. The generation names its writer's pid: leftovers of a dead writer are removed by the next
save, a live writer's never.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from cnnstudio.core.safe_io import FileProblem, check_regular, read_regular, remove_orphans, write_atomic, write_text

from ..core.i18n import translate
from .errors import CheckpointError
from .sidecar import validate_sidecar

FORMAT = "cnnstudio.checkpoint"
VERSION = 2  # 2: generation files named by the sidecar, with checksums; 1: fixed names, torn by a crash
REQUIRED = ("token", "weights", "state", "epochs_done", "batch", "step", "config")
MAX_SIDECAR_BYTES = 256 << 20  # the metrics history grows with the epochs; this is far past any real run
WEIGHT_DTYPES = (torch.float16, torch.bfloat16, torch.float32, torch.float64)  # what a trained weight may be
_GENERATION = re.compile(r"(?P<pid>\d+)-[0-9a-f]{8}")
_CHUNK = 1 << 20
_NO_LINKS = {
    getattr(errno, n) for n in ("EPERM", "EXDEV", "EMLINK", "ENOSYS", "ENOTSUP", "EOPNOTSUPP") if hasattr(errno, n)
}


@dataclass
class Checkpoint:
    """A loaded checkpoint: the sidecar's fields, the model weights and the optimiser/RNG tensors."""

    path: Path  # the sidecar
    meta: dict[str, Any]
    weights: dict[str, torch.Tensor]
    state: dict[str, torch.Tensor]


def paths(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """``name``'s plain weights file, its version-1 state file and its sidecar (the stable names)."""
    return folder / f"{name}.safetensors", folder / f"{name}.state.safetensors", folder / f"{name}.json"


def _generation_files(folder: Path, name: str, generation: str) -> tuple[Path, Path]:
    return folder / f"{name}.{generation}.safetensors", folder / f"{name}.{generation}.state.safetensors"


# writing -------------------------------------------------------------------------------------
def save_checkpoint(
    folder: str | os.PathLike,
    name: str,
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer | None,
    meta: dict[str, Any],
) -> Path:
    """Write checkpoint ``name`` into ``folder``; returns its plain weights file.

    OSError (one line) when it cannot; ``name`` then loads as the previous checkpoint or, when only the
    plain name could not be refreshed, as this one.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plain, _, sidecar_path = paths(folder, name)
    token = uuid.uuid4().hex
    generation = f"{os.getpid()}-{token[:8]}"
    weights_path, state_path = _generation_files(folder, name, generation)
    tags = {"format": FORMAT, "token": token}
    weights = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    state, optimizer_json = ({}, None) if optimizer is None else _flatten_optimizer(optimizer.state_dict())
    state.update(_rng_states())
    sidecar = {
        "format": FORMAT,
        "version": VERSION,
        **meta,
        "token": token,
        "weights": weights_path.name,
        "state": state_path.name,
        "sha256": None,
        "optimizer": optimizer_json,
    }
    json.dumps(sidecar, allow_nan=False)  # a value JSON cannot hold fails here, before anything is written
    sidecar["sha256"] = {
        "weights": _write_tensors(weights_path, weights, tags),
        "state": _write_tensors(state_path, state, tags),
    }
    write_text(sidecar_path, json.dumps(sidecar, indent=1, allow_nan=False))  # the switch to the new generation
    _link_plain(weights_path, plain)
    _remove_stale(folder, name, generation)
    return plain


def _write_tensors(path: Path, tensors: dict[str, torch.Tensor], tags: dict[str, str]) -> str:
    """Write a safetensors file atomically; returns its SHA-256."""
    digest = []

    def write(tmp: str) -> None:
        try:
            save_file(tensors, tmp, metadata=tags)
        except SafetensorError as exc:  # a full disk comes back from the Rust writer as this
            raise OSError(translate("Training", "cannot write tensors ({reason})").format(reason=exc)) from None
        digest.append(_sha256(Path(tmp)))

    write_atomic(path, write)
    return digest[0]


def _link_plain(source: Path, plain: Path) -> None:
    """``name.safetensors``: the current weights under the plain name, a hard link (a copy where none can be)."""

    def write(tmp: str) -> None:
        os.unlink(tmp)
        try:
            os.link(source, tmp)
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            shutil.copyfile(source, tmp)  # a file system without hard links (FAT, some network shares)

    write_atomic(plain, write)


def _remove_stale(folder: Path, name: str, keep: str) -> None:
    """Remove the generations of ``name`` the sidecar no longer names, and temps of dead writers' saves.

    A generation of another live process is left alone: it may be that process's save in progress.
    """
    files = re.compile(rf"{re.escape(name)}\.(?P<gen>{_GENERATION.pattern})\.(?:state\.)?safetensors")
    temps = re.compile(rf"\.(?P<target>{files.pattern})\.tmp-.*")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if (found := temps.fullmatch(entry.name)) is not None:
            remove_orphans(folder / found["target"])  # dead writers' temps only
        elif (found := files.fullmatch(entry.name)) is not None and found["gen"] != keep:
            pid = int(found["gen"].split("-")[0])
            if pid == os.getpid() or not _alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.unlink(paths(folder, name)[1])  # a version-1 state file this save replaces


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process there: count every other writer alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _flatten_optimizer(state_dict: dict) -> tuple[dict[str, torch.Tensor], dict]:
    tensors: dict[str, torch.Tensor] = {}
    state: dict[str, dict] = {}
    for pid, entries in state_dict["state"].items():
        entry = {}
        for key, value in entries.items():
            if torch.is_tensor(value):
                name = f"optimizer.{pid}.{key}"
                tensors[name] = value.detach().to("cpu", copy=True).contiguous()
                entry[key] = {"tensor": name}
            else:
                entry[key] = value
        state[str(pid)] = entry
    groups = [{k: list(v) if isinstance(v, tuple) else v for k, v in g.items()} for g in state_dict["param_groups"]]
    return tensors, {"state": state, "param_groups": groups}


def _rng_states() -> dict[str, torch.Tensor]:
    states = {"rng.cpu": torch.get_rng_state()}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        for i, s in enumerate(torch.cuda.get_rng_state_all()):
            states[f"rng.cuda.{i}"] = s
    if hasattr(torch, "mps") and torch.backends.mps.is_available():
        states["rng.mps"] = torch.mps.get_rng_state()
    return states


# reading -------------------------------------------------------------------------------------
def resolve(path: str | os.PathLike) -> Path:
    """The sidecar of a checkpoint given as its folder (its ``last``), its stem (``runs/a/best``), its
    ``.json`` sidecar or any of its ``.safetensors`` files."""
    try:
        return _resolve(Path(path).expanduser(), path)
    except (OSError, ValueError) as exc:  # a name too long or not encodable: no checkpoint can be there
        raise CheckpointError(
            translate("Training", "{path}: no checkpoint there ({reason})").format(path=path, reason=_first_line(exc))
        ) from None


def _resolve(p: Path, path: str | os.PathLike) -> Path:
    generation = re.fullmatch(rf"(?P<stem>.+)\.{_GENERATION.pattern}\.(?:state\.)?safetensors", p.name)
    if p.is_dir():
        p = p / "last.json"
    elif generation is not None:
        p = p.with_name(generation["stem"] + ".json")
    elif p.name.endswith(".state.safetensors"):
        p = p.with_name(p.name[: -len(".state.safetensors")] + ".json")
    elif p.suffix == ".safetensors":
        p = p.with_suffix(".json")
    elif p.suffix != ".json" and not p.exists():  # a stem: runs/a/best names runs/a/best.json
        p = p.with_name(p.name + ".json")
    if not p.is_file():
        raise CheckpointError(
            translate("Training", "{path}: no checkpoint there (expected {name} from a training run)").format(
                path=path, name=p.name
            )
        )
    return p


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by ``save_checkpoint``; CheckpointError (one line) when it cannot."""
    sidecar = resolve(path)
    for attempt in range(3):
        raw = _read_sidecar(sidecar)
        meta = _parse_sidecar(raw, sidecar)
        try:
            weights = _read_tensors(sidecar, meta, "weights")
            state = _read_tensors(sidecar, meta, "state")
        except FileNotFoundError:
            if attempt < 2 and _read_sidecar(sidecar) != raw:  # a save switched generations while we read
                continue
            missing = [meta[k] for k in ("weights", "state") if not (sidecar.parent / meta[k]).exists()]
            raise CheckpointError(
                translate(
                    "Training",
                    "{sidecar}: its tensor file {files} is missing (copy the whole folder, not only the .json and .safetensors beside it)",
                ).format(sidecar=sidecar, files=", ".join(missing) or meta["weights"])
            ) from None
        return Checkpoint(sidecar, meta, weights, state)
    raise AssertionError("unreachable")


def _read_sidecar(sidecar: Path) -> bytes:
    try:
        return read_regular(sidecar, MAX_SIDECAR_BYTES, "checkpoint sidecar")
    except FileProblem as exc:
        raise CheckpointError(str(exc)) from None


def _parse_sidecar(raw: bytes, sidecar: Path) -> dict[str, Any]:
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CheckpointError(
            translate("Training", "{sidecar}: not a readable checkpoint ({reason})").format(
                sidecar=sidecar, reason=_first_line(exc)
            )
        ) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CheckpointError(translate("Training", "{sidecar}: not a CNN Studio checkpoint").format(sidecar=sidecar))
    version = meta.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CheckpointError(
            translate("Training", "{sidecar}: version must be a whole number ≥ 1, got {version!r}").format(
                sidecar=sidecar, version=version
            )
        )
    if version > VERSION:
        raise CheckpointError(
            translate("Training", "{sidecar}: written by a newer CNN Studio (version {version!r})").format(
                sidecar=sidecar, version=version
            )
        )
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise CheckpointError(
            translate("Training", "{sidecar}: incomplete checkpoint (no {missing})").format(
                sidecar=sidecar, missing=", ".join(missing)
            )
        )
    validate_sidecar(meta, sidecar, version)
    return meta


def _read_tensors(sidecar: Path, meta: dict[str, Any], which: str) -> dict[str, torch.Tensor]:
    """One tensor file the sidecar names, its checksum verified; FileNotFoundError when it is not there."""
    path = sidecar.parent / meta[which]
    try:
        check_regular(path, "checkpoint file")
        expected = (meta.get("sha256") or {}).get(which)  # version 1 had none
        if expected is not None and _sha256(path) != expected:
            raise CheckpointError(
                translate(
                    "Training",
                    "checkpoint {sidecar} is damaged (checksum mismatch): {name} is not the file that was saved",
                ).format(sidecar=sidecar, name=path.name)
            )
        from safetensors import safe_open

        with safe_open(str(path), "pt") as handle:
            tags = handle.metadata() or {}
        tensors = load_file(str(path))
    except FileProblem as exc:
        if not path.exists():
            raise FileNotFoundError(path) from None
        raise CheckpointError(str(exc)) from None
    except FileNotFoundError:
        raise
    except (OSError, SafetensorError) as exc:
        raise CheckpointError(
            translate("Training", "{path}: cannot be read ({reason})").format(path=path, reason=_first_line(exc))
        ) from None
    if tags.get("token") != meta["token"]:
        raise CheckpointError(
            translate(
                "Training", "{path}: does not belong to its .json sidecar (a save was interrupted); use another"
            ).format(path=path)
        )
    return tensors


def restore_optimizer(optimizer: torch.optim.Optimizer, checkpoint: Checkpoint) -> None:
    saved = checkpoint.meta.get("optimizer")
    if saved is None:
        raise CheckpointError(
            translate("Training", "{path}: holds no optimiser state to resume from").format(path=checkpoint.path)
        )
    state = {}
    for pid, entries in saved["state"].items():
        entry = {}
        for key, value in entries.items():
            if isinstance(value, dict):
                if value["tensor"] not in checkpoint.state:
                    raise CheckpointError(
                        translate("Training", "{path}: the optimiser tensor {tensor!r} is missing").format(
                            path=checkpoint.path, tensor=value["tensor"]
                        )
                    )
                value = checkpoint.state[value["tensor"]]
            entry[key] = value
        state[int(pid)] = entry
    groups = [{k: tuple(v) if k == "betas" else v for k, v in g.items()} for g in saved["param_groups"]]
    try:
        optimizer.load_state_dict({"state": state, "param_groups": groups})
    except (ValueError, KeyError, RuntimeError, TypeError) as exc:
        raise CheckpointError(
            translate("Training", "{path}: the optimiser state does not fit ({reason})").format(
                path=checkpoint.path, reason=exc
            )
        ) from None


def restore_rng(checkpoint: Checkpoint) -> None:
    s = checkpoint.state
    try:
        if "rng.cpu" in s:
            torch.set_rng_state(s["rng.cpu"])
        cuda = [s[k] for k in sorted(k for k in s if k.startswith("rng.cuda."))]
        if cuda and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(cuda[: torch.cuda.device_count()])
        if "rng.mps" in s and hasattr(torch, "mps") and torch.backends.mps.is_available():
            torch.mps.set_rng_state(s["rng.mps"])
    except (RuntimeError, TypeError, ValueError) as exc:
        raise CheckpointError(
            translate("Training", "{path}: the random number generator state is damaged ({reason})").format(
                path=checkpoint.path, reason=exc
            )
        ) from None


def load_model_state(model: torch.nn.Module, weights: dict[str, torch.Tensor], where: str) -> None:
    """Load a full state_dict (resume); CheckpointError naming what does not fit."""
    own = model.state_dict()
    missing = [k for k in own if k not in weights]
    extra = [k for k in weights if k not in own]
    wrong = [k for k in own if k in weights and weights[k].shape != own[k].shape]
    if missing or extra or wrong:
        parts = []
        for label, keys in (("missing", missing), ("unexpected", extra), ("different shape", wrong)):
            if keys:
                parts.append(f"{label}: {_few(keys)}")
        raise CheckpointError(
            translate("Training", "{where} does not fit this network ({parts})").format(
                where=where, parts="; ".join(parts)
            )
        )
    kinds = [f"{k} ({str(weights[k].dtype).removeprefix('torch.')})" for k in own if not _same_kind(weights[k], own[k])]
    if kinds:
        raise CheckpointError(
            translate("Training", "{where} holds tensors that are not floating-point weights: {few}").format(
                where=where, few=_few(kinds)
            )
        )
    model.load_state_dict(weights, strict=True)


def _same_kind(saved: torch.Tensor, own: torch.Tensor) -> bool:
    """A weight must be a real float (bool, integers, complex and float8 would load wrong or lossy);
    an integer buffer (batch norm's ``num_batches_tracked``) an integer."""
    if own.is_floating_point():
        return saved.dtype in WEIGHT_DTYPES
    if own.dtype == torch.bool:
        return saved.dtype == torch.bool
    return not (saved.is_floating_point() or saved.is_complex() or saved.dtype == torch.bool)


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _few(keys: list[str]) -> str:
    return f"{', '.join(keys[:3])}{' …' if len(keys) > 3 else ''}"
