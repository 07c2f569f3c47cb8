"""The compiled model's decoded rows → the boxes a person (or mAP) reads: pixels, NMS across overlaps."""

from __future__ import annotations

import torch
from torchvision.ops import batched_nms


def final_boxes(decoded: torch.Tensor, image_size: tuple[int, int], iou: float = 0.5) -> list[dict[str, torch.Tensor]]:
    """Per image ``{boxes (K×4 xyxy pixels), scores, labels}`` from N×K×6 rows normalised to the image.

    Empty rows (score 0: below the head's threshold) are dropped; boxes of one class overlapping more than
    ``iou`` keep the best (torchvision's batched NMS; the head's 3×3 peak pick leaves near-duplicates).
    """
    height, width = image_size
    scale = decoded.new_tensor([width, height, width, height])
    out = []
    for rows in decoded.detach():
        rows = rows[rows[:, 4] > 0]
        boxes = rows[:, :4] * scale
        boxes = torch.stack(
            [
                boxes[:, 0].clamp(0, width),
                boxes[:, 1].clamp(0, height),
                boxes[:, 2].clamp(0, width),
                boxes[:, 3].clamp(0, height),
            ],
            1,
        )
        scores, labels = rows[:, 4], rows[:, 5].round().long()
        keep = batched_nms(boxes, scores, labels, iou)
        out.append({"boxes": boxes[keep], "scores": scores[keep], "labels": labels[keep]})
    return out
