"""The text of an exported ``train.py`` around the model code: data, loop, DDP, checkpoints (see train_script).

Placeholders in ``@@NAME@@`` form are filled by ``train_script.training_script``; the result is checked with
ruff (format and lint) by the tests, so keep it formatted as ruff would at 88 columns.
"""

HEADER = '''"""Train @@TITLE@@: a standalone script exported from CNN Studio.

    python train.py                              # one process (GPU if there is one)
    torchrun --nproc_per_node=2 train.py         # DistributedDataParallel, 2 processes
    python train.py --data folder:PATH --epochs 5 --out runs/exp1

Data: digits (the UCI 8x8 digits CSV beside this file, or --digits-csv), shapes
(generated), folder:PATH (one sub-folder per class; needs torchvision). Rank 0 logs
and writes checkpoints (safetensors when installed, else .pt) to --out.
"""

import argparse
import gzip
import json
import math
import os
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, Dataset, Subset, TensorDataset
from torch.utils.data.distributed import DistributedSampler

# the training config saved in the project, defaults filled in
CONFIG = @@CONFIG@@
INPUT_SHAPE = @@INPUT_SHAPE@@
# one per model output, in the order Model returns them while training:
# (name, kind, loss weight, auxiliary, label smoothing)
HEADS = @@HEADS@@
FROZEN = @@FROZEN@@  # layers kept fixed (their batch norms stay in eval mode)'''

BODY = '''
# data ------------------------------------------------------------------------------
def fit(images: torch.Tensor) -> torch.Tensor:
    """N x C x H x W floats in [0, 1] resized and with the channels the model takes."""
    c, h, w = INPUT_SHAPE
    if images.shape[1] != c:
        gray = images.mean(dim=1, keepdim=True)
        images = gray.expand(-1, c, -1, -1) if c != 1 else gray
    if tuple(images.shape[2:]) != (h, w):
        images = F.interpolate(
            images, size=(h, w), mode="bilinear", align_corners=False
        )
    return images.contiguous()


def load_digits(path: Path) -> TensorDataset:
    """The UCI digits CSV: 64 pixel values (0-16) and the label per row."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt") as handle:
        rows = [[float(v) for v in line.split(",")] for line in handle if line.strip()]
    table = torch.tensor(rows)
    images = table[:, :64].reshape(-1, 1, 8, 8) / 16.0
    return TensorDataset(fit(images), table[:, 64].long())


def make_shapes(count: int, seed: int, size: int = 32) -> TensorDataset:
    """Circles, squares and triangles at random places and sizes (3 classes)."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(count) % 3
    axis = (torch.arange(size) + 0.5) / size * 2 - 1
    ys, xs = torch.meshgrid(axis, axis, indexing="ij")
    r = 0.3 + 0.35 * torch.rand(count, 1, 1, generator=g)
    cx = (torch.rand(count, 1, 1, generator=g) * 2 - 1) * (1 - r)
    cy = (torch.rand(count, 1, 1, generator=g) * 2 - 1) * (1 - r)
    u, v = (xs - cx) / r, (ys - cy) / r
    inside = torch.stack(
        [
            u * u + v * v <= 1,
            (u.abs() <= 0.8) & (v.abs() <= 0.8),
            (v <= 0.5) & (v >= u.abs() * 2 - 1),
        ]
    )
    mask = inside[labels, torch.arange(count)].float().unsqueeze(1)
    colour = 0.5 + 0.5 * torch.rand(count, 3, 1, 1, generator=g)
    return TensorDataset(fit(mask * colour), labels)


class FolderImages(Dataset):
    """torchvision's ImageFolder, each image fitted to the model's input."""

    def __init__(self, root: str):
        from torchvision import datasets, transforms

        c, h, w = INPUT_SHAPE
        steps = [transforms.Resize((h, w))]
        steps += [transforms.Grayscale(c)] if c in (1, 3) else []
        self.folder = datasets.ImageFolder(
            root, transforms.Compose(steps + [transforms.ToTensor()])
        )
        self.classes = self.folder.classes

    def __len__(self) -> int:
        return len(self.folder)

    def __getitem__(self, i: int):
        image, label = self.folder[i]
        return fit(image.unsqueeze(0))[0], label


def load_data(args) -> tuple[Dataset, Dataset]:
    spec = args.data
    if spec == "digits":
        data = load_digits(Path(args.digits_csv))
    elif spec == "shapes":
        data = make_shapes(args.shapes_count, CONFIG["seed"])
    elif spec.startswith("folder:"):
        data = FolderImages(spec.removeprefix("folder:"))
    else:
        raise SystemExit(f"unknown --data {spec!r}: use digits, shapes or folder:PATH")
    order = torch.randperm(
        len(data), generator=torch.Generator().manual_seed(CONFIG["seed"])
    )
    n_val = max(1, int(len(data) * CONFIG["val_split"]))
    return Subset(data, order[n_val:].tolist()), Subset(data, order[:n_val].tolist())


def channel_stats(data: Dataset, limit: int = 512) -> tuple[torch.Tensor, torch.Tensor]:
    images = torch.stack([data[i][0] for i in range(min(len(data), limit))])
    mean = images.mean(dim=(0, 2, 3)).view(1, -1, 1, 1)
    return mean, images.std(dim=(0, 2, 3)).clamp_min(1e-6).view(1, -1, 1, 1)


def augment(x: torch.Tensor) -> torch.Tensor:
    """Random shift, flip, rotation and scale per image (CONFIG["augment"])."""
    a = CONFIG["augment"]
    n, _, h, w = x.shape
    angle = (torch.rand(n) * 2 - 1) * math.radians(a["rotation"])
    lo, hi = a["scale"]
    scale = lo + (hi - lo) * torch.rand(n)
    shift = (
        torch.randint(-a["crop_padding"], a["crop_padding"] + 1, (2, n)) * 2
    ).float()
    flip = torch.where(torch.rand(n) < 0.5, -1.0, 1.0) if a["hflip"] else torch.ones(n)
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = torch.cos(angle) / scale * flip
    theta[:, 0, 1] = -torch.sin(angle) / scale
    theta[:, 1, 0] = torch.sin(angle) / scale * flip
    theta[:, 1, 1] = torch.cos(angle) / scale
    theta[:, 0, 2], theta[:, 1, 2] = shift[0] / w, shift[1] / h
    grid = F.affine_grid(theta.to(x.device), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, padding_mode="zeros", align_corners=False)


# training --------------------------------------------------------------------------
def losses(outputs, images: torch.Tensor, labels: torch.Tensor, training: bool):
    """The weighted loss over the heads (auxiliary ones only while training)."""
    heads = [h for h in HEADS if training or not h[3]]
    outputs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
    total = 0.0
    for (_, kind, weight, _, smoothing), out in zip(heads, outputs, strict=True):
        if kind == "classification":
            if CONFIG["label_smoothing"] is not None:  # the config overrides each head
                smoothing = CONFIG["label_smoothing"]
            loss = F.cross_entropy(out, labels, label_smoothing=smoothing)
        else:
            loss = F.mse_loss(out, images)
        total = total + weight * loss
    main = outputs[0] if heads and heads[0][1] == "classification" else None
    return total, main


def make_optimizer(model: nn.Module, steps_per_epoch: int):
    params = [p for p in model.parameters() if p.requires_grad]
    name, lr, decay = CONFIG["optimizer"], CONFIG["lr"], CONFIG["weight_decay"]
    if name == "sgd":
        opt = torch.optim.SGD(
            params, lr, momentum=CONFIG["momentum"], weight_decay=decay
        )
    elif name == "adamw":
        opt = torch.optim.AdamW(params, lr, weight_decay=decay)
    else:
        opt = torch.optim.Adam(params, lr, weight_decay=decay)
    epochs, schedule = CONFIG["epochs"], CONFIG["schedule"]
    if schedule == "step":
        every = CONFIG["step_epochs"] or max(1, epochs // 3)
        return opt, torch.optim.lr_scheduler.StepLR(opt, every, CONFIG["gamma"]), False
    if schedule == "cosine":
        return opt, torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs), False
    if schedule == "onecycle":
        total = max(1, epochs * steps_per_epoch)
        return (
            opt,
            torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=total),
            True,
        )
    return opt, None, False


def freeze(model: nn.Module) -> None:
    """Frozen layers keep their weights and their batch-norm statistics."""
    for name in FROZEN:
        layer = model.get_submodule(name)
        layer.requires_grad_(False)
        for m in layer.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.eval()


def save_checkpoint(model: nn.Module, path: Path) -> Path:
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    try:
        from safetensors.torch import save_file
    except ImportError:
        torch.save(state, path.with_suffix(".pt"))
        return path.with_suffix(".pt")
    save_file(state, str(path.with_suffix(".safetensors")))
    return path.with_suffix(".safetensors")


def pick_device(name: str, local_rank: int) -> torch.device:
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda", local_rank)
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and torch.cuda.is_available():
        return torch.device("cuda", local_rank)
    return torch.device(name)


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=CONFIG["data"], help="digits | shapes | folder:PATH"
    )
    parser.add_argument("--digits-csv", default=str(here / "digits.csv.gz"))
    parser.add_argument("--shapes-count", type=int, default=1200)
    parser.add_argument("--epochs", type=int, default=CONFIG["epochs"])
    parser.add_argument("--batch-size", type=int, default=CONFIG["batch_size"])
    parser.add_argument("--lr", type=float, default=CONFIG["lr"])
    parser.add_argument(
        "--device", default=CONFIG["device"], help="auto | cpu | cuda | mps"
    )
    parser.add_argument("--weights", help="start from these weights (.safetensors/.pt)")
    parser.add_argument("--out", default="checkpoints", help="checkpoint folder")
    parser.add_argument("--metrics", help="also write one JSON line per epoch here")
    parser.add_argument("--workers", type=int, default=0, help="data-loading processes")
    args = parser.parse_args()
    CONFIG.update(epochs=args.epochs, batch_size=args.batch_size, lr=args.lr)

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank, local_rank = (
        int(os.environ.get("RANK", "0")),
        int(os.environ.get("LOCAL_RANK", "0")),
    )
    device = pick_device(args.device, local_rank)
    if world > 1:
        backend = "nccl" if device.type == "cuda" else "gloo"
        dist.init_process_group(backend)
        if device.type == "cuda":
            torch.cuda.set_device(device)
    torch.manual_seed(CONFIG["seed"])  # the same initial weights on every rank

    train_set, val_set = load_data(args)
    reconstructs = any(h[1] == "reconstruction" for h in HEADS)
    if CONFIG["normalize"] == "none" or reconstructs:
        mean, std = torch.zeros(1, 1, 1, 1), torch.ones(1, 1, 1, 1)
    else:
        mean, std = channel_stats(train_set)
    mean, std = mean.to(device), std.to(device)
    sampler = DistributedSampler(train_set, seed=CONFIG["seed"]) if world > 1 else None
    loader = DataLoader(
        train_set,
        CONFIG["batch_size"],
        shuffle=sampler is None,
        sampler=sampler,
        num_workers=args.workers,
        generator=torch.Generator().manual_seed(CONFIG["seed"]),
    )
    val_part = Subset(val_set, list(range(rank, len(val_set), world)))  # exact shards
    val_loader = DataLoader(val_part, CONFIG["batch_size"], num_workers=args.workers)

    model = Model()
    if args.weights:
        if args.weights.endswith(".safetensors"):
            from safetensors.torch import load_file

            state = load_file(args.weights)
        else:
            state = torch.load(args.weights, map_location="cpu", weights_only=True)
        model.load_state_dict(state)
    model.to(device)
    freeze(model)
    ddp = model
    if world > 1:
        ids = [device.index] if device.type == "cuda" else None
        ddp = DistributedDataParallel(model, device_ids=ids)
    opt, scheduler, per_step = make_optimizer(model, len(loader))
    augmenting = CONFIG["augment"]["rotation"] or CONFIG["augment"]["crop_padding"]
    augmenting = (
        augmenting
        or CONFIG["augment"]["hflip"]
        or CONFIG["augment"]["scale"] != [1.0, 1.0]
    )
    out_dir, best = Path(args.out), math.inf
    if rank == 0:
        out_dir.mkdir(parents=True, exist_ok=True)
        sizes = f"{len(train_set)} train, {len(val_set)} validation images"
        print(f"training on {device} x {world}: {sizes}")

    for epoch in range(1, CONFIG["epochs"] + 1):
        start = time.time()
        if sampler is not None:
            sampler.set_epoch(epoch)
        ddp.train()
        freeze(model)
        sums = torch.zeros(2, device=device)  # loss x images, images
        seen = torch.ones((), device=device)
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            if augmenting:
                images = augment(images)
            loss, _ = losses(ddp((images - mean) / std), images, labels, training=True)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if scheduler is not None and per_step:
                scheduler.step()
            sums += torch.stack([loss.detach() * len(images), seen * len(images)])
        if scheduler is not None and not per_step:
            scheduler.step()

        ddp.eval()
        val = torch.zeros(3, device=device)  # loss x images, correct, images
        with torch.no_grad():
            for images, labels in val_loader:
                images, labels = images.to(device), labels.to(device)
                loss, logits = losses(
                    model((images - mean) / std), images, labels, training=False
                )
                hits = (logits.argmax(1) == labels).sum() if logits is not None else 0
                val += torch.stack(
                    [loss * len(images), seen * hits, seen * len(images)]
                )
        if world > 1:  # every rank's share, summed: the metrics of the whole data
            dist.all_reduce(sums)
            dist.all_reduce(val)
        if rank == 0:
            row = {
                "epoch": epoch,
                "train_loss": (sums[0] / sums[1]).item(),
                "val_loss": (val[0] / val[2]).item(),
                "val_accuracy": (val[1] / val[2]).item(),
                "seconds": round(time.time() - start, 2),
            }
            print(json.dumps(row))
            if args.metrics:
                with open(args.metrics, "a") as handle:
                    handle.write(json.dumps(row) + "\\n")
            save_checkpoint(model, out_dir / "last")
            if row["val_loss"] < best:
                best = row["val_loss"]
                save_checkpoint(model, out_dir / "best")
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
'''
