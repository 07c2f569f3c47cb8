"""What the ``cnnstudio`` command checks before it imports torch (stdlib only).

A missing input, an output that exists, a bad number or a missing folder must answer at once; importing
torch alone takes seconds. Every check raises BadInput, whose text is the one line the user sees.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import stat
from pathlib import Path

from .core.i18n import translate
from .core.safe_io import FileProblem, check_regular, file_kind, one_line, reason

MAX_SIDE = 65_536  # an input side or channel count beyond this is a typo, not a network
MAX_CLASSES = 1_000_000
MAX_SEED = 2**32 - 1  # numpy's and torch's generators both take it
MAX_COUNT = 1_000_000_000  # epochs, batch size: beyond this only an overflow deep inside torch would answer


class BadInput(Exception):
    """A user mistake: reported on one line, exit code 2."""

    def __str__(self) -> str:
        return one_line(super().__str__())


# numbers ---------------------------------------------------------------------------------------------
def bounded_int(lo: int, hi: int):
    """An argparse ``type``: a whole number from lo to hi, with the range in the message."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                translate("CLI", "expected a whole number from {lo} to {hi}, got {text!r}").format(
                    lo=lo, hi=hi, text=text
                )
            ) from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(
                translate("CLI", "must be from {lo} to {hi}, got {text}").format(lo=lo, hi=hi, text=text)
            )
        return value

    parse.__name__ = "whole number"  # argparse names the type in its own messages
    return parse


def positive_float(text: str) -> float:
    """An argparse ``type``: a finite number > 0 (a learning rate)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CLI", "expected a number > 0, got {text!r}").format(text=text)
        ) from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(translate("CLI", "must be a finite number > 0, got {text}").format(text=text))
    return value


def unit_float(text: str) -> float:
    """A number in [0, 1] (a score threshold)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("CLI", "expected a number between 0 and 1, got {text!r}").format(text=text)
        ) from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(
            translate("CLI", "expected a number between 0 and 1, got {text}").format(text=text)
        )
    return value


def parse_shape(text: str | None, flag: str = "--input") -> list[int]:
    """``3,224,224`` (or ``3x224x224``) → [3, 224, 224]: one to three sides from 1 to MAX_SIDE."""
    text = text or ""
    parts = re.split(r"[,x×]", text)
    try:  # every part a number: "1,2,x" is not 1×2, and "" not a shape
        values = [int(v) for v in parts] if text.strip() else []
    except ValueError:
        raise BadInput(
            translate("CLI", "{flag} must look like C,H,W (e.g. 3,224,224), got {text!r}").format(flag=flag, text=text)
        ) from None
    if not 1 <= len(values) <= 3 or not all(1 <= v <= MAX_SIDE for v in values):
        raise BadInput(
            translate(
                "CLI", "{flag} must be 1 to 3 numbers from 1 to {max_side:,} like 3,224,224, got {text!r}"
            ).format(flag=flag, max_side=MAX_SIDE, text=text)
        )
    return values


# files -----------------------------------------------------------------------------------------------
def _stat(path: str) -> os.stat_result | None:
    """os.stat, None when nothing is there; BadInput for a name the system cannot even look up."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # a name too long, a permission problem on the way
        raise BadInput(f"{path}: {reason(exc)}") from None
    except ValueError as exc:  # an embedded NUL byte
        raise BadInput(
            translate("CLI", "{path!r}: not a usable file name ({reason})").format(path=path, reason=exc)
        ) from None


VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".avi", ".webm", ".mkv")  # training.video.DEMUXERS', without torch


def is_video_name(path: str) -> bool:
    return path.lower().endswith(VIDEO_SUFFIXES)


def input_file(path: str, what: str = "file") -> str:
    """A regular file that exists (not a folder, a FIFO or a device)."""
    if not path:
        raise BadInput(translate("CLI", "an empty name is not a {what}").format(what=file_kind(what)))
    _stat(path)  # the unusable names first, with their own words
    try:
        check_regular(path, what)
    except FileProblem as exc:
        raise BadInput(str(exc)) from None
    return path


def output_file(path: str, force: bool, flag: str = "-o") -> Path:
    """A file that may be written: not a folder or device; an existing one only with --force."""
    if not path:
        raise BadInput(translate("CLI", "{flag} needs a file name").format(flag=flag))
    info = _stat(path)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(translate("CLI", "{path} is a folder: give a file name").format(path=path))
        if not stat.S_ISREG(info.st_mode):
            raise BadInput(
                translate("CLI", "{path} is not a regular file (a device or a pipe): refusing to replace it").format(
                    path=path
                )
            )
        if not force:
            raise BadInput(translate("CLI", "{path} already exists (add --force to overwrite it)").format(path=path))
    if len(os.fsencode(Path(path).name)) > 200:  # the atomic writer's temp name must fit beside it
        raise BadInput(translate("CLI", "{path}: the file name is too long").format(path=path))
    return Path(path)


def make_parent(path: str | Path, flag: str) -> None:
    """Create the folder a file will be written into (``runs/a`` for ``runs/a/events.jsonl``)."""
    make_folder(Path(path).parent, flag)


def make_folder(folder: str | Path, flag: str) -> None:
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise BadInput(
            translate("CLI", "{flag}: {folder} is a file, not a folder").format(flag=flag, folder=folder)
        ) from None
    except OSError as exc:
        raise BadInput(
            translate("CLI", "{flag}: cannot create the folder {folder}: {reason}").format(
                flag=flag, folder=folder, reason=reason(exc)
            )
        ) from None


def weights_file(path: str, flag: str = "--weights", *, checkpoint_folder: bool = False) -> str:
    """A weights file, or a checkpoint's stem (``runs/a/best`` → ``runs/a/best.safetensors``).

    With ``checkpoint_folder`` a training run's folder (its ``last`` checkpoint) is accepted too.
    """
    if not path:
        raise BadInput(translate("CLI", "{flag} needs a file name").format(flag=flag))
    info = _stat(path)
    if info is None:
        for suffix in (".safetensors", ".json") if checkpoint_folder else (".safetensors",):
            candidate = path + suffix
            if _stat(candidate) is not None:
                return input_file(candidate, "weights file")
        raise BadInput(
            translate("CLI", "{flag} {path}: no such file (nor {name}.safetensors, a checkpoint's weights)").format(
                flag=flag, path=path, name=Path(path).name
            )
        )
    if checkpoint_folder and stat.S_ISDIR(info.st_mode):
        return path
    return input_file(path, "weights file")


def checkpoint(path: str, flag: str = "--resume") -> str:
    """A checkpoint: its folder, its ``.json`` sidecar, its ``.safetensors`` or its stem (``runs/a/best``)."""
    if not path:
        raise BadInput(translate("CLI", "{flag} needs a checkpoint").format(flag=flag))
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        return path
    if info is None:
        for suffix in (".json", ".safetensors"):
            if _stat(path + suffix) is not None:
                return input_file(path + suffix, "checkpoint")
        raise BadInput(
            translate(
                "CLI", "{flag} {path}: no checkpoint there (give its folder, its .json or its stem like runs/a/best)"
            ).format(flag=flag, path=path)
        )
    return input_file(path, "checkpoint")


VISION_SOURCES = ("mnist", "fashion-mnist", "cifar10")


def data_spec(spec: str | None, download: bool) -> None:
    """The folders a data spec names must exist (a full parse happens when the data loads)."""
    if spec is None:
        return
    kind, _, arg = spec.strip().partition(":")
    kind = kind.lower()
    if not arg or (kind in VISION_SOURCES and download):
        return
    if kind == "folder" or kind in VISION_SOURCES:
        info = _stat(arg)
        if info is None:
            hint = "" if kind == "folder" else translate("CLI", " (add --download to fetch it)")
            raise BadInput(
                translate("CLI", "--data {spec}: no such folder {arg}{hint}").format(spec=spec, arg=arg, hint=hint)
            )
        if not stat.S_ISDIR(info.st_mode):
            raise BadInput(translate("CLI", "--data {spec}: {arg} is not a folder").format(spec=spec, arg=arg))
