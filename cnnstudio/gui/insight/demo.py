"""Documentation screenshots of the feature-map panel: LeNet-5 trained for a few seconds on the bundled digits.

    QT_QPA_PLATFORM=offscreen python -m cnnstudio.gui.insight.demo docs/

Writes insight-conv1.png, insight-conv2.png, insight-gradcam.png and insight-kernels.png and prints the
accuracy the little model reached on held-out digits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch
import torch.nn.functional as F

import cnnstudio
from cnnstudio.terminal import step
from cnnstudio.training.data.digits import CLASSES, load_digits


def digits_28() -> tuple[torch.Tensor, torch.Tensor]:
    """The 1,797 digits enlarged from 8×8 to LeNet's 28×28 (bilinear), values in [0, 1]."""
    digits = load_digits()
    images = F.interpolate(digits.images, size=(28, 28), mode="bilinear", align_corners=False).clamp(0, 1)
    return images, digits.labels


def train_lenet(images, labels, epochs: int = 12, seed: int = 0):
    """A plain loop (the engine has its own): returns graph, model, normalisation, validation accuracy."""
    torch.manual_seed(seed)
    graph = cnnstudio.presets.build("lenet5", num_classes=10)
    model = cnnstudio.compile_model(graph)
    order = torch.randperm(len(images), generator=torch.Generator().manual_seed(seed))
    train, val = order[:1500], order[1500:]
    mean, std = float(images[train].mean()), float(images[train].std())
    x = (images - mean) / std
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    model.train()
    for _ in range(epochs):
        for batch in train[torch.randperm(len(train))].split(64):
            optimizer.zero_grad()
            F.cross_entropy(model(x[batch]), labels[batch]).backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        accuracy = float((model(x[val]).argmax(1) == labels[val]).float().mean())
    return graph, model, ([mean], [std]), accuracy, val


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from .feature_panel import FeatureMapPanel

    out = Path((argv or sys.argv[1:] or ["docs"])[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    with step("training LeNet-5 on the digits for the screenshots (12 epochs, a minute or more on a CPU)"):
        images, labels = digits_28()
        graph, model, norm, accuracy, val = train_lenet(images, labels)
    print(f"LeNet-5 on the digits: {accuracy * 100:.1f} % of {len(val)} held-out images right")

    panel = FeatureMapPanel()
    panel.resize(1180, 700)
    panel.set_model(model, graph, CLASSES, normalization=norm)
    panel.set_dataset(images, labels)
    # a held-out 8 whose Grad-CAM overlap with the digit is the median of all 297 held-out images
    panel.sample.setValue(int(val[10]))
    panel.show()
    conv1, conv2 = graph.by_name("conv1").id, graph.by_name("conv2").id
    shots = {
        "insight-conv1.png": (conv1, 0, (3, 14, 12)),
        "insight-conv2.png": (conv2, 0, (5, 4, 4)),
        "insight-gradcam.png": (conv2, 0, None),
        "insight-kernels.png": (conv1, 1, None),
    }
    for name, (node, tab, pick) in shots.items():
        panel.tabs.setCurrentIndex(tab)
        cam = name == "insight-gradcam.png"
        panel.input.cam_toggle.setChecked(cam)
        panel.splitter.setSizes([560, 620] if cam else [340, 840])
        if cam:
            panel.set_cam_node(conv2)
        panel.show_node(node)
        app.processEvents()
        if pick is not None:
            panel.features.select(*pick)
        app.processEvents()
        panel.grab().save(str(out / name))
        print(f"wrote {out / name}: {panel.features.channel_count} maps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
