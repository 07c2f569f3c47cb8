"""A GAN and a VAE trained briefly through the engine: both networks' losses, D's verdicts, the fixed-latent
sample grids (PNG files and events), exact resume, and the VAE's KL term."""

from __future__ import annotations

import base64
import io
import math

import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from cnnstudio import presets
from cnnstudio.core.project_file import save
from cnnstudio.training.checkpoint import load_checkpoint
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.errors import ConfigError
from cnnstudio.training.events import EventLog, ProgressPrinter, Recorder
from cnnstudio.training.generation.gan import FIXED_SAMPLES
from cnnstudio.training.session import RunOptions, prepare, run

GAN = {"data": "shapes:96", "epochs": 3, "batch_size": 16, "lr": 2e-4, "betas": [0.5, 0.999], "seed": 3}


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def gan_project(tmp_path, **changes):
    graph = presets.build("dcgan", input_shape=(1, 16, 16))
    graph.meta["training"] = GAN | changes
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "gan.cnn.json"
    save(graph, path)
    return str(path)


def decode_png(text: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(text)))


def test_a_short_gan_run_teaches_the_discriminator_and_writes_a_grid_per_epoch(tmp_path):
    recorder = Recorder()
    folder = tmp_path / "ck"
    result = run(RunOptions(gan_project(tmp_path), checkpoint_dir=str(folder), threads=1), EventLog([recorder]))
    assert result.status == "finished" and result.best is None  # no "best" GAN: a lower loss is no better generator
    assert all(math.isfinite(v) for v in result.losses)
    ends = [e for e in recorder.events if e["event"] == "epoch_end"]
    assert [e["epoch"] for e in ends] == [1, 2, 3]
    last = ends[-1]
    # the discriminator has learned to tell: real images score above generated ones, its loss below chance (ln 4)
    assert last["d_real"] > last["d_fake"]
    assert last["val_d_loss"] < math.log(4)
    assert last["val_loss"] == pytest.approx(last["val_d_loss"] + last["val_g_loss"])
    for end in ends:
        grid = decode_png(end["sample_grid"])
        side = int(math.sqrt(FIXED_SAMPLES))
        assert grid.size == (side * 18 + 2, side * 18 + 2) and grid.mode == "L"  # 16 px images, 2 px apart
        path = folder / "samples" / f"epoch_{end['epoch']:03d}.png"
        assert end["sample_path"] == str(path)
        assert Image.open(path).size == grid.size
    # the same fixed latents every epoch, and the grid changes as the generator learns
    assert ends[0]["sample_grid"] != ends[-1]["sample_grid"]
    # both networks' weights and one optimiser state holding both networks' moments
    checkpoint = load_checkpoint(folder / "last")
    keys = set(checkpoint.weights)
    assert any(k.startswith("generator.") for k in keys) and any(k.startswith("discriminator.") for k in keys)
    groups = checkpoint.meta["optimizer"]["param_groups"]
    assert groups[0]["betas"] == [0.5, 0.999]
    trainable = sum(1 for k in keys if k.endswith(("weight", "bias")))
    assert len(checkpoint.meta["optimizer"]["state"]) == trainable
    assert checkpoint.meta["data"]["normalize"] == {"mean": [0.5], "std": [0.5]}  # real images in [-1, 1]
    history = checkpoint.meta["history"]
    assert [h["d_real"] for h in history] == [e["d_real"] for e in ends]
    # every batch event carries D's and G's losses of its steps, which add up to the step's loss
    batches = [e for e in recorder.events if e["event"] == "batch"]
    d = [v for e in batches for v in e["parts"]["d_loss"]]
    g = [v for e in batches for v in e["parts"]["g_loss"]]
    assert len(d) == len(g) == len(result.losses) and all(v > 0 for v in d)
    assert [a + b for a, b in zip(d, g)] == pytest.approx(result.losses)


def test_the_generator_step_leaves_the_discriminator_alone_and_the_reverse(tmp_path):
    trainer, _ = prepare(RunOptions(gan_project(tmp_path), threads=1), EventLog())
    pair = trainer.model
    batch = next(iter(trainer.feeder.train_batches(0)))[1]
    before_g = [p.detach().clone() for p in pair.generator.parameters()]
    before_d = [p.detach().clone() for p in pair.discriminator.parameters()]
    steps = []
    original = trainer.optimizer.step

    def step(*args, **kwargs):  # which network each optimiser step moves
        moved_g = any(not torch.equal(a, b) for a, b in zip(before_g, pair.generator.parameters()))
        moved_d = any(not torch.equal(a, b) for a, b in zip(before_d, pair.discriminator.parameters()))
        original(*args, **kwargs)
        steps.append(
            (
                any(not torch.equal(a, b) for a, b in zip(before_g, pair.generator.parameters())) != moved_g,
                any(not torch.equal(a, b) for a, b in zip(before_d, pair.discriminator.parameters())) != moved_d,
            )
        )

    trainer.optimizer.step = step
    trainer._step(batch, 0, 0, 0, trainer.feeder.steps_per_epoch)
    assert steps == [(False, True), (True, False)]  # first D moves (G does not), then G (D does not)


def test_a_resumed_gan_run_has_exactly_the_losses_of_an_uninterrupted_one(tmp_path):
    whole = run(RunOptions(gan_project(tmp_path / "a"), threads=1), EventLog())
    project = gan_project(tmp_path / "b")
    first = run(
        RunOptions(project, checkpoint_dir=str(tmp_path / "ck"), overrides={"epochs": 1}, threads=1), EventLog()
    )
    rest = run(RunOptions(project, resume=str(tmp_path / "ck"), overrides={"epochs": 3}, threads=1), EventLog())
    assert first.losses + rest.losses == whole.losses
    assert rest.history == whole.history


def test_betas_are_validated_and_reach_adam():
    config = TrainingConfig.from_dict({"betas": [0.5, 0.999]})
    assert config.betas == (0.5, 0.999) and config.to_dict()["betas"] == [0.5, 0.999]
    for bad in ([0.5], [1.0, 0.999], [-0.1, 0.9], "0.5", [0.5, None]):
        with pytest.raises(ConfigError, match="betas"):
            TrainingConfig.from_dict({"betas": bad})
    with pytest.raises(ConfigError, match="kl_weight"):
        TrainingConfig.from_dict({"kl_weight": -1})


def test_a_vae_trains_on_reconstruction_plus_kl_and_shows_samples_from_the_prior(tmp_path):
    graph = presets.build("vae")
    graph.meta["training"] = {"data": "shapes:96", "epochs": 2, "batch_size": 16, "seed": 1}
    path = tmp_path / "vae.cnn.json"
    save(graph, path)
    recorder = Recorder()
    result = run(RunOptions(str(path), threads=1), EventLog([recorder]))
    ends = [e for e in recorder.events if e["event"] == "epoch_end"]
    assert result.status == "finished" and ends[-1]["val_kl"] > 0
    assert decode_png(ends[-1]["sample_grid"]).size == (8 * 30 + 2, 8 * 30 + 2)  # 64 prior samples, 28 px
    assert ends[-1]["reconstructions"]
    # the KL term is in the loss: without it the same run reports a lower loss, by about kl_weight × KL
    plain = run(RunOptions(str(path), overrides={"kl_weight": 0.0}, threads=1), EventLog())
    assert plain.losses[0] < result.losses[0]


def test_the_discriminator_can_learn_at_its_own_rate_through_schedules_and_resumes(tmp_path):
    from cnnstudio.training.optim import build_scheduler, fast_forward

    trainer, _ = prepare(RunOptions(gan_project(tmp_path, lr_discriminator=1e-4), threads=1), EventLog())
    groups = trainer.optimizer.param_groups
    assert [(g["network"], g["lr"]) for g in groups] == [("generator", 2e-4), ("discriminator", 1e-4)]
    assert groups[1]["params"] == list(trainer.model.discriminator.parameters())
    config = trainer.config.replace(schedule="onecycle")
    scheduler = build_scheduler(trainer.optimizer, config, 10)
    assert [g["max_lr"] for g in trainer.optimizer.param_groups] == [2e-4, 1e-4]
    del scheduler
    fast_forward(trainer.optimizer, trainer.config.replace(lr_discriminator=5e-5), 10, 0)  # a resume's own config
    assert [g["lr"] for g in trainer.optimizer.param_groups] == [2e-4, 5e-5]
    with pytest.raises(ConfigError, match="lr_discriminator"):
        TrainingConfig.from_dict({"lr_discriminator": 0})


def _classifier_beside(folder):
    """A LeNet-5 project and (freshly initialised) weights in ``folder``: enough to score samples with."""
    from safetensors.torch import save_file

    from cnnstudio.compiler import compile_model

    graph = presets.build("lenet5", num_classes=10)
    save(graph, folder / "clf.cnn.json")
    save_file(compile_model(graph).state_dict(), folder / "clf.safetensors")


def test_a_gan_whose_config_names_a_classifier_scores_each_epochs_samples(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    _classifier_beside(tmp_path)
    project = gan_project(
        tmp_path, data="shapes:48", epochs=2, score_classifier="clf.cnn.json", score_weights="clf.safetensors"
    )
    recorder, printed = Recorder(), io.StringIO()
    assert (
        run(RunOptions(project, threads=1), EventLog([recorder, ProgressPrinter(printed, live=False)])).status
        == "finished"
    )
    ends = [e for e in recorder.events if e["event"] == "epoch_end"]
    assert len(ends) == 2
    first = ends[0]["quality"]
    line = f"samples: confidence {first['mean_confidence']:.2f}, {first['classes_covered']}/10 classes"
    epoch_lines = [text for text in printed.getvalue().splitlines() if text.startswith("epoch 1/2:")]
    assert len(epoch_lines) == 1 and line in epoch_lines[0]  # the terminal's epoch line says it too
    for end in ends:
        quality = end["quality"]
        assert quality["samples"] == FIXED_SAMPLES and quality["classes"] == 10
        assert 0.1 <= quality["mean_confidence"] <= 1 and sum(quality["counts"]) == FIXED_SAMPLES
        assert 1 <= quality["classes_covered"] <= 10 and isinstance(quality["passed"], bool)
    plain = Recorder()
    run(RunOptions(gan_project(tmp_path / "plain", data="shapes:48", epochs=1), threads=1), EventLog([plain]))
    assert all("quality" not in e for e in plain.events if e["event"] == "epoch_end")  # no classifier, no score


def test_the_score_classifier_is_read_only_from_the_projects_folder_and_comes_with_its_weights(tmp_path):
    from cnnstudio.training.errors import TrainingError

    with pytest.raises(ConfigError, match="score_classifier and score_weights go together"):
        TrainingConfig.from_dict({"score_classifier": "clf.cnn.json"})
    with pytest.raises(ConfigError, match="score_weights must be a file name"):
        TrainingConfig.from_dict({"score_classifier": "clf.cnn.json", "score_weights": 3})
    (tmp_path / "elsewhere").mkdir()
    _classifier_beside(tmp_path / "elsewhere")
    project = gan_project(
        tmp_path / "gan", score_classifier="../elsewhere/clf.cnn.json", score_weights="../elsewhere/clf.safetensors"
    )
    with pytest.raises(TrainingError, match="outside the project's folder") as caught:
        run(RunOptions(project, threads=1), EventLog())
    assert "\n" not in str(caught.value)


LOSSES = {
    "non_saturating": (
        lambda real, fake: F.softplus(-real).mean() + F.softplus(fake).mean(),  # BCE(D(x), 1) + BCE(D(G(z)), 0)
        lambda fake: F.softplus(-fake).mean(),  # BCE(D(G(z)), 1)
    ),
    "hinge": (
        lambda real, fake: F.relu(1 - real).mean() + F.relu(1 + fake).mean(),
        lambda fake: -fake.mean(),
    ),
}


@pytest.mark.parametrize("kind", sorted(LOSSES))
def test_the_gan_loss_option_gives_the_losses_its_formula_says(tmp_path, kind):
    import copy

    trainer, _ = prepare(RunOptions(gan_project(tmp_path, gan_loss=kind), threads=1), EventLog())
    pair = trainer.model
    before = copy.deepcopy(pair).train()
    batch = next(iter(trainer.feeder.train_batches(0)))[1]
    n = len(batch.x)
    torch.manual_seed(5)
    trainer._step(batch, 0, 0, 0, trainer.feeder.steps_per_epoch)
    torch.manual_seed(5)  # the same noise as the step drew
    with torch.no_grad():
        fake = before.generator(torch.randn((n, *pair.latent_shape)))
        real_logits = before.discriminator(batch.x).reshape(n)
        fake_logits = before.discriminator(fake).reshape(n)
        after = pair.discriminator(fake).reshape(n)  # the generator's step sees the discriminator just updated
    d_formula, g_formula = LOSSES[kind]
    parts = trainer.objective.last_parts
    assert parts["d_loss"] == pytest.approx(float(d_formula(real_logits, fake_logits)), rel=1e-5)
    assert parts["g_loss"] == pytest.approx(float(g_formula(after)), rel=1e-5)
    with pytest.raises(ConfigError, match="gan_loss must be one of non_saturating, hinge"):
        TrainingConfig.from_dict({"gan_loss": "wasserstein"})
