"""Export a design: readable Python code, ONNX, a torch.export program (``.pt2``), safetensors weights or a
standalone training script.

``export_model(graph, fmt, out_path, weights=None)`` is what the CLI and the GUI call; it returns the files it
wrote. With ``weights`` (a ``.safetensors`` / weights-only ``.pt``/``.pth`` file, or a state_dict) the artifact
carries those weights, without it the freshly initialised ones; code (python, train) is generated from the graph
alone and gets a weights file beside it only when weights are given. Formats that hold weights are refused in one
line, with the size, when the model would not fit in memory. ONNX and ``.pt2`` hold the evaluation graph (auxiliary heads are dropped,
batch norm uses its running statistics) with a dynamic batch dimension. Every file is written atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import torch

from cnnstudio.core.block import REGISTRY, Registry
from cnnstudio.core.components import components, subgraph
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.project_checks import Problem, check_graph
from cnnstudio.core.project_file import SUFFIX, ProjectFileError, save
from cnnstudio.core.safe_io import one_line

from ..core.i18n import translate
from .atomic import FileProblem, write_atomic, write_text
from .codegen import python_source
from .components import find_component
from .fx_compile import CompiledModel, CompileError, compile_model
from .memory import FLOAT_BYTES, shortfall
from .train_script import TrainingScriptError, write_training_script
from .weights import LoadReport, WeightsError, load_weights, match_state_dict, read_state_dict, save_weights

FORMATS = ("python", "onnx", "pt2", "safetensors", "train")
SUFFIXES = {"python": ".py", "onnx": ".onnx", "pt2": ".pt2", "safetensors": ".safetensors", "train": ".py"}
ONNX_OPSET = 18


class ExportError(ValueError):
    """The export cannot be made; str() is one line naming the problem."""

    def __init__(self, message: str):
        super().__init__(one_line(message))  # a file name may hold a newline: the message stays one line


@dataclass
class ExportResult:
    """The files written (the artifact first) and, when weights were given, how they loaded."""

    files: list[Path] = field(default_factory=list)
    report: LoadReport | None = None
    notes: list[str] = field(default_factory=list)


def export_model(
    graph: Graph,
    fmt: str,
    out_path: str | os.PathLike,
    weights: str | os.PathLike | Mapping[str, torch.Tensor] | None = None,
    registry: Registry = REGISTRY,
    component: str | None = None,
) -> ExportResult:
    """Write ``graph`` as ``fmt`` (python | onnx | pt2 | safetensors | train) to ``out_path``; raises ExportError.

    ``result.files`` lists every file written, the artifact first: code formats write a weights file beside
    themselves only when ``weights`` are given, and build no model otherwise. ``component`` (``generator``)
    exports one network of a graph that holds several; the whole graph's weights load into it, as its
    state_dict keys are the same (``generator.…``).
    """
    if fmt not in FORMATS:
        raise ExportError(
            translate("Compiler", "unknown export format {format!r}: choose one of {formats}").format(
                format=fmt, formats=", ".join(FORMATS)
            )
        )
    out = Path(out_path)
    if out.is_dir():
        raise ExportError(
            translate("Compiler", "{out} is a folder: give a file name such as model{suffix}").format(
                out=out, suffix=SUFFIXES[fmt]
            )
        )
    if not out.parent.is_dir():
        raise ExportError(
            translate("Compiler", "{parent} does not exist: create the folder first").format(parent=out.parent)
        )
    others: tuple[str, ...] = ()
    if component is not None:
        try:
            chosen = find_component(graph, component, registry=registry)
        except CompileError as exc:
            raise ExportError(str(exc)) from None
        others = tuple(f"{c.name}." for c in components(graph, registry) if c.name != chosen.name)
        graph = subgraph(graph, chosen.nodes)
    result = ExportResult()
    try:
        if fmt in ("python", "train"):
            _export_code(graph, fmt, out, weights, registry, result)
        else:
            _export_built(graph, fmt, out, weights, registry, result)
    except (CompileError, WeightsError, ProjectFileError, TrainingScriptError, FileProblem) as exc:
        raise ExportError(one_line(str(exc))) from None
    except OSError as exc:
        raise ExportError(one_line(f"{out}: cannot be written: {exc.strerror or exc}")) from None
    except (RuntimeError, MemoryError, OverflowError) as exc:  # torch's allocator and its checks
        raise ExportError(one_line(f"cannot export {out}: {type(exc).__name__}: {_first_line(exc)}")) from None
    if result.report is not None and others:
        # the whole graph's checkpoint holds the other networks too: their tensors are expected to stay unused
        result.report.unexpected = [key for key in result.report.unexpected if not key.startswith(others)]
    return result


def _export_code(graph, fmt, out, weights, registry, result: ExportResult) -> None:
    """Code formats: generated from the graph and inference alone; weights only when given, beside the code."""
    if fmt == "python":
        write_text(out, python_source(graph, registry, title=out.stem))
        result.files.append(out)
    else:
        result.files += write_training_script(graph, out, registry)
    if weights is None:
        return
    state, result.report = _matched_weights(graph, weights, registry)
    beside = out.with_suffix(".safetensors") if fmt == "python" else out.with_name("weights.safetensors")
    save_weights(state, beside)
    result.files.append(beside)
    if fmt == "python":  # code cannot hold tensors: the weights go beside it
        result.notes.append(
            translate("Compiler", "load them with model.load_state_dict(load_file({name!r}))").format(name=beside.name)
        )
    else:
        result.notes.append(
            translate("Compiler", "start from them with: python {script} --weights {name}").format(
                script=out.name, name=beside.name
            )
        )


def _write_pt2(model: CompiledModel, path: str) -> None:
    """torch.export's zip writer aborts the whole process when the disk fills (a C++ exception in a destructor):
    archive in memory, then write the bytes from Python, where a full disk is an OSError like any other."""
    archive = io.BytesIO()
    torch.export.save(exported_program(model), archive)
    with open(path, "wb") as file:
        file.write(archive.getbuffer())


def _export_built(graph, fmt, out, weights, registry, result: ExportResult) -> None:
    """Formats that hold the weights: check they fit in memory, build the model, then write it."""
    inference = infer_shapes(graph, registry)
    if not inference.errors():
        # float32 parameters, and about as much again while the exporter serialises them
        problem = shortfall(
            2 * FLOAT_BYTES * inference.total_params,
            translate("Compiler", "exporting {name} ({params:,} parameters)").format(
                name=out.name, params=inference.total_params
            ),
        )
        if problem:
            raise ExportError(problem)
    model = compile_model(graph, registry, inference)
    if weights is not None:
        result.report = _load(model, weights)
    model.eval()
    if fmt == "onnx":
        write_atomic(out, lambda tmp: export_onnx(model, tmp))
        result.files.append(out)
    elif fmt == "pt2":
        write_atomic(out, lambda tmp: _write_pt2(model, tmp))
        result.files.append(out)
    else:
        project = out.with_name(_project_name(out))
        beside = graph.copy()
        beside.meta["weights"] = out.name  # as `cnnstudio finetune` writes it: relative to the project
        try:  # a project that could not be saved beside them is refused before the weights are written
            check_graph(beside, registry)
        except Problem as exc:
            raise ExportError(
                translate("Compiler", "{project}: cannot be saved: {reason}").format(project=project, reason=exc)
            ) from None
        save_weights(model, out, metadata={"project": _project_name(out)})
        save(beside, project, registry)
        result.files += [out, project]


def _matched_weights(graph, weights, registry) -> tuple[dict[str, torch.Tensor], LoadReport]:
    """The given weights in the model's key order and dtypes, checked against a model built on the meta
    device: its shapes without allocating (or initialising) a single parameter."""
    with torch.device("meta"):
        model = compile_model(graph, registry)
    own = model.state_dict()
    if isinstance(weights, Mapping):
        state, label = dict(weights), "<state_dict>"
    else:
        state, label = read_state_dict(weights), str(weights)
    report, fitting = match_state_dict({k: tuple(v.shape) for k, v in own.items()}, state, label)
    _refuse_partial(report)
    return {k: fitting[k].detach().to("cpu", own[k].dtype) for k in own}, report


def format_for(path: str | os.PathLike) -> str | None:
    """The format a file name asks for (``train.py`` is a training script), None if it does not say."""
    name = Path(path).name.lower()
    if name == "train.py" or name.endswith("_train.py"):
        return "train"
    return {suffix: fmt for fmt, suffix in reversed(SUFFIXES.items())}.get(Path(name).suffix)


def _load(model: CompiledModel, weights) -> LoadReport:
    try:
        report = load_weights(model, weights)
    except WeightsError as exc:
        raise ExportError(str(exc)) from None
    _refuse_partial(report)
    return report


def _refuse_partial(report: LoadReport) -> None:
    if report.missing or report.mismatched:
        # an export that silently mixes trained and fresh tensors would be worse than none
        first = (report.missing + report.skipped)[0]
        count = len(report.missing) + len(report.mismatched)
        raise ExportError(
            translate(
                "Compiler",
                "{source}: {count} of the model's tensors are missing or have another shape (first: {first}); the weights are not for this design",
            ).format(source=report.source, count=count, first=first)
        )


def _project_name(out: Path) -> str:
    return out.name.removesuffix(out.suffix) + SUFFIX


def example_inputs(model: CompiledModel, batch: int = 2) -> tuple[torch.Tensor, ...]:
    """Random inputs, one per model input (batch 2: a batch of 1 would be traced as a constant)."""
    return tuple(torch.randn(batch, *shape) for shape in (model.input_shapes or (model.input_shape,)))


def _dynamic_batch(model: CompiledModel) -> tuple:
    """Dimension 0 of every input is the batch, of any size (given by position: fx may rename the arguments)."""
    batch = torch.export.Dim("batch", min=1)
    return tuple({0: batch} for node in model.graph.nodes if node.op == "placeholder")


def exported_program(model: CompiledModel) -> torch.export.ExportedProgram:
    """The model in eval mode as a torch.export program with a dynamic batch dimension."""
    model.eval()
    try:
        return torch.export.export(model, example_inputs(model), dynamic_shapes=_dynamic_batch(model))
    except Exception:  # a layer that fixes the batch (rare): a static program still serves batch 2
        pass
    try:
        return torch.export.export(model, example_inputs(model))
    except Exception as exc:
        raise ExportError(
            translate("Compiler", "torch.export failed: {name}: {reason}").format(
                name=type(exc).__name__, reason=_first_line(exc)
            )
        ) from None


def export_onnx(
    model: CompiledModel, path: str | os.PathLike, program: torch.export.ExportedProgram | None = None
) -> None:
    """ONNX through torch.onnx's torch.export-based exporter (needs onnxscript), checked with onnx.checker."""
    try:
        import onnx
        import onnxscript  # noqa: F401  (the exporter imports it; say so clearly when it is missing)
    except ImportError as exc:
        raise ExportError(
            translate("Compiler", "ONNX export needs the onnx and onnxscript packages ({name} is missing)").format(
                name=exc.name
            )
        ) from None
    program = program or exported_program(model)
    outputs = [h.name.replace(".", "_") for h in model.heads if not h.auxiliary]
    try:
        torch.onnx.export(
            program,
            example_inputs(model),
            str(path),
            dynamo=True,
            external_data=False,
            verbose=False,
            opset_version=ONNX_OPSET,
            input_names=[n.name for n in model.graph.nodes if n.op == "placeholder"],
            output_names=outputs or None,
        )
        onnx.checker.check_model(str(path))
    except OSError:  # a full disk: the atomic writer names the file and keeps the old one
        raise
    except Exception as exc:  # an op without an ONNX form, a checker complaint: one line, not a traceback
        raise ExportError(
            translate("Compiler", "ONNX export failed: {name}: {reason}").format(
                name=type(exc).__name__, reason=_first_line(exc)
            )
        ) from None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""
