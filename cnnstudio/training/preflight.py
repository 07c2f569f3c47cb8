"""Checks before a training run starts: does the data fit the network's head and input?

Everything here is cheap (no model is built, no image is read): the class count and image size of each
data source are known from its spec (a folder's classes are its subfolders), the network's from the
graph. A finding carries the fixes the Training panel offers as buttons; ``fix_edit`` turns one into
an undoable graph edit.

What the trainer does today when they differ (data/fit.py, folder.py): images are resized (bilinear,
anti-aliased when shrinking) to the Input's height and width, RGB becomes grayscale by ITU-R 601 luma
for a 1-channel Input and grayscale is repeated for a 3-channel one. The checks say so in words rather
than let it happen silently.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from cnnstudio.core.edits import Edit, SetParam
from cnnstudio.core.graph import Graph
from cnnstudio.core.heads import find_heads, replace_head
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate

from .config import TrainingConfig
from .data import is_detection_spec, parse_spec
from .errors import DataError

# what each built-in source yields (tests check these against the loaders)
KNOWN_SOURCES = {  # kind → (display name, class count, C×H×W)
    "digits": (QT_TRANSLATE_NOOP("Training", "the digits"), 10, (1, 8, 8)),
    "shapes": (QT_TRANSLATE_NOOP("Training", "the shapes"), 6, (3, 32, 32)),
    "mnist": (QT_TRANSLATE_NOOP("Training", "the MNIST images"), 10, (1, 28, 28)),
    "fashion-mnist": (QT_TRANSLATE_NOOP("Training", "the Fashion-MNIST images"), 10, (1, 28, 28)),
    "cifar10": (QT_TRANSLATE_NOOP("Training", "the CIFAR-10 images"), 10, (3, 32, 32)),
}
VAL_FOLDERS = ("val", "valid", "validation")


@dataclass(frozen=True)
class DataShape:
    """What a data source gives, as far as it is known without reading images."""

    name: str
    classes: int | None  # None: unknown without a scan
    chw: tuple[int, int, int] | None  # None: images of any size (a folder), decoded at the Input's size


@dataclass(frozen=True)
class Fix:
    label: str  # the button's text
    kind: str  # "replace_head" | "set_input" | "proceed" (train anyway, as the message describes)
    value: object = None  # the class count or the input shape


@dataclass(frozen=True)
class Finding:
    code: str  # "classes" | "channels" | "size" | "folder"
    level: str  # "error" (cannot train), "warning" (trains, but ask first) or "note" (said, not asked)
    message: str
    fixes: tuple[Fix, ...] = ()


def data_shape(spec: str) -> DataShape | None:
    """The class count and image size of a classification data spec (None for a bad or detection spec)."""
    try:
        if is_detection_spec(spec):
            return None
        kind, arg = parse_spec(spec)
    except DataError:
        return None  # the worker reports a bad spec in its own words
    if kind in KNOWN_SOURCES:
        name, classes, chw = KNOWN_SOURCES[kind]
        return DataShape(translate("Training", name), classes, chw)
    if kind == "folder":
        name = translate("Training", "the images in {folder}").format(folder=Path(arg).name or arg)
        return DataShape(name, _folder_classes(Path(arg).expanduser()), None)
    return None


def _folder_classes(root: Path) -> int | None:
    """The class subfolders (of ``train/`` when there is a validation folder beside it)."""
    try:
        has_val = any((root / name).is_dir() for name in VAL_FOLDERS)
        top = root / "train" if has_val and (root / "train").is_dir() else root
        return sum(1 for entry in os.scandir(top) if entry.is_dir() and not entry.name.startswith("."))
    except OSError:
        return None


def input_node(graph: Graph) -> str | None:
    inputs = [nid for nid, node in graph.nodes.items() if node.type == "input"]
    return inputs[0] if len(inputs) == 1 else None


def preflight(graph: Graph, config: TrainingConfig, keep_input: bool = False) -> list[Finding]:
    """What differs between the data and the network, most serious first.

    ``keep_input``: weights are loaded (or layers frozen), so training with the Input as it is comes before
    changing it: a new channel count or size would leave the first convolution or the first dense layer with
    weights that no longer fit, trained from scratch or, frozen, never trained at all."""
    data = data_shape(config.data)
    if data is None:
        return []
    findings = []
    heads = find_heads(graph)
    if heads and data.classes:
        findings.extend(_check_classes(heads[0].classes, data))
    node = input_node(graph)
    shape = graph.nodes[node].params.get("shape") if node else None
    if isinstance(shape, list) and len(shape) in (2, 3) and all(isinstance(v, int) for v in shape):
        chw = tuple(shape) if len(shape) == 3 else (1, *shape)
        findings.extend(_check_image(chw, data, lambda target: _takes(graph, node, target)))
    if keep_input:
        findings = [
            dataclasses.replace(f, fixes=tuple(sorted(f.fixes, key=lambda fix: fix.kind != "proceed")))
            if f.code == "channels"
            else f
            for f in findings
        ]
    order = {"error": 0, "warning": 1, "note": 2}
    return sorted(findings, key=lambda f: order[f.level])


def _check_classes(head: int, data: DataShape) -> list[Finding]:
    n = data.classes
    if head == n:
        return []
    fix = Fix(translate("Training", "Replace head with {classes} classes").format(classes=n), "replace_head", n)
    if head < n:
        text = translate("Training", "The head has {head} outputs but {data} have {classes} classes.")
        return [Finding("classes", "error", text.format(head=head, data=data.name, classes=n), (fix,))]
    keep = Fix(translate("Training", "Train with {head} outputs").format(head=head), "proceed")
    text = translate(
        "Training",
        "The head has {head} outputs but {data} have only {classes} classes: {unused} outputs would never be the answer.",
    ).format(head=head, data=data.name, classes=n, unused=head - n)
    return [Finding("classes", "warning", text, (fix, keep))]


def _takes(graph: Graph, node: str, shape: list[int]) -> bool:
    """Whether the network still checks out with its Input set to ``shape`` (tried and put back)."""
    from cnnstudio.core.inference import infer_shapes

    before = {(d.node, d.code) for d in infer_shapes(graph).errors()}
    edit = SetParam(node, "shape", list(shape))
    edit.apply(graph)
    try:
        return not [d for d in infer_shapes(graph).errors() if (d.node, d.code) not in before]
    finally:
        edit.revert(graph)


def _check_image(chw: tuple[int, ...], data: DataShape, takes=lambda shape: True) -> list[Finding]:
    """``takes(shape)``: whether the network works with its Input set to that shape (a fix must not break it)."""
    c, h, w = chw
    if data.chw is None:  # a folder: every image is decoded at the Input's size and channels
        mode = translate("Training", "grayscale") if c == 1 else "RGB" if c == 3 else None
        if mode is None:
            fix = Fix(translate("Training", "Set Input to 3 channels"), "set_input", [3, h, w])
            text = translate("Training", "The Input has {channels} channels: images load as 1 or 3.").format(channels=c)
            return [Finding("channels", "error", text, (fix,))]
        text = translate("Training", "{data} are loaded as {mode} and resized to {h}×{w}.")
        return [Finding("folder", "note", _sentence(text.format(data=data.name, mode=mode, h=h, w=w)))]
    dc, dh, dw = data.chw
    findings = []
    if dc != c:
        # the data's own size, else only its channels (images are resized to the Input's size): what the
        # network takes; GoogLeNet pools 1×8×8 digits away, so it is offered 1×224×224
        shapes = [[dc, dh, dw], [dc, h, w]] if (dh, dw) != (h, w) else [[dc, h, w]]
        shape = next((s for s in shapes if takes(s)), None)
        targets = (
            (
                Fix(
                    translate("Training", "Set Input to {c}×{h}×{w}").format(c=shape[0], h=shape[1], w=shape[2]),
                    "set_input",
                    shape,
                ),
            )
            if shape is not None
            else ()
        )
        if c not in (1, 3):
            text = translate(
                "Training", "The Input has {channels} channels but {data} are {dc}-channel images ({dc}×{dh}×{dw})."
            ).format(channels=c, data=data.name, dc=dc, dh=dh, dw=dw)
            findings.append(Finding("channels", "error", text, targets))
        else:
            resized = (dh, dw) != (h, w)
            if c == 1 and resized:
                how = translate(
                    "Training",
                    "{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be converted to "
                    "grayscale (luma) and resized to {h}×{w}.",
                )
            elif c == 1:
                how = translate(
                    "Training",
                    "{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be converted to "
                    "grayscale (luma).",
                )
            elif resized:
                how = translate(
                    "Training",
                    "{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be repeated into 3 "
                    "identical channels and resized to {h}×{w}.",
                )
            else:
                how = translate(
                    "Training",
                    "{data} are {dc}×{dh}×{dw} but the Input is {c}×{h}×{w}: the images would be repeated into 3 "
                    "identical channels.",
                )
            text = _sentence(how.format(data=data.name, dc=dc, dh=dh, dw=dw, c=c, h=h, w=w))
            keep = Fix(translate("Training", "Train with {c}×{h}×{w}").format(c=c, h=h, w=w), "proceed")
            findings.append(Finding("channels", "warning", text, (*targets, keep)))
    elif (dh, dw) != (h, w):
        if dh * dw < h * w:
            text = translate(
                "Training", "{data} are {dh}×{dw} images: they are enlarged to {h}×{w} to fit the Input (bilinear)."
            )
        else:
            text = translate(
                "Training", "{data} are {dh}×{dw} images: they are shrunk to {h}×{w} to fit the Input (bilinear)."
            )
        findings.append(Finding("size", "note", _sentence(text.format(data=data.name, dh=dh, dw=dw, h=h, w=w))))
    return findings


def _sentence(text: str) -> str:
    """A message that starts with the data's name ("the digits are …") starts with a capital."""
    return text[:1].upper() + text[1:]


def blocking(findings: list[Finding]) -> bool:
    """Whether the run must wait for the user (an error, or a warning not yet answered)."""
    return any(f.level in ("error", "warning") for f in findings)


def fix_edit(graph: Graph, fix: Fix) -> Edit | None:
    """The graph edit a fix stands for (None for "proceed" or when nothing changes)."""
    if fix.kind == "replace_head":
        return replace_head(graph, int(fix.value))
    if fix.kind == "set_input":
        node = input_node(graph)
        if node is None:
            return None
        edit = SetParam(node, "shape", list(fix.value))
        edit.text = translate("Training", "Set input to {shape}").format(shape="×".join(map(str, fix.value)))
        return edit
    return None
