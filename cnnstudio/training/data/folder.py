"""Any image folder laid out like torchvision's ImageFolder: one subfolder per class.

``PATH/train/<class>/*`` with ``PATH/val/<class>/*`` uses that validation set; otherwise ``PATH/<class>/*`` is
split by the configured ratio. Images that cannot be read are reported and skipped, never fatal: files
that PIL cannot identify are dropped while scanning, and any that fail later while decoding are dropped
from their batch (``FolderSet`` returns None for them and the batcher reports them).
"""

from __future__ import annotations

from pathlib import Path

import torch
from PIL import Image, UnidentifiedImageError
from torchvision.datasets.folder import IMG_EXTENSIONS

from ..errors import DataError
from .base import DataSplit, stratified_split

VAL_FOLDERS = ("val", "valid", "validation")
_SHOW = 3  # unreadable files named in a warning


class FolderSet(torch.utils.data.Dataset):
    """Image files decoded on demand (in DataLoader workers) at the size set with ``set_target``."""

    def __init__(self, files: list[Path], labels: list[int]):
        self.files = list(files)
        self.labels = torch.tensor(labels, dtype=torch.int64)
        self.chw: tuple[int, int, int] | None = None

    def set_target(self, chw: tuple[int, int, int]) -> None:
        self.chw = chw

    def subset(self, indices: torch.Tensor) -> FolderSet:
        result = FolderSet([self.files[i] for i in indices.tolist()], self.labels[indices].tolist())
        result.chw = self.chw
        return result

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, index: int):
        """(float [0, 1] C×H×W image or None, label, index, error message or None)."""
        try:
            return decode(self.files[index], self.chw), int(self.labels[index]), index, None
        except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
            return None, int(self.labels[index]), index, f"{self.files[index]}: {_reason(exc)}"


def decode(path: Path, chw: tuple[int, int, int] | None) -> torch.Tensor:
    """One image file as float [0, 1] C×H×W, resized by PIL (anti-aliased) to ``chw``."""
    with Image.open(path) as img:
        img = img.convert("L" if chw and chw[0] == 1 else "RGB")
        if chw and img.size != (chw[2], chw[1]):
            img = img.resize((chw[2], chw[1]), Image.Resampling.BILINEAR)
        data = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8)
        channels = 1 if img.mode == "L" else 3
        return data.view(img.size[1], img.size[0], channels).permute(2, 0, 1).float().div_(255.0)


def collate(items):
    """Stack the readable images of a batch; report the rest (for the trainer's warnings)."""
    good = [item for item in items if item[0] is not None]
    failed = [item[3] for item in items if item[0] is None]
    if not good:
        return None, None, None, failed
    images = torch.stack([item[0] for item in good])
    labels = torch.tensor([item[1] for item in good], dtype=torch.int64)
    indices = torch.tensor([item[2] for item in good], dtype=torch.int64)
    return images, labels, indices, failed


def _reason(exc: Exception) -> str:
    text = str(exc).split("\n")[0]
    if isinstance(exc, UnidentifiedImageError) or "cannot identify" in text:
        return "not an image PIL can read"
    return text or type(exc).__name__


def _class_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _scan(root: Path, classes: list[str], bad: list[str]) -> tuple[list[Path], list[int]]:
    files, labels = [], []
    for label, name in enumerate(classes):
        folder = root / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in IMG_EXTENSIONS:
                continue
            try:  # reads the header only: cheap, and catches files that are not images at all
                with Image.open(path):
                    pass
            except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
                bad.append(f"{path}: {_reason(exc)}")
                continue
            files.append(path)
            labels.append(label)
    return files, labels


def skipped_warning(bad: list[str]) -> str:
    shown = "; ".join(bad[:_SHOW]) + (f"; and {len(bad) - _SHOW} more" if len(bad) > _SHOW else "")
    return f"skipped {len(bad)} unreadable image(s): {shown}"


def folder_split(path: str, val_split: float, seed: int) -> DataSplit:
    root = Path(path).expanduser()
    if not root.is_dir():
        raise DataError(f"folder:{path}: no such folder")
    val_root = next((root / n for n in VAL_FOLDERS if (root / n).is_dir()), None)
    train_root = root / "train" if val_root is not None and (root / "train").is_dir() else root
    if train_root == root and val_root is not None:
        raise DataError(f"folder:{path} has a {val_root.name}/ folder but no train/ folder beside it")
    classes = [p.name for p in _class_dirs(train_root)]
    bad: list[str] = []
    files, labels = _scan(train_root, classes, bad)
    if not files:
        raise DataError(
            f"folder:{path}: no readable images found; expected one folder per class, "
            f"like {root / 'cats'}/*.jpg and {root / 'dogs'}/*.jpg"
        )
    warnings = []
    everything = FolderSet(files, labels)
    if val_root is not None:
        val_files, val_labels = _scan(val_root, classes, bad)
        extra = sorted({p.name for p in _class_dirs(val_root)} - set(classes))
        if extra:
            warnings.append(f"ignored {val_root.name}/ class folder(s) with no training images: {', '.join(extra)}")
        if not val_files:
            raise DataError(f"folder:{path}: {val_root} holds no readable images of the training classes")
        train, val = everything, FolderSet(val_files, val_labels)
    else:
        train_idx, val_idx = stratified_split(everything.labels, val_split, seed)
        if len(val_idx) == 0:
            raise DataError(f"folder:{path}: too few images to hold out a validation share of {val_split:g}")
        train, val = everything.subset(train_idx), everything.subset(val_idx)
    if bad:
        warnings.insert(0, skipped_warning(bad))
    return DataSplit(f"folder:{path}", classes, train, val, warnings)
