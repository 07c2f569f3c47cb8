"""Weights in and out of a compiled model, matched by state_dict key.

Reads ``.safetensors`` and PyTorch ``.pth``/``.pt`` files (always ``torch.load(weights_only=True)``: a file
that holds anything but tensors and plain containers is refused, never unpickled). Loading never fails on a
partial match: tensors whose shape differs (a replaced head) are skipped and reported, so the backbone of a
torchvision checkpoint still loads into a network with 10 classes. Saves are safetensors, written atomically.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.nn as nn

# Prefixes that wrappers add to every key: DataParallel/DistributedDataParallel and torch.compile.
WRAPPER_PREFIXES = ("module.", "_orig_mod.")
# Checkpoint dicts that keep the state_dict under one of these keys (training scripts, Lightning, ours).
NESTED_KEYS = ("state_dict", "model", "model_state_dict", "weights")
_ZIP_MAGIC = b"PK\x03\x04"  # torch.save's default format
_PICKLE_MAGIC = b"\x80"  # the legacy torch.save format starts with a pickle protocol byte
_LIST_LIMIT = 12  # summary lines per section before "... and N more"


class WeightsError(Exception):
    """A weights file that cannot be read or written; str() is one line naming the file and the problem."""

    def __init__(self, path: str | os.PathLike | None, problem: str):
        self.path = str(path) if path is not None else "<weights>"
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class Mismatch:
    """A key both sides have, with different shapes: skipped, the model keeps its own values."""

    key: str
    file_shape: tuple[int, ...]
    model_shape: tuple[int, ...]


@dataclass
class LoadReport:
    """What loading a state_dict into a model did, key by key."""

    source: str
    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the model, not in the file: keep their values
    unexpected: list[str] = field(default_factory=list)  # in the file, not in the model: ignored
    mismatched: list[Mismatch] = field(default_factory=list)  # shapes differ: skipped
    stripped_prefix: str = ""  # a wrapper prefix removed from every key of the file

    @property
    def complete(self) -> bool:
        """Every model tensor came from the file and every file tensor was used."""
        return not (self.missing or self.unexpected or self.mismatched)

    @property
    def skipped(self) -> list[str]:
        return [m.key for m in self.mismatched]

    def not_loaded(self) -> list[str]:
        """Model keys that kept their fresh values (missing or shape-mismatched)."""
        return self.missing + self.skipped

    def summary(self) -> str:
        """A few readable lines: counts first, then the keys that did not load and why."""
        total = len(self.matched) + len(self.missing) + len(self.mismatched)
        lines = [f"{self.source}: loaded {len(self.matched)} of the model's {total} tensors"]
        if self.stripped_prefix:
            lines[0] += f" (removed the prefix {self.stripped_prefix!r} from the file's keys)"
        if self.complete:
            lines[0] += ": all matched."
            return "\n".join(lines)
        if self.mismatched:
            lines.append(f"skipped {len(self.mismatched)} with a different shape (they keep their new values):")
            lines += _capped(
                f"  {m.key}: file {_shape(m.file_shape)}, model {_shape(m.model_shape)}" for m in self.mismatched
            )
        if self.missing:
            lines.append(f"missing from the file, {len(self.missing)} (they keep their new values):")
            lines += _capped(f"  {key}" for key in self.missing)
        if self.unexpected:
            lines.append(f"not used, {len(self.unexpected)} in the file that the model does not have:")
            lines += _capped(f"  {key}" for key in self.unexpected)
        return "\n".join(lines)


def _shape(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) if shape else "scalar"


def _capped(lines) -> list[str]:
    lines = list(lines)
    if len(lines) <= _LIST_LIMIT:
        return lines
    return lines[: _LIST_LIMIT - 1] + [f"  ... and {len(lines) - _LIST_LIMIT + 1} more"]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


# reading -------------------------------------------------------------------------------------------
def read_state_dict(path: str | os.PathLike) -> dict[str, torch.Tensor]:
    """The tensors of a weights file by key, on the CPU; raises WeightsError with a one-line message."""
    path = Path(path)
    if not path.exists():
        raise WeightsError(path, "no such file")
    if path.is_dir():
        raise WeightsError(path, "is a folder, not a weights file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(9)
        size = path.stat().st_size
    except OSError as exc:
        raise WeightsError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not head:
        raise WeightsError(path, "is empty")
    # by content, not by name: safetensors is an 8-byte little-endian header length and a JSON header
    # (whose length may well start with 0x80, so this test comes before the pickle one)
    safetensors = head[8:9] == b"{" and 8 + int.from_bytes(head[:8], "little") <= size
    if not safetensors and (head.startswith(_ZIP_MAGIC) or head.startswith(_PICKLE_MAGIC)):
        data = _read_torch(path)
    else:
        data = _read_safetensors(path)
    return _tensors(path, data)


def _read_torch(path: Path):
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise WeightsError(
            path,
            "holds Python objects besides tensors, which are never unpickled here (weights_only); "
            "save a plain state_dict instead: torch.save(model.state_dict(), path)",
        ) from None
    except Exception as exc:  # torch raises RuntimeError/EOFError/ValueError... for damaged archives
        raise WeightsError(path, f"is not a readable PyTorch weights file ({_first_line(exc)})") from None


def _read_safetensors(path: Path):
    from safetensors.torch import load_file

    try:
        return load_file(path, device="cpu")
    except Exception as exc:  # SafetensorError for a bad header, OSError, ...
        raise WeightsError(
            path, f"is neither a safetensors file nor a PyTorch weights file ({_first_line(exc)})"
        ) from None


def _tensors(path: Path, data) -> dict[str, torch.Tensor]:
    """The state_dict inside what was loaded: a plain one, or a checkpoint that nests it."""
    if isinstance(data, nn.Module):  # cannot happen with weights_only, kept as a clear message if it did
        data = data.state_dict()
    if not isinstance(data, Mapping):
        raise WeightsError(path, f"holds a {type(data).__name__}, not a dict of tensors (a state_dict)")
    for key in NESTED_KEYS:
        inner = data.get(key)
        if isinstance(inner, Mapping) and any(isinstance(v, torch.Tensor) for v in inner.values()):
            data = inner
            break
    tensors = {str(k): v for k, v in data.items() if isinstance(v, torch.Tensor)}
    if not tensors:
        raise WeightsError(path, "holds no tensors: expected a state_dict (name → tensor)")
    return tensors


# matching and loading ------------------------------------------------------------------------------
def match_state_dict(
    model_shapes: Mapping[str, tuple[int, ...]], state: Mapping[str, torch.Tensor], source: str = "<weights>"
) -> tuple[LoadReport, dict[str, torch.Tensor]]:
    """Compare a file's tensors with the model's key shapes: the report and the tensors that fit."""
    state, prefix = _strip_wrapper_prefix(model_shapes, state)
    report = LoadReport(source, stripped_prefix=prefix)
    fitting: dict[str, torch.Tensor] = {}
    for key, shape in model_shapes.items():  # in the model's order (safetensors files sort their keys)
        value = state.get(key)
        if value is None:
            report.missing.append(key)
        elif tuple(value.shape) != tuple(shape):
            report.mismatched.append(Mismatch(key, tuple(value.shape), tuple(shape)))
        else:
            report.matched.append(key)
            fitting[key] = value
    report.unexpected = [key for key in state if key not in model_shapes]
    return report, fitting


def _strip_wrapper_prefix(model_shapes, state):
    for prefix in WRAPPER_PREFIXES:
        if (
            state
            and all(key.startswith(prefix) for key in state)
            and not any(key.startswith(prefix) for key in model_shapes)
        ):
            return {key[len(prefix) :]: value for key, value in state.items()}, prefix
    return state, ""


def load_weights(
    model: nn.Module, source: str | os.PathLike | Mapping[str, torch.Tensor], *, name: str | None = None
) -> LoadReport:
    """Copy every tensor whose key and shape match into ``model``; the rest is reported, not fatal.

    ``source`` is a weights file or a state_dict (e.g. ``torchvision.models.resnet18().state_dict()``).
    """
    if isinstance(source, Mapping):
        state, label = dict(source), name or "<state_dict>"
    else:
        state, label = read_state_dict(source), name or str(source)
    own = model.state_dict()
    report, fitting = match_state_dict({k: tuple(v.shape) for k, v in own.items()}, state, label)
    with torch.no_grad():
        model.load_state_dict(fitting, strict=False)
    return report


# saving --------------------------------------------------------------------------------------------
def save_weights(
    model: nn.Module | Mapping[str, torch.Tensor], path: str | os.PathLike, metadata: Mapping[str, str] | None = None
) -> None:
    """Write the model's state_dict as safetensors, atomically (temp file, fsync, rename)."""
    from safetensors.torch import save_file

    path = Path(path)
    state = model.state_dict() if isinstance(model, nn.Module) else model
    tensors: dict[str, torch.Tensor] = {}
    seen: set[int] = set()
    for key, value in state.items():
        value = value.detach().to("cpu").contiguous()
        pointer = value.untyped_storage().data_ptr()
        if pointer and pointer in seen:  # safetensors refuses tensors that share memory (tied weights)
            value = value.clone()
        seen.add(pointer)
        tensors[key] = value
    info = {"format": "pt", "producer": "cnnstudio", **dict(metadata or {})}
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WeightsError(path, f"cannot be written: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        save_file(tensors, tmp, metadata=info)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except Exception as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WeightsError(path, f"cannot be written: {exc.strerror or exc}") from None
        raise
