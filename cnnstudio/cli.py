"""The ``cnnstudio`` command. Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error.

Each command checks its paths and numbers (cli_checks, stdlib only) before anything imports torch, so a
mistake is answered at once; ``summary`` also exits 1 when the design has errors, as a linter would.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
import warnings
from pathlib import Path

from . import cli_checks as check
from . import cli_parser
from .cli_checks import BadInput
from .cli_generate import cmd_generate
from .cli_parser import gui_parser
from .core import i18n
from .core.i18n import QT_TRANSLATE_NOOP, translate
from .core.safe_io import FileProblem, one_line, reason
from .terminal import step

COMMANDS = (
    "summary",
    "new",
    "presets",
    "finetune",
    "train",
    "evaluate",
    "predict",
    "detect",
    "generate",
    "export",
    "import",
)


def _load(path: str):
    import cnnstudio

    try:
        return cnnstudio.load(path)
    except cnnstudio.ProjectFileError as exc:
        raise BadInput(str(exc)) from None


def cmd_summary(args) -> int:
    """0: no errors; 1: the design has errors (listed); 2: the file cannot be read."""
    from . import infer_shapes
    from .report import format_table, summary

    graph = _load(check.input_file(args.file, "project file"))
    result = infer_shapes(graph)
    data = summary(graph, result)
    print(json.dumps(data, indent=1) if args.json else format_table(graph, data))
    return 1 if result.errors() else 0


def cmd_presets(args) -> int:
    from . import infer_shapes, presets
    from .report import human

    rows = []
    for name in presets.names():
        spec = presets.registry.get(name)
        result = infer_shapes(presets.build(name))
        shape = "×".join(map(str, spec.input_shape))
        rows.append((name, human(result.total_params), shape, spec.description))
    if args.json:
        print(json.dumps([dict(zip(("name", "params", "input", "description"), r)) for r in rows], indent=1))
        return 0
    width = max(len(r[0]) for r in rows)
    for name, params, shape, _ in rows:  # the title only: a table of whole paragraphs would not read
        print(f"{name.ljust(width)}  {params:>9}  {shape:>11}  {presets.get(name).shown_title()}")
    print()
    print(
        translate("CLI", "Full descriptions: cnnstudio presets --json. Start one: cnnstudio new --preset NAME -o FILE")
    )
    return 0


def cmd_new(args) -> int:
    from . import presets, save

    out = check.output_file(args.output, args.force)
    shape = check.parse_shape(args.input) if args.input is not None else None
    check.make_parent(out, "-o")
    try:
        graph = presets.build(args.preset, num_classes=args.num_classes, input_shape=shape)
    except (KeyError, ValueError) as exc:
        raise BadInput(str(exc).strip("'\"")) from None
    from . import ProjectFileError, infer_shapes

    result = infer_shapes(graph)
    errors = result.errors()
    if errors:  # options the preset cannot take (a 1-class classifier, an input too small): write nothing
        first = errors[0]
        where = graph.nodes[first.node].name if first.node in graph.nodes else "graph"
        raise BadInput(
            translate("CLI", "{preset} does not work with these options: {where}: {message}").format(
                preset=args.preset, where=where, message=first.message
            )
        )
    try:
        save(graph, out)
    except ProjectFileError as exc:
        raise BadInput(str(exc)) from None
    print(
        translate("CLI", "wrote {out}: {preset}, {nodes} nodes, {params:,} params").format(
            out=out, preset=args.preset, nodes=len(graph.nodes), params=result.total_params
        )
    )
    return 0


def cmd_finetune(args) -> int:
    """Load trained weights into a project, freeze its backbone, write the project and the weights beside it."""
    out = check.output_file(args.output, args.force)
    weights_out = _weights_beside(out)
    if args.save_weights:
        weights_out = check.output_file(args.save_weights, args.force, "--save-weights")
        if not weights_out.resolve().is_relative_to(out.resolve().parent):  # training would refuse to read it
            raise BadInput(
                translate(
                    "CLI",
                    "--save-weights must be in the folder of {out} or below it (a project reads its weights only "
                    "from there), got {weights}",
                ).format(out=out, weights=weights_out)
            )
    else:
        check.output_file(str(weights_out), args.force)
    source = check.input_file(args.file, "project file")
    args.weights = check.weights_file(args.weights)
    for target in (out, weights_out):
        check.make_parent(target, "-o")
    graph = _load(source)
    from . import ProjectFileError, save
    from .compiler import WeightsError, prepare_finetune, save_weights

    freeze = None if args.no_freeze else (args.freeze_up_to or "auto")
    try:
        with step(translate("CLI", "loading {weights}").format(weights=args.weights)):
            tuned = prepare_finetune(graph, args.weights, num_classes=args.num_classes, freeze=freeze)
    except (WeightsError, ValueError) as exc:  # CompileError is a ValueError: the project has errors
        raise BadInput(str(exc)) from None
    print(tuned.summary())
    tuned.graph.meta["weights"] = os.path.relpath(weights_out.resolve(), out.resolve().parent)
    try:  # weights first: a project never names a weights file that is not there
        save_weights(tuned.model, weights_out, metadata={"project": out.name, "source": str(args.weights)})
        save(tuned.graph, out)
    except (WeightsError, ProjectFileError) as exc:
        raise BadInput(str(exc)) from None
    print(
        translate("CLI", "wrote {out} and {weights_out}: train it to fine-tune the unfrozen layers").format(
            out=out, weights_out=weights_out
        )
    )
    return 0


EXPORT_NAMES = {
    "python": QT_TRANSLATE_NOOP("CLI", "Python code"),
    "onnx": "ONNX",
    "pt2": "torch.export (.pt2)",
    "safetensors": "safetensors",
    "train": QT_TRANSLATE_NOOP("CLI", "a training script"),
}
_SUFFIX_FORMATS = {".py": "python", ".onnx": "onnx", ".pt2": "pt2", ".safetensors": "safetensors"}


def _format_for(out: Path) -> str | None:
    """The format a file name asks for (``train.py`` is a training script); compiler.export.format_for's rule,
    repeated here so that a wrong name is answered before torch loads."""
    name = out.name.lower()
    if name == "train.py" or name.endswith("_train.py"):
        return "train"
    return _SUFFIX_FORMATS.get(Path(name).suffix)


def _weights_beside(project: Path) -> Path:
    """model.cnn.json -> model.safetensors in the same folder."""
    name = project.name.removesuffix(".json").removesuffix(".cnn")
    return project.with_name(f"{name}.safetensors")


def cmd_train(args) -> int:
    check.input_file(args.file, "project file")
    check.data_spec(args.data, args.download)
    if args.weights is not None:
        args.weights = check.weights_file(args.weights, checkpoint_folder=True)
    if args.resume is not None:
        args.resume = check.checkpoint(args.resume)
    if args.metrics:
        check.output_file(args.metrics, force=True, flag="--metrics")  # a log is appended to, never refused
        check.make_parent(args.metrics, "--metrics")
    if args.checkpoint_dir:
        check.make_folder(args.checkpoint_dir, "--checkpoint-dir")
    from .training.command import train_command
    from .training.errors import TrainingError

    try:
        return train_command(args)
    except TrainingError as exc:
        raise BadInput(str(exc)) from None


def cmd_evaluate(args) -> int:
    """The metrics of trained weights on a dataset."""
    check.input_file(args.file, "project file")
    weights = check.weights_file(args.weights, checkpoint_folder=True)
    check.data_spec(args.data, False)
    from .training.assess import evaluate_model
    from .training.detection_metrics import json_ready
    from .training.errors import TrainingError

    try:
        with step(translate("CLI", "evaluating on {data}").format(data=args.data)):
            metrics = json_ready(evaluate_model(args.file, weights, args.data))
    except TrainingError as exc:
        raise BadInput(str(exc)) from None
    if args.json:
        print(json.dumps(metrics))
        return 0
    shown = {k: v for k, v in metrics.items() if k not in ("ap_per_class", "ap50_per_class")}
    print("  ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in shown.items()))
    at50 = metrics.get("ap50_per_class") or {}
    for name, ap in (metrics.get("ap_per_class") or {}).items():
        if ap is None:
            print(f"  AP {name}: {translate('CLI', 'n/a (not in the data)')}")
        else:
            half = at50.get(name)
            print(f"  AP {name}: {ap:.4f}" + (f" (AP@0.5 {half:.4f})" if half is not None else ""))
    return 0


def cmd_predict(args) -> int:
    """The most probable classes a trained classifier gives image files."""
    check.input_file(args.file, "project file")
    weights = check.weights_file(args.weights, checkpoint_folder=True)
    for image in args.images:
        check.input_file(image, "video" if check.is_video_name(image) else "image")
    if args.output:
        check.make_folder(args.output, "-o")
    from .training.assess import load_trained, normalizer_for
    from .training.errors import TrainingError
    from .training.predict import predict_files

    try:
        loaded = load_trained(args.file, weights)
    except TrainingError as exc:
        raise BadInput(str(exc)) from None
    if loaded.kind != "classification":
        if loaded.kind == "detection":
            raise BadInput(
                translate(
                    "CLI",
                    "{file}: its main output is not a classification head (predict needs a classifier): use cnnstudio "
                    "detect",
                ).format(file=args.file)
            )
        raise BadInput(
            translate(
                "CLI", "{file}: its main output is not a classification head (predict needs a classifier)"
            ).format(file=args.file)
        )
    classes = (loaded.meta.get("data") or {}).get("classes") or []
    channels = loaded.model.input_shape[0] if len(loaded.model.input_shape) == 3 else 1
    normalizer = normalizer_for(loaded.meta, channels)
    out_dir = Path(args.output) if args.output else None
    results = predict_files(loaded.model, args.images, classes, normalizer, args.top_k, args.every, out_dir)
    failed = [r.error for r in results if r.error]
    for message in failed:
        print(translate("CLI", "cnnstudio: skipped {message}").format(message=message), file=sys.stderr)
    if args.json:
        print(json.dumps([_json_entry(r, "predictions") for r in results if not r.error]))
    else:
        for r in results:
            for p in r.predictions:
                print(*_where(r), p["class"], f"{p['probability']:.4f}")
    return 2 if len(failed) == len(results) else 0


def _where(result) -> tuple[str, ...]:
    """The leading fields of an output line: IMAGE, or VIDEO #FRAME TIMEs for a video's frame."""
    if result.frame is None:
        return (result.image,)
    return result.image, f"#{result.frame}", f"{result.time:.3f}s"


def _json_entry(result, key: str) -> dict:
    """One JSON object of predict or detect; a video's frame adds ``frame`` and ``time``."""
    if key == "predictions":
        entry = {"image": result.image, "predictions": result.predictions}
    else:
        entry = {k: v for k, v in vars(result).items() if k not in ("error", "frame", "time")}
    if result.frame is not None:
        entry |= {"frame": result.frame, "time": result.time}
    return entry


def cmd_detect(args) -> int:
    """Boxes a trained detector finds in image files."""
    check.input_file(args.file, "project file")
    weights = check.weights_file(args.weights, checkpoint_folder=True)
    for image in args.images:
        check.input_file(image, "video" if check.is_video_name(image) else "image")
    if args.output:
        check.make_folder(args.output, "-o")
    from .training.assess import load_trained, normalizer_for
    from .training.detection.images import detect_files, draw_boxes
    from .training.errors import TrainingError

    try:
        loaded = load_trained(args.file, weights)
    except TrainingError as exc:
        raise BadInput(str(exc)) from None
    if loaded.kind != "detection":
        raise BadInput(
            translate("CLI", "{file}: its main output is not a Detection output (detect needs a detector)").format(
                file=args.file
            )
        )
    classes = (loaded.meta.get("data") or {}).get("classes") or []
    normalizer = normalizer_for(loaded.meta, loaded.model.input_shape[0])
    out_dir = Path(args.output) if args.output else None
    results = detect_files(loaded.model, args.images, classes, normalizer, args.min_score, args.every, out_dir)
    failed = [r.error for r in results if r.error]
    for message in failed:
        print(translate("CLI", "cnnstudio: skipped {message}").format(message=message), file=sys.stderr)
    for r in results:
        if out_dir and not r.error and r.frame is None:  # a video's frames were drawn into its own copy
            draw_boxes(r, out_dir)
    if args.json:
        print(json.dumps([_json_entry(r, "boxes") for r in results if not r.error]))
    else:
        for r in results:
            for b in r.boxes:
                print(*_where(r), b["class"], f"{b['score']:.4f}", *(f"{v:.1f}" for v in b["box"]))
    return 2 if len(failed) == len(results) else 0


def _weights_of(path: str) -> str:
    """A training run's folder as its ``last`` checkpoint's weights file (as train and evaluate take it)."""
    if not Path(path).is_dir():
        return path
    from .training.checkpoint import CheckpointError, resolve

    try:
        sidecar = resolve(path)
    except CheckpointError as exc:
        raise BadInput(str(exc)) from None
    return check.input_file(str(sidecar.with_suffix(".safetensors")), "weights file")


def cmd_export(args) -> int:
    """Write the project as Python code, ONNX, a torch.export program, safetensors weights or a training script."""
    out = check.output_file(args.output, args.force)
    fmt = args.format or _format_for(out)
    if fmt is None:
        raise BadInput(
            translate(
                "CLI", "cannot tell the format from {name!r}: add --format python|onnx|pt2|safetensors|train"
            ).format(name=out.name)
        )
    source = check.input_file(args.file, "project file")
    if args.weights is not None:
        args.weights = _weights_of(check.weights_file(args.weights, checkpoint_folder=True))
        if fmt == "python":  # code cannot hold tensors: they go beside it, and replace nothing unasked
            check.output_file(str(out.with_suffix(".safetensors")), args.force)
    check.make_parent(out, "-o")
    graph = _load(source)
    from .compiler.export import ExportError, export_model

    try:
        with step(translate("CLI", "exporting to {format}").format(format=translate("CLI", EXPORT_NAMES[fmt]))):
            result = export_model(graph, fmt, out, weights=args.weights, component=args.component)
    except ExportError as exc:
        raise BadInput(str(exc)) from None
    if result.report is not None:
        print(result.report.summary())
    wrote = translate("CLI", "wrote {files}").format(files=", ".join(map(str, result.files)))
    print(wrote + "".join(f"; {note}" for note in result.notes))
    return 0


def cmd_import(args) -> int:
    """Trace a PyTorch module (or convert an ONNX model) into a project (and its weights beside it)."""
    onnx = args.spec.lower().endswith(".onnx")
    if onnx:
        check.input_file(args.spec, "ONNX model")
    else:
        target, sep, attr = args.spec.rpartition(":")
        if not (sep and target and attr):
            raise BadInput(
                translate("CLI", "expected MODULE:CALLABLE (e.g. torchvision.models:resnet18), got {spec!r}").format(
                    spec=args.spec
                )
            )
        if target.endswith(".py"):
            check.input_file(target, "Python file")
        if args.input is None:
            raise BadInput(translate("CLI", "--input C,H,W is required to trace a module (e.g. --input 3,224,224)"))
    shapes = [check.parse_shape(text) for text in args.input or []]
    if onnx and len(shapes) > 1:
        raise BadInput(translate("CLI", "an ONNX file takes one --input, got {count}").format(count=len(shapes)))
    # one --input is one shape (as before); several are one per tensor the module's forward takes, in order
    shape = (shapes[0] if len(shapes) == 1 else shapes) if shapes else None
    out = check.output_file(args.output, args.force)
    weights_out = _weights_beside(out)
    if not args.no_weights:
        check.output_file(str(weights_out), args.force)
    check.make_parent(out, "-o")
    from .compiler import import_onnx, save_weights
    from .compiler.importer import ModuleImportError, import_module, imported_state_dict, load_callable

    if os.getcwd() not in sys.path:  # `cnnstudio import mymodel:Net` finds mymodel.py here, as `python -m` would
        sys.path.insert(0, os.getcwd())
    try:
        if onnx:
            with step(translate("CLI", "converting it and checking the graph gives its outputs")):
                graph, module = import_onnx(args.spec, shape)
        else:
            with step(translate("CLI", "building {spec}").format(spec=args.spec)):
                module = load_callable(args.spec)
            with step(translate("CLI", "tracing it and checking the graph gives its outputs")):
                graph = import_module(module, shape, composites=not args.expand, name=args.spec)
    except ModuleImportError as exc:
        raise BadInput(str(exc)) from None
    except SystemExit:  # `import sys:exit`: something that ends the program is not a model factory
        raise BadInput(
            translate("CLI", "CNN Studio cannot import {spec}: it did not return a torch.nn.Module").format(
                spec=args.spec
            )
        ) from None
    from . import ProjectFileError, save
    from .compiler import WeightsError

    try:  # weights first: a project never names a weights file that is not there
        if not args.no_weights:
            state = imported_state_dict(module)  # keys as the graph names the layers
            save_weights(state, weights_out, metadata={"project": out.name, "source": args.spec})
            graph.meta["weights"] = weights_out.name
        save(graph, out)
    except (WeightsError, ProjectFileError) as exc:
        raise BadInput(str(exc)) from None
    written = str(out) if args.no_weights else f"{out} and {weights_out}"
    print(
        translate("CLI", "wrote {written}: {nodes} nodes; the compiled graph gives the module's outputs").format(
            written=written, nodes=len(graph.nodes)
        )
    )
    return 0


def cmd_gui(argv: list[str]) -> int:
    args = gui_parser().parse_args(argv)
    if args.screenshot is not None:  # a one-shot render: its mistakes are answered before Qt loads
        if args.file:
            check.input_file(args.file, "project file")
        check.output_file(args.screenshot, force=True, flag="--screenshot")
        check.make_parent(args.screenshot, "--screenshot")
    try:
        from .gui.app import run
    except ImportError as exc:
        raise BadInput(
            translate("CLI", "the desktop app needs PySide6 and pyqtgraph ({reason})").format(reason=exc)
        ) from None
    return run(args.file, screenshot=args.screenshot, lang=args.lang)


def build_parser() -> argparse.ArgumentParser:
    return cli_parser.build_parser(
        {
            "summary": cmd_summary,
            "presets": cmd_presets,
            "new": cmd_new,
            "finetune": cmd_finetune,
            "export": cmd_export,
            "import": cmd_import,
            "train": cmd_train,
            "evaluate": cmd_evaluate,
            "predict": cmd_predict,
            "detect": cmd_detect,
            "generate": cmd_generate,
        }
    )


def take_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """(the value of ``--lang X`` / ``--lang=X`` anywhere in ``argv``, ``argv`` without it).

    The language is chosen before any parser exists: their help texts, and argparse's own usage errors,
    are then made in it. A ``--lang`` with no value is left in place for argparse to refuse.
    """
    rest: list[str] = []
    explicit = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
        elif arg == "--lang" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            explicit = argv[i + 1]
            i += 1
        else:
            rest.append(arg)
        i += 1
    return explicit, rest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    explicit, stripped = take_language(argv)
    if explicit is not None and i18n.normalise(explicit) is None:
        i18n.set_language(i18n.choose_language())
        choices = ", ".join(i18n.LANGUAGES)
        text = translate("CLI", "--lang must be one of {choices}, got {value}").format(choices=choices, value=explicit)
        print(f"cnnstudio: {one_line(text)}", file=sys.stderr)
        return 2
    i18n.set_language(i18n.choose_language(explicit))
    cli_parser.speak_argparse()
    if stripped and stripped[0] in (*COMMANDS, "-h", "--help"):
        argv = stripped  # the choice is made: the subcommands' parsers need not see it (the app's parser does)
    # torch.load warns about a file's pickle protocol, or that it is a TorchScript archive, before the weights
    # reader refuses it: the refusal, one line, is what the user needs
    warnings.filterwarnings("ignore", message="Detected pickle protocol", category=UserWarning)
    warnings.filterwarnings("ignore", message=".*looks like a TorchScript archive", category=UserWarning)
    try:
        if argv and argv[0] in COMMANDS:
            args = build_parser().parse_args(argv)
            return args.func(args)
        if argv and argv[0] in ("-h", "--help"):
            build_parser().print_help()
            print()
            print(translate("CLI", "Without a command: cnnstudio [FILE] [--screenshot PNG] opens the desktop app."))
            return 0
        return cmd_gui(argv)
    except BadInput as exc:
        print(f"cnnstudio: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `cnnstudio summary F | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file the system refused (full disk, permissions, a name too long): not a bug
        if isinstance(exc, FileProblem):
            text = str(exc)
        elif exc.filename is not None:
            text = f"{exc.filename}: {reason(exc)}"
        else:
            return _internal_error(exc)
        print(f"cnnstudio: {one_line(text)}", file=sys.stderr)
        return 2
    except Exception as exc:
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    """A bug: say so on one line, full detail only on request."""
    print(
        translate("CLI", "cnnstudio: internal error: {name}: {reason}").format(
            name=type(exc).__name__, reason=one_line(str(exc))
        ),
        file=sys.stderr,
    )
    if os.environ.get("CNNSTUDIO_DEBUG"):
        traceback.print_exc()
    else:
        print(translate("CLI", "cnnstudio: set CNNSTUDIO_DEBUG=1 to see the traceback"), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
