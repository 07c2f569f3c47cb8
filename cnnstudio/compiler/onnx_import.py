"""Import an ONNX model (Netron, MATLAB, other frameworks, CNN Studio's own export) as a project.

onnx2torch (a maintained converter) turns the ONNX graph into a torch.fx GraphModule; the ordinary importer then
traces that into blocks and checks the graph gives the converted module's outputs with its weights. Files from
others are untrusted: read as a bounded regular file and parsed from bytes; weights kept in a data file beside
the model are read by onnx_external's checks (never by onnx itself), and every problem is one ModuleImportError line.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch.nn as nn

from cnnstudio.core.graph import Graph
from cnnstudio.core.i18n import translate
from cnnstudio.core.safe_io import FileProblem, read_regular

from .importer import ModuleImportError, _first_line, import_module
from .onnx_convert import convert
from .onnx_external import attach_external_data

MAX_ONNX_BYTES = 2 << 30  # protobuf's own limit for one message
# onnx2torch converts each op at the opset versions it knows; a model of a newer opset (torch.onnx writes 18)
# is converted down, one step at a time, to the newest it can take
_OPSETS = (17, 13)


def is_onnx(spec: str) -> bool:
    return str(spec).lower().endswith(".onnx")


def read_onnx(path: str | os.PathLike):
    """The parsed ModelProto of a regular file of at most 2 GiB; ModuleImportError otherwise."""
    try:
        import onnx
    except ImportError:
        raise ModuleImportError(
            translate("Compiler", "ONNX import needs the onnx and onnx2torch packages (pip install onnx2torch)")
        ) from None
    try:
        data = read_regular(path, MAX_ONNX_BYTES, "ONNX model")
    except FileProblem as exc:
        raise ModuleImportError(str(exc)) from None
    try:
        model = onnx.load_from_string(data)
    except Exception as exc:  # DecodeError and kin: not an ONNX file
        text = translate("Compiler", "{path}: is not an ONNX model ({reason})")
        raise ModuleImportError(text.format(path=path, reason=f"{type(exc).__name__}: {_first_line(exc)}")) from None
    if not model.graph.node:
        raise ModuleImportError(
            translate("Compiler", "{path}: is not an ONNX model (its graph has no operators)").format(path=path)
        )
    attach_external_data(model, path)  # torch.onnx.export's default: the weights in model.onnx.data beside it
    return model


def input_shape(model, path) -> list | None:
    """C,H,W of the model's one input (batch dimension dropped), or one such shape per input when it takes several
    (a GAN's noise and image); None when a size is symbolic."""
    initialised = {t.name for t in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in initialised]
    if not inputs:
        text = translate("Compiler", "{path}: the model takes {count} inputs; only one-input models import")
        raise ModuleImportError(text.format(path=path, count=0))
    shapes = [_batch_shape(i, path) for i in inputs]
    if any(s is None for s in shapes):
        return None
    return shapes[0] if len(shapes) == 1 else shapes


def _batch_shape(value_info, path) -> list[int] | None:
    dims = value_info.type.tensor_type.shape.dim
    sizes = [d.dim_value if d.HasField("dim_value") and d.dim_value > 0 else None for d in dims]
    if len(sizes) < 2:
        text = translate("Compiler", "{path}: the input is not a batch of tensors (its rank is {rank})")
        raise ModuleImportError(text.format(path=path, rank=len(sizes)))
    rest = sizes[1:]
    return None if any(v is None for v in rest) else rest


def to_module(model, path) -> nn.Module:
    """The model as a torch module by onnx2torch; an op it cannot convert is named with its opset in one line."""
    try:
        import onnx2torch  # noqa: F401  (said clearly when missing)
        from onnx import version_converter
    except ImportError:
        raise ModuleImportError(
            translate("Compiler", "ONNX import needs the onnx2torch package (pip install onnx2torch)")
        ) from None
    first = None
    for candidate in (model, *_lower(model, version_converter)):
        try:
            return convert(candidate)
        except NotImplementedError as exc:  # "Converter is not implemented (OperationDescription(...))"
            first = first or exc
        except Exception as exc:
            text = translate("Compiler", "{path}: onnx2torch cannot convert it: {reason}")
            reason = f"{type(exc).__name__}: {_first_line(exc)}"
            raise ModuleImportError(text.format(path=path, reason=reason)) from None
    text = translate("Compiler", "CNN Studio cannot import {path}: {reason}")
    raise ModuleImportError(text.format(path=path, reason=_unsupported(first)))


def _lower(model, version_converter):
    """The model converted down to older opsets (those the conversion can reach)."""
    current = max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)
    for opset in _OPSETS:
        if opset >= current:
            continue
        try:
            yield version_converter.convert_version(model, opset)
        except Exception:  # no adapter for some op at that opset: try the next, or give up
            continue


def _unsupported(exc: BaseException | None) -> str:
    text = str(exc or "")
    op = text.partition("operation_type='")[2].partition("'")[0]
    version = text.partition("version=")[2].partition(")")[0]
    if op:
        return translate("Compiler", "the ONNX op {op} (opset {version}) has no converter in onnx2torch").format(
            op=op, version=version
        )
    return _first_line(exc) if exc else translate("Compiler", "no converter for one of its ops")


def import_onnx(path: str | os.PathLike, shape=None, *, verify: bool = True, fallback=None) -> tuple[Graph, nn.Module]:
    """The project graph of an ONNX file and the converted module whose state_dict the graph's names load.

    The input size is ``shape`` (C,H,W) if given, else the file's own, else ``fallback``. With ``verify`` the
    graph must give the converted module's outputs (see ``import_module``). The module's weights, keyed as the
    graph names its layers, are ``importer.imported_state_dict(module)``.
    """
    model = read_onnx(path)
    declared = input_shape(model, path)
    if shape is None:
        shape = declared or fallback
        if shape is None:
            text = translate("Compiler", "{path}: its input size is not fixed in the file; give it with --input C,H,W")
            raise ModuleImportError(text.format(path=path))
    module = to_module(model, path)
    graph = import_module(module, shape, verify=verify, name=Path(path).name)
    return graph, module
