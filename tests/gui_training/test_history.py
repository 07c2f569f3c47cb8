"""RunHistory: what the panel keeps from the worker's events (no Qt)."""

from __future__ import annotations

import math

import numpy as np

from cnnstudio.gui.training.history import RunHistory, Series


def started(**fields) -> dict:
    return {"event": "started", "t": 0.0, "epochs": 2, "steps_per_epoch": 4, "step": 0, "start_epoch": 0, **fields}


def batch(step: int, losses: list[float], t: float, epoch: int = 1) -> dict:
    return {
        "event": "batch",
        "t": t,
        "epoch": epoch,
        "epochs": 2,
        "batch": (step - 1) % 4 + 1,
        "batches": 4,
        "step": step,
        "loss": losses[-1],
        "losses": losses,
        "lr": 0.01,
        "images_per_s": 100.0,
    }


def test_series_grows_past_its_capacity_and_truncates():
    s = Series(capacity=2)
    s.extend([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    s.append(4.0, 7.0)
    assert s.x.tolist() == [1, 2, 3, 4] and s.y.tolist() == [4, 5, 6, 7]
    s.truncate_after(2.0)
    assert s.x.tolist() == [1, 2]


def test_batch_events_give_every_step_its_loss_and_a_debiased_average():
    h = RunHistory()
    h.apply(started())
    assert h.apply(batch(3, [2.0, 1.0, 0.5], t=1.0)) == "curves"
    h.apply(batch(4, [None], t=2.0))  # a NaN loss arrives as null: a gap, the average keeps its value
    assert h.loss.x.tolist() == [1, 2, 3, 4]
    assert h.loss.y[:3].tolist() == [2.0, 1.0, 0.5] and math.isnan(h.loss.y[3])
    assert h.smooth.y[0] == 2.0  # debiased: the curve starts at the first loss, not near zero
    assert 0.5 < h.smooth.y[2] < 2.0 and math.isnan(h.smooth.y[3])
    assert h.lr.x.tolist() == [3, 4] and h.throughput.y.tolist() == [100.0, 100.0]


def test_progress_and_eta_come_from_the_process_own_pace():
    h = RunHistory()
    h.apply(started())
    h.apply(batch(1, [1.0], t=10.0))  # the first batch sets the origin (after the imports and data loading)
    assert h.progress.eta_s is None
    h.apply(batch(3, [1.0, 1.0], t=12.0))  # 1 s a step, 5 steps left of 8
    assert h.progress.fraction == 3 / 8 and h.progress.eta_s == 5.0
    assert (h.progress.epoch, h.progress.batch, h.progress.total_steps) == (1, 3, 8)


def test_epoch_end_points_sit_at_their_step_and_epoch():
    h = RunHistory()
    h.apply(started())
    for step in range(1, 5):
        h.apply(batch(step, [1.0 / step], t=step))
    end = {"event": "epoch_end", "t": 5, "epoch": 1, "step": 4, "train_loss": 0.6, "val_loss": 0.7}
    assert h.apply({**end, "train_accuracy": 0.5, "val_accuracy": 0.25}) == "epoch"
    assert h.epoch_points("val_loss") == (np.array([4.0]), np.array([0.7]))
    x, y = h.epoch_points("val_accuracy", x="epoch")
    assert x.tolist() == [1.0] and y.tolist() == [0.25]
    assert h.latest["val_accuracy"] == 0.25


def test_a_resume_keeps_the_curves_up_to_its_checkpoint_and_takes_its_history():
    h = RunHistory()
    h.apply(started())
    for step in range(1, 7):
        h.apply(batch(step, [float(step)], t=step))
    summary = {"epoch": 1, "step": 4, "train_loss": 1.0, "val_loss": 1.0, "val_accuracy": 0.5}
    h.apply(started(resumed=True, step=4, start_epoch=1, history=[summary]))
    assert h.loss.x.tolist() == [1, 2, 3, 4]  # steps 5 and 6 are trained again after the checkpoint
    assert [e["epoch"] for e in h.epochs] == [1]
    assert h.progress.step == 4 and h.progress.epoch == 2
    h.apply(started())  # a fresh start forgets everything
    assert len(h.loss) == 0 and h.epochs == []
