"""Weights in and out of a compiled model, matched by state_dict key.

Reads ``.safetensors`` and PyTorch ``.pth``/``.pt`` files (always ``torch.load(weights_only=True)``: a file
that holds anything but tensors and plain containers is refused, never unpickled). Loading never fails on a
partial match: tensors whose shape differs (a replaced head) are skipped and reported, so the backbone of a
torchvision checkpoint still loads into a network with 10 classes. Saves are safetensors, written atomically.
"""

from __future__ import annotations

import json
import os
import pickle
import warnings
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.nn as nn

from ..core.i18n import translate
from ..core.safe_io import FileProblem, check_regular, one_line, write_atomic
from .memory import gigabytes, shortfall

# Prefixes that wrappers add to every key: DataParallel/DistributedDataParallel and torch.compile.
WRAPPER_PREFIXES = ("module.", "_orig_mod.")
# Checkpoint dicts that keep the state_dict under one of these keys (training scripts, Lightning, ours).
NESTED_KEYS = ("state_dict", "model", "model_state_dict", "weights")
_ZIP_MAGIC = b"PK\x03\x04"  # torch.save's default format
_PICKLE_MAGIC = b"\x80"  # the legacy torch.save format starts with a pickle protocol byte
_LEGACY_TORCH_MAGIC = (
    b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19"  # torch.save(..., _use_new_zipfile_serialization=False)
)
_PEEK = 16
_LIST_LIMIT = 12  # summary lines per section before "... and N more"
# Bounds on an untrusted file. A ResNet-152 state_dict has 931 tensors, with Adam's state about 2,800.
MAX_WEIGHTS_BYTES = 32 << 30
MAX_TENSORS = 20_000
MAX_HEADER_BYTES = 100 << 20  # safetensors' own limit
MAX_PICKLE_BYTES = 64 << 20
FLOAT_DTYPES = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
_SAFETENSORS_FLOATS = ("F16", "BF16", "F32", "F64")


class WeightsError(Exception):
    """A weights file that cannot be read or written; str() is one line naming the file and the problem."""

    def __init__(self, path: str | os.PathLike | None, problem: str):
        self.path = str(path) if path is not None else "<weights>"
        self.problem = problem
        super().__init__(one_line(f"{self.path}: {problem}"))


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
        loaded = translate("Compiler", "{source}: loaded {count} of the model's {total} tensors")
        lines = [loaded.format(source=self.source, count=len(self.matched), total=total)]
        if self.stripped_prefix:
            lines[0] += translate("Compiler", " (removed the prefix {prefix!r} from the file's keys)").format(
                prefix=self.stripped_prefix
            )
        if self.complete:
            lines[0] += translate("Compiler", ": all matched.")
            return "\n".join(lines)
        if self.mismatched:
            skipped = translate("Compiler", "skipped {count} with a different shape (they keep their new values):")
            lines.append(skipped.format(count=len(self.mismatched)))
            row = translate("Compiler", "  {key}: file {file_shape}, model {model_shape}")
            lines += _capped(
                row.format(key=m.key, file_shape=_shape(m.file_shape), model_shape=_shape(m.model_shape))
                for m in self.mismatched
            )
        if self.missing:
            missing = translate("Compiler", "missing from the file, {count} (they keep their new values):")
            lines.append(missing.format(count=len(self.missing)))
            lines += _capped(f"  {key}" for key in self.missing)
        if self.unexpected:
            unused = translate("Compiler", "not used, {count} in the file that the model does not have:")
            lines.append(unused.format(count=len(self.unexpected)))
            lines += _capped(f"  {key}" for key in self.unexpected)
        return "\n".join(lines)


def _shape(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) if shape else translate("Compiler", "scalar")


def _capped(lines) -> list[str]:
    lines = list(lines)
    if len(lines) <= _LIST_LIMIT:
        return lines
    return lines[: _LIST_LIMIT - 1] + [
        translate("Compiler", "  ... and {count} more").format(count=len(lines) - _LIST_LIMIT + 1)
    ]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


# reading -------------------------------------------------------------------------------------------
def read_state_dict(path: str | os.PathLike) -> dict[str, torch.Tensor]:
    """The tensors of a weights file by key, on the CPU; raises WeightsError with a one-line message.

    The file is untrusted: anything but a regular file is refused before it is opened (a FIFO would block),
    its size and number of tensors are bounded before anything is loaded, and only floating-point tensors
    are accepted (a bool, int8, complex or float8 tensor cast into a float model would silently be wrong).
    """
    path = Path(path)
    try:
        info = check_regular(path, "weights file")
    except FileProblem as exc:
        raise WeightsError(path, exc.problem) from None
    size = info.st_size
    if size == 0:
        raise WeightsError(path, translate("Compiler", "is empty"))
    if size > MAX_WEIGHTS_BYTES:
        raise WeightsError(
            path,
            translate("Compiler", "is {size}, larger than the {limit} a weights file may be").format(
                size=gigabytes(size), limit=gigabytes(MAX_WEIGHTS_BYTES)
            ),
        )
    problem = shortfall(size, translate("Compiler", "loading it"))
    if problem:
        raise WeightsError(path, problem)
    try:
        # O_NONBLOCK: a FIFO swapped in after the check must not block this open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(_PEEK)
    except OSError as exc:
        raise WeightsError(
            path, translate("Compiler", "cannot be read: {reason}").format(reason=exc.strerror or exc)
        ) from None
    # by content, not by name: safetensors is an 8-byte little-endian header length and a JSON header
    # (whose length may well start with 0x80, so this test comes before the pickle one)
    safetensors = head[8:9] == b"{" and 8 + int.from_bytes(head[:8], "little") <= size
    with warnings.catch_warnings():  # torch warns on stderr about archives it will refuse anyway
        warnings.simplefilter("ignore")
        if not safetensors and head.startswith(_ZIP_MAGIC):
            _check_torch_archive(path, size)
            data = _read_torch(path)
        elif not safetensors and head.startswith(_PICKLE_MAGIC):
            if not head.startswith(_LEGACY_TORCH_MAGIC):
                raise WeightsError(
                    path,
                    translate(
                        "Compiler", "is a plain Python pickle, not a PyTorch weights file; it is never unpickled here"
                    ),
                )
            data = _read_torch(path)
        else:
            if safetensors:
                _check_safetensors_header(path, size)
            data = _read_safetensors(path)
    return _tensors(path, data)


def check_safetensors_file(path: str | os.PathLike) -> None:
    """A regular safetensors file of a bounded size whose header lists floating-point tensors, checked without
    reading them (before a copy is kept as someone's weights); WeightsError with a one-line reason if not."""
    path = Path(path)
    try:
        size = check_regular(path, "weights file").st_size
    except FileProblem as exc:
        raise WeightsError(path, exc.problem) from None
    if size > MAX_WEIGHTS_BYTES:
        raise WeightsError(
            path,
            translate("Compiler", "is {size}, larger than the {limit} a weights file may be").format(
                size=gigabytes(size), limit=gigabytes(MAX_WEIGHTS_BYTES)
            ),
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(9)
    except OSError as exc:
        raise WeightsError(
            path, translate("Compiler", "cannot be read: {reason}").format(reason=exc.strerror or exc)
        ) from None
    if not (len(head) == 9 and head[8:9] == b"{" and 8 + int.from_bytes(head[:8], "little") <= size):
        raise WeightsError(path, translate("Compiler", "is not a safetensors file"))
    _check_safetensors_header(path, size)


def _check_torch_archive(path: Path, size: int) -> None:
    """Refuse TorchScript (code), too many tensors and zip bombs from the archive's directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise WeightsError(
            path,
            translate("Compiler", "is not a readable PyTorch weights file ({reason})").format(reason=_first_line(exc)),
        ) from None
    names = [e.filename for e in entries]
    if any(n.endswith("/constants.pkl") or "/code/" in n for n in names):
        raise WeightsError(
            path,
            translate(
                "Compiler", "is a TorchScript archive (a program, not weights): save model.state_dict() with torch.save"
            ),
        )
    tensors = sum(1 for n in names if "/data/" in n)
    if tensors > MAX_TENSORS:
        raise WeightsError(
            path,
            translate("Compiler", "holds {tensors:,} tensors, more than the {limit:,} a weights file may hold").format(
                tensors=tensors, limit=MAX_TENSORS
            ),
        )
    unpacked = sum(e.file_size for e in entries)
    if unpacked > 2 * size + (1 << 20):  # torch.save stores entries uncompressed
        raise WeightsError(
            path,
            translate("Compiler", "unpacks to {size} from {packed}: not a torch.save file").format(
                size=gigabytes(unpacked), packed=gigabytes(size)
            ),
        )
    pickles = [e for e in entries if e.filename.endswith("/data.pkl")]
    if pickles and pickles[0].file_size > MAX_PICKLE_BYTES:
        raise WeightsError(
            path,
            translate("Compiler", "has a {size} index, too large for a state_dict").format(
                size=gigabytes(pickles[0].file_size)
            ),
        )


def _check_safetensors_header(path: Path, size: int) -> None:
    """Count the tensors and check their types from the JSON header, before any tensor is read."""
    try:
        with open(path, "rb") as handle:
            length = int.from_bytes(handle.read(8), "little")
            if length > MAX_HEADER_BYTES:
                raise WeightsError(
                    path,
                    translate("Compiler", "has a {size} header, too large for a safetensors file").format(
                        size=gigabytes(length)
                    ),
                )
            header = json.loads(handle.read(length))
    except WeightsError:
        raise
    except (OSError, ValueError, RecursionError) as exc:
        raise WeightsError(
            path,
            translate("Compiler", "is neither a safetensors file nor a PyTorch weights file ({reason})").format(
                reason=_first_line(exc)
            ),
        ) from None
    if not isinstance(header, dict):
        raise WeightsError(
            path,
            translate(
                "Compiler", "is neither a safetensors file nor a PyTorch weights file (its header is not an object)"
            ),
        )
    entries = {k: v for k, v in header.items() if k != "__metadata__"}
    if len(entries) > MAX_TENSORS:
        raise WeightsError(
            path,
            translate("Compiler", "holds {count:,} tensors, more than the {limit:,} a weights file may hold").format(
                count=len(entries), limit=MAX_TENSORS
            ),
        )
    odd = [(k, v.get("dtype") if isinstance(v, dict) else None) for k, v in entries.items()]
    odd = [(k, str(t)) for k, t in odd if t not in _SAFETENSORS_FLOATS and not _integer_counter(k, t)]
    if odd:
        raise WeightsError(path, _dtype_problem(odd))


def _read_torch(path: Path):
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise WeightsError(
            path,
            translate(
                "Compiler",
                "holds Python objects besides tensors, which are never unpickled here (weights_only); save a plain state_dict instead: torch.save(model.state_dict(), path)",
            ),
        ) from None
    except Exception as exc:  # torch raises RuntimeError/EOFError/ValueError... for damaged archives
        raise WeightsError(
            path,
            translate("Compiler", "is not a readable PyTorch weights file ({reason})").format(reason=_first_line(exc)),
        ) from None


def _read_safetensors(path: Path):
    from safetensors.torch import load_file

    try:
        return load_file(path, device="cpu")
    except Exception as exc:  # SafetensorError for a bad header, OSError, ...
        raise WeightsError(
            path,
            translate("Compiler", "is neither a safetensors file nor a PyTorch weights file ({reason})").format(
                reason=_first_line(exc)
            ),
        ) from None


def _integer_counter(key: str, dtype) -> bool:
    """Batch norm's step counter is the one integer tensor a state_dict holds."""
    return key.endswith("num_batches_tracked") and str(dtype).removeprefix("torch.") in ("int64", "I64", "int32", "I32")


def _dtype_problem(odd: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{k} ({t.removeprefix('torch.')})" for k, t in odd[:3])
    more = f" and {len(odd) - 3} more" if len(odd) > 3 else ""
    return (
        f"holds tensors that are not float16/bfloat16/float32/float64: {shown}{more}; "
        "weights of another type would change when loaded"
    )


def _tensors(path: Path, data) -> dict[str, torch.Tensor]:
    """The state_dict inside what was loaded: a plain one, or a checkpoint that nests it."""
    if isinstance(data, nn.Module):  # cannot happen with weights_only, kept as a clear message if it did
        data = data.state_dict()
    if not isinstance(data, Mapping):
        raise WeightsError(
            path,
            translate("Compiler", "holds a {name}, not a dict of tensors (a state_dict)").format(
                name=type(data).__name__
            ),
        )
    for key in NESTED_KEYS:
        inner = data.get(key)
        if isinstance(inner, Mapping) and any(isinstance(v, torch.Tensor) for v in inner.values()):
            data = inner
            break
    tensors = {str(k): v for k, v in data.items() if isinstance(v, torch.Tensor)}
    if not tensors:
        raise WeightsError(path, translate("Compiler", "holds no tensors: expected a state_dict (name → tensor)"))
    if len(tensors) > MAX_TENSORS:
        raise WeightsError(
            path,
            translate("Compiler", "holds {count:,} tensors, more than the {limit:,} a weights file may hold").format(
                count=len(tensors), limit=MAX_TENSORS
            ),
        )
    odd = [
        (k, str(v.dtype))
        for k, v in tensors.items()
        if v.dtype not in FLOAT_DTYPES and not _integer_counter(k, v.dtype)
    ]
    if odd:
        raise WeightsError(path, _dtype_problem(odd))
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

    def write(tmp: str) -> None:
        try:
            save_file(tensors, tmp, metadata=info)
        except OSError:
            raise
        except Exception as exc:  # safetensors reports a full disk as SafetensorError, not OSError
            raise OSError(_first_line(exc)) from None

    try:
        write_atomic(path, write)
    except FileProblem as exc:
        raise WeightsError(path, exc.problem) from None
