"""Any image folder laid out like torchvision's ImageFolder: one subfolder per class.

``PATH/train/<class>/*`` with ``PATH/val/<class>/*`` uses that validation set; otherwise ``PATH/<class>/*`` is
split by the configured ratio. Images that cannot be read are reported and skipped, never fatal: files
that PIL cannot identify (or that are over the pixel limit) are dropped while scanning, and any that fail
later while decoding are dropped from their batch (``FolderSet`` returns None for them and the batcher
reports them). A class folder with no readable image is reported and is not a class. Links are followed,
but a folder or image that links back into the dataset, or reaches what another link already reached, is
reported and not trained on: it would repeat images, often under a wrong label.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch
from torchvision.datasets.folder import IMG_EXTENSIONS

from cnnstudio.insight.pixels import ImageTooLarge, open_image, pixels

from ...core.i18n import translate
from ..errors import DataError
from .base import DataSplit, stratified_split

VAL_FOLDERS = ("val", "valid", "validation")
_SHOW = 3  # files named in a warning


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
        except Exception as exc:  # PIL's decoders raise many types on broken or truncated files
            return None, int(self.labels[index]), index, f"{self.files[index]}: {_reason(exc)}"


def decode(path: Path, chw: tuple[int, int, int] | None) -> torch.Tensor:
    """One image file as float [0, 1] C×H×W at its real bit depth, resized by PIL (anti-aliased) to ``chw``."""
    with open_image(path) as img:
        return pixels(img, chw[0] if chw else 3, (chw[2], chw[1]) if chw else None)


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
    if type(exc).__name__ == "UnidentifiedImageError" or "cannot identify" in text:
        return "not an image PIL can read"
    if isinstance(exc, ImageTooLarge):
        return f"too large ({text})"
    return text or type(exc).__name__


class _Scan:
    """Finds the class folders and images under the dataset's split folders; collects what it skips and why.

    Links are followed once: a link into the split folders themselves (its files are found where they lie,
    under their own label) and a link reaching what another link already reached are reported in
    ``repeated``. A link farm into a store of images elsewhere (beside the split folders, too) is fine.
    Every check costs a walk up the path, so a dataset of 100,000 linked images scans in linear time.
    """

    def __init__(self, split_roots: list[Path]):
        self.scanned = {Path(os.path.realpath(r)) for r in split_roots}
        self.scanned_holders = {p for r in self.scanned for p in r.parents}  # a link to one of these loops
        self.bad: list[str] = []  # unreadable images
        self.repeated: list[str] = []  # links that would repeat images
        self.reached: set[Path] = set()  # real paths the links followed so far lead to
        self.holding: set[Path] = set()  # every folder that holds one of them

    def class_dirs(self, split_root: Path) -> list[Path]:
        """The class folders, in name order; links that repeat others are reported, not returned."""
        candidates = [p for p in split_root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        ordered = sorted(candidates, key=lambda p: (p.is_symlink(), p.name))  # real folders win over links
        kept = [p for p in ordered if not p.is_symlink() or self._follow(p)]
        return sorted(kept, key=lambda p: p.name)

    def images(self, folder: Path) -> list[Path]:
        """The readable images under a class folder (its subfolders too), in path order."""
        found = []
        for top, dirs, names in os.walk(folder, followlinks=True):
            dirs[:] = [
                d for d in sorted(dirs) if not os.path.islink(os.path.join(top, d)) or self._follow(Path(top, d))
            ]
            for name in sorted(names):  # the first of two links to one file is the one kept
                path = Path(top, name)
                if path.suffix.lower() not in IMG_EXTENSIONS or not path.is_file():
                    continue
                if path.is_symlink() and not self._follow(path):
                    continue
                try:  # reads the header only: cheap, and catches files that are not images (or too large)
                    with open_image(path):
                        pass
                except Exception as exc:  # PIL raises many types on hostile headers
                    self.bad.append(f"{path}: {_reason(exc)}")
                    continue
                found.append(path)
        return sorted(found)

    def _follow(self, link: Path) -> bool:
        """Whether to follow a linked folder or image: not into the split folders, nor where a link already led."""
        real = Path(os.path.realpath(link))
        lineage = {real, *real.parents}
        if lineage & self.scanned or real in self.scanned_holders:
            self.repeated.append(
                translate("Data", "{link}: a link back into the dataset ({real})").format(link=link, real=real)
            )
            return False
        if lineage & self.reached or real in self.holding:
            self.repeated.append(
                translate("Data", "{link}: reaches {real}, which another link already reached").format(
                    link=link, real=real
                )
            )
            return False
        self.reached.add(real)
        self.holding.update(real.parents)
        return True


def skipped_warning(bad: list[str]) -> str:
    return _listed(translate("Data", "skipped {count} unreadable image(s)").format(count=len(bad)), bad)


def folder_split(path: str, val_split: float, seed: int) -> DataSplit:
    root = Path(path).expanduser()
    if not root.is_dir():
        raise DataError(translate("Data", "folder:{path}: no such folder").format(path=path))
    val_root = next((root / n for n in VAL_FOLDERS if (root / n).is_dir()), None)
    train_root = root / "train" if val_root is not None and (root / "train").is_dir() else root
    if train_root == root and val_root is not None:
        raise DataError(
            translate("Data", "folder:{path} has a {name}/ folder but no train/ folder beside it").format(
                path=path, name=val_root.name
            )
        )
    scan = _Scan([train_root] if val_root is None else [train_root, val_root])
    found = {d.name: scan.images(d) for d in scan.class_dirs(train_root)}
    classes = [name for name, images in found.items() if images]
    empty = [name for name, images in found.items() if not images]
    files = [f for name in classes for f in found[name]]
    labels = [label for label, name in enumerate(classes) for _ in found[name]]
    if not files:
        raise DataError(
            translate(
                "Data",
                "folder:{path}: no readable images found; expected one folder per class, like {example}/*.jpg and {example2}/*.jpg",
            ).format(path=path, example=root / "cats", example2=root / "dogs")
        )
    warnings = []
    everything = FolderSet(files, labels)
    if val_root is not None:
        val_dirs = {d.name: d for d in scan.class_dirs(val_root)}
        val_found = [scan.images(val_dirs[name]) if name in val_dirs else [] for name in classes]
        val_files = [f for images in val_found for f in images]
        val_labels = [label for label, images in enumerate(val_found) for _ in images]
        extra = sorted(set(val_dirs) - set(classes))
        if extra:
            warnings.append(
                translate("Data", "ignored {folder}/ class folder(s) with no training images: {names}").format(
                    folder=val_root.name, names=", ".join(extra)
                )
            )
        if not val_files:
            raise DataError(
                translate("Data", "folder:{path}: {val_root} holds no readable images of the training classes").format(
                    path=path, val_root=val_root
                )
            )
        train, val = everything, FolderSet(val_files, val_labels)
    else:
        train_idx, val_idx = stratified_split(everything.labels, val_split, seed)
        if len(val_idx) == 0:
            raise DataError(
                translate("Data", "folder:{path}: too few images to hold out a validation share of {share:g}").format(
                    path=path, share=val_split
                )
            )
        train, val = everything.subset(train_idx), everything.subset(val_idx)
    if empty:
        warnings.insert(0, f"ignored {len(empty)} class folder(s) with no readable images: {', '.join(empty)}")
    if scan.repeated:
        warnings.insert(0, _listed(f"skipped {len(scan.repeated)} linked folder(s) or image(s)", scan.repeated))
    if scan.bad:
        warnings.insert(0, skipped_warning(scan.bad))
    return DataSplit(f"folder:{path}", classes, train, val, warnings)


def _listed(what: str, items: list[str]) -> str:
    shown = "; ".join(items[:_SHOW])
    if len(items) > _SHOW:
        shown += translate("Data", "; and {count} more").format(count=len(items) - _SHOW)
    return f"{what}: {shown}"
