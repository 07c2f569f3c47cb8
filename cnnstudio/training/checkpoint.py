"""Checkpoints without pickle: safetensors for tensors, JSON for everything else.

A checkpoint named ``last`` (or ``best``) in a folder is three files:

- ``last.safetensors`` — the model's state_dict, keys at the nodes' names (loadable on its own:
  ``safetensors.torch.load_file`` + ``model.load_state_dict``);
- ``last.state.safetensors`` — the optimiser's tensors and the random number generator states;
- ``last.json`` — the sidecar: epoch, batch and step, the config, the data, the normalisation,
  the metrics history, the optimiser's structure and scalars.

Each file is written atomically (temp file, fsync, rename) and the sidecar last; all three carry the same
random token, so a checkpoint torn by a crash between two renames is detected instead of half-loaded.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from .errors import CheckpointError

FORMAT = "cnnstudio.checkpoint"
VERSION = 1
REQUIRED = ("token", "weights", "state", "epochs_done", "batch", "step", "config")


@dataclass
class Checkpoint:
    """A loaded checkpoint: the sidecar's fields, the model weights and the optimiser/RNG tensors."""

    path: Path  # the sidecar
    meta: dict[str, Any]
    weights: dict[str, torch.Tensor]
    state: dict[str, torch.Tensor]


def paths(folder: Path, name: str) -> tuple[Path, Path, Path]:
    return folder / f"{name}.safetensors", folder / f"{name}.state.safetensors", folder / f"{name}.json"


# writing -------------------------------------------------------------------------------------
def save_checkpoint(
    folder: str | os.PathLike,
    name: str,
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer | None,
    meta: dict[str, Any],
) -> Path:
    """Write ``name``'s three files into ``folder``; returns the weights file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    weights_path, state_path, meta_path = paths(folder, name)
    token = uuid.uuid4().hex
    tags = {"format": FORMAT, "token": token}
    weights = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in model.state_dict().items()}
    state, optimizer_json = ({}, None) if optimizer is None else _flatten_optimizer(optimizer.state_dict())
    state.update(_rng_states())
    sidecar = {
        "format": FORMAT,
        "version": VERSION,
        "token": token,
        "weights": weights_path.name,
        "state": state_path.name,
        **meta,
        "optimizer": optimizer_json,
    }
    text = json.dumps(sidecar, indent=1, allow_nan=False)
    _atomic(weights_path, lambda tmp: save_file(weights, tmp, metadata=tags))
    _atomic(state_path, lambda tmp: save_file(state, tmp, metadata=tags))
    _atomic(meta_path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return weights_path


def _atomic(path: Path, write) -> None:
    tmp = str(path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"))  # created by write(): umask permissions
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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
    """The sidecar for a folder (its ``last``), a ``.json`` sidecar or a ``.safetensors`` weights file."""
    p = Path(path).expanduser()
    if p.is_dir():
        p = p / "last.json"
    elif p.name.endswith(".state.safetensors"):
        p = p.with_name(p.name[: -len(".state.safetensors")] + ".json")
    elif p.suffix == ".safetensors":
        p = p.with_suffix(".json")
    if not p.is_file():
        raise CheckpointError(f"{path}: no checkpoint there (expected {p.name} from a training run)")
    return p


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by ``save_checkpoint``; CheckpointError (one line) when it cannot."""
    sidecar = resolve(path)
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CheckpointError(f"{sidecar}: not a readable checkpoint ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CheckpointError(f"{sidecar}: not a CNN Studio checkpoint")
    if not isinstance(meta.get("version"), int) or meta["version"] > VERSION:
        raise CheckpointError(f"{sidecar}: written by a newer CNN Studio (version {meta.get('version')!r})")
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise CheckpointError(f"{sidecar}: incomplete checkpoint (no {', '.join(missing)})")
    weights = _read_tensors(sidecar.parent / meta["weights"], meta["token"])
    state = _read_tensors(sidecar.parent / meta["state"], meta["token"])
    return Checkpoint(sidecar, meta, weights, state)


def _read_tensors(path: Path, token: str) -> dict[str, torch.Tensor]:
    try:
        from safetensors import safe_open

        with safe_open(str(path), "pt") as handle:
            tags = handle.metadata() or {}
        tensors = load_file(str(path))
    except (OSError, SafetensorError) as exc:
        raise CheckpointError(f"{path}: cannot be read ({exc})") from None
    if tags.get("token") != token:
        raise CheckpointError(f"{path}: does not belong to its .json sidecar (a save was interrupted); use another")
    return tensors


def restore_optimizer(optimizer: torch.optim.Optimizer, checkpoint: Checkpoint) -> None:
    saved = checkpoint.meta.get("optimizer")
    if saved is None:
        raise CheckpointError(f"{checkpoint.path}: holds no optimiser state to resume from")
    state = {}
    for pid, entries in saved["state"].items():
        state[int(pid)] = {
            k: checkpoint.state[v["tensor"]] if isinstance(v, dict) and "tensor" in v else v for k, v in entries.items()
        }
    groups = [{k: tuple(v) if k == "betas" else v for k, v in g.items()} for g in saved["param_groups"]]
    try:
        optimizer.load_state_dict({"state": state, "param_groups": groups})
    except (ValueError, KeyError, RuntimeError) as exc:
        raise CheckpointError(f"{checkpoint.path}: the optimiser state does not fit ({exc})") from None


def restore_rng(checkpoint: Checkpoint) -> None:
    s = checkpoint.state
    if "rng.cpu" in s:
        torch.set_rng_state(s["rng.cpu"])
    cuda = [s[k] for k in sorted(k for k in s if k.startswith("rng.cuda."))]
    if cuda and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(cuda[: torch.cuda.device_count()])
    if "rng.mps" in s and hasattr(torch, "mps") and torch.backends.mps.is_available():
        torch.mps.set_rng_state(s["rng.mps"])


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
                parts.append(f"{label}: {', '.join(keys[:3])}{' …' if len(keys) > 3 else ''}")
        raise CheckpointError(f"{where} does not fit this network ({'; '.join(parts)})")
    model.load_state_dict(weights, strict=True)
