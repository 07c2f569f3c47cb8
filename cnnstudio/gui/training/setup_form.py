"""The rest of the training setup, grouped: Optimisation, Schedule, Data and Augmentation.

The top row (config_form.py) holds what is changed most (data, epochs, batch, learning rate, optimizer);
this page holds every other TrainingConfig field. Like the top row it shows ``graph.meta["training"]``
and holds no state: each change is one undoable edit (config_edit.py), and undo reloads the fields.
The learning-rate curve and the augmented samples are redrawn from the engine's own code (previews.py)
when the settings they depend on change, and only while the page is visible.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP
from cnnstudio.training.config import MAX_WEIGHT_DECAY, NORMALIZE, SCHEDULES
from cnnstudio.training.errors import ConfigError

from ..project.document import Document
from ..strict_spin import StrictDoubleSpinBox, StrictSpinBox
from .config_edit import config_edit, read_config
from .generation_setup import GenerationGroup, is_generator_graph
from .preview_widgets import ImageStrip, LrPreview

SCHEDULE_LABELS = {
    "none": QT_TRANSLATE_NOOP("SetupForm", "Constant"),
    "step": QT_TRANSLATE_NOOP("SetupForm", "Step decay"),
    "cosine": QT_TRANSLATE_NOOP("SetupForm", "Cosine"),
    "onecycle": QT_TRANSLATE_NOOP("SetupForm", "One-cycle"),
}
NORMALIZE_LABELS = {
    "auto": QT_TRANSLATE_NOOP("SetupForm", "Automatic"),
    "standardize": QT_TRANSLATE_NOOP("SetupForm", "Standardize (data mean/std)"),
    "imagenet": QT_TRANSLATE_NOOP("SetupForm", "ImageNet mean/std"),
    "none": QT_TRANSLATE_NOOP("SetupForm", "None ([0, 1])"),
}
DEVICES = ("auto", "cpu", "cuda", "mps")
SAMPLES = 6


def _spin(lo: int, hi: int, special: str = "", suffix: str = "") -> QSpinBox:
    spin = StrictSpinBox(minimum=lo, maximum=hi, suffix=suffix)
    spin.setKeyboardTracking(False)  # one edit per committed value, not per keystroke
    if special:
        spin.setSpecialValueText(special)  # shown at the minimum
    return spin


def _dspin(lo: float, hi: float, decimals: int, step: float, suffix: str = "", special: str = "") -> QDoubleSpinBox:
    spin = StrictDoubleSpinBox(minimum=lo, maximum=hi, decimals=decimals, singleStep=step, suffix=suffix)
    spin.setKeyboardTracking(False)
    if special:
        spin.setSpecialValueText(special)
    return spin


def _combo(items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for key, label in items.items():
        combo.addItem(label, key)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class SetupForm(QWidget):
    problem = Signal(str)  # a value that cannot be used, one line ('' when fixed)
    previews_shown = Signal()

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.sample_seed = 0
        self._generation = 0
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._show_previews)
        self._previews_stale = True
        self._shown: tuple = ()  # (config, input C×H×W) the fields and previews show
        self._preview_timer = QTimer(self, singleShot=True, interval=0)
        self._preview_timer.timeout.connect(self.refresh_previews)

        # Optimisation
        self.momentum = _dspin(0.0, 0.999, 3, 0.05)
        self.momentum.setToolTip(self.tr("SGD's momentum (Adam and AdamW keep their own running averages)"))
        self.weight_decay = QLineEdit()
        self.weight_decay.setToolTip(self.tr("L2 penalty on the weights, e.g. 0, 1e-4 or 5e-4 (AdamW: decoupled)"))
        self.seed = _spin(0, 2**31 - 1)
        self.seed.setToolTip(
            self.tr("The initial weights, the split, the order and the augmentation come from this seed")
        )
        self.device = _combo({d: self.tr("auto") if d == "auto" else d for d in DEVICES})  # device names stay
        self.device.setToolTip(self.tr("auto: CUDA, then MPS, then the CPU"))
        # Schedule
        self.schedule = _combo(
            {k: QCoreApplication.translate("SetupForm", SCHEDULE_LABELS.get(k, k)) for k in SCHEDULES}
        )  # every choice the engine has
        self.step_epochs = _spin(0, 100_000, special=self.tr("⅓ of the run"), suffix=self.tr(" epochs"))
        self.step_epochs.setToolTip(self.tr("Step decay: multiply the learning rate by gamma this often"))
        self.gamma = _dspin(0.01, 1.0, 2, 0.05)
        self.lr_preview = LrPreview()
        # Data
        self.val_split = _dspin(1.0, 90.0, 0, 5.0, suffix=" %")
        self.val_split.setToolTip(self.tr("The share held out for validation when the data has no validation set"))
        self.label_smoothing = _dspin(-0.05, 0.95, 2, 0.05, special=self.tr("each head's own"))
        self.label_smoothing.setToolTip(
            self.tr("Spread this much target mass over the other classes (overrides the heads)")
        )
        self.normalize = _combo(
            {k: QCoreApplication.translate("SetupForm", NORMALIZE_LABELS.get(k, k)) for k in NORMALIZE}
        )
        self.normalize.setToolTip(self.tr("Automatic: standardize, but keep [0, 1] when a head rebuilds the input"))
        self.workers = _spin(-1, 64, special=self.tr("auto"))
        self.workers.setToolTip(self.tr("Image-loading processes for folder data"))
        # Augmentation
        self.crop_padding = _spin(0, 64, special=self.tr("off"), suffix=self.tr(" px"))
        self.crop_padding.setToolTip(self.tr("Pad by this many pixels, then crop back at a random offset"))
        self.hflip = QCheckBox(self.tr("Flip left–right"))
        self.rotation = _dspin(0.0, 180.0, 0, 5.0, suffix="°", special=self.tr("off"))
        self.rotation.setToolTip(self.tr("Rotate by a random angle up to ± this"))
        self.scale_lo = _dspin(0.1, 10.0, 2, 0.05)
        self.scale_hi = _dspin(0.1, 10.0, 2, 0.05)
        for spin in (self.scale_lo, self.scale_hi):
            spin.setToolTip(self.tr("Zoom by a random factor between these two"))
        self.samples = ImageStrip()
        self.reshuffle = QToolButton(text="↻", toolTip=self.tr("Other random augmentations"))
        self.reshuffle.setAutoRaise(True)
        # Generation (a GAN's only)
        self.generation = GenerationGroup(self._commit, lambda: self.doc.path.parent if self.doc.path else None)
        self.generation.problem.connect(self.problem)
        for widget in (self.momentum, self.weight_decay, self.seed, self.step_epochs, self.gamma, self.val_split,
                       self.label_smoothing, self.workers, self.crop_padding, self.rotation):  # fmt: skip
            widget.setMinimumWidth(110)

        self._build_layout()
        self._connect()
        doc.reset.connect(self.reload)
        doc.undo_stack.indexChanged.connect(self._on_undo_index)  # a bound slot: disconnected when this goes
        self.reload()

    # layout ------------------------------------------------------------------------------------
    def _group(self, title: str, rows: list[tuple[str, QWidget]], extra: QWidget | None = None) -> QGroupBox:
        box = QGroupBox(title)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # short values, short fields
        for label, widget in rows:
            form.addRow(label, widget)
        outer.addLayout(form)
        if extra is not None:
            outer.addWidget(extra, 1)
        else:
            outer.addStretch(1)
        return box

    def _build_layout(self) -> None:
        scale = QWidget()
        scale_row = QHBoxLayout(scale)
        scale_row.setContentsMargins(0, 0, 0, 0)
        scale_row.setSpacing(4)
        scale_row.addWidget(self.scale_lo)
        scale_row.addWidget(QLabel(self.tr("to")))
        scale_row.addWidget(self.scale_hi)
        samples = QWidget()
        sample_row = QHBoxLayout(samples)
        sample_row.setContentsMargins(0, 2, 0, 0)
        sample_row.addWidget(self.samples, 1)
        sample_row.addWidget(self.reshuffle)

        self.groups = {
            self.tr("Optimisation"): self._group(
                self.tr("Optimisation"),
                [
                    (self.tr("Momentum"), self.momentum),
                    (self.tr("Weight decay"), self.weight_decay),
                    (self.tr("Seed"), self.seed),
                    (self.tr("Device"), self.device),
                ],
            ),
            self.tr("Schedule"): self._group(
                self.tr("Schedule"),
                [
                    (self.tr("Learning rate"), self.schedule),
                    (self.tr("Step every"), self.step_epochs),
                    (self.tr("Gamma"), self.gamma),
                ],
                self.lr_preview,
            ),
            self.tr("Data"): self._group(
                self.tr("Data"),
                [
                    (self.tr("Validation"), self.val_split),
                    (self.tr("Label smoothing"), self.label_smoothing),
                    (self.tr("Normalize"), self.normalize),
                    (self.tr("Loaders"), self.workers),
                ],
            ),
            self.tr("Augmentation"): self._group(
                self.tr("Augmentation"),
                [
                    (self.tr("Shift"), self.crop_padding),
                    ("", self.hflip),
                    (self.tr("Rotation ±"), self.rotation),
                    (self.tr("Scale"), scale),
                ],
                samples,
            ),
        }
        self.groups[self.tr("Generation")] = self.generation
        for label, box in (
            (self.tr("Momentum"), self.momentum), (self.tr("Seed"), self.seed),
            (self.tr("Step every"), self.step_epochs), (self.tr("Gamma"), self.gamma),
            (self.tr("Validation"), self.val_split), (self.tr("Label smoothing"), self.label_smoothing),
            (self.tr("Loaders"), self.workers), (self.tr("Shift"), self.crop_padding),
            (self.tr("Rotation ±"), self.rotation), (self.tr("Scale"), self.scale_lo), (self.tr("Scale"), self.scale_hi),
        ):  # fmt: skip
            box.refused.connect(lambda reason, label=label: self.problem.emit(f"{label}: {reason}"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for name, box in self.groups.items():
            layout.addWidget(box, 3 if name in (self.tr("Schedule"), self.tr("Augmentation")) else 2)

    def _connect(self) -> None:
        self.momentum.valueChanged.connect(lambda v: self._commit(momentum=round(v, 3)))
        self.weight_decay.editingFinished.connect(self._on_weight_decay)
        self.seed.valueChanged.connect(lambda v: self._commit(seed=v))
        self.device.activated.connect(lambda _i: self._commit(device=self.device.currentData()))
        self.schedule.activated.connect(lambda _i: self._commit(schedule=self.schedule.currentData()))
        self.step_epochs.valueChanged.connect(lambda v: self._commit(step_epochs=v))
        self.gamma.valueChanged.connect(lambda v: self._commit(gamma=round(v, 2)))
        self.val_split.valueChanged.connect(lambda v: self._commit(val_split=round(v / 100, 4)))
        self.label_smoothing.valueChanged.connect(self._on_label_smoothing)
        self.normalize.activated.connect(lambda _i: self._commit(normalize=self.normalize.currentData()))
        self.workers.valueChanged.connect(lambda v: self._commit(workers=v))
        self.crop_padding.valueChanged.connect(lambda v: self._commit_augment(crop_padding=v))
        self.hflip.toggled.connect(lambda on: self._commit_augment(hflip=on))
        self.rotation.valueChanged.connect(lambda v: self._commit_augment(rotation=float(v)))
        self.scale_lo.valueChanged.connect(lambda _v: self._on_scale(self.scale_lo))
        self.scale_hi.valueChanged.connect(lambda _v: self._on_scale(self.scale_hi))
        self.reshuffle.clicked.connect(self._on_reshuffle)

    # graph -> fields ---------------------------------------------------------------------------
    def _widgets(self) -> tuple[QWidget, ...]:
        return (
            self.momentum, self.weight_decay, self.seed, self.device, self.schedule, self.step_epochs, self.gamma,
            self.val_split, self.label_smoothing, self.normalize, self.workers, self.crop_padding, self.hflip,
            self.rotation, self.scale_lo, self.scale_hi, *self.generation.widgets(),
        )  # fmt: skip

    def _on_undo_index(self, _index: int) -> None:
        # most edits change the network, not the settings: the fields and previews stay (no work per edit)
        if (read_config(self.doc.graph)[0], self._input_chw()) != self._shown:
            self.reload()

    def reload(self) -> None:
        config, _problem = read_config(self.doc.graph)  # the top row reports an unreadable config
        self._shown = (config, self._input_chw())
        for widget in self._widgets():
            widget.blockSignals(True)
        try:
            self.momentum.setValue(config.momentum)
            self.momentum.setEnabled(config.optimizer == "sgd")
            self.weight_decay.setText(f"{config.weight_decay:g}")
            self.seed.setValue(config.seed)
            if self.device.findData(config.device) < 0:
                self.device.addItem(config.device, config.device)  # cuda:N as saved
            self.device.setCurrentIndex(self.device.findData(config.device))
            self.schedule.setCurrentIndex(max(0, self.schedule.findData(config.schedule)))
            self.step_epochs.setValue(config.step_epochs)
            self.gamma.setValue(config.gamma)
            for widget in (self.step_epochs, self.gamma):
                widget.setEnabled(config.schedule == "step")
            self.val_split.setValue(config.val_split * 100)
            smoothing = config.label_smoothing
            self.label_smoothing.setValue(self.label_smoothing.minimum() if smoothing is None else smoothing)
            self.normalize.setCurrentIndex(max(0, self.normalize.findData(config.normalize)))
            self.workers.setValue(config.workers)
            a = config.augment
            self.crop_padding.setValue(a.crop_padding)
            self.hflip.setChecked(a.hflip)
            self.rotation.setValue(a.rotation)
            self.scale_lo.setValue(a.scale[0])
            self.scale_hi.setValue(a.scale[1])
            self.generation.reload(config)
            self.generation.setVisible(is_generator_graph(self.doc.graph))
        finally:
            for widget in self._widgets():
                widget.blockSignals(False)
        self._previews_stale = True
        if self.isVisible():
            self._preview_timer.start()

    # previews ----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._previews_stale:
            self._preview_timer.start()

    def refresh_previews(self) -> None:
        """Redraw the learning-rate curve and the augmented samples from the project's settings.

        Computed on a thread (the first one imports torch and torchvision: seconds), shown when done;
        a result for settings changed since is dropped, and a job superseded before it started is skipped
        (eight presses of an arrow key queued eight previews: the last showed 6 s later)."""
        config, _ = read_config(self.doc.graph)
        self._previews_stale = False
        self._generation += 1
        self._bridge.latest = self._generation
        job = (self._generation, config, self._input_chw(), self.sample_seed)
        _PREVIEWS.submit(_compute_previews, self._bridge, *job)

    def _show_previews(self, generation: int, curve, images, note: str) -> None:
        if generation != self._generation:
            return  # the settings changed while this was computed: a newer result follows
        if curve is not None:
            self.lr_preview.set_curve(*curve)
        if images is None:
            self.samples.set_note(note)
        else:
            self.samples.set_tensor(images)
        self.previews_shown.emit()

    def _input_chw(self) -> tuple[int, int, int] | None:
        shapes = [n.params.get("shape") for n in self.doc.graph.nodes.values() if n.type == "input"]
        if len(shapes) == 1 and isinstance(shapes[0], list) and all(isinstance(v, int) for v in shapes[0]):
            shape = shapes[0]
            if len(shape) == 3 and shape[0] in (1, 3):
                return tuple(shape)
            if len(shape) == 2:
                return (1, *shape)
        return None

    def _on_reshuffle(self) -> None:
        self.sample_seed += 1
        self.refresh_previews()

    # fields -> graph ---------------------------------------------------------------------------
    def _commit(self, **changes) -> bool:
        try:
            edit = config_edit(self.doc.graph, **changes)
        except ConfigError as exc:
            self.problem.emit(str(exc))
            self.reload()
            return False
        if edit is None:
            return False
        self.problem.emit("")
        return self.doc.push(edit)

    def _commit_augment(self, **changes) -> bool:
        current, _ = read_config(self.doc.graph)
        return self._commit(augment=dataclasses.replace(current.augment, **changes))

    def _on_scale(self, moved: QDoubleSpinBox) -> None:
        lo, hi = round(self.scale_lo.value(), 2), round(self.scale_hi.value(), 2)
        if lo > hi:  # keep the range ordered: the other end follows the one that moved
            lo, hi = (lo, lo) if moved is self.scale_lo else (hi, hi)
        self._commit_augment(scale=(lo, hi))

    def _on_label_smoothing(self, value: float) -> None:
        override = None if value <= self.label_smoothing.minimum() + 1e-9 else round(max(0.0, value), 2)
        self._commit(label_smoothing=override)

    def _on_weight_decay(self) -> None:
        text = self.weight_decay.text().strip()
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not 0 <= value <= MAX_WEIGHT_DECAY:  # nan and inf too: in words, not the config's
            reason = (
                self.tr("weight decay {0!r} is not a number (e.g. 0 or 5e-4)").format(text)
                if value is None or value != value
                else self.tr("weight decay {0!r} is out of range: from 0 to {1:g}").format(text, MAX_WEIGHT_DECAY)
            )
            self.problem.emit(reason)
            self.weight_decay.setText(f"{read_config(self.doc.graph)[0].weight_decay:g}")
            return
        self._commit(weight_decay=value)


class _Bridge(QObject):
    """Carries a preview from the thread to the GUI thread (a queued signal)."""

    done = Signal(int, object, object, str)
    latest = 0  # the newest job's generation: an older one still queued is not computed


_PREVIEWS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="training-previews")


def _compute_previews(bridge: _Bridge, generation: int, config, chw, seed: int) -> None:
    if generation != bridge.latest:  # superseded while it waited in the queue
        return
    from .previews import augmented, lr_curve, sample_images

    curve = images = None
    note = ""
    try:
        curve = lr_curve(config)
        samples = sample_images(config.data, SAMPLES, seed)
        if samples is None:
            note = QCoreApplication.translate("SetupForm", "A preview needs the digits, the shapes or an image folder.")
        else:
            images = augmented(samples, config, chw or tuple(samples.shape[1:]), seed)
    except Exception as exc:  # a preview must never take the editor down; say why it is missing
        note = QCoreApplication.translate("SetupForm", "No preview: {0}").format(exc)
    try:
        bridge.done.emit(generation, curve, images, note)
    except RuntimeError:  # the form was closed meanwhile
        pass
