"""The CenterNet loss (zero when the map is right, falls under SGD) and the decoded boxes in pixels."""

import math

import torch

from cnnstudio.blocks.modules import CenterNetDecode
from cnnstudio.training.detection import detection_loss, final_boxes

IMAGE = (64, 64)  # pixels; a stride-8 grid of 8×8 cells
TARGET = {"boxes": torch.tensor([[8.0, 16.0, 24.0, 48.0], [40.0, 40.0, 56.0, 52.0]]), "labels": torch.tensor([0, 2])}


def _perfect_map() -> torch.Tensor:
    raw = torch.full((1, 7, 8, 8), -30.0)
    raw[:, 3:] = 0.0
    for (x1, y1, x2, y2), label in zip(TARGET["boxes"].tolist(), TARGET["labels"].tolist()):
        cx, cy, bw, bh = (x1 + x2) / 16, (y1 + y2) / 16, (x2 - x1) / 8, (y2 - y1) / 8
        col, row = int(cx), int(cy)
        raw[0, label, row, col] = 30.0
        raw[0, 3, row, col], raw[0, 4, row, col] = math.log(bw), math.log(bh)
        raw[0, 5, row, col], raw[0, 6, row, col] = cx - col, cy - row
    return raw


def test_a_perfect_map_costs_nothing():
    loss = detection_loss(_perfect_map(), [TARGET], IMAGE, num_classes=3)
    assert float(loss.total) < 1e-6
    assert set(loss.components()) == {"loss_cls", "loss_box", "loss_offset"}


def test_a_wrong_map_costs_in_every_component():
    raw = _perfect_map()
    raw[0, 3:5] += 0.7  # boxes twice as large
    raw[0, 5:7] += 0.3  # centres shifted
    raw[0, 0] = 0.0  # class 0 unsure everywhere
    parts = detection_loss(raw, [TARGET], IMAGE, num_classes=3).components()
    assert parts["loss_cls"] > 0.05 and parts["loss_box"] > 0.05 and parts["loss_offset"] > 0.5


def test_loss_falls_under_a_few_sgd_steps():
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 16, 3, 2, 1), torch.nn.ReLU(), torch.nn.Conv2d(16, 16, 3, 2, 1), torch.nn.ReLU(),
        torch.nn.Conv2d(16, 7, 3, 2, 1),
    )  # fmt: skip
    image = torch.rand(1, 3, *IMAGE)
    optimiser = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    losses = []
    for _ in range(30):
        loss = detection_loss(net(image), [TARGET], IMAGE, num_classes=3)
        optimiser.zero_grad()
        loss.total.backward()
        optimiser.step()
        losses.append(float(loss.total.detach()))
    assert losses[-1] < 0.5 * losses[0]


def test_an_image_without_boxes_trains_the_heat_maps_only():
    raw = torch.zeros(2, 7, 8, 8, requires_grad=True)
    empty = {"boxes": torch.zeros(0, 4), "labels": torch.zeros(0, dtype=torch.long)}
    loss = detection_loss(raw, [empty, empty], IMAGE, num_classes=3)
    loss.total.backward()
    assert float(loss.box) == 0 and raw.grad[:, :3].abs().sum() > 0 and raw.grad[:, 3:].abs().sum() == 0


def test_decoded_peaks_become_the_boxes_in_pixels():
    decoded = CenterNetDecode(3, max_detections=10).eval()(_perfect_map())
    (result,) = final_boxes(decoded, IMAGE)
    order = result["labels"].argsort()
    torch.testing.assert_close(result["boxes"][order], TARGET["boxes"])
    assert result["labels"][order].tolist() == [0, 2] and (result["scores"] > 0.99).all()


def test_nms_keeps_the_best_of_overlapping_boxes_of_one_class():
    rows = torch.zeros(1, 4, 6)
    rows[0, 0] = torch.tensor([0.1, 0.1, 0.5, 0.5, 0.9, 1])
    rows[0, 1] = torch.tensor([0.11, 0.1, 0.5, 0.5, 0.6, 1])  # same object, lower score: dropped
    rows[0, 2] = torch.tensor([0.11, 0.1, 0.5, 0.5, 0.7, 0])  # another class: kept
    (result,) = final_boxes(rows, (100, 200))
    assert result["scores"].tolist() == [0.8999999761581421, 0.699999988079071]
    torch.testing.assert_close(result["boxes"][0], torch.tensor([20.0, 10.0, 100.0, 50.0]))
