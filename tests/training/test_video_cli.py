"""``cnnstudio predict`` and ``detect`` on a video this test writes with PyAV: frame by frame the same results as
on the frames saved as PNG images (as decoded), every Nth frame with --every, an annotated copy with -o that
re-opens with the right frame count, and a broken video as one line with exit code 2."""

from __future__ import annotations

import json

import av
import pytest
import torch
from PIL import Image

from cnnstudio.cli import main
from cnnstudio.core.project_file import save
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.data.boxes.shapes_boxes import generate_shape_boxes
from cnnstudio.training.events import EventLog
from cnnstudio.training.session import RunOptions, run

from .detection.test_train_detector import tiny_detector
from .helpers import tiny_classifier

FRAMES = 6


def _train(folder, graph, name: str) -> list[str]:
    save(graph, folder / f"{name}.cnn.json")
    before = torch.get_num_threads()
    run(RunOptions(str(folder / f"{name}.cnn.json"), checkpoint_dir=str(folder / name), threads=1), EventLog())
    torch.set_num_threads(before)
    return [str(folder / f"{name}.cnn.json"), "--weights", str(folder / name / "best")]


def _write_video(path, images, codec: str) -> None:
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=10)
        stream.width, stream.height, stream.pix_fmt = 96, 96, "yuv420p"
        for image in images:
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def _frames(path) -> list[Image.Image]:
    with av.open(str(path)) as container:
        return [frame.to_image() for frame in container.decode(video=0)]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("video")
    classifier = tiny_classifier(classes=6, input_shape=(3, 16, 16))
    TrainingConfig(epochs=1, batch_size=8, data="shapes:40").to_graph(classifier)
    detector = tiny_detector()
    detector.meta["training"]["epochs"] = 1
    shapes = generate_shape_boxes(FRAMES, seed=5, size=96)
    images = [Image.fromarray(shapes.images[i].permute(1, 2, 0).numpy()) for i in range(FRAMES)]
    _write_video(folder / "clip.mp4", images, "libx264")
    _write_video(folder / "clip.webm", images, "libvpx")
    for suffix in ("mp4", "webm"):  # the frames as decoded: what the video's results must equal
        for i, frame in enumerate(_frames(folder / f"clip.{suffix}")):
            frame.save(folder / f"{suffix}{i}.png")
    return {
        "folder": folder,
        "predict": ["predict", *_train(folder, classifier, "cls")],
        "detect": ["detect", *_train(folder, detector, "det"), "--min-score", "0.05"],
    }


@pytest.mark.parametrize("command", ["predict", "detect"])
@pytest.mark.parametrize("suffix", ["mp4", "webm"])
def test_a_video_gives_frame_by_frame_the_results_of_its_frames_as_images(setup, command, suffix, capsys):
    folder, args = setup["folder"], setup[command]
    pngs = [str(folder / f"{suffix}{i}.png") for i in range(FRAMES)]
    assert main([*args, *pngs, "--json"]) == 0
    as_images = json.loads(capsys.readouterr().out)
    video = str(folder / f"clip.{suffix}")
    assert main([*args, video, "--json"]) == 0
    as_video = json.loads(capsys.readouterr().out)
    key = "predictions" if command == "predict" else "boxes"
    assert [e["frame"] for e in as_video] == list(range(FRAMES))
    assert [e["time"] for e in as_video] == pytest.approx([i / 10 for i in range(FRAMES)])
    assert all(e["image"] == video for e in as_video)
    assert [e[key] for e in as_video] == [e[key] for e in as_images]
    assert sum(len(e[key]) for e in as_video) > 0  # something to compare

    assert main([*args, video]) == 0  # lines: VIDEO #FRAME TIMEs, then as for an image
    lines = capsys.readouterr().out.splitlines()
    assert main([*args, *pngs]) == 0
    image_lines = capsys.readouterr().out.splitlines()
    expected = []
    for line in image_lines:
        name, rest = line.split(" ", 1)
        i = pngs.index(name)
        expected.append(f"{video} #{i} {i / 10:.3f}s {rest}")
    assert lines == expected


@pytest.mark.parametrize("command", ["predict", "detect"])
def test_every_nth_frame_and_an_annotated_video_that_reopens(setup, command, capsys, tmp_path):
    folder, args = setup["folder"], setup[command]
    video = str(folder / "clip.mp4")
    assert main([*args, video, "--json", "--every", "2", "-o", str(tmp_path)]) == 0
    every_other = json.loads(capsys.readouterr().out)
    assert [e["frame"] for e in every_other] == [0, 2, 4]
    assert main([*args, video, "--json"]) == 0
    assert every_other == json.loads(capsys.readouterr().out)[::2]
    drawn = _frames(tmp_path / "clip.mp4")
    assert len(drawn) == 3 and all(frame.size == (96, 96) for frame in drawn)
    with av.open(str(tmp_path / "clip.mp4")) as container:
        assert container.streams.video[0].average_rate == 5  # 10 fps, every 2nd frame
    plain = _frames(folder / "clip.mp4")[::2]
    for original, annotated in zip(plain, drawn):  # labels or boxes were drawn: the pixels differ visibly
        difference = torch.tensor(list(original.tobytes())) - torch.tensor(list(annotated.tobytes()))
        assert difference.abs().float().mean() > 1.0
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]  # no temp left behind


@pytest.mark.parametrize("command", ["predict", "detect"])
def test_a_broken_video_is_one_line_and_exit_code_2(setup, command, capsys, tmp_path):
    folder, args = setup["folder"], setup[command]
    data = (folder / "clip.mp4").read_bytes()
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(data[: len(data) // 2])
    garbage = tmp_path / "noise.avi"
    garbage.write_bytes(b"RIFF\x00\x00\x00\x00AVI LIST" + bytes(range(256)) * 20)
    empty = tmp_path / "empty.webm"
    empty.write_bytes(b"")
    for broken in (truncated, garbage, empty):
        assert main([*args, str(broken), "-o", str(tmp_path / "out")]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        (line,) = captured.err.splitlines()
        assert line.startswith(f"cnnstudio: skipped {broken}: ") and "Traceback" not in captured.err
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    # a broken video among good files is skipped, the others go on
    assert main([*args, str(garbage), str(folder / "mp40.png")]) == 0
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1 and captured.out


def test_reading_is_bounded_and_the_demuxer_is_the_suffixs(setup, tmp_path):
    from cnnstudio.training.video import VideoProblem, read_frames

    clip = str(setup["folder"] / "clip.mp4")
    assert [f.index for f in read_frames(clip, every=4)] == [0, 4]
    with pytest.raises(VideoProblem, match="more than 3 frames"):
        list(read_frames(clip, max_frames=3))
    with pytest.raises(VideoProblem, match="longer than"):
        list(read_frames(clip, budget_s=-1.0))
    # a playlist named .mp4 is read as MP4 (and refused), never followed to the files it names
    playlist = tmp_path / "list.mp4"
    playlist.write_text(f"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n{clip}\n#EXT-X-ENDLIST\n")
    with pytest.raises(VideoProblem, match="not a readable video"):
        list(read_frames(str(playlist)))


def test_the_annotated_video_takes_odd_sized_frames(tmp_path):
    from fractions import Fraction

    from cnnstudio.training.video import read_frames, write_video

    images = [Image.new("RGB", (33, 21), (40 * i, 100, 200)) for i in range(4)]
    write_video(tmp_path / "odd.mp4", lambda: ((image, Fraction(8)) for image in images))
    frames = list(read_frames(str(tmp_path / "odd.mp4")))
    assert len(frames) == 4 and frames[0].image.size == (32, 20)
    assert [round(f.time, 3) for f in frames] == [0.0, 0.125, 0.25, 0.375]
