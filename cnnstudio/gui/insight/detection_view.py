"""What the Feature maps dock shows for a detector: its boxes (listed and drawn) and a class's heat map.

The panel runs ``training.detection.heat.detect_image`` on its worker thread; these helpers turn the result
into the input column's rows, the picture's boxes and the overlay, on the GUI thread.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from PySide6.QtGui import QColor

from cnnstudio.insight import Prediction

from ..training.sample_grid import BOX_COLOURS


def class_name(index: int, names: list[str] | None) -> str:
    return names[index] if names and 0 <= index < len(names) else str(index)


def box_rows(found, names: list[str] | None) -> list[Prediction]:
    """One row per box, best first: its class and score (a row's index is the class, for the heat map)."""
    return [
        Prediction(int(label), class_name(int(label), names), float(score))
        for score, label in zip(found.scores.tolist(), found.labels.tolist())
    ]


def drawn_boxes(found, names: list[str] | None) -> list[tuple[tuple[float, float, float, float], QColor, str]]:
    out = []
    for box, score, label in zip(found.boxes.tolist(), found.scores.tolist(), found.labels.tolist()):
        colour = BOX_COLOURS[int(label) % len(BOX_COLOURS)]
        out.append((tuple(box), colour, f"{class_name(int(label), names)} {score:.2f}"))
    return out


def class_heat(found, index: int, size: tuple[int, int]) -> torch.Tensor:
    """Class ``index``'s heat map (probabilities, 0…1) stretched over an image of ``size`` (H, W)."""
    heat = found.heat[index][None, None]
    return F.interpolate(heat, size=size, mode="bilinear", align_corners=False)[0, 0].clamp(0, 1)
