"""The training engine as a child process: the GUI's side of training, speaking JSON lines.

Run ``python -m cnnstudio.training.worker PROJECT.cnn.json [options]`` (``command_line()`` builds that
argv). The options are those of
``cnnstudio train`` (``--data``, ``--epochs``, ``--batch-size``, ``--lr``, ``--optimizer``, ``--device``,
``--seed``, ``--set KEY=VALUE``, ``--checkpoint-dir``, ``--resume``, ``--weights``, ``--download``,
``--threads``, ``--metrics``) plus:

- ``--events -`` (default) writes the events to stdout; ``--events PATH`` to a file instead;
- ``--no-stdin`` ignores stdin (no commands, and its end does not stop training).

The GUI writes the graph it wants trained (with its training config in ``meta["training"]``) to a
temporary project file and passes that, so unsaved edits train and the user's file is never touched.
Training in a separate process means a crash, an out-of-memory or a hung CUDA call in training never
takes the editor or unsaved work down with it.

Protocol (version 1)
====================

**stdout** carries only events, one JSON object per line, UTF-8, flushed after each line. Everything else
the process prints (warnings, tracebacks, download progress) goes to **stderr**: the worker moves file
descriptor 1 onto stderr for all other writers, so a stray ``print`` cannot corrupt the stream.
Numbers that are NaN or infinite are sent as ``null``. Every event has ``"event"`` (its name) and ``"t"``
(seconds since the worker started). Fields may be added in later versions; readers ignore unknown
fields and unknown events. In order:

``started`` (exactly once, first, unless an ``error`` comes before it)
    ``protocol`` (1), ``device`` ("cpu", "cuda", ...), ``config`` (the effective TrainingConfig as a dict),
    ``model`` {``params``, ``trainable_params``, ``input_shape``, ``heads``: [{``name``, ``kind``
    ("classification" | "reconstruction" | "plain"), ``loss_weight``, ``auxiliary``}]},
    ``data`` {``name``, ``classes`` (names; class index = position), ``train_size``, ``val_size``,
    ``normalize`` {``mean``, ``std``}}, ``epochs``, ``steps_per_epoch``, ``start_epoch`` (epochs already
    done), ``start_batch``, ``step`` (optimiser steps already done), ``resumed`` (bool), ``history`` (the
    per-epoch summaries so far, as in ``epoch_end``, for redrawing curves after a resume),
    ``checkpoint_dir`` (or null), ``project``, ``data_spec``.

``weights`` (after ``started``, when initial weights were loaded)
    ``message`` (one line), ``path``, ``matched`` (count), ``missing``, ``skipped``, ``unexpected`` (key lists).

``warning``
    ``message``: one line for the user, e.g. unreadable images that were skipped.

``batch`` (throttled: at most 20 a second, so not one per step)
    ``epoch`` (1-based), ``epochs``, ``batch`` (1-based within the epoch), ``batches`` (per epoch), ``step``
    (optimiser steps so far), ``loss`` (the latest step's), ``losses`` (every step's loss since the
    previous batch event, oldest first, ending with ``loss``: the steps ``step - len(losses) + 1 .. step``,
    so a per-iteration curve misses nothing), ``lr``, ``images_per_s`` (since the previous batch event);
    a GAN's also ``parts``: ``{"d_loss": [...], "g_loss": [...]}``, its two losses at the same steps.

``epoch_end`` (once per epoch, after validation)
    ``epoch``, ``epochs``, ``step``, ``train_loss``, ``train_accuracy``, ``val_loss``, ``val_accuracy``, ``lr``,
    ``seconds`` (the epoch, with validation), ``images_per_s`` (training), ``best`` (bool: the best so far,
    by val accuracy, or by val loss when the main head reconstructs). Accuracies are fractions in [0, 1],
    null without a classification head. The losses are the weighted sums of the heads' losses (auxiliary
    heads count in training only). With a classification head also:
    ``confusion`` (rows = true class, columns = predicted, counts), ``per_class_accuracy`` (null for a
    class without validation images), ``samples`` (up to 16 validation images, misclassified first:
    {``index`` (in the validation set), ``label``, ``predicted``, ``confidence``, ``image``}).
    With a reconstruction head: ``reconstructions`` (up to 8: {``index``, ``input``, ``output``}).
    A GAN (generator and discriminator): ``val_d_loss``, ``val_g_loss`` (``val_loss`` is their sum; ``best``
    is always false), ``d_real`` and ``d_fake`` (the discriminator's mean sigmoid on the validation images and
    on as many generated ones), ``sample_grid`` (a base64 PNG at full size: the generator's images from the
    run's fixed latent vectors, the same every epoch) and, with a checkpoint folder, ``sample_path``
    (``samples/epoch_NNN.png`` there). A VAE: ``val_kl`` (the KL term per pixel) and ``sample_grid``
    (decoded draws from the prior).
    Images are base64 PNG strings (grayscale or RGB, at most 64 pixels a side), as the network sees
    them before normalisation.

``checkpoint`` (after each ``epoch_end`` and on a stop, when a checkpoint folder was given)
    ``kind`` ("last" | "best"), ``path`` (the weights: ``DIR/last.safetensors``; the sidecar is
    ``DIR/last.json``), ``epoch`` (epochs complete), ``batch`` (batches done in the next), ``step``.

``stopped`` (then the process exits 0)
    ``epoch`` (1-based, the epoch in progress; with ``batch`` 0: the epochs complete), ``batch`` (its
    batches done), ``step``, ``reason`` ("stdin", "signal", "stdin closed", "output closed"),
    ``checkpoint`` (the ``last`` weights written for this stop, or null without a checkpoint folder).
    Resume with ``--resume DIR`` (or the path): it continues with exactly the batches and losses an
    uninterrupted run would have had.

``finished`` (then the process exits 0)
    ``epochs``, ``step``, ``val_loss``, ``val_accuracy`` (the last epoch's), ``best`` {``epoch``,
    ``metric`` ("accuracy" | "loss"), ``value``}, ``checkpoint`` (the ``last`` weights or null).

``error`` (then the process exits: 2 for a problem the user can fix, 1 for a bug)
    ``kind`` ("bad_input", "nan_loss", "out_of_memory", "internal"), ``message`` (one line, ready to
    show). A ``nan_loss`` error (a loss that became NaN or infinite, or climbed above 10⁶ × the run's first
    loss) also has ``step``, ``epoch``, ``batch`` and ``checkpoint`` (the last good ``last`` weights, which
    the failed step did not overwrite, or null).

**stdin** takes commands, one per line: ``stop`` finishes the current batch, writes the ``last``
checkpoint and exits after a ``stopped`` event. Unknown lines are answered with a ``warning``. When
stdin is a pipe and reaches its end (the GUI went away), the worker stops the same way, so it never
trains on as an orphan; ``--no-stdin`` turns that off. **SIGTERM** and **SIGINT** also stop gracefully.
If stdout breaks (nobody reads the events any more), the worker stops too.

Exit codes: 0 finished or stopped, 2 bad input (config, data, project, checkpoint) or a diverged loss,
1 an internal error.
"""

from __future__ import annotations

import argparse
import os
import signal
import stat
import sys
import threading
import traceback

from ..core import i18n
from ..core.i18n import translate
from .command import add_train_arguments, options_from_args
from .errors import TrainingError
from .events import EventLog, JsonLines, json_line
from .stop import StopToken


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors become an error event, not argparse's usage text
        raise TrainingError(f"worker: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m cnnstudio.training.worker", description=translate("Training", "Train, reporting JSON lines.")
    )
    add_train_arguments(parser)
    parser.add_argument(
        "--events", default="-", metavar="PATH", help=translate("Training", "where the events go ('-': stdout)")
    )
    parser.add_argument(
        "--no-stdin", action="store_true", help=translate("Training", "ignore stdin (no stop command, no stop on EOF)")
    )
    return parser


def command_line(project: str, *options: str, python: str | None = None) -> list[str]:
    """The argv that starts a worker, e.g. for QProcess: ``argv[0]`` is the program, the rest its arguments.

    ``options`` are ``cnnstudio train`` options as strings: ``command_line(p, "--checkpoint-dir", d)``.
    """
    return [python or sys.executable, "-m", "cnnstudio.training.worker", str(project), *options]


def _event_stream(target: str):
    """The events' stream. For stdout: keep the real stdout for events, send fd 1 to stderr for the rest."""
    if target != "-":
        return open(target, "w", encoding="utf-8")  # noqa: SIM115  (lives as long as the process)
    events_fd = os.dup(sys.stdout.fileno())
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return os.fdopen(events_fd, "w", encoding="utf-8", buffering=1)


def _watch_stdin(stop, emit) -> None:
    """Read commands until stdin ends; its end stops training when stdin is a pipe.

    It reads the file descriptor, not ``sys.stdin``: a thread blocked in ``sys.stdin``'s read holds its lock,
    and a DataLoader worker forked meanwhile closes ``sys.stdin`` as it starts (multiprocessing does), so it
    waited for that lock for ever: training on a folder with loader processes hung at its first batch."""
    try:
        fd = sys.stdin.fileno()
        is_pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
    except (OSError, ValueError, AttributeError):
        return
    pending = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        *lines, pending = (pending + chunk).split(b"\n")
        pending = pending[-4096:]  # a line with no end in sight: only its tail can still be a command
        for line in lines:
            _command(line.decode("utf-8", "replace"), stop, emit)
    if pending:
        _command(pending.decode("utf-8", "replace"), stop, emit)
    if is_pipe:
        stop.request("stdin closed")


def _command(line: str, stop, emit) -> None:
    command = line.strip().lower()
    if command == "stop":
        stop.request("stdin")
    elif command:
        emit(
            "warning",
            message=translate("Training", "unknown command {command!r} on stdin (known: stop)").format(
                command=command[:40]
            ),
        )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(i18n.choose_language())  # $CNNSTUDIO_LANG (the app passes its choice on), else the system's
    stop = StopToken()
    try:
        args = build_parser().parse_args(argv)
        stream = _event_stream(args.events)
    except (TrainingError, OSError) as exc:  # nowhere else to say it: a JSON error line on stdout
        sys.stdout.write(json_line({"event": "error", "t": 0.0, "kind": "bad_input", "message": str(exc)}))
        sys.stdout.flush()
        return 2
    sink = JsonLines(stream, on_broken=lambda: stop.request("output closed"))
    sinks = [sink]
    events = EventLog(sinks)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.request("signal"))
    if not args.no_stdin:
        threading.Thread(target=_watch_stdin, args=(stop, events.emit), daemon=True, name="stdin").start()
    metrics = None
    try:
        from .session import run

        options = options_from_args(args)
        if args.metrics:
            try:
                metrics = JsonLines.to_file(args.metrics)
            except OSError as exc:
                raise TrainingError(
                    translate("Training", "--metrics {metrics}: cannot be written ({reason})").format(
                        metrics=args.metrics, reason=exc.strerror or exc
                    )
                ) from None
            sinks.append(metrics)
        run(options, events, stop)
        return 0
    except TrainingError as exc:
        if not getattr(exc, "reported", False):  # session.run reports its own
            events.emit("error", kind=exc.kind, message=str(exc))
        return 2
    except Exception as exc:  # a bug: one line for the GUI, the traceback on stderr for the report
        text = translate("Training", "internal error: {name}: {reason}").format(name=type(exc).__name__, reason=exc)
        events.emit("error", kind="internal", message=text.splitlines()[0])
        traceback.print_exc()
        return 1
    finally:
        if metrics:
            metrics.close()
        stream.flush()


if __name__ == "__main__":
    sys.exit(main())
