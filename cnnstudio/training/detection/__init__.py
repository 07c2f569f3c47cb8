"""Detection training: the CenterNet loss on the head's raw map, and the boxes from its decoded output."""

from .decode import final_boxes
from .loss import DetectionLoss, detection_loss

__all__ = ["DetectionLoss", "detection_loss", "final_boxes"]
