"""The convolution page: the user's conv layer sliding over its zero-padded input, one output position
at a time (Step/Back, the arrow keys, or Play), with padding and stride sliders that preview the change
and an "Apply to block" button that makes it one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from cnnstudio.core.block import REGISTRY
from cnnstudio.core.edits import Compound, SetParam
from cnnstudio.core.formulas import ShapeError, pair, same_padding
from cnnstudio.core.lessons import ConvSetup, example_kernel, sample_image

from ..panels.formula_text import output_size_lines
from .conv_picture import ConvPicture
from .page import LessonContext, LessonPage

STEP_MS = 450  # one output position per tick while playing
EXAMPLE = {"out_channels": 6, "kernel_size": 5, "stride": 1, "padding": 2, "dilation": 1, "groups": 1, "bias": True}
EXAMPLE_INPUT = (1, 28, 28)  # LeNet-5's first convolution, the study notes' own example


def padding_sides(p: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    """((top, left), (bottom, right)) as the block pads: 'same' puts the odd zero bottom/right."""
    padding = p["padding"]
    if padding == "valid":
        return (0, 0), (0, 0)
    if padding == "same":
        kh, kw = pair(p["kernel_size"])
        dh, dw = pair(p.get("dilation", 1))
        (th, bh), (tw, bw) = same_padding(kh, dh), same_padding(kw, dw)
        return (th, tw), (bh, bw)
    ph, pw = pair(padding)
    return (ph, pw), (ph, pw)


def conv_setup(p: dict, in_shape: tuple) -> ConvSetup:
    lo, hi = padding_sides(p)
    return ConvSetup(
        (in_shape[1], in_shape[2]), pair(p["kernel_size"]), pair(p["stride"]), lo, hi, pair(p.get("dilation", 1))
    )


class ConvolutionPage(LessonPage):
    concept = "convolution"
    applies_to = ("conv2d", "conv_bn_relu")
    example_kind = "Conv2d"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = 0
        self.changes: dict = {}  # previewed param values not yet applied to the block
        self.setup: ConvSetup | None = None
        self.picture = ConvPicture()
        self.picture.step_requested.connect(self.step)
        self.formula = QLabel()
        self.formula.setObjectName("learn_conv_formula")
        self.formula.setProperty("role", "formula")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.formula)
        self.body.addWidget(self.picture)

        steps = QHBoxLayout()
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.step_button = QPushButton(self.tr("Step ▶"))
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        for button, tip in (
            (self.back_button, self.tr("The previous output position (←)")),
            (self.step_button, self.tr("The next output position (→ or Space)")),
            (self.play_button, self.tr("Slide the kernel over the whole input")),
        ):
            button.setToolTip(tip)
            steps.addWidget(button)
        self.position = QLabel()
        self.position.setObjectName("learn_conv_position")
        self.position.setWordWrap(True)
        steps.addWidget(self.position, 1)
        self.body.addLayout(steps)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.step_button.clicked.connect(lambda: self.step(1))
        self.play_button.toggled.connect(self._play)
        self.timer = QTimer(self)
        self.timer.setInterval(STEP_MS)
        self.timer.timeout.connect(lambda: self.step(1))

        sliders = QGridLayout()
        sliders.setHorizontalSpacing(8)
        self.padding_slider, self.padding_value = self._slider(sliders, 0, self.tr("Padding"), "padding")
        self.stride_slider, self.stride_value = self._slider(sliders, 1, self.tr("Stride"), "stride")
        self.body.addLayout(sliders)
        apply_row = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("Apply to Block"))
        self.apply_button.setToolTip(self.tr("Set the block's padding and stride to these values (one undo step)"))
        self.apply_button.clicked.connect(self.apply_to_block)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to the block's own padding and stride"))
        self.reset_button.clicked.connect(self.reset_preview)
        self.preview_note = QLabel()
        self.preview_note.setProperty("role", "muted")
        self.preview_note.setWordWrap(True)
        apply_row.addWidget(self.apply_button)
        apply_row.addWidget(self.reset_button)
        apply_row.addWidget(self.preview_note, 1)
        self.body.addLayout(apply_row)

    def _slider(self, grid: QGridLayout, row: int, label: str, key: str) -> tuple[QSlider, QLabel]:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName(f"learn_{key}_slider")
        slider.setPageStep(1)
        slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        slider.setTickInterval(1)
        value = QLabel()
        value.setMinimumWidth(28)
        grid.addWidget(QLabel(label), row, 0)
        grid.addWidget(slider, row, 1)
        grid.addWidget(value, row, 2)
        slider.valueChanged.connect(lambda v, k=key: self._slid(k, v))
        return slider, value

    # the block and its preview ------------------------------------------------------------------
    def show_context(self, ctx: LessonContext | None) -> None:
        previous = self.context.node.id if self.context and self.context.node else None
        current = ctx.node.id if ctx and ctx.node else None
        if previous != current:
            self.changes = {}
            self.index = 0
        super().show_context(ctx)

    def base_params(self) -> tuple[dict, tuple]:
        if self.own and self.context is not None:
            return dict(self.context.params), self.context.in_shape
        return dict(EXAMPLE), EXAMPLE_INPUT

    def preview_params(self) -> dict:
        params, _ = self.base_params()
        params.update(self.changes)
        return params

    def refresh(self) -> None:
        params, in_shape = self.base_params()
        preview = {**params, **self.changes}
        self._set_sliders(params, preview)
        block_type = self.context.node.type if self.own and self.context else "conv2d"
        registry = self.context.doc.registry if self.context else REGISTRY
        problem = ""
        try:
            out_shape = registry.get(block_type).infer(preview, [in_shape])
        except ShapeError as exc:
            out_shape, problem = None, exc.message
        super().refresh()  # the prose, with the numbers of the preview
        if out_shape is None:
            self.setup = None
            self.formula.setText(problem)
            self.formula.setProperty("role", "error")
        else:
            self.setup = conv_setup(preview, in_shape)
            lines = output_size_lines(block_type, preview, in_shape, out_shape)
            self.formula.setText("\n".join(lines))
            self.formula.setProperty("role", "formula")
        self.formula.style().polish(self.formula)
        if self.setup is not None:
            self.index = min(self.index, self.setup.positions - 1)
            kh, kw = self.setup.kernel
            self.image = sample_image(*self.setup.size)
            self.kernel = example_kernel(kh, kw)
        self.apply_button.setEnabled(self.own and bool(self.changes) and out_shape is not None)
        self.reset_button.setEnabled(bool(self.changes))
        self.preview_note.setText(self.tr("Preview: not applied to the block yet") if self.changes else "")
        self._show_position()

    def values(self, ctx: LessonContext | None) -> dict:
        params, in_shape = self.base_params()
        preview = {**params, **self.changes}
        (pt, pl), _ = padding_sides(preview)
        kh, kw = pair(preview["kernel_size"])
        sh, sw = pair(preview["stride"])
        c_in = in_shape[0]
        c_out = preview["out_channels"]
        return {
            "c_in": c_in,
            "c_out": c_out,
            "h": in_shape[1],
            "w": in_shape[2],
            "k": kh if kh == kw else f"{kh}×{kw}",
            "s": sh if sh == sw else f"{sh}×{sw}",
            "p": pt if pt == pl else f"{pt}×{pl}",
            "c_group": c_in // preview.get("groups", 1),  # a grouped (depthwise) filter sees only its group
            "taps": c_in // preview.get("groups", 1) * kh * kw,
        }

    def _set_sliders(self, params: dict, preview: dict) -> None:
        (pt, _), _ = padding_sides(preview)
        k = max(pair(params["kernel_size"]))
        own_pad = padding_sides(params)[0][0]
        for slider, top, value in (
            (self.padding_slider, max(k, own_pad, pt), pt),
            (self.stride_slider, max(k, 4, pair(params["stride"])[0], pair(preview["stride"])[0]), 0),
        ):
            slider.blockSignals(True)
            if slider is self.padding_slider:
                slider.setRange(0, top)
                slider.setValue(value)
            else:
                slider.setRange(1, top)
                slider.setValue(pair(preview["stride"])[0])
            slider.blockSignals(False)
        self.padding_value.setText(str(self.padding_slider.value()))
        self.stride_value.setText(str(self.stride_slider.value()))

    def _slid(self, key: str, value: int) -> None:
        params, _ = self.base_params()
        if key == "padding":
            own = padding_sides(params)[0]
            same = params["padding"] not in ("same", "valid") and own == (value, value) == padding_sides(params)[1]
        else:
            same = pair(params["stride"]) == (value, value)
        if same:
            self.changes.pop(key, None)
        else:
            self.changes[key] = value
        self.refresh()

    def reset_preview(self) -> None:
        self.changes = {}
        self.refresh()

    def apply_to_block(self) -> None:
        """The previewed padding and stride become the block's, as one undo step."""
        if not (self.own and self.changes and self.context and self.context.node):
            return
        node_id = self.context.node.id
        edits = [SetParam(node_id, key, value) for key, value in sorted(self.changes.items())]
        edit = edits[0] if len(edits) == 1 else Compound(edits, " + ".join(e.text for e in edits))
        self.changes = {}
        if not self.context.doc.push(edit):
            self.refresh()

    # stepping ----------------------------------------------------------------------------------
    def step(self, delta: int) -> None:
        if self.setup is None or self.setup.positions <= 0:
            return
        self.index = (self.index + delta) % self.setup.positions
        self._show_position()

    def _play(self, on: bool) -> None:
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def hideEvent(self, event) -> None:
        self.play_button.setChecked(False)  # nothing animates off screen
        super().hideEvent(event)

    def _show_position(self) -> None:
        if self.setup is None:
            self.picture.set_state(ConvSetup((1, 1), (1, 1), (1, 1), (0, 0), (0, 0)), [[0]], [[0]], 0, ())
            self.position.setText("")
            return
        s = self.setup
        window = s.window(self.index)
        _, total = s.products(self.image, self.kernel, self.index)
        ph, pw = s.padded
        oh, ow = s.out
        captions = (
            self.tr("Input {0}×{1}, padded to {2}×{3} (channel 1)").format(*s.size, ph, pw),
            self.tr("Output {0}×{1}").format(oh, ow),
            self.tr("Input under the kernel"),
            self.tr("Kernel (example weights)"),
            self.tr("Element-wise products"),
            self.tr("Showing the part of the maps around the kernel"),
        )
        self.picture.set_state(s, self.image, self.kernel, self.index, captions)
        self.position.setText(
            self.tr("Output ({0}, {1}) of {2}×{3}: position {4} of {5}, sum = {6}").format(
                window.row, window.col, oh, ow, self.index + 1, s.positions, _signed(total)
            )
        )


def _signed(value: int) -> str:
    return f"−{-value}" if value < 0 else str(value)
