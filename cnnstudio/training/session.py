"""From a project file and a few options to a running Trainer: config, device, model, weights, data.

Used by ``cnnstudio train`` and by the GUI's child process (``worker.py``); every user mistake on the
way becomes a one-line TrainingError. Started by torchrun with more than one process, ``run`` joins the
process group (distributed.py) and leaves it at the end, also after an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch

from ..core.i18n import translate
from .assembly import check_task, default_threads, make_feeder, resolve_device, task_objective
from .checkpoint import Checkpoint, load_checkpoint, resolve
from .config import TrainingConfig
from .context import RunContext
from .data import load_data
from .distributed import join, launch_from_environment, launch_threads, leave
from .engine import Trainer, TrainResult
from .errors import DataError, TrainingError
from .events import EventLog
from .probe import HealthProbe
from .stop import StopToken


@dataclass
class RunOptions:
    """What a run needs besides the project's own training config."""

    project: str
    data: str | None = None  # a data spec; None: the config's
    overrides: dict = field(default_factory=dict)  # config keys to change (``augment.rotation`` style allowed)
    checkpoint_dir: str | None = None
    resume: str | None = None  # a checkpoint (folder, .json or .safetensors)
    weights: str | None = None  # initial weights: safetensors, checkpoint or weights-only .pt
    allow_download: bool = False  # for mnist/fashion-mnist/cifar10
    threads: int | None = None  # CPU threads for PyTorch; None: all cores but one (left for the GUI)


def load_project(path: str):
    import cnnstudio.blocks  # noqa: F401  (registers the block catalog the file refers to)
    from cnnstudio.core.project_file import ProjectFileError, load

    try:
        return load(path)
    except ProjectFileError as exc:
        raise TrainingError(str(exc)) from None


def effective_config(graph, options: RunOptions, checkpoint: Checkpoint | None) -> TrainingConfig:
    """The project's config (or the resumed checkpoint's), then the run's overrides, then --data."""
    base = TrainingConfig.from_dict(checkpoint.meta.get("config")) if checkpoint else TrainingConfig.from_graph(graph)
    config = base.with_overrides(options.overrides) if options.overrides else base
    if options.data:
        config = config.replace(data=options.data)
    return config


def initial_weights(graph, options: RunOptions) -> str | None:
    """``--weights``, else the weights a fine-tune project names (``meta["weights"]``, beside the project)."""
    if options.weights:
        return options.weights
    named = graph.meta.get("weights")
    if not named:
        return None
    folder = Path(options.project).parent.resolve()
    path = folder / named
    try:
        inside = not Path(named).is_absolute() and path.resolve().is_relative_to(folder)
    except (OSError, ValueError) as exc:  # a NUL byte, a loop of links, a name too long
        raise TrainingError(
            translate("Training", "{project}: names the weights file {named!r}, which cannot be used: {why}").format(
                project=options.project, named=named, why=exc
            )
        ) from None
    # a project is shared: it may name a file in its own folder (or below), never one elsewhere on this machine
    if not inside:
        raise TrainingError(
            translate(
                "Training",
                "{project}: names the weights file {named!r}, which is outside the project's folder; "
                "a project's weights are read only from its folder (give another file with --weights)",
            ).format(project=options.project, named=named)
        )
    if not path.exists():
        raise TrainingError(
            translate("Training", "{project}: names the weights file {named}, which is not there").format(
                project=options.project, named=named
            )
        )
    return str(path)


def load_initial_weights(model, path: str) -> dict:
    """Load by name and shape (a replaced head is skipped); the ``weights`` event's fields."""
    from cnnstudio.compiler import WeightsError, load_weights

    p = Path(path).expanduser()
    try:
        if p.is_dir() or p.suffix == ".json":  # a training checkpoint: its weights file
            report = load_weights(model, load_checkpoint(p).weights, name=str(resolve(p)))
        else:
            report = load_weights(model, p)
    except WeightsError as exc:
        raise TrainingError(str(exc)) from None
    if not report.matched:
        raise TrainingError(
            translate("Training", "{path}: no tensor matches this network by name and shape").format(path=path)
        )
    return {
        "message": report.summary().splitlines()[0],
        "path": str(path),
        "matched": len(report.matched),
        "missing": report.missing,
        "skipped": report.skipped,
        "unexpected": report.unexpected,
    }


def check_classes(graph, model, classes: list[str]) -> list[str]:
    """A classifier with fewer outputs than the data has classes cannot train; more only deserves a warning."""
    from cnnstudio.core.inference import infer_shapes

    result = infer_shapes(graph)
    by_name = {node.name: nid for nid, node in graph.nodes.items()}
    warnings = []
    for head in model.heads:
        if head.kind != "classification":
            continue
        outputs = result.info[by_name[head.name]].shape[0]
        if outputs < len(classes):
            raise DataError(
                translate(
                    "Training",
                    "the classification head {name!r} has {outputs} outputs but the data has {classes} classes: give the layer before it {classes} outputs",
                ).format(name=head.name, outputs=outputs, classes=len(classes))
            )
        if outputs > len(classes):
            warnings.append(
                translate("Training", "the head {name!r} has {outputs} outputs for {classes} classes").format(
                    name=head.name, outputs=outputs, classes=len(classes)
                )
            )
    return warnings


def prepare(
    options: RunOptions,
    events: EventLog,
    stop: StopToken | None = None,
    context: RunContext | None = None,
    step_hook=None,
) -> tuple[Trainer, Checkpoint | None]:
    """Everything up to the first batch; raises TrainingError for anything the user can fix.

    Under torchrun with more than one process (and no ``context`` given) it joins the process group;
    ``run`` leaves it again.
    """
    from cnnstudio.compiler import CompileError, compile_model

    graph = load_project(options.project)
    checkpoint = load_checkpoint(options.resume) if options.resume else None
    config = effective_config(graph, options, checkpoint)
    device = resolve_device(config.device)
    launch = launch_from_environment() if context is None else None
    if launch is not None:
        context, device = join(launch, device)
    context = context or RunContext()
    if not context.is_main:  # one process reports
        events.enabled = False
    torch.set_num_threads(options.threads or (launch_threads(launch) if launch else default_threads()))
    torch.manual_seed(config.seed)  # the initial weights depend on the seed alone (the same in every process)
    gan = _is_gan(graph)
    try:
        model = _compile_gan(graph) if gan else compile_model(graph)
    except CompileError as exc:
        raise TrainingError(str(exc)) from None
    if model.heads and model.heads[0].kind == "detection":
        from .detection.prior import set_heat_map_prior

        set_heat_map_prior(model)  # before any weights load: loaded or resumed heat maps keep their own
    notices: list[tuple[str, dict]] = []
    weights = initial_weights(graph, options) if checkpoint is None else None
    if weights is not None:
        notices.append(("weights", load_initial_weights(model, weights)))
    split = load_data(
        config.data,
        val_split=config.val_split,
        seed=config.seed,
        allow_download=options.allow_download,
        input_shape=model.input_shape,
    )
    split.warnings.extend(check_classes(graph, model, split.classes))
    detects = check_task(model, split, config.data)
    if gan and not detects:
        feeder = _gan_feeder(split, model, config, device, context)
    else:
        feeder = make_feeder(split, model, config, device, context)
    info = {"project": str(Path(options.project)), "data_spec": config.data}
    if context.distributed:  # in the started event and the checkpoints (a resume checks it)
        info["processes"] = context.world_size
    trainer = Trainer(
        model,
        feeder,
        config,
        events=events,
        checkpoint_dir=options.checkpoint_dir,
        stop=stop,
        context=context,
        info=info,
        step_hook=step_hook,
        notices=notices,
        epoch_probe=None if gan else HealthProbe(),  # layer health reads one compiled graph, a GAN has two
        objective=_objective(model, feeder, config, options, detects, gan),
    )
    return trainer, checkpoint


def _objective(model, feeder, config: TrainingConfig, options: RunOptions, detects: bool, gan: bool):
    """The loop's objective when it is not the engine's own (classification and reconstruction heads)."""
    if detects:
        return task_objective(model, feeder)
    if gan:
        from .generation.gan import GanObjective

        return GanObjective(
            model,
            seed=config.seed,
            label_smoothing=config.label_smoothing,
            loss=config.gan_loss,
            sample_dir=options.checkpoint_dir,
            to_display=feeder.normalizer.undo,
            scorer=_scorer(config, options),
        )
    from .generation.vae import VaeObjective, has_sampler

    if has_sampler(model):
        return VaeObjective(model, config.kl_weight, config.seed)
    return None


def _scorer(config: TrainingConfig, options: RunOptions):
    """The quality score of a GAN's samples (training/generation/score.py) when the config names a classifier."""
    if config.score_classifier is None:
        return None
    from .generation.score import load_classifier, score_images

    project = _in_project_folder(options.project, config.score_classifier)
    weights = _in_project_folder(options.project, config.score_weights)
    classifier, normalizer, classes = load_classifier(project, weights)
    return lambda images: score_images(images, classifier, normalizer, classes)


def _in_project_folder(project: str, named: str) -> str:
    """A file the training config names, resolved in the project's folder; TrainingError when it lies outside
    (a project is shared: it may name a file in its own folder or below, never one elsewhere on this machine)."""
    folder = Path(project).parent.resolve()
    path = folder / named
    try:
        inside = not Path(named).is_absolute() and path.resolve().is_relative_to(folder)
    except (OSError, ValueError):  # a NUL byte, a loop of links, a name too long
        inside = False
    if not inside:
        raise TrainingError(
            translate(
                "Training", "{project}: the training config names {named!r}, which is outside the project's folder"
            ).format(project=project, named=named)
        )
    return str(path)  # a checkpoint's stem (clf/last) names no file itself: the loader says when it is not there


def _is_gan(graph) -> bool:
    """A graph with a Generated image or a Real/fake output (roles on the outputs, core/components.py)."""
    import cnnstudio.blocks  # noqa: F401
    from cnnstudio.core.components import components

    return any(role in ("generated_image", "real_fake") for c in components(graph) for role in c.roles)


def _compile_gan(graph):
    from .generation.pair import compile_gan

    return compile_gan(graph)


def _gan_feeder(split, model, config: TrainingConfig, device, context: RunContext):
    """Real images in [-1, 1], the range of the generator's tanh (whatever the config's normalize says)."""
    from .data.feeder import Feeder
    from .data.fit import Normalizer

    channels = model.input_shape[0] if len(model.input_shape) == 3 else 1
    return Feeder(
        split,
        model.input_shape,
        batch_size=config.batch_size,
        seed=config.seed,
        augmentation=config.augment,
        device=device,
        workers=config.workers,
        normalizer=Normalizer([0.5] * channels, [0.5] * channels),
        rank=context.rank,
        world_size=context.world_size,
    )


def run(options: RunOptions, events: EventLog, stop: StopToken | None = None, step_hook=None) -> TrainResult:
    """Prepare and train; on a TrainingError, report an ``error`` event and raise it again."""
    try:
        trainer, checkpoint = prepare(options, events, stop, step_hook=step_hook)
        return trainer.run(resume=checkpoint)
    except TrainingError as exc:
        events.emit("error", kind=exc.kind, message=str(exc), **getattr(exc, "details", {}))
        exc.reported = True
        raise
    except torch.OutOfMemoryError:
        error = TrainingError(
            translate("Training", "out of memory: lower the batch size (or use a smaller network or input)")
        )
        error.kind = "out_of_memory"
        events.emit("error", kind=error.kind, message=str(error))
        error.reported = True
        raise error from None
    finally:
        leave()
