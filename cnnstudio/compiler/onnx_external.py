"""ONNX weights kept beside the model (external data: torch.onnx.export writes `model.onnx.data` by default).

Each weight names its data file, an offset and a length. The file is someone else's: a weight may only name a
plain file in the model's own folder (no folder part, no `..`, no link leading out of the folder), the bytes it
claims must be exactly its tensor's size and lie inside that file, and all of them together must fit in memory.
The bytes are read into the model, so onnx never opens a file on its own.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from cnnstudio.core.i18n import translate
from cnnstudio.core.safe_io import FileProblem, check_regular, one_line

from .importer import ModuleImportError
from .memory import shortfall


def attach_external_data(model, path: str | os.PathLike) -> None:
    """Read every external weight of ``model`` (a parsed ModelProto of the file ``path``) into the model."""
    import onnx

    pieces = [t for t in _tensors(model.graph) if t.data_location == onnx.TensorProto.EXTERNAL]
    if not pieces:
        return
    folder = Path(os.path.realpath(Path(path).parent))
    plan = [(tensor, *_where(tensor, path)) for tensor in pieces]
    problem = shortfall(
        sum(length for _, _, _, length in plan),
        translate("Compiler", "reading the weights of {path}").format(path=path),
    )
    if problem:
        raise ModuleImportError(problem)
    handles: dict[str, tuple[object, int]] = {}
    try:
        for tensor, location, offset, length in plan:
            if location not in handles:
                handles[location] = _open(folder, location, path)
            handle, size = handles[location]
            if offset + length > size:
                text = translate(
                    "Compiler",
                    "{path}: the weight {name!r} lies past the end of {file} (bytes {start}–{end} of {size})",
                )
                raise ModuleImportError(
                    text.format(
                        path=path,
                        name=one_line(tensor.name),
                        file=location,
                        start=offset,
                        end=offset + length,
                        size=size,
                    )
                )
            handle.seek(offset)
            tensor.raw_data = handle.read(length)
            del tensor.external_data[:]
            tensor.data_location = onnx.TensorProto.DEFAULT
    finally:
        for handle, _ in handles.values():
            handle.close()


def _where(tensor, path) -> tuple[str, int, int]:
    """The data file, offset and length one external weight claims, checked against its own size."""
    entries = {entry.key: entry.value for entry in tensor.external_data}
    location = entries.get("location", "")
    name = one_line(tensor.name)
    if not _plain_file_name(location):
        text = translate(
            "Compiler",
            "{path}: the weight {name!r} names {location!r} as its data file; only a file beside the model is read",
        )
        raise ModuleImportError(text.format(path=path, name=name, location=one_line(location)))
    expected = _byte_size(tensor)
    try:
        offset = int(entries.get("offset", "0"))
        length = int(entries.get("length", str(expected)))
    except ValueError:
        offset = length = -1
    if expected is None or offset < 0 or length != expected:
        text = translate(
            "Compiler", "{path}: the weight {name!r} does not say where its {count:,} values lie in {file}"
        )
        raise ModuleImportError(text.format(path=path, name=name, count=_count(tensor), file=location))
    return location, offset, length


def _plain_file_name(location: str) -> bool:
    return (
        bool(location)
        and location not in (".", "..")
        and "/" not in location
        and "\\" not in location
        and "\0" not in location
        and ":" not in location  # a Windows drive
    )


def _open(folder: Path, location: str, path):
    """An open handle and the size of a regular file in ``folder`` (after links)."""
    target = folder / location
    if Path(os.path.realpath(target)).parent != folder:
        text = translate("Compiler", "{path}: its data file {file} is a link to another folder; it is not read")
        raise ModuleImportError(text.format(path=path, file=location))
    try:
        info = check_regular(target, "weights file")
        handle = open(target, "rb")  # noqa: SIM115  (closed by the caller, with the others)
    except FileProblem as exc:
        raise ModuleImportError(str(exc)) from None
    except OSError as exc:
        raise ModuleImportError(str(FileProblem(target, exc.strerror or str(exc)))) from None
    return handle, info.st_size


def _byte_size(tensor) -> int | None:
    """Bytes of a tensor of a fixed-size type; None for strings and unknown types."""
    import onnx

    if tensor.data_type in (onnx.TensorProto.STRING, onnx.TensorProto.UNDEFINED):
        return None
    try:
        itemsize = onnx.helper.tensor_dtype_to_np_dtype(tensor.data_type).itemsize
    except Exception:  # a type number onnx does not know
        return None
    return _count(tensor) * itemsize


def _count(tensor) -> int:
    return math.prod(tensor.dims) if all(d >= 0 for d in tensor.dims) else -1


def _tensors(graph):
    """Every tensor of a graph: its initializers and the constants in its nodes' attributes, subgraphs included."""
    yield from graph.initializer
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.HasField("t"):
                yield attribute.t
            yield from attribute.tensors
            if attribute.HasField("g"):
                yield from _tensors(attribute.g)
            for subgraph in attribute.graphs:
                yield from _tensors(subgraph)
