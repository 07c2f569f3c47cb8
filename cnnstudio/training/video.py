"""Video files for ``predict`` and ``detect``: frames decoded by PyAV (FFmpeg), an annotated copy encoded back.

A video is untrusted input, so reading it is bounded before and while decoding:
- the file is checked as a regular file of at most MAX_VIDEO_BYTES before FFmpeg sees it;
- the demuxer is the one its suffix names (never FFmpeg's probing): a ``.mp4`` that is really a playlist
  (HLS, concat) would otherwise make FFmpeg open other files or URLs;
- a frame larger than the image limit (MAX_PIXELS) is refused before it is converted;
- at most MAX_FRAMES frames are decoded, and decoding stops past DECODE_BUDGET_S seconds of wall time
  (checked between frames: one frame of a bounded size decodes in bounded time);
- anything FFmpeg reports (a truncated or garbled file) becomes one VideoProblem line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from PIL import Image

from cnnstudio.core.i18n import translate
from cnnstudio.core.safe_io import FileProblem, check_regular, write_atomic
from cnnstudio.insight.pixels import MAX_PIXELS, too_large_reason

# suffix -> the FFmpeg demuxer that reads it (and only it)
DEMUXERS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".avi": "avi", ".webm": "webm", ".mkv": "matroska"}
MAX_VIDEO_BYTES = 4 << 30
MAX_FRAMES = 20_000  # frames decoded per video (every Nth of them is used)
DECODE_BUDGET_S = 1800.0


class VideoProblem(ValueError):
    """A video that cannot be read; the message is one line."""


def is_video(name: str) -> bool:
    return Path(name).suffix.lower() in DEMUXERS


@dataclass
class Frame:
    index: int  # the frame's position in the video, from 0
    time: float  # seconds from the start
    image: Image.Image  # RGB
    rate: Fraction  # frames per second of the video (25 when it does not say)


def _problem(exc: Exception) -> VideoProblem:
    # FFmpeg's errors carry "[Errno N] reason: 'path'": the reason alone (the path leads the line already)
    text = " ".join(str(getattr(exc, "strerror", None) or exc).split()) or type(exc).__name__
    return VideoProblem(translate("Training", "not a readable video ({reason})").format(reason=text))


def read_frames(
    path: str, every: int = 1, max_frames: int = MAX_FRAMES, budget_s: float = DECODE_BUDGET_S
) -> Iterator[Frame]:
    """Every ``every``-th frame of the video's first video stream, as RGB images; VideoProblem or FileProblem
    when it cannot be read (after the frames already given, for a file broken part-way)."""
    import av

    info = check_regular(path, "video")
    if info.st_size > MAX_VIDEO_BYTES:
        raise FileProblem(
            path,
            translate("Training", "is larger than the {limit} GiB a video may be").format(limit=MAX_VIDEO_BYTES >> 30),
        )
    demuxer = DEMUXERS.get(Path(path).suffix.lower())
    if demuxer is None:
        raise VideoProblem(translate("Training", "not a video file name (.mp4, .avi, .webm, .mkv, .mov)"))
    deadline = time.monotonic() + budget_s
    try:
        container = av.open(str(path), format=demuxer, timeout=60.0)
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise _problem(exc) from None
    try:
        if not container.streams.video:
            raise VideoProblem(translate("Training", "has no video stream"))
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        width, height = stream.codec_context.width, stream.codec_context.height
        if width * height > MAX_PIXELS:
            raise VideoProblem(too_large_reason(width, height))
        rate = Fraction(stream.average_rate) if stream.average_rate else Fraction(25)
        decoded = 0
        try:
            for frame in container.decode(stream):
                if frame.width * frame.height > MAX_PIXELS:
                    raise VideoProblem(too_large_reason(frame.width, frame.height))
                if decoded >= max_frames:
                    raise VideoProblem(
                        translate("Training", "has more than {limit} frames: cut it shorter").format(limit=max_frames)
                    )
                if time.monotonic() > deadline:
                    raise VideoProblem(
                        translate("Training", "took longer than {limit:.0f} s to decode").format(limit=budget_s)
                    )
                if decoded % every == 0:
                    seconds = float(frame.time) if frame.time is not None else float(decoded / rate)
                    yield Frame(decoded, seconds, frame.to_image(), rate)
                decoded += 1
        except (av.FFmpegError, OSError, ValueError) as exc:
            if isinstance(exc, VideoProblem):
                raise
            raise _problem(exc) from None
        if decoded == 0:
            raise VideoProblem(translate("Training", "has no frame that can be decoded"))
    finally:
        container.close()


def write_video(target: Path, frames: Callable[[], Iterator[tuple[Image.Image, Fraction]]]) -> None:
    """The images ``frames()`` gives (each with the frame rate), encoded as an H.264 MP4 (MPEG-4 Part 2 where this FFmpeg has no x264),
    written atomically: a failure part-way leaves no file."""
    import av

    codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"

    def write(tmp: str) -> None:
        try:
            encode(tmp)
        except av.FFmpegError as exc:
            raise VideoProblem(
                translate("Training", "the annotated video cannot be encoded ({reason})").format(reason=exc)
            ) from None

    def encode(tmp: str) -> None:
        with av.open(tmp, "w", format="mp4") as out:
            stream = None
            for image, rate in frames():
                if stream is None:
                    stream = out.add_stream(codec, rate=rate)
                    # yuv420p halves the chroma planes: even sides; players expect it
                    stream.width, stream.height = image.width // 2 * 2, image.height // 2 * 2
                    stream.pix_fmt = "yuv420p"
                    if codec == "libx264":
                        stream.options = {"crf": "18"}
                if image.size != (stream.width, stream.height):
                    image = image.crop((0, 0, stream.width, stream.height))
                for packet in stream.encode(av.VideoFrame.from_image(image)):
                    out.mux(packet)
            if stream is not None:
                for packet in stream.encode():
                    out.mux(packet)

    write_atomic(target, write)


def video_results(
    path: str,
    every: int,
    infer: Callable[[Frame], object],
    draw: Callable[[Image.Image, object], Image.Image] | None = None,
    out_dir: Path | None = None,
) -> tuple[list, Path | None]:
    """``infer(frame)`` for every ``every``-th frame, and with ``out_dir`` those frames with ``draw(image,
    result)`` on them as ``OUT_DIR/<name>.mp4`` (``<name>.annotated.mp4`` when that is the video itself).
    One decoding pass for both; a VideoProblem or FileProblem leaves no result and no file."""
    results = []
    if out_dir is None or draw is None:
        results = [infer(frame) for frame in read_frames(path, every)]
        return results, None

    def annotated() -> Iterator[tuple[Image.Image, Fraction]]:
        for frame in read_frames(path, every):
            result = infer(frame)
            results.append(result)
            yield draw(frame.image, result), frame.rate / every

    target = out_dir / f"{Path(path).stem}.mp4"
    if target.exists() and target.resolve() == Path(path).resolve():
        target = out_dir / f"{Path(path).stem}.annotated.mp4"
    write_video(target, annotated)
    return results, target
