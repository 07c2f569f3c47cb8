"""The network's input and its output heads (what the loss is computed on)."""

from __future__ import annotations

from cnnstudio.core.block import Block, register
from cnnstudio.core.diagnostics import InsertBefore
from cnnstudio.core.formulas import ShapeError, fmt_shape
from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

from . import messages


@register
class Input(Block):
    type = "input"
    label = QT_TRANSLATE_NOOP("Blocks", "Input")
    category = "Input"
    name_prefix = "input"
    is_input = True
    role = "data"
    description = QT_TRANSLATE_NOOP(
        "Blocks", "The image (C×H×W) or vector fed to the network; the batch dimension is implicit."
    )
    params = (
        Param(
            "shape",
            "shape",
            [1, 28, 28],
            QT_TRANSLATE_NOOP("BlockParams", "channels, height, width (or a vector length)"),
        ),
    )
    examples = (({"shape": [3, 32, 32]}, [], (3, 32, 32)),)

    @classmethod
    def input_ports(cls, p):
        return ()

    @classmethod
    def infer(cls, p, ins):
        return tuple(p["shape"])

    @classmethod
    def subtitle(cls, p):
        return fmt_shape(p["shape"])


def _identity(x):
    return x


class _Head(Block):
    """An output head computes nothing: the loss reads its input."""

    category = "Output"
    name_prefix = "output"
    is_output = True
    keeps_channels = True

    @classmethod
    def function(cls, p):
        return _identity

    @classmethod
    def emit(cls, p, call, args):
        return args[0]


_LOSS_WEIGHT = Param(
    "loss_weight",
    "float",
    1.0,
    QT_TRANSLATE_NOOP("BlockParams", "weight of this head's loss in the total"),
    min=0.0,
    max=100.0,
)


@register
class ClassificationOutput(_Head):
    type = "classification_output"
    role = "classification"
    label = QT_TRANSLATE_NOOP("Blocks", "Classification")
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "softmax"),
        QT_TRANSLATE_NOOP("BlockKeywords", "cross-entropy"),
        QT_TRANSLATE_NOOP("BlockKeywords", "logits"),
        QT_TRANSLATE_NOOP("BlockKeywords", "classifier"),
        QT_TRANSLATE_NOOP("BlockKeywords", "loss"),
    )
    role = "classification"
    description = QT_TRANSLATE_NOOP(
        "Blocks", "Class scores (logits) trained with cross-entropy; auxiliary heads add their weighted loss."
    )
    stricter_than_torch = {
        "needs_flatten": "cross-entropy would read a C×H×W map as per-pixel classes; a classifier ends in one score per class",
        "classes": "cross-entropy over a single class is always zero: nothing to learn",
    }
    params = (
        _LOSS_WEIGHT,
        Param(
            "label_smoothing",
            "float",
            0.0,
            QT_TRANSLATE_NOOP("BlockParams", "spread this much target mass over other classes"),
            min=0.0,
            max=0.99,
        ),
        Param(
            "auxiliary",
            "bool",
            False,
            QT_TRANSLATE_NOOP("BlockParams", "an auxiliary head (GoogLeNet): used in training, ignored at evaluation"),
        ),
    )
    examples = (({}, [(10,)], (10,)),)

    @classmethod
    def infer(cls, p, ins):
        shape = ins[0]
        if len(shape) != 1:
            raise ShapeError(
                "needs_flatten",
                translate(
                    "BlockErrors",
                    "a classification head takes one score per class, got {shape}: "
                    "add GlobalAvgPool or Flatten and a Linear layer with one output per class",
                ).format(shape=fmt_shape(shape)),
                (
                    InsertBefore(messages.insert_block("GlobalAvgPool"), "global_avgpool"),
                    InsertBefore(messages.insert_block("Flatten"), "flatten"),
                ),
            )
        if shape[0] < 2:
            raise ShapeError(
                "classes",
                translate("BlockErrors", "a classifier needs at least 2 classes, got {count}").format(count=shape[0]),
            )
        return shape

    @classmethod
    def subtitle(cls, p):
        text = translate("BlockSubtitles", "cross-entropy")
        if p["auxiliary"]:
            text += translate("BlockSubtitles", " · aux ×{weight}").format(weight=f"{p['loss_weight']:g}")
        return text


@register
class ReconstructionOutput(_Head):
    type = "reconstruction_output"
    role = "reconstruction"
    label = QT_TRANSLATE_NOOP("Blocks", "Reconstruction")
    keywords = (
        QT_TRANSLATE_NOOP("BlockKeywords", "mse"),
        QT_TRANSLATE_NOOP("BlockKeywords", "autoencoder"),
        QT_TRANSLATE_NOOP("BlockKeywords", "decoder"),
        QT_TRANSLATE_NOOP("BlockKeywords", "image output"),
        QT_TRANSLATE_NOOP("BlockKeywords", "loss"),
    )
    role = "reconstruction"
    matches_input = True
    description = QT_TRANSLATE_NOOP(
        "Blocks", "An image trained with mean squared error against the input image (autoencoders, decoders)."
    )
    params = (_LOSS_WEIGHT,)
    examples = (({}, [(1, 28, 28)], (1, 28, 28)),)

    @classmethod
    def infer(cls, p, ins):
        return ins[0]

    @classmethod
    def subtitle(cls, p):
        return translate("BlockSubtitles", "MSE vs input")
