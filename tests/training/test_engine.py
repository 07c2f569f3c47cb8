"""The training engine on tiny generated data: it learns, repeats itself, resumes exactly, stops on NaN."""

from __future__ import annotations

import base64
import io
import json
import math

import pytest
import torch
import torch.nn.functional as F
from PIL import Image
from safetensors.torch import load_file

from cnnstudio.compiler import Head
from cnnstudio.training.checkpoint import load_checkpoint
from cnnstudio.training.config import Augmentation, TrainingConfig
from cnnstudio.training.engine import StopToken
from cnnstudio.training.errors import DivergedError, TrainingError
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.losses import Objective

from .helpers import blob_split, make_trainer, tiny_autoencoder, tiny_classifier

FAST = TrainingConfig(epochs=2, batch_size=8, lr=0.01, seed=0)


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)  # small models: threads only add noise (and the CI machine has 2 cores)
    yield
    torch.set_num_threads(before)


def test_the_loss_goes_down_and_validation_beats_chance():
    recorder = Recorder()
    result = make_trainer(tiny_classifier(), blob_split(), FAST.replace(epochs=4), events=EventLog([recorder])).run()
    assert result.status == "finished" and len(result.losses) == 4 * 9  # 72 training images, batches of 8
    assert sum(result.losses[-9:]) / 9 < 0.5 * sum(result.losses[:9]) / 9
    assert result.last["val_accuracy"] >= 0.75  # four classes: chance is 0.25
    assert [e["epoch"] for e in recorder.of("epoch_end")] == [1, 2, 3, 4]
    end = recorder.of("epoch_end")[-1]
    assert sum(map(sum, end["confusion"])) == 24 and len(end["per_class_accuracy"]) == 4
    wrong = [s for s in end["samples"] if s["label"] != s["predicted"]]
    assert end["samples"][: len(wrong)] == wrong  # misclassified first
    image = Image.open(io.BytesIO(base64.b64decode(end["samples"][0]["image"])))
    assert image.size == (8, 8) and image.mode == "L"


def test_the_same_seed_gives_the_same_losses_and_another_seed_does_not():
    config = FAST.replace(augment=Augmentation(hflip=True, rotation=10.0))
    graph = tiny_classifier(dropout=True)
    a = make_trainer(graph, blob_split(), config).run().losses
    b = make_trainer(graph, blob_split(), config).run().losses
    c = make_trainer(graph, blob_split(), config.replace(seed=1)).run().losses
    assert a == b
    assert a != c


@pytest.mark.parametrize(
    "stop_at, on_epoch_end", [(5, False), (9, False), (9, True)], ids=["mid-epoch", "last-batch", "after-validation"]
)
def test_resume_continues_with_exactly_the_losses_of_an_uninterrupted_run(tmp_path, stop_at, on_epoch_end):
    # dropout (global RNG), batch norm (buffers), augmentation (seeded per batch), a schedule and momentum
    config = TrainingConfig(
        epochs=2,
        batch_size=8,
        optimizer="sgd",
        lr=0.05,
        schedule="cosine",
        seed=3,
        augment=Augmentation(crop_padding=1, hflip=True, rotation=10.0, scale=(0.9, 1.1)),
    )
    graph = tiny_classifier(dropout=True, batchnorm=True)
    whole = make_trainer(graph, blob_split(), config).run()

    stop = StopToken()

    def stop_after_validation(event):  # a stop asked while validating lands on the epoch boundary
        if event["event"] == "epoch_end":
            stop.request("test")

    first = make_trainer(
        graph,
        blob_split(),
        config,
        checkpoint_dir=tmp_path,
        stop=stop,
        events=EventLog([stop_after_validation] if on_epoch_end else []),
        step_hook=None if on_epoch_end else lambda step, loss: step == stop_at and stop.request("test"),
    ).run()
    assert first.status == "stopped" and first.losses == whole.losses[:stop_at]
    saved = load_checkpoint(tmp_path)
    assert saved.meta["step"] == stop_at

    recorder = Recorder()
    second = make_trainer(graph, blob_split(), config, checkpoint_dir=tmp_path, events=EventLog([recorder]))
    rest = second.run(resume=saved)
    assert rest.losses == whole.losses[stop_at:]
    assert rest.history == whole.history  # the interrupted epoch's train metrics too
    started = recorder.of("started")[0]
    assert started["resumed"] and started["step"] == stop_at
    boundary = stop_at == 9  # a stop during the last batch still validates and checkpoints the epoch
    assert len(started["history"]) == (1 if boundary else 0)
    assert (saved.meta["epochs_done"], saved.meta["batch"]) == ((1, 0) if boundary else (0, stop_at))


def test_resuming_a_finished_run_asks_for_more_epochs(tmp_path):
    make_trainer(tiny_classifier(), blob_split(), FAST.replace(epochs=1), checkpoint_dir=tmp_path).run()
    with pytest.raises(TrainingError, match="more epochs"):
        make_trainer(tiny_classifier(), blob_split(), FAST.replace(epochs=1)).run(resume=load_checkpoint(tmp_path))
    more = make_trainer(tiny_classifier(), blob_split(), FAST.replace(epochs=2)).run(resume=load_checkpoint(tmp_path))
    assert more.status == "finished" and len(more.losses) == 9 and len(more.history) == 2


def test_a_nan_loss_stops_within_one_step_and_keeps_the_last_good_checkpoint(tmp_path):
    trainer = make_trainer(tiny_classifier(), blob_split(), FAST, checkpoint_dir=tmp_path)

    def poison(step, loss):  # after 11 steps (epoch 2, batch 2) the weights go bad
        if step == 11:
            with torch.no_grad():
                trainer.model.get_submodule("fc").weight.fill_(float("inf"))

    trainer.step_hook = poison
    good = (tmp_path / "last.json").read_text() if (tmp_path / "last.json").exists() else None
    assert good is None
    with pytest.raises(DivergedError) as info:
        trainer.run()
    message = str(info.value)
    assert "\n" not in message and "step 12 " in message and "epoch 2, batch 3 of 9" in message
    assert "learning rate 0.01" in message and "1e-03" in message and "last.safetensors" in message
    assert len(trainer.losses) == 11  # the bad step did not train
    kept = json.loads((tmp_path / "last.json").read_text())
    assert (kept["epochs_done"], kept["step"]) == (1, 9)
    weights = load_file(tmp_path / "last.safetensors")
    assert all(torch.isfinite(t).all() for t in weights.values())


def test_a_huge_learning_rate_diverges_with_advice():
    config = FAST.replace(optimizer="sgd", lr=1e6, momentum=0.0)
    with pytest.raises(DivergedError, match=r"learning rate 1e\+06 is probably too high: try 1e\+05 or lower"):
        make_trainer(tiny_classifier(), blob_split(), config).run()


def test_bad_input_values_are_blamed_instead_of_the_learning_rate():
    split = blob_split()
    split.train.images[0, 0, 0, 0] = float("nan")
    with pytest.raises(DivergedError, match="input images contain NaN"):
        make_trainer(tiny_classifier(), split, FAST.replace(normalize="none")).run()


def test_frozen_nodes_are_not_trained():
    graph = tiny_classifier()
    conv = next(n for n in graph.nodes.values() if n.name == "conv1")
    conv.trainable = False
    trainer = make_trainer(graph, blob_split(), FAST.replace(epochs=1))
    before = trainer.model.get_submodule("conv1").weight.detach().clone()
    trained = {id(p) for group in trainer.optimizer.param_groups for p in group["params"]}
    assert id(trainer.model.get_submodule("conv1").weight) not in trained
    assert id(trainer.model.get_submodule("fc").weight) in trained
    trainer.run()
    assert torch.equal(trainer.model.get_submodule("conv1").weight, before)


def test_auxiliary_heads_count_with_their_weight_in_training_only():
    heads = (Head("out", "classification"), Head("aux", "classification", loss_weight=0.3, auxiliary=True))
    objective = Objective(heads)
    main, aux, y = torch.randn(6, 4), torch.randn(6, 4), torch.randint(0, 4, (6,))
    total, _ = objective.train_loss((main, aux), None, y)
    assert torch.allclose(total, F.cross_entropy(main, y) + 0.3 * F.cross_entropy(aux, y))
    val, _ = objective.eval_losses(main, None, y)
    assert torch.allclose(val, F.cross_entropy(main, y))
    smoothed, _ = Objective(heads, label_smoothing=0.2).eval_losses(main, None, y)
    assert torch.allclose(smoothed, F.cross_entropy(main, y, label_smoothing=0.2))
    result = make_trainer(tiny_classifier(aux=True), blob_split(), FAST.replace(epochs=1)).run()
    assert result.status == "finished" and result.last["val_accuracy"] is not None


def test_an_autoencoder_trains_with_mse_and_reports_reconstructions(tmp_path):
    recorder = Recorder()
    config = FAST.replace(epochs=3, lr=0.02)
    result = make_trainer(
        tiny_autoencoder(), blob_split(), config, events=EventLog([recorder]), checkpoint_dir=tmp_path
    ).run()
    ends = recorder.of("epoch_end")
    assert ends[-1]["val_loss"] < ends[0]["val_loss"] and ends[-1]["val_accuracy"] is None
    assert "confusion" not in ends[-1]
    pairs = ends[-1]["reconstructions"]
    assert len(pairs) == 8
    for pair in pairs[:2]:
        for key in ("input", "output"):
            assert Image.open(io.BytesIO(base64.b64decode(pair[key]))).size == (8, 8)
    assert result.best["metric"] == "loss"
    assert {e["kind"] for e in recorder.of("checkpoint")} == {"last", "best"}


def test_a_network_without_an_output_head_is_refused():
    from cnnstudio.core.builder import GraphBuilder

    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 8, 8])
    x = b.add("flatten", "flatten", x)
    b.add("linear", "fc", x, out_features=4)
    with pytest.raises(TrainingError, match="no output head"):
        make_trainer(b.build(), blob_split(), FAST)


@pytest.mark.parametrize("optimizer, schedule", [("sgd", "step"), ("adam", "onecycle"), ("adamw", "none")])
def test_resume_is_exact_for_every_optimizer_and_schedule(tmp_path, optimizer, schedule):
    config = TrainingConfig(
        epochs=3, batch_size=8, optimizer=optimizer, schedule=schedule, lr=0.01, weight_decay=1e-3, step_epochs=1
    )
    whole = make_trainer(tiny_classifier(), blob_split(), config).run()
    stop = StopToken()
    make_trainer(
        tiny_classifier(),
        blob_split(),
        config,
        checkpoint_dir=tmp_path,
        stop=stop,
        step_hook=lambda step, loss: step == 13 and stop.request("test"),
    ).run()
    rest = make_trainer(tiny_classifier(), blob_split(), config).run(resume=load_checkpoint(tmp_path))
    assert rest.losses == whole.losses[13:]
    assert [h["lr"] for h in rest.history] == [h["lr"] for h in whole.history]


def test_the_autoencoder_preset_trains_against_its_input():
    from cnnstudio import presets

    recorder = Recorder()
    graph = presets.build("autoencoder", input_shape=(1, 8, 8))
    result = make_trainer(graph, blob_split(), FAST.replace(epochs=2), events=EventLog([recorder])).run()
    assert result.best["metric"] == "loss" and result.last["val_accuracy"] is None
    assert len(recorder.of("epoch_end")[-1]["reconstructions"]) == 8
    assert result.losses[-1] < result.losses[0]


def test_each_epoch_reports_layer_health_and_a_feature_map_snapshot(tmp_path):
    recorder = Recorder()
    graph = tiny_classifier()
    make_trainer(
        graph, blob_split(), FAST.replace(epochs=2), events=EventLog([recorder]), checkpoint_dir=tmp_path
    ).run()
    health = recorder.of("health")
    assert [e["epoch"] for e in health] == [1, 2]
    names = {n.name for n in graph.nodes.values() if n.type != "input"}
    layers = health[-1]["layers"]
    assert set(layers) <= names and {"conv1", "fc"} <= set(layers)
    assert set(layers["conv1"]) == {"mean", "std", "dead", "grad_norm"}
    assert layers["conv1"]["grad_norm"] > 0 and 0 <= layers["conv1"]["dead"] <= 1
    snapshots = recorder.of("snapshot")
    assert len(snapshots) == 2
    maps = load_file(snapshots[-1]["path"])
    conv = graph.by_name("conv1")
    assert tuple(maps["conv1"].shape) == (conv.params["out_channels"], 8, 8) and maps["conv1"].dtype == torch.float16


def test_layer_health_is_measured_during_the_validation_on_the_probe_images():
    from cnnstudio.insight import layer_health
    from cnnstudio.training.probe import PROBE_IMAGES

    recorder = Recorder()
    config = FAST.replace(epochs=1, batch_size=16)  # one validation batch of 24 images: the probe is its first 16
    trainer = make_trainer(tiny_classifier(), blob_split(), config, events=EventLog([recorder]))
    images_seen = []
    trainer.model.get_submodule("conv1").register_forward_hook(lambda module, args, out: images_seen.append(len(out)))
    trainer.run()
    feeder = trainer.feeder
    val = list(feeder.val_batches())
    assert len(val) == 1 and len(val[0].y) > PROBE_IMAGES
    # the training steps and the validation, and no forward pass of the probe's own
    assert images_seen == [len(b.y) for _, b in feeder.train_batches(0)] + [len(val[0].y)]
    expected = layer_health(trainer.model, val[0].x[:PROBE_IMAGES])
    layers = recorder.of("health")[0]["layers"]
    assert set(layers) == set(expected)
    for name, h in expected.items():
        got = (layers[name]["mean"], layers[name]["std"], layers[name]["dead"])
        assert got == pytest.approx((h.mean, h.std, h.dead_fraction), rel=1e-5, abs=1e-6), name


@pytest.mark.parametrize("make", [tiny_classifier, tiny_autoencoder])
def test_health_reports_the_gradient_norms_of_each_epochs_last_training_step(make):
    recorder, seen = Recorder(), []
    trainer = make_trainer(make(), blob_split(), FAST.replace(epochs=2), events=EventLog([recorder]))
    first = "conv1" if make is tiny_classifier else "encoder"
    module = trainer.model.get_submodule(first)

    def remember(step, loss):  # after the optimiser's step: .grad still holds this step's gradients
        seen.append(torch.linalg.vector_norm(torch.stack([p.grad.norm() for p in module.parameters()])).item())

    trainer.step_hook = remember
    trainer.run()
    steps = trainer.feeder.steps_per_epoch
    reported = [e["layers"][first]["grad_norm"] for e in recorder.of("health")]
    assert reported == pytest.approx([seen[steps - 1], seen[2 * steps - 1]], rel=1e-6)
    assert reported[0] != pytest.approx(seen[steps - 2], rel=1e-6)  # the last step's, not any step's


def test_the_probe_does_not_change_the_losses(tmp_path):
    net = tiny_classifier(dropout=True, batchnorm=True)  # dropout draws random numbers, batch norm has statistics
    probed = make_trainer(net, blob_split(), FAST.replace(epochs=2), checkpoint_dir=tmp_path).run()
    plain = make_trainer(net, blob_split(), FAST.replace(epochs=2), epoch_probe=None)
    assert plain.run().losses == probed.losses


def test_a_finite_but_exploding_loss_stops_and_keeps_the_last_checkpoint(tmp_path):
    # a resumed Adam run at lr 1e6: the reconstruction loss climbs to about 1e24 without reaching inf or NaN
    net = tiny_autoencoder(squash=False)
    make_trainer(net, blob_split(), FAST.replace(epochs=1, optimizer="adam"), checkpoint_dir=tmp_path).run()
    kept = {path.name: path.read_bytes() for path in tmp_path.iterdir()}  # last, best, their state, the snapshot
    first = json.loads(kept["last.json"])["first_loss"]
    assert 0.01 < first < 1

    trainer = make_trainer(net, blob_split(), FAST.replace(epochs=3, optimizer="adam", lr=1e6), checkpoint_dir=tmp_path)
    with pytest.raises(DivergedError) as info:
        trainer.run(resume=load_checkpoint(tmp_path))
    message = str(info.value)
    value = float(message.split("the loss became ")[1].split(" ")[0])
    assert math.isfinite(value) and value > 1e6 * first
    assert f"over 1e+06 times the first loss {first:.4g}" in message and "learning rate 1e+06" in message
    assert "step 11 (epoch 2, batch 2 of 9)" in message and len(trainer.losses) == 1  # one step, then the blow-up
    assert message.endswith(f"The last good checkpoint is {tmp_path / 'last.safetensors'}.")
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == kept  # nothing overwritten


def test_the_divergence_rule():
    from cnnstudio.training.divergence import DivergenceWatch

    watch = DivergenceWatch()
    assert not watch.diverged(2.0)  # the first loss sets the yardstick
    assert not watch.diverged(1.9e6) and watch.diverged(2.1e6)
    assert watch.diverged(float("nan")) and watch.diverged(float("inf"))
    tiny = DivergenceWatch(first=1e-9)  # a first loss of about zero: up to 10⁶ × 10⁻³ still allowed
    assert not tiny.diverged(999.0) and tiny.diverged(1001.0)
