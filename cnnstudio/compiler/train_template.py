"""The exported ``train.py``'s own code around the model and the engine: arguments, data files, weights, main.

``train_script.training_script`` puts the file together: HEADER, the imports (merged with the engine's),
the project's constants (every project value written as a Python literal), the model code, OWN_CODE,
then the engine's own source (engine_bundle.py) and the ``__main__`` guard. Everything that decides the
losses is in the engine's part; this part only does what ``cnnstudio.training.session`` does from a
project file: it reads the digits beside the script instead of the installed package's copy, and builds
``Model`` instead of compiling the project.
"""

HEADER = '''"""Train a network designed in CNN Studio: a standalone script.

    python train.py                              # one process (GPU if there is one)
    torchrun --nproc_per_node=2 train.py         # DistributedDataParallel, 2 processes
    python train.py --data folder:PATH --epochs 5 --out runs/exp1
    python train.py --resume runs/exp1 --epochs 10   # go on from runs/exp1/last

It runs CNN Studio's own training engine, which this file carries word for word (the
sections after main() are named after the engine's files), so it trains exactly as
``cnnstudio train`` does: the same data order, augmentation, losses, optimiser,
schedule, validation, checkpoints (safetensors + JSON, resumable) and torchrun
behaviour. Data: digits (the UCI 8x8 digits CSV beside this file, or --digits-csv),
shapes[:N] (generated), folder:PATH (one sub-folder per class); for a detector,
shapes-boxes[:N] (generated), coco:PATH, voc:PATH or yolo:PATH. Progress goes to
stderr; --metrics writes the engine's events, one JSON line each.
"""'''

OWN_IMPORTS = """
import argparse
import gzip
import signal
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
from safetensors.torch import load_file
"""

OWN_CODE = '''
class Network(Model):
    """The exported Model with what the engine reads off a compiled one: heads, input shape, frozen layers."""

    def __init__(self) -> None:
        super().__init__()
        self.heads = tuple(Head(*row) for row in HEADS)
        self.input_shape = INPUT_SHAPE
        for name in FROZEN:  # transfer learning: these layers keep their weights
            self.get_submodule(name).requires_grad_(False)

    def train(self, mode: bool = True):
        super().train(mode)
        if mode:  # and their batch norms keep their statistics
            for name in FROZEN:
                for module in self.get_submodule(name).modules():
                    if isinstance(module, nn.modules.batchnorm._BatchNorm):
                        module.eval()
        return self


def read_digits(path: Path) -> ImageSet:
    """The UCI digits CSV (as CNN Studio bundles it): 64 pixel counts 0-16 and the label per row."""
    try:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rt") as text:
            table = np.loadtxt(text, delimiter=",", dtype=np.float32)
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: the digits CSV cannot be read ({exc}); see --digits-csv") from None
    images = torch.from_numpy(table[:, :64].copy()).reshape(-1, 1, 8, 8) / 16.0
    return ImageSet(images, torch.from_numpy(table[:, 64].astype(np.int64)))


def load_split(config: TrainingConfig, digits_csv: str) -> DataSplit:
    """The data spec's images split into training and validation sets, as CNN Studio splits them."""
    kind, _, arg = config.data.partition(":")
    if config.data == "digits":
        train, val = split_set(read_digits(Path(digits_csv)), config.val_split, config.seed)
        return DataSplit("digits", [str(d) for d in range(10)], train, val)
    if kind == "shapes" and (not arg or arg.isdigit()):
        return shapes_split(int(arg or 2400), config.val_split, config.seed)
    if kind == "folder" and arg:
        return folder_split(arg, config.val_split, config.seed)
    if (kind == "shapes-boxes" and (not arg or arg.isdigit())) or (kind in ("coco", "voc", "yolo") and arg):
        return load_boxes(kind, arg, INPUT_SHAPE, config.val_split, config.seed)
    raise DataError(
        f"data spec {config.data!r}: this script reads digits, shapes[:N], folder:PATH, "
        "shapes-boxes[:N], coco:PATH, voc:PATH and yolo:PATH"
    )


def load_weights(model: nn.Module, path: str) -> str:
    """Start from saved weights, matched by name and shape (a replaced head keeps its fresh ones)."""
    p = Path(path)
    if p.is_dir() or p.suffix == ".json":
        state = load_checkpoint(p).weights
    elif p.suffix == ".safetensors":
        state = load_file(str(p))
    else:
        state = torch.load(p, map_location="cpu", weights_only=True)
    own = model.state_dict()
    matched = {k: v for k, v in state.items() if k in own and v.shape == own[k].shape}
    if not matched:
        raise CheckpointError(f"{path}: no tensor matches this network by name and shape")
    model.load_state_dict(matched, strict=False)
    return f"started from {len(matched)} of {len(own)} tensors of {path}"


def arguments() -> argparse.Namespace:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="digits | shapes[:N] | folder:PATH | shapes-boxes[:N] | coco:|voc:|yolo:PATH")
    parser.add_argument("--digits-csv", default=str(here / "digits.csv.gz"))
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--lr", type=float)
    parser.add_argument("--device", help="auto | cpu | cuda | cuda:N | mps")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other CONFIG key (optimizer=sgd, augment.rotation=10, ...)",
    )
    parser.add_argument("--weights", help="start from these weights (.safetensors, .pt)")
    parser.add_argument("--resume", help="go on from this checkpoint (a folder: its last)")
    parser.add_argument("--out", default="checkpoints", help="checkpoint folder")
    parser.add_argument("--metrics", help="write the events here, one JSON line each")
    parser.add_argument("--threads", type=int, help="CPU threads (default: all but one)")
    return parser.parse_args()


def main() -> int:
    """What ``cnnstudio train`` does with a project, with this file's Model and data."""
    args = arguments()
    events, metrics = EventLog([ProgressPrinter()]), None
    try:
        checkpoint = load_checkpoint(args.resume) if args.resume else None
        config = TrainingConfig.from_dict(checkpoint.meta["config"] if checkpoint else CONFIG)
        overrides = dict(parse_override(text) for text in args.set)
        for key in ("data", "epochs", "batch_size", "lr", "device"):
            if getattr(args, key) is not None:
                overrides[key] = getattr(args, key)
        config = config.with_overrides(overrides)
        device, context = resolve_device(config.device), RunContext()
        launch = launch_from_environment()
        if launch is not None:
            context, device = join(launch, device)
        events.enabled = context.is_main  # one process reports
        if args.metrics and context.is_main:
            metrics = JsonLines.to_file(args.metrics)
            events.sinks.append(metrics)
        threads = launch_threads(launch) if launch else default_threads()
        torch.set_num_threads(args.threads or threads)
        torch.manual_seed(config.seed)  # the initial weights depend on the seed alone
        model = Network()
        set_heat_map_prior(model)  # a fresh detector's heat maps start at CenterNet's prior (others: no change)
        notices = []
        if args.weights and checkpoint is None:
            notices.append(("weights", {"message": load_weights(model, args.weights)}))
        split = load_split(config, args.digits_csv)
        check_task(model, split, config.data)  # a detector on box data, a classifier on labelled images
        feeder = make_feeder(split, model, config, device, context)
        info = {"project": TITLE, "data_spec": config.data}
        if context.distributed:
            info["processes"] = context.world_size
        trainer = Trainer(
            model,
            feeder,
            config,
            events=events,
            checkpoint_dir=args.out,
            context=context,
            info=info,
            notices=notices,
            objective=task_objective(model, feeder),  # a detector's loss parts and mAP
        )
        # the first Ctrl-C (torchrun passes it on as SIGTERM) stops after this batch, with a checkpoint
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: trainer.stop.request("interrupted"))
        result = trainer.run(resume=checkpoint)
    except TrainingError as exc:
        events.emit("error", kind=exc.kind, message=str(exc), **getattr(exc, "details", {}))
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        leave()
        if metrics:
            metrics.close()
    return 0 if result.status == "finished" else 130
'''

FOOTER = """
if __name__ == "__main__":
    sys.exit(main())
"""
