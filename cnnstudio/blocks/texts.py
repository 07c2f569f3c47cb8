"""The block catalogue's texts in the user's language: titles, categories, descriptions, params, search words.

Block classes mark their texts where they are declared (``QT_TRANSLATE_NOOP("Blocks", "Conv2d")``), so the
English stays the source every other part reads (files, code export, tests); what a person sees goes through
these accessors, which look the text up in the current language at display time. Contexts, one per concern:
``Blocks`` (titles, categories, descriptions), ``BlockParams`` (help texts), ``BlockParamNames`` (a param's
label, keyed by its name), ``BlockChoices`` (a choice's label, keyed by its value), ``BlockKeywords`` (palette
search words; a translation may hold several words separated by spaces), ``BlockSubtitles`` (the canvas's
summary under a block's title), ``BlockErrors`` (shape errors, warnings and their fixes) and ``BlockImport`` (what
the PyTorch importer cannot turn into a block). Subtitles and errors
are translated where they are made, in the language of that moment.

Regenerate the catalogue with
``pyside6-lupdate cnnstudio/blocks -ts resources/i18n/blocks_ja.ts -target-language ja -locations none``.
"""

from __future__ import annotations

from cnnstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from cnnstudio.core.params import Param

# core/block.py's CATEGORIES, marked here so the blocks' catalogue holds them
CATEGORY_NAMES = (
    QT_TRANSLATE_NOOP("Blocks", "Input"),
    QT_TRANSLATE_NOOP("Blocks", "Convolution"),
    QT_TRANSLATE_NOOP("Blocks", "Pooling"),
    QT_TRANSLATE_NOOP("Blocks", "Dense"),
    QT_TRANSLATE_NOOP("Blocks", "Normalization"),
    QT_TRANSLATE_NOOP("Blocks", "Activation"),
    QT_TRANSLATE_NOOP("Blocks", "Merge"),
    QT_TRANSLATE_NOOP("Blocks", "Composite"),
    QT_TRANSLATE_NOOP("Blocks", "Generative"),
    QT_TRANSLATE_NOOP("Blocks", "Output"),
)

# A param's label is its name (the PyTorch argument) in English; other languages give it words.
PARAM_NAMES = (
    QT_TRANSLATE_NOOP("BlockParamNames", "negative_slope"),
    QT_TRANSLATE_NOOP("BlockParamNames", "scale_factor"),
    QT_TRANSLATE_NOOP("BlockParamNames", "mode"),
    QT_TRANSLATE_NOOP("BlockParamNames", "out_channels"),
    QT_TRANSLATE_NOOP("BlockParamNames", "kernel_size"),
    QT_TRANSLATE_NOOP("BlockParamNames", "stride"),
    QT_TRANSLATE_NOOP("BlockParamNames", "padding"),
    QT_TRANSLATE_NOOP("BlockParamNames", "dilation"),
    QT_TRANSLATE_NOOP("BlockParamNames", "groups"),
    QT_TRANSLATE_NOOP("BlockParamNames", "bias"),
    QT_TRANSLATE_NOOP("BlockParamNames", "init"),
    QT_TRANSLATE_NOOP("BlockParamNames", "output_padding"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ceil_mode"),
    QT_TRANSLATE_NOOP("BlockParamNames", "count_include_pad"),
    QT_TRANSLATE_NOOP("BlockParamNames", "output_size"),
    QT_TRANSLATE_NOOP("BlockParamNames", "num_groups"),
    QT_TRANSLATE_NOOP("BlockParamNames", "eps"),
    QT_TRANSLATE_NOOP("BlockParamNames", "affine"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ch1x1"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ch3x3red"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ch3x3"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ch5x5red"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ch5x5"),
    QT_TRANSLATE_NOOP("BlockParamNames", "pool_proj"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ch5x5_kernel"),
    QT_TRANSLATE_NOOP("BlockParamNames", "layer_scale"),
    QT_TRANSLATE_NOOP("BlockParamNames", "stochastic_depth_prob"),
    QT_TRANSLATE_NOOP("BlockParamNames", "out_features"),
    QT_TRANSLATE_NOOP("BlockParamNames", "p"),
    QT_TRANSLATE_NOOP("BlockParamNames", "outputs"),
    QT_TRANSLATE_NOOP("BlockParamNames", "sizes"),
    QT_TRANSLATE_NOOP("BlockParamNames", "num_classes"),
    QT_TRANSLATE_NOOP("BlockParamNames", "max_detections"),
    QT_TRANSLATE_NOOP("BlockParamNames", "score_threshold"),
    QT_TRANSLATE_NOOP("BlockParamNames", "loss_weight"),
    QT_TRANSLATE_NOOP("BlockParamNames", "shape"),
    QT_TRANSLATE_NOOP("BlockParamNames", "label_smoothing"),
    QT_TRANSLATE_NOOP("BlockParamNames", "auxiliary"),
    QT_TRANSLATE_NOOP("BlockParamNames", "by"),
    QT_TRANSLATE_NOOP("BlockParamNames", "size"),
    QT_TRANSLATE_NOOP("BlockParamNames", "align_corners"),
    QT_TRANSLATE_NOOP("BlockParamNames", "expand_ratio"),
    QT_TRANSLATE_NOOP("BlockParamNames", "num_inputs"),
    QT_TRANSLATE_NOOP("BlockParamNames", "min_val"),
    QT_TRANSLATE_NOOP("BlockParamNames", "max_val"),
    QT_TRANSLATE_NOOP("BlockParamNames", "alpha"),
    QT_TRANSLATE_NOOP("BlockParamNames", "per_channel"),
    QT_TRANSLATE_NOOP("BlockParamNames", "momentum"),
    QT_TRANSLATE_NOOP("BlockParamNames", "left"),
    QT_TRANSLATE_NOOP("BlockParamNames", "right"),
    QT_TRANSLATE_NOOP("BlockParamNames", "top"),
    QT_TRANSLATE_NOOP("BlockParamNames", "bottom"),
    QT_TRANSLATE_NOOP("BlockParamNames", "upscale_factor"),
    QT_TRANSLATE_NOOP("BlockParamNames", "downscale_factor"),
    QT_TRANSLATE_NOOP("BlockParamNames", "kind"),
    QT_TRANSLATE_NOOP("BlockParamNames", "planes"),
    QT_TRANSLATE_NOOP("BlockParamNames", "width_per_group"),
    QT_TRANSLATE_NOOP("BlockParamNames", "squeeze_channels"),
    QT_TRANSLATE_NOOP("BlockParamNames", "activation"),
    QT_TRANSLATE_NOOP("BlockParamNames", "scale_activation"),
    QT_TRANSLATE_NOOP("BlockParamNames", "expanded_channels"),
    QT_TRANSLATE_NOOP("BlockParamNames", "squeeze_excitation"),
    QT_TRANSLATE_NOOP("BlockParamNames", "growth_rate"),
    QT_TRANSLATE_NOOP("BlockParamNames", "bn_size"),
    QT_TRANSLATE_NOOP("BlockParamNames", "num_layers"),
    QT_TRANSLATE_NOOP("BlockParamNames", "drop"),
    QT_TRANSLATE_NOOP("BlockParamNames", "dims"),
    QT_TRANSLATE_NOOP("BlockParamNames", "mlp_ratio"),
    QT_TRANSLATE_NOOP("BlockParamNames", "conv_mlp"),
    QT_TRANSLATE_NOOP("BlockParamNames", "ls_init_value"),
)

# A choice's label is its value (what files and PyTorch read) in English; other languages give it words.
CHOICE_NAMES = (
    QT_TRANSLATE_NOOP("BlockChoices", "nearest"),
    QT_TRANSLATE_NOOP("BlockChoices", "bilinear"),
    QT_TRANSLATE_NOOP("BlockChoices", "bicubic"),
    QT_TRANSLATE_NOOP("BlockChoices", "nearest-exact"),
    QT_TRANSLATE_NOOP("BlockChoices", "default"),
    QT_TRANSLATE_NOOP("BlockChoices", "kaiming_normal"),
    QT_TRANSLATE_NOOP("BlockChoices", "kaiming_uniform"),
    QT_TRANSLATE_NOOP("BlockChoices", "xavier_normal"),
    QT_TRANSLATE_NOOP("BlockChoices", "xavier_uniform"),
    QT_TRANSLATE_NOOP("BlockChoices", "orthogonal"),
    QT_TRANSLATE_NOOP("BlockChoices", "size"),
    QT_TRANSLATE_NOOP("BlockChoices", "scale"),
    QT_TRANSLATE_NOOP("BlockChoices", "zeros"),
    QT_TRANSLATE_NOOP("BlockChoices", "reflect"),
    QT_TRANSLATE_NOOP("BlockChoices", "replicate"),
    QT_TRANSLATE_NOOP("BlockChoices", "circular"),
    QT_TRANSLATE_NOOP("BlockChoices", "basic"),
    QT_TRANSLATE_NOOP("BlockChoices", "bottleneck"),
    QT_TRANSLATE_NOOP("BlockChoices", "relu"),
    QT_TRANSLATE_NOOP("BlockChoices", "silu"),
    QT_TRANSLATE_NOOP("BlockChoices", "sigmoid"),
    QT_TRANSLATE_NOOP("BlockChoices", "hardsigmoid"),
    QT_TRANSLATE_NOOP("BlockChoices", "row"),
    QT_TRANSLATE_NOOP("BlockChoices", "batch"),
    QT_TRANSLATE_NOOP("BlockChoices", "relu6"),
    QT_TRANSLATE_NOOP("BlockChoices", "hardswish"),
    QT_TRANSLATE_NOOP("BlockChoices", "identity"),
    QT_TRANSLATE_NOOP("BlockChoices", "gelu"),
    QT_TRANSLATE_NOOP("BlockChoices", "tanh"),
    QT_TRANSLATE_NOOP("BlockChoices", "mish"),
    QT_TRANSLATE_NOOP("BlockChoices", "elu"),
)

# The words people search with (the study notes' among them) beside the blocks' own ``keywords``:
# "softmax" finds the classification head, "1x1" a convolution, "skip" the residual shortcut.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "classification_output": (
        QT_TRANSLATE_NOOP("BlockKeywords", "softmax"),
        QT_TRANSLATE_NOOP("BlockKeywords", "classifier"),
        QT_TRANSLATE_NOOP("BlockKeywords", "logits"),
        QT_TRANSLATE_NOOP("BlockKeywords", "cross-entropy"),
        QT_TRANSLATE_NOOP("BlockKeywords", "head"),
        QT_TRANSLATE_NOOP("BlockKeywords", "output layer"),
        QT_TRANSLATE_NOOP("BlockKeywords", "output"),
    ),
    "reconstruction_output": (
        QT_TRANSLATE_NOOP("BlockKeywords", "autoencoder"),
        QT_TRANSLATE_NOOP("BlockKeywords", "decoder"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mse"),
        QT_TRANSLATE_NOOP("BlockKeywords", "image output"),
    ),
    "conv2d": (
        QT_TRANSLATE_NOOP("BlockKeywords", "1x1"),
        QT_TRANSLATE_NOOP("BlockKeywords", "3x3"),
        QT_TRANSLATE_NOOP("BlockKeywords", "5x5"),
        QT_TRANSLATE_NOOP("BlockKeywords", "convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "filter"),
        QT_TRANSLATE_NOOP("BlockKeywords", "kernel"),
        QT_TRANSLATE_NOOP("BlockKeywords", "padding"),
        QT_TRANSLATE_NOOP("BlockKeywords", "stride"),
        QT_TRANSLATE_NOOP("BlockKeywords", "pointwise"),
        QT_TRANSLATE_NOOP("BlockKeywords", "1x1 conv"),
        QT_TRANSLATE_NOOP("BlockKeywords", "1x1 convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "dilation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "dilated"),
        QT_TRANSLATE_NOOP("BlockKeywords", "atrous"),
    ),
    "leaky_relu": (
        QT_TRANSLATE_NOOP("BlockKeywords", "leaky"),
        QT_TRANSLATE_NOOP("BlockKeywords", "leaky relu"),
        QT_TRANSLATE_NOOP("BlockKeywords", "activation"),
    ),
    "conv_transpose2d": (
        QT_TRANSLATE_NOOP("BlockKeywords", "deconvolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "deconv"),
        QT_TRANSLATE_NOOP("BlockKeywords", "transposed convolution"),
        QT_TRANSLATE_NOOP("BlockKeywords", "upconvolution"),
    ),
    "add": (
        QT_TRANSLATE_NOOP("BlockKeywords", "skip"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
        QT_TRANSLATE_NOOP("BlockKeywords", "residual"),
        QT_TRANSLATE_NOOP("BlockKeywords", "sum"),
        QT_TRANSLATE_NOOP("BlockKeywords", "plus"),
    ),
    "residual": (
        QT_TRANSLATE_NOOP("BlockKeywords", "skip"),
        QT_TRANSLATE_NOOP("BlockKeywords", "shortcut"),
        QT_TRANSLATE_NOOP("BlockKeywords", "resnet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bottleneck"),
        QT_TRANSLATE_NOOP("BlockKeywords", "basic block"),
        QT_TRANSLATE_NOOP("BlockKeywords", "residual block"),
    ),
    "linear": (
        QT_TRANSLATE_NOOP("BlockKeywords", "dense"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fully connected"),
        QT_TRANSLATE_NOOP("BlockKeywords", "fc"),
        QT_TRANSLATE_NOOP("BlockKeywords", "affine"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mlp"),
        QT_TRANSLATE_NOOP("BlockKeywords", "linear layer"),
    ),
    "global_avgpool": (
        QT_TRANSLATE_NOOP("BlockKeywords", "gap"),
        QT_TRANSLATE_NOOP("BlockKeywords", "global average"),
        QT_TRANSLATE_NOOP("BlockKeywords", "global average pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "global pooling"),
    ),
    "adaptive_avgpool2d": (QT_TRANSLATE_NOOP("BlockKeywords", "adaptive pooling"),),
    "maxpool2d": (
        QT_TRANSLATE_NOOP("BlockKeywords", "max pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "subsampling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "downsample"),
    ),
    "avgpool2d": (
        QT_TRANSLATE_NOOP("BlockKeywords", "average pooling"),
        QT_TRANSLATE_NOOP("BlockKeywords", "mean pooling"),
    ),
    "flatten": (
        QT_TRANSLATE_NOOP("BlockKeywords", "vectorize"),
        QT_TRANSLATE_NOOP("BlockKeywords", "reshape"),
    ),
    "dropout": (
        QT_TRANSLATE_NOOP("BlockKeywords", "drop out"),
        QT_TRANSLATE_NOOP("BlockKeywords", "regularization"),
        QT_TRANSLATE_NOOP("BlockKeywords", "regularisation"),
    ),
    "batchnorm2d": (
        QT_TRANSLATE_NOOP("BlockKeywords", "bn"),
        QT_TRANSLATE_NOOP("BlockKeywords", "batch norm"),
        QT_TRANSLATE_NOOP("BlockKeywords", "batch normalization"),
    ),
    "batchnorm1d": (
        QT_TRANSLATE_NOOP("BlockKeywords", "bn"),
        QT_TRANSLATE_NOOP("BlockKeywords", "batch norm"),
        QT_TRANSLATE_NOOP("BlockKeywords", "batch normalization"),
    ),
    "concat": (
        QT_TRANSLATE_NOOP("BlockKeywords", "concatenate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "cat"),
        QT_TRANSLATE_NOOP("BlockKeywords", "stack channels"),
        QT_TRANSLATE_NOOP("BlockKeywords", "merge branches"),
    ),
    "inception": (
        QT_TRANSLATE_NOOP("BlockKeywords", "googlenet"),
        QT_TRANSLATE_NOOP("BlockKeywords", "branches"),
    ),
    "conv_bn_relu": (
        QT_TRANSLATE_NOOP("BlockKeywords", "basicconv2d"),
        QT_TRANSLATE_NOOP("BlockKeywords", "conv bn relu"),
    ),
    "relu": (
        QT_TRANSLATE_NOOP("BlockKeywords", "rectifier"),
        QT_TRANSLATE_NOOP("BlockKeywords", "activation"),
        QT_TRANSLATE_NOOP("BlockKeywords", "activation function"),
    ),
    "softmax": (
        QT_TRANSLATE_NOOP("BlockKeywords", "softmax"),  # its name, as a keyword: translated, ソフトマックス finds it
        QT_TRANSLATE_NOOP("BlockKeywords", "softmax function"),
    ),
    "sigmoid": (QT_TRANSLATE_NOOP("BlockKeywords", "logistic"),),
    "upsample": (
        QT_TRANSLATE_NOOP("BlockKeywords", "interpolate"),
        QT_TRANSLATE_NOOP("BlockKeywords", "resize"),
        QT_TRANSLATE_NOOP("BlockKeywords", "nearest"),
        QT_TRANSLATE_NOOP("BlockKeywords", "bilinear"),
        QT_TRANSLATE_NOOP("BlockKeywords", "unpool"),
        QT_TRANSLATE_NOOP("BlockKeywords", "upsampling"),
    ),
    "input": (
        QT_TRANSLATE_NOOP("BlockKeywords", "input layer"),
        QT_TRANSLATE_NOOP("BlockKeywords", "image"),
        QT_TRANSLATE_NOOP("BlockKeywords", "data"),
    ),
}


def title(block) -> str:
    """The block's name as the palette, the canvas and the inspector show it."""
    return translate("Blocks", block.label)


def category(name: str) -> str:
    """A category of ``core.block.CATEGORIES`` in the user's language."""
    return translate("Blocks", name)


def description(block) -> str:
    return translate("Blocks", block.description) if block.description else ""


def param_label(spec: Param) -> str:
    """The inspector's label of a param: its name in English, words in other languages."""
    return translate("BlockParamNames", spec.name)


def param_help(spec: Param) -> str:
    return translate("BlockParams", spec.help) if spec.help else ""


def param_tooltip(spec: Param) -> str:
    """The help text; led by the param's name where the label does not show it (``out_channels: …``)."""
    help_text = param_help(spec)
    if param_label(spec) == spec.name:
        return help_text
    return f"{spec.name}: {help_text}" if help_text else spec.name


def choice_label(value: str) -> str:
    """How a choice (``kaiming_normal``, ``nearest``) reads in a drop-down; the value itself is what is stored."""
    return translate("BlockChoices", value)


def _keywords_and_translations(block) -> tuple[tuple[str, ...], tuple[str, ...]]:
    english = tuple(dict.fromkeys((*getattr(block, "keywords", ()), *SYNONYMS.get(block.type, ()))))
    translated = tuple(t for word in english if (t := translate("BlockKeywords", word)) != word)
    return english, translated


def search_phrases(block) -> tuple[str, ...]:
    """The keywords and synonyms of ``block``, each also whole as translated (a translation may hold several
    words: "batch norm activation" is "バッチ正規化 活性化関数")."""
    english, translated = _keywords_and_translations(block)
    return english + tuple(dict.fromkeys(t for t in translated if t not in english))


def search_words(block) -> tuple[str, ...]:
    """Every word the palette finds ``block`` by: its keywords, the synonyms, and each word of their
    translations."""
    english, translated = _keywords_and_translations(block)
    words = (w for text in translated for w in text.split())
    return english + tuple(dict.fromkeys(w for w in words if w not in english))
