"""The options shared by ``cnnstudio train`` and the GUI's worker process, and the headless run.

This module imports only the standard library at load time, so building the ``cnnstudio`` argument
parser stays fast; torch is imported when a run starts.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from cnnstudio.cli_checks import MAX_COUNT, MAX_SEED, bounded_int, positive_float

from ..core.i18n import translate
from .config import OPTIMIZERS, parse_override
from .errors import DivergedError, TrainingError


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE and the run options (each overrides the project's saved training config)."""
    parser.add_argument(
        "file", help=translate("Training", "the .cnn.json project (its saved training config is the starting point)")
    )
    parser.add_argument(
        "--data",
        metavar="SPEC",
        help=translate(
            "Training", "digits (default), shapes[:N], folder:PATH, mnist:ROOT, fashion-mnist:ROOT or cifar10:ROOT"
        ),
    )
    parser.add_argument("--epochs", type=bounded_int(1, MAX_COUNT), metavar="N")
    parser.add_argument("--batch-size", type=bounded_int(1, MAX_COUNT), metavar="B")
    parser.add_argument("--lr", type=positive_float, metavar="LR", help=translate("Training", "learning rate"))
    parser.add_argument("--optimizer", choices=OPTIMIZERS)
    parser.add_argument(
        "--device", metavar="D", help=translate("Training", "auto (cuda, then mps, then cpu), cpu, cuda, cuda:N or mps")
    )
    parser.add_argument("--seed", type=bounded_int(0, MAX_SEED))
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=translate("Training", "any training config key, e.g. --set schedule=cosine --set augment.rotation=15"),
    )
    parser.add_argument(
        "--metrics",
        metavar="JSONL",
        help=translate("Training", "also write every event as a JSON line to this file (folders are created)"),
    )
    parser.add_argument(
        "--checkpoint-dir",
        metavar="DIR",
        help=translate("Training", "write last/best checkpoints here (created if needed)"),
    )
    parser.add_argument(
        "--resume",
        metavar="CKPT",
        help=translate(
            "Training", "continue from a checkpoint: its folder (its last), .json, .safetensors or stem (runs/a/best)"
        ),
    )
    parser.add_argument(
        "--weights",
        metavar="W",
        help=translate(
            "Training",
            "start from these weights (matching names and shapes): .safetensors, .pth, or a checkpoint (runs/a/best)",
        ),
    )
    parser.add_argument(
        "--download",
        action="store_true",
        help=translate("Training", "download MNIST/Fashion-MNIST/CIFAR-10 if missing"),
    )
    parser.add_argument(
        "--threads",
        type=bounded_int(1, 4096),
        metavar="N",
        help=translate("Training", "CPU threads (default: all cores but one)"),
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help=translate("Training", "no progress output, only the result line")
    )


def options_from_args(args):
    """RunOptions from parsed arguments; ConfigError for a malformed --set."""
    from .session import RunOptions

    overrides = {}
    for flag, key in (
        ("epochs", "epochs"),
        ("batch_size", "batch_size"),
        ("lr", "lr"),
        ("optimizer", "optimizer"),
        ("device", "device"),
        ("seed", "seed"),
    ):
        value = getattr(args, flag)
        if value is not None:
            overrides[key] = value
    for item in args.set:
        key, value = parse_override(item)
        overrides[key] = value
    if args.threads is not None and args.threads < 1:
        raise TrainingError(
            translate("Training", "--threads must be at least 1, got {threads}").format(threads=args.threads)
        )
    return RunOptions(
        project=args.file,
        data=args.data,
        overrides=overrides,
        checkpoint_dir=args.checkpoint_dir,
        resume=args.resume,
        weights=args.weights,
        allow_download=args.download,
        threads=args.threads,
    )


def _percent(value) -> str:
    return f"{100 * value:.2f}%"


def _score(value) -> str:
    return "n/a" if value is None or value < 0 else f"{value:.4f}"


def summary_line(result, seconds: float) -> str:
    """The last line of ``cnnstudio train``: the validation result and the time taken."""
    last = result.last
    if not last:
        return f"{result.status} before the first epoch ended ({seconds:.1f} s)"
    best = result.best or {}
    if last.get("val_accuracy") is not None:
        text = f"val accuracy {_percent(last['val_accuracy'])}"
        if best.get("metric") == "accuracy" and best.get("epoch") != last["epoch"]:
            text += f" (best {_percent(best['value'])} at epoch {best['epoch']})"
        text += f", val loss {last['val_loss']:.4f}"
    elif "val_map50" in last:  # a detector
        text = f"val mAP@0.5 {_score(last['val_map50'])}, mAP {_score(last.get('val_map'))}"
        if best.get("metric") == "map50" and best.get("epoch") != last["epoch"]:
            text += f" (best mAP@0.5 {_score(best['value'])} at epoch {best['epoch']})"
        text += f", val loss {last['val_loss']:.4f}"
    else:
        text = f"val loss {last['val_loss']:.5f}"
        if best.get("epoch") != last["epoch"] and best:
            text += f" (best {best['value']:.5f} at epoch {best['epoch']})"
    done = last["epoch"]
    what = f"{done} epoch{'s' if done != 1 else ''}" if result.status == "finished" else f"stopped in epoch {done + 1}"
    return f"{text}; {what} in {seconds:.1f} s"


def train_command(args) -> int:
    """``cnnstudio train``: progress on stderr, the result on stdout. TrainingError for user mistakes.

    Under torchrun only rank 0 prints progress and the result and writes ``--metrics``; the others say
    nothing but their own errors.
    """
    from .distributed import launch_from_environment

    launch = launch_from_environment()
    if launch is None or launch.rank == 0:
        return _train(args, launch is not None)
    try:
        return _train(args, True, quiet=True)
    except DivergedError:  # every process stopped on it together, and rank 0 has said so
        return 2
    except TrainingError as exc:  # said by every process that meets it: say which
        raise TrainingError(
            translate("Training", "rank {rank}: {reason}").format(rank=launch.rank, reason=exc)
        ) from None


def _train(args, distributed: bool, quiet: bool = False) -> int:
    from .events import EventLog, JsonLines, ProgressPrinter
    from .session import run
    from .stop import StopToken

    options = options_from_args(args)
    sinks = [] if quiet or getattr(args, "quiet", False) else [ProgressPrinter()]
    metrics = None
    if args.metrics and not quiet:
        try:
            metrics = JsonLines.to_file(args.metrics)
        except OSError as exc:
            raise TrainingError(
                translate("Training", "--metrics {metrics}: cannot be written ({reason})").format(
                    metrics=args.metrics, reason=exc.strerror or exc
                )
            ) from None
        sinks.append(metrics)
    stop = StopToken()

    def on_interrupt(signum, frame):  # first Ctrl-C: stop after this batch, with a checkpoint; second: now
        if stop.requested:
            raise KeyboardInterrupt
        stop.request("interrupted")
        if not quiet:
            print(translate("Training", "\nstopping after this batch (Ctrl-C again to abort)"), file=sys.stderr)

    # torchrun starts its processes in their own sessions and passes a Ctrl-C on to them as SIGTERM
    signals = (signal.SIGINT, signal.SIGTERM) if distributed else (signal.SIGINT,)
    previous = {signum: signal.signal(signum, on_interrupt) for signum in signals}
    began = time.perf_counter()
    try:
        result = run(options, EventLog(sinks), stop)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if metrics:
            metrics.close()
    if not quiet:
        print(summary_line(result, time.perf_counter() - began))
    return 0 if result.status == "finished" else 130
