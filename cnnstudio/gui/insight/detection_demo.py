"""Documentation screenshots of detection: the Training panel with boxes drawn, and the Feature maps panel on the
trained detector (a validation image with a class's heat map, and a frame of a video).

    QT_QPA_PLATFORM=offscreen python -m cnnstudio.gui.insight.detection_demo docs/

A real run, as a user makes it: det_small at 3×64×64 (a quarter of its pixels: 2–4 minutes on a CPU, 155 s
alone on the 2-core box, validation mAP@0.5 0.88) with its saved training config, on ``shapes-boxes`` for fewer
epochs, started with the Training panel's Start (the worker process the app runs) → training-detection.png. Its
best checkpoint goes into the Feature maps panel as the dock loads it (``build_insight_model``): the validation
image it gets most right, the detection head selected, the heat map of the best box's class →
insight-detection.png. Then a short video (a validation image seen by a swaying camera, written with PyAV) opened
in the panel, stepped with the arrow keys → insight-video.png.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import torch

INPUT = (3, 64, 64)
DATA = "shapes-boxes:2000"
EPOCHS = 10
SIZES = {"training-detection.png": (1514, 520), "insight-detection.png": (1000, 560), "insight-video.png": (1000, 600)}
SEARCHED = 128  # validation images searched for the clearest one to show
VIDEO_FRAMES, VIDEO_SWAY, SHOWN_FRAME = 24, 4, 9  # frames, how far (pixels) the camera sways, the frame shown


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cnnstudio.terminal import step

    from ..theme import apply_theme

    out = Path((argv or sys.argv[1:] or ["docs"])[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="cnnstudio-detection-demo-"))
    graph = detector_project()
    with step(f"training det_small at {INPUT[1]}×{INPUT[2]} on {DATA} for {EPOCHS} epochs (2–4 minutes on a CPU)"):
        panel, checkpoint = train_in_panel(app, graph, work)
    panel.grab().save(str(out / "training-detection.png"))
    print(f"wrote {out / 'training-detection.png'}: {panel.status_label.text()}")
    panel.shutdown()

    maps, val = feature_panel(app, graph, checkpoint)
    maps.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    first = clearest_sample(maps.model, val)
    show_heat_map(app, maps, graph, first)
    maps.grab().save(str(out / "insight-detection.png"))
    print(f"wrote {out / 'insight-detection.png'}: sample {first}, {maps.input.predictions.title.text()}")

    maps.resize(*SIZES["insight-video.png"])
    steady = clearest_sample(maps.model, val, margin=VIDEO_SWAY + 2)
    show_video_frame(app, maps, write_video(val.images[steady].float() / 255, work / "shapes.mp4"))
    maps.grab().save(str(out / "insight-video.png"))
    print(f"wrote {out / 'insight-video.png'}: {maps.source_label.text()}")
    maps.cancel_work()
    maps.pool.waitForDone(-1)
    return 0


def detector_project():
    """det_small at INPUT with its saved training config, on DATA for EPOCHS epochs."""
    import cnnstudio
    from cnnstudio.training.config import TrainingConfig

    graph = cnnstudio.presets.build("det_small", input_shape=INPUT)
    TrainingConfig.from_graph(graph).replace(data=DATA, epochs=EPOCHS).to_graph(graph)
    return graph


def train_in_panel(app, graph, work: Path):
    """The Training panel on its own, Start pressed; back when the run has finished (its best checkpoint)."""
    from PySide6.QtCore import Qt

    from ..project.document import Document
    from ..training import TrainingPanel
    from ..training.runs import RunFolders

    panel = TrainingPanel(Document(graph), folders=RunFolders(work / "runs"))
    panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    panel.resize(*SIZES["training-detection.png"])
    panel.show()
    if not panel.start():
        raise SystemExit(f"detection_demo: the Training panel did not start: {panel.error_label.text()}")
    while panel.runner.running or panel.runner.queue:
        app.processEvents()
        time.sleep(0.05)
    panel.drain()
    app.processEvents()
    best = next(Path(panel.run_folder).rglob("best.safetensors"), None)
    if best is None:
        raise SystemExit(f"detection_demo: the run wrote no best checkpoint: {panel.status_label.text()}")
    return panel, str(best)


def feature_panel(app, graph, checkpoint: str):
    """The Feature maps panel with the checkpoint and the validation images, loaded as the dock loads them;
    and those images with their true boxes, at the model's size."""
    from cnnstudio.training.config import TrainingConfig

    from ..background import serial_pool
    from .feature_panel import FeatureMapPanel
    from .install import build_insight_model

    built = build_insight_model(graph, checkpoint, TrainingConfig.from_graph(graph).data, (None, None, None, ""))
    panel = FeatureMapPanel(pool=serial_pool())
    panel.resize(*SIZES["insight-detection.png"])
    panel.show()
    panel.set_model(built["model"], graph, built["classes"], None, built["normalization"])
    panel.set_dataset(*built["samples"])
    settle(app, panel)
    split = built["data"][1]
    val = split.val.subset(torch.arange(min(SEARCHED, len(split.val)))).resized(INPUT)
    return panel, val


def clearest_sample(model, val, margin: float = 0.0) -> int:
    """The validation image whose boxes match the truth best (as many boxes as objects, each on one of its class
    with IoU ≥ 0.5), most classes, objects and surest first: a screenshot shows what the detector does, not its
    mistakes (the Training panel's grid shows those, worst first). Its shapes keep ``margin`` pixels clear of
    the edges (the video's: none leaves the swaying frame)."""
    from torchvision.ops import box_iou

    from cnnstudio.training.detection.heat import detect_image

    ranked = []
    for index, target in enumerate(val.targets):
        found = detect_image(model, val.images[index].float() / 255)
        truth, labels = target["boxes"], target["labels"]
        inside = bool((truth[:, :2] >= margin).all() and (truth[:, 2:] <= INPUT[-1] - margin).all())
        if len(found.boxes) != len(truth) or len(truth) == 0 or not inside:
            continue
        iou = box_iou(found.boxes, truth) * (found.labels[:, None] == labels[None, :])
        if bool((iou.max(dim=1).values >= 0.5).all()) and bool((iou.max(dim=0).values >= 0.5).all()):
            ranked.append((len(set(labels.tolist())), len(truth), float(found.scores.min()), -index))
    if not ranked:
        raise SystemExit("detection_demo: the trained detector found no validation image right")
    return -max(ranked)[-1]


def show_heat_map(app, panel, graph, sample: int) -> None:
    """A validation image, the head's last convolution selected, the heat map of the best box's class."""
    panel.sample.setValue(sample)
    panel.show_node(graph.by_name("head.2").id)
    settle(app, panel)
    panel.input.cam_toggle.setChecked(True)
    panel.input.predictions.table.selectRow(0)
    settle(app, panel)


def write_video(image: torch.Tensor, path: Path) -> str:
    """The image (C×H×W in [0, 1]) seen by a camera that sways round a circle of VIDEO_SWAY pixels (the edges
    stretched to fill), as an MP4: the shapes move a little from frame to frame."""
    import math

    import av
    import torch.nn.functional as F
    from PIL import Image

    sway = VIDEO_SWAY
    padded = F.pad(image[None], (sway, sway, sway, sway), mode="replicate")[0]
    height, width = image.shape[-2:]

    with av.open(str(path), "w") as video:
        stream = video.add_stream("libx264" if "libx264" in av.codecs_available else "mpeg4", rate=12)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(VIDEO_FRAMES):
            turn = 2 * math.pi * i / VIDEO_FRAMES
            top, left = sway + round(sway * math.sin(turn)), sway + round(sway * math.cos(turn))
            frame = padded[:, top : top + height, left : left + width]
            pixels = (frame.clamp(0, 1) * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
            for packet in stream.encode(av.VideoFrame.from_image(Image.fromarray(pixels))):
                video.mux(packet)
        for packet in stream.encode():
            video.mux(packet)
    return str(path)


def show_video_frame(app, panel, video: str) -> None:
    """The video opened in the panel (decoded in its worker), the slider moved to SHOWN_FRAME with the arrow keys."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel.load_file(video)
    settle(app, panel)
    for _ in range(SHOWN_FRAME):
        QTest.keyClick(panel.strip.slider, Qt.Key.Key_Right)
    settle(app, panel)
    panel.input.cam_toggle.setChecked(True)
    settle(app, panel)


def settle(app, panel, limit_s: float = 300) -> None:
    """Turn the event loop until the panel's worker has shown everything it was asked for."""
    began = time.perf_counter()
    app.processEvents()
    while panel.busy.busy and time.perf_counter() - began < limit_s:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
