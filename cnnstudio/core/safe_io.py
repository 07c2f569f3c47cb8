"""File I/O that other people's files and crashes cannot break: the one atomic writer and the one careful reader.

Every save in the product (projects, exports, weights, checkpoints, recovery copies) goes through
``write_atomic``: a temp file beside the target, fsync, then one rename over it, so a crash or a full disk
at any instant leaves either the old file or the new one. Temp files carry the writer's pid, so a later
save can remove those a dead process left behind without ever touching a live writer's.

Every file a user hands us is read through ``read_regular``: FIFOs, devices and folders are refused before
anything is opened (opening a FIFO blocks forever, ``/dev/zero`` never ends), and the size is bounded.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .i18n import QT_TRANSLATE_NOOP, translate

_TMP = ".tmp-"  # temp names: .<target name>.tmp-<pid>-<random><target suffix>
LEGACY_ORPHAN_AGE_S = 3600.0  # temps of older versions carry no pid: removed only when this old


class FileProblem(OSError):
    """A file that cannot be read or written; str() is one line naming the file and the reason."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(one_line(f"{self.path}: {problem}"))

    def __str__(self) -> str:
        return self.args[0]


def one_line(text: str) -> str:
    """Control characters (a newline in a file name, say) shown escaped, so a message stays one line."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def reason(exc: OSError) -> str:
    """The OS's words for a failure, without Python's errno prefix."""
    return exc.strerror or str(exc) or type(exc).__name__


# What callers call the files they read: the messages name it in the user's language.
FILE_KINDS = (
    QT_TRANSLATE_NOOP("Files", "file"),
    QT_TRANSLATE_NOOP("Files", "project file"),
    QT_TRANSLATE_NOOP("Files", "weights file"),
    QT_TRANSLATE_NOOP("Files", "checkpoint"),
    QT_TRANSLATE_NOOP("Files", "checkpoint file"),
    QT_TRANSLATE_NOOP("Files", "checkpoint sidecar"),
    QT_TRANSLATE_NOOP("Files", "image"),
    QT_TRANSLATE_NOOP("Files", "picture"),
    QT_TRANSLATE_NOOP("Files", "video"),
    QT_TRANSLATE_NOOP("Files", "annotation file"),
    QT_TRANSLATE_NOOP("Files", "COCO annotations file"),
    QT_TRANSLATE_NOOP("Files", "Python file"),
)


def file_kind(what: str) -> str:
    """``what`` (one of FILE_KINDS, or the caller's own words) in the user's language."""
    return translate("Files", what)


# reading -------------------------------------------------------------------------------------
def check_regular(path: str | os.PathLike, what: str = "file") -> os.stat_result:
    """stat() ``path`` and refuse anything but a regular file, before it is opened."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileProblem(path, translate("Files", "no such file")) from None
    except OSError as exc:
        raise FileProblem(path, translate("Files", "cannot be read: {reason}").format(reason=reason(exc))) from None
    except ValueError:  # a NUL byte or a lone surrogate: a name from a file, not one a system can open
        raise FileProblem(path, translate("Files", "is not a usable file name")) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(path, translate("Files", "is a folder, not a {what}").format(what=file_kind(what)))
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(
            path,
            translate("Files", "is not a regular file (a pipe or a device), so it cannot be a {what}").format(
                what=file_kind(what)
            ),
        )
    return info


def read_regular(path: str | os.PathLike, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or FileProblem with a one-line reason."""
    info = check_regular(path, what)
    if info.st_size > max_bytes:
        raise FileProblem(
            path,
            translate("Files", "is {size}, larger than the {limit} a {what} may be").format(
                size=_size(info.st_size), limit=_size(max_bytes), what=file_kind(what)
            ),
        )
    try:
        # O_NONBLOCK: a FIFO swapped in after the stat must not block the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FileProblem(
                    path,
                    translate("Files", "is not a regular file, so it cannot be a {what}").format(what=file_kind(what)),
                )
            data = handle.read(max_bytes + 1)
    except FileProblem:
        raise
    except OSError as exc:
        raise FileProblem(path, translate("Files", "cannot be read: {reason}").format(reason=reason(exc))) from None
    if len(data) > max_bytes:
        raise FileProblem(
            path,
            translate("Files", "is larger than the {limit} a {what} may be").format(
                limit=_size(max_bytes), what=file_kind(what)
            ),
        )
    return data


def _size(n: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):.3g} {unit}"
    return f"{n} bytes"


# writing -------------------------------------------------------------------------------------
def write_atomic(
    path: str | os.PathLike, write: Callable[[str], object], *, fsync: bool = True, mode: int | None = None
) -> None:
    """``write(tmp)`` fills a temp file beside ``path``, which then replaces ``path`` in one rename.

    The temp keeps the target's suffix (exporters look at it). A symlink is written through to the file it
    names. A target that exists and is not a regular file (a device, a FIFO, a folder) is refused. Any
    failure, a full disk included, raises FileProblem, removes the temp and leaves the old file as it was.
    """
    shown = path
    try:
        target = Path(os.path.realpath(path))
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileProblem(shown, translate("Files", "cannot be written: {reason}").format(reason=reason(exc))) from None
    except ValueError:  # a NUL byte or a lone surrogate
        raise FileProblem(path, translate("Files", "is not a usable file name")) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise FileProblem(shown, translate("Files", "is a folder: choose a file name"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise FileProblem(
            shown, translate("Files", "is not a regular file (a device or a pipe): refusing to replace it")
        )
    if len(os.fsencode(target.name)) > 200:  # the temp name adds ~30 bytes; most file systems stop at 255
        raise FileProblem(shown, translate("Files", "cannot be written: the file name is too long"))
    remove_orphans(target)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}{_TMP}{os.getpid()}-", suffix=target.suffix, dir=target.parent
        )
    except OSError as exc:
        raise FileProblem(shown, translate("Files", "cannot be written: {reason}").format(reason=reason(exc))) from None
    os.close(fd)
    try:
        write(tmp)
        if fsync:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode if mode is not None else _mode_for(info))
        os.replace(tmp, target)
    except OSError as exc:
        raise FileProblem(shown, translate("Files", "cannot be written: {reason}").format(reason=reason(exc))) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_text(path: str | os.PathLike, text: str, *, fsync: bool = True) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)

    write_atomic(path, write, fsync=fsync)


def write_bytes(path: str | os.PathLike, data: bytes, *, fsync: bool = True) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)

    write_atomic(path, write, fsync=fsync)


def append_text(path: str | os.PathLike, text: str) -> None:
    """Add whole lines to the end of a log (created if missing), in one write.

    For logs that grow for hours, where rewriting the whole file each time would cost more and more: a crash can
    cut only the last line, which the log's readers skip. Anything but a regular file is refused; FileProblem
    when it cannot be written.
    """
    data = text.encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o644)
    except ValueError:  # a NUL byte or a lone surrogate
        raise FileProblem(path, translate("Files", "is not a usable file name")) from None
    except OSError as exc:
        raise FileProblem(path, translate("Files", "cannot be written: {reason}").format(reason=reason(exc))) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileProblem(
                path, translate("Files", "is not a regular file (a device or a pipe): refusing to replace it")
            )
        view = memoryview(data)
        while view:  # a regular file takes it all at once; a short write (a full disk) says why on the next
            view = view[os.write(fd, view) :]
    except FileProblem:
        raise
    except OSError as exc:
        raise FileProblem(path, translate("Files", "cannot be written: {reason}").format(reason=reason(exc))) from None
    finally:
        os.close(fd)


def _mode_for(info: os.stat_result | None) -> int:
    """Keep an existing file's mode; a new one gets the usual mode (mkstemp makes 0600)."""
    if info is not None:
        return info.st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_orphans(target: str | os.PathLike) -> list[Path]:
    """Remove the temp files that crashed saves of ``target`` left beside it; never a live writer's.

    A temp names its writer's pid: it is an orphan when that process is gone. Temps of older versions
    (``.<name>.XXXX.tmp``, no pid) are orphans only when older than LEGACY_ORPHAN_AGE_S.
    """
    target = Path(target)
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    own, legacy = f".{target.name}{_TMP}", f".{target.name}."
    now = time.time()
    for entry in entries:
        name = entry.name
        if name.startswith(own):
            pid = name[len(own) :].split("-", 1)[0]
            if not pid.isdigit() or _alive(int(pid)):
                continue
        elif name.startswith(legacy) and name.endswith(".tmp") and _TMP not in name:
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime < LEGACY_ORPHAN_AGE_S:
                    continue
            except OSError:
                continue
        else:
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would end the process: assume alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
