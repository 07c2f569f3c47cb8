"""CenterNet's loss on the detection head's raw map (num_classes + 4 channels per grid cell).

- heat maps: torchvision's sigmoid focal loss (γ = 2, no α: CenterNet's variant) with the object's centre
  cell as the positive, and the negatives near it down-weighted by (1 − Gaussian)⁴ (CenterNet's penalty
  reduction: a cell next to a centre is almost right); summed and divided by the number of objects;
- box: GIoU (torchvision) between the box predicted at each centre cell and the true box, in grid cells;
- offset: L1 between the predicted and the true position of the centre inside its cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torchvision.ops import generalized_box_iou_loss, sigmoid_focal_loss

# log-sizes beyond this are clamped before exp: a diverging early step gives a large loss, not inf
MAX_LOG_SIZE = 10.0
# RetinaNet's α = 0.25 weighs positives down by 3 against its many anchors; CenterNet has one positive cell per
# object and the (1 − Gaussian)⁴ term already quiets the negatives, so α would only slow the heat maps down
# (det_small on shapes-boxes, both with the heat-map prior: mAP@0.5 0.75 after 6 epochs with α = 0.25, 0.99 without)
FOCAL_ALPHA = -1.0  # torchvision's "no α"


@dataclass(frozen=True)
class DetectionLoss:
    """The total the optimiser minimises and its parts (reported per epoch as loss_cls/box/offset)."""

    total: torch.Tensor
    cls: torch.Tensor
    box: torch.Tensor
    offset: torch.Tensor

    def components(self) -> dict[str, float]:
        return {"loss_cls": float(self.cls), "loss_box": float(self.box), "loss_offset": float(self.offset)}


def detection_loss(
    raw: torch.Tensor,
    targets: list[dict[str, torch.Tensor]],
    image_size: tuple[int, int],
    num_classes: int,
    box_weight: float = 1.0,
    offset_weight: float = 1.0,
) -> DetectionLoss:
    """The loss of an N×(C+4)×h×w map against per-image targets (boxes xyxy in pixels of the image)."""
    n, _, h, w = raw.shape
    stride_y, stride_x = image_size[0] / h, image_size[1] / w
    centres = _centres(targets, stride_x, stride_y, w, h, raw.device)
    logits = raw[:, :num_classes]
    peaks = torch.zeros_like(logits)
    penalty = torch.zeros_like(logits)  # the Gaussian around each centre, max over objects of a class
    count = max(len(centres.image), 1)
    if len(centres.image):
        flat = centres.image * num_classes + centres.label
        peaks.view(n * num_classes, h * w)[flat, centres.cell] = 1.0
        rows = flat[:, None].expand(-1, h * w)
        penalty.view(n * num_classes, h * w).scatter_reduce_(0, rows, _gaussians(centres, w, h), "amax")
    focal = sigmoid_focal_loss(logits, peaks, alpha=FOCAL_ALPHA, reduction="none")
    weight = torch.where(peaks > 0, torch.ones_like(penalty), (1 - penalty) ** 4)
    loss_cls = (focal * weight).sum() / count
    if not len(centres.image):
        zero = raw.sum() * 0.0  # keeps the graph: a batch with no box still steps the heat maps
        return DetectionLoss(loss_cls + zero, loss_cls.detach(), zero.detach(), zero.detach())

    at = raw.flatten(2)[centres.image, :, centres.cell]  # objects × (C+4): the prediction at each centre
    size = at[:, num_classes : num_classes + 2].clamp(-MAX_LOG_SIZE, MAX_LOG_SIZE).exp()
    offset = at[:, num_classes + 2 : num_classes + 4]
    cell_xy = torch.stack([(centres.cell % w).float(), torch.div(centres.cell, w, rounding_mode="floor").float()], 1)
    centre = cell_xy + offset
    predicted = torch.cat([centre - size / 2, centre + size / 2], 1)
    loss_box = generalized_box_iou_loss(predicted, centres.box, reduction="mean")
    loss_offset = (offset - centres.offset).abs().sum(1).mean()
    total = loss_cls + box_weight * loss_box + offset_weight * loss_offset
    return DetectionLoss(total, loss_cls.detach(), loss_box.detach(), loss_offset.detach())


@dataclass(frozen=True)
class _Centres:
    image: torch.Tensor  # objects: which image
    label: torch.Tensor
    cell: torch.Tensor  # flat index of the centre's cell
    offset: torch.Tensor  # objects × 2: the centre inside its cell (0..1)
    box: torch.Tensor  # objects × 4: xyxy in grid cells
    sigma: torch.Tensor  # objects × 2: the Gaussian's spread (x, y) in cells


def _centres(targets, stride_x: float, stride_y: float, w: int, h: int, device) -> _Centres:
    boxes, labels, images = [], [], []
    for index, target in enumerate(targets):
        boxes.append(target["boxes"].to(device=device, dtype=torch.float32).reshape(-1, 4))
        labels.append(target["labels"].to(device=device, dtype=torch.long).reshape(-1))
        images.append(torch.full((len(labels[-1]),), index, dtype=torch.long, device=device))
    box = torch.cat(boxes) if boxes else torch.zeros(0, 4, device=device)
    box = box / box.new_tensor([stride_x, stride_y, stride_x, stride_y])
    centre = (box[:, :2] + box[:, 2:]) / 2
    cx = centre[:, 0].floor().clamp(0, w - 1)
    cy = centre[:, 1].floor().clamp(0, h - 1)
    size = (box[:, 2:] - box[:, :2]).clamp(min=1e-3)
    return _Centres(
        image=torch.cat(images) if images else torch.zeros(0, dtype=torch.long, device=device),
        label=torch.cat(labels) if labels else torch.zeros(0, dtype=torch.long, device=device),
        cell=(cy * w + cx).long(),
        offset=centre - torch.stack([cx, cy], 1),
        box=box,
        sigma=(size / 6).clamp(min=0.5),  # CenterNet's diameter/6, the diameter taken as the box's size
    )


def _gaussians(c: _Centres, w: int, h: int) -> torch.Tensor:
    """objects × (h·w): each object's Gaussian on the grid, 1 at its centre cell."""
    cx = (c.cell % w).float()[:, None, None]
    cy = torch.div(c.cell, w, rounding_mode="floor").float()[:, None, None]
    ys = torch.arange(h, device=c.cell.device, dtype=torch.float32)[None, :, None]
    xs = torch.arange(w, device=c.cell.device, dtype=torch.float32)[None, None, :]
    sx, sy = c.sigma[:, 0, None, None], c.sigma[:, 1, None, None]
    g = torch.exp(-((xs - cx) ** 2) / (2 * sx**2) - ((ys - cy) ** 2) / (2 * sy**2))
    return g.flatten(1)
