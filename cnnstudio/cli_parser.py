"""The ``cnnstudio`` argument parsers (stdlib only: building them imports no torch)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import cli_checks as check
from .cli_checks import BadInput
from .cli_generate import add_generate_parser
from .cli_wrap import WideHelpFormatter
from .core.i18n import LANGUAGES, QT_TRANSLATE_NOOP, translate
from .training.command import add_train_arguments  # stdlib-only module: no torch at parse time

TORCH_HUB_RESNET18 = "~/.cache/torch/hub/checkpoints/resnet18-f37072fd.pth"


# argparse's own words (usage, headings, its usage errors), marked for the catalogue: argparse asks gettext for
# them, and speak_argparse() routes that to ours, so `cnnstudio --lang ja` answers a mistake in Japanese too.
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _argparse_text(text):
    return translate("argparse", text) if text else text


def speak_argparse() -> None:
    """Let argparse's own messages follow core.i18n's language (it looks its ``_`` up when it speaks)."""
    argparse._ = _argparse_text  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", WideHelpFormatter)  # Japanese help wraps by its width on screen
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse's usage errors are bad input too
        raise BadInput(f"{self.prog}: {message}")


def gui_parser() -> argparse.ArgumentParser:
    """``cnnstudio [FILE] [--screenshot PNG] [--lang ja|en]``: the desktop app."""
    parser = _Parser(prog="cnnstudio", description=translate("CLI", "CNN Studio: design, train and inspect CNNs."))
    parser.add_argument(
        "file", nargs="?", help=translate("CLI", "a .cnn.json project to open (default: the LeNet-5 preset)")
    )
    parser.add_argument(
        "--screenshot", metavar="PNG", help=translate("CLI", "render the window to PNG after loading, then exit")
    )
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        help=translate(
            "CLI", "the language of the app (default: the one chosen in View → Language, else the system's)"
        ),
    )
    return parser


def build_parser(handlers: dict[str, Callable]) -> argparse.ArgumentParser:
    """The subcommands and their options; ``handlers`` maps each command to the function that runs it."""
    parser = _Parser(
        prog="cnnstudio", description=translate("CLI", "CNN Studio command line. Without a command, opens the app.")
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=translate("CLI", "the language of messages and help (default: $CNNSTUDIO_LANG, then the system's)"),
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser(
        "summary",
        help=translate("CLI", "per-node shapes, params, MACs, receptive field; diagnostics"),
        description=translate(
            "CLI",
            "Exit 0 when the design has no errors, 1 when it has (they are listed), 2 when the file cannot be read.",
        ),
    )
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help=translate("CLI", "machine-readable output"))
    p.set_defaults(func=handlers["summary"])

    p = sub.add_parser("presets", help=translate("CLI", "list the preset architectures"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=handlers["presets"])

    p = sub.add_parser("new", help=translate("CLI", "write a new project from a preset"))
    p.add_argument("--preset", default="lenet5")
    p.add_argument("--num-classes", type=check.bounded_int(1, check.MAX_CLASSES))
    p.add_argument("--input", help=translate("CLI", "input shape C,H,W"))
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--force", action="store_true", help=translate("CLI", "overwrite an existing file"))
    p.set_defaults(func=handlers["new"])

    p = sub.add_parser(
        "finetune",
        help=translate(
            "CLI", "transfer learning: load trained weights (a torchvision checkpoint, say), freeze the backbone"
        ),
        description=translate(
            "CLI",
            "Load .safetensors or .pth/.pt weights into a project by state_dict key (tensors whose shape differs, like a replaced head, are skipped and listed), freeze the backbone, and write the project with the loaded weights beside it as safetensors, ready to train.",
        ),
        epilog=translate(
            "CLI",
            "Where a torchvision checkpoint comes from: python -c \"import torchvision; torchvision.models.resnet18(weights='DEFAULT')\" downloads ResNet-18's ImageNet weights once into torch's hub cache, {hub_path}; give that path to --weights (with a project from `cnnstudio new --preset resnet18`). A checkpoint of your own run works too: --weights runs/a/best.",
        ).format(hub_path=TORCH_HUB_RESNET18),
    )
    p.add_argument("file", help=translate("CLI", "the project (.cnn.json) to fine-tune"))
    p.add_argument(
        "--weights",
        required=True,
        help=translate(
            "CLI",
            "trained weights: .safetensors, .pth/.pt (a state_dict, e.g. from torch's hub cache) or a checkpoint's stem (runs/a/best)",
        ),
    )
    p.add_argument(
        "--num-classes",
        type=check.bounded_int(1, check.MAX_CLASSES),
        help=translate("CLI", "replace the head: this many classes"),
    )
    freeze = p.add_mutually_exclusive_group()
    freeze.add_argument(
        "--freeze-up-to",
        metavar="NODE",
        help=translate(
            "CLI",
            "freeze this node and everything feeding it (default: all that feeds the layers left without weights)",
        ),
    )
    freeze.add_argument("--no-freeze", action="store_true", help=translate("CLI", "train every layer"))
    p.add_argument("-o", "--output", required=True, help=translate("CLI", "the fine-tune project to write (.cnn.json)"))
    p.add_argument(
        "--save-weights",
        metavar="FILE",
        help=translate("CLI", "where to write the loaded weights (default: beside -o)"),
    )
    p.add_argument("--force", action="store_true", help=translate("CLI", "overwrite existing files"))
    p.set_defaults(func=handlers["finetune"])

    p = sub.add_parser(
        "export",
        help=translate("CLI", "export as PyTorch code, ONNX, torch.export (.pt2), safetensors, or a training script"),
        description=translate(
            "CLI",
            "Write the project as a standalone .py (readable nn.Module code), .onnx, .pt2 (torch.export.load), .safetensors (with the project beside it) or a train.py for python/torchrun. With --weights the artifact carries those weights, otherwise freshly initialised ones.",
        ),
    )
    p.add_argument("file", help=translate("CLI", "the project (.cnn.json)"))
    p.add_argument(
        "--format", choices=("python", "onnx", "pt2", "safetensors", "train"), help=translate("CLI", "default: from -o")
    )
    p.add_argument("-o", "--output", required=True, help=translate("CLI", "the file to write"))
    p.add_argument(
        "--weights",
        metavar="CKPT",
        help=translate(
            "CLI", "trained weights: .safetensors, .pth/.pt (a state_dict) or a checkpoint's stem (runs/a/best)"
        ),
    )
    p.add_argument(
        "--component",
        metavar="NAME",
        help=translate(
            "CLI", "one network of a project that holds several (a GAN's generator): its nodes' top-level name"
        ),
    )
    p.add_argument("--force", action="store_true", help=translate("CLI", "overwrite existing files"))
    p.set_defaults(func=handlers["export"])

    p = sub.add_parser(
        "import",
        help=translate("CLI", "import a PyTorch nn.Module (traced with torch.fx) or an ONNX model as a project"),
        description=translate(
            "CLI",
            "Trace MODULE:CALLABLE (e.g. torchvision.models:resnet18, or model.py:Net) into a graph of blocks that keeps the module's layer names, check that it gives the same outputs with the same weights, and write the project with the module's weights beside it.",
        )
        + " "
        + translate("CLI", "A file ending in .onnx is converted with onnx2torch first and brings its own input size."),
    )
    p.add_argument(
        "spec",
        metavar="MODULE:CALLABLE|FILE.onnx",
        help=translate("CLI", "an nn.Module, a class/function that builds one, or an ONNX file"),
    )
    p.add_argument(
        "--input",
        action="append",
        help=translate(
            "CLI",
            "input shape C,H,W (required, but for an ONNX file that fixes its size); once per tensor the forward takes, in order",
        ),
    )
    p.add_argument("-o", "--output", required=True, help=translate("CLI", "the project to write (.cnn.json)"))
    p.add_argument(
        "--expand", action="store_true", help=translate("CLI", "trace into torchvision's residual/inception blocks")
    )
    p.add_argument(
        "--no-weights", action="store_true", help=translate("CLI", "do not write the module's weights beside it")
    )
    p.add_argument("--force", action="store_true", help=translate("CLI", "overwrite existing files"))
    p.set_defaults(func=handlers["import"])

    p = sub.add_parser(
        "evaluate",
        help=translate(
            "CLI", "the metrics of trained weights on a dataset (mAP for detectors, accuracy for classifiers)"
        ),
        description=translate(
            "CLI",
            "Run the project with trained weights over a dataset: on the spec it was trained on, the validation split; on any other (shapes-boxes:500@seed=7), every image. Prints the loss and mAP@0.5, mAP@[.5:.95] and AP per class (detection) or accuracy (classification).",
        ),
    )
    p.add_argument("file", help=translate("CLI", "the project (.cnn.json)"))
    p.add_argument(
        "--weights", required=True, metavar="CKPT", help=translate("CLI", "a checkpoint (runs/a/best) or .safetensors")
    )
    p.add_argument("--data", required=True, metavar="SPEC", help=translate("CLI", "a data spec, as for train"))
    p.add_argument("--json", action="store_true", help=translate("CLI", "one JSON object on stdout"))
    p.set_defaults(func=handlers["evaluate"])

    p = sub.add_parser(
        "predict",
        help=translate("CLI", "the most probable classes of images by a trained classifier"),
        description=translate(
            "CLI",
            "Prints the top-k classes of each image, one line each: IMAGE CLASS PROBABILITY (best first), or JSON. Images are stretched to the network's input and normalised as in training. A video (.mp4, .avi, .webm, .mkv, .mov) gives lines VIDEO #FRAME TIMEs CLASS PROBABILITY for each frame (every Nth with --every); with -o, a copy with each frame's best class written on it.",
        ),
    )
    p.add_argument("file", help=translate("CLI", "the project (.cnn.json) of a classifier"))
    p.add_argument(
        "--weights", required=True, metavar="CKPT", help=translate("CLI", "a checkpoint (runs/a/best) or .safetensors")
    )
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument(
        "--top-k", type=check.bounded_int(1, 1000), default=5, help=translate("CLI", "classes per image (default 5)")
    )
    p.add_argument("--json", action="store_true", help=translate("CLI", "a JSON list, one object per image"))
    _video_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT_DIR",
        help=translate("CLI", "write the images and videos with their best class here"),
    )
    p.set_defaults(func=handlers["predict"])

    p = sub.add_parser(
        "detect",
        help=translate("CLI", "find objects in images with a trained detector"),
        description=translate(
            "CLI",
            "Prints one line per box: IMAGE CLASS SCORE X1 Y1 X2 Y2 (pixels of the image), or JSON; with -o, writes each image with its boxes drawn into OUT_DIR. A video (.mp4, .avi, .webm, .mkv, .mov) gives lines VIDEO #FRAME TIMEs CLASS SCORE X1 Y1 X2 Y2 for each frame (every Nth with --every); with -o, an MP4 copy with the boxes drawn.",
        ),
    )
    p.add_argument("file", help=translate("CLI", "the project (.cnn.json) of a detector"))
    p.add_argument(
        "--weights", required=True, metavar="CKPT", help=translate("CLI", "a checkpoint (runs/a/best) or .safetensors")
    )
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument(
        "--min-score", type=check.unit_float, default=0.3, help=translate("CLI", "boxes scoring below are left out")
    )
    p.add_argument("--json", action="store_true", help=translate("CLI", "a JSON list, one object per image"))
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT_DIR",
        help=translate("CLI", "write the images and videos with the boxes drawn here"),
    )
    _video_arguments(p)
    p.set_defaults(func=handlers["detect"])

    add_generate_parser(sub, handlers["generate"])

    p = sub.add_parser(
        "train",
        help=translate("CLI", "train the project's network headless (progress on stderr, the result on stdout)"),
        description=translate(
            "CLI",
            "Train with the project's saved training config; options override it for this run. Exit 0 when finished, 2 on bad input or a NaN loss, 130 when stopped with Ctrl-C (checkpoint written).",
        ),
    )
    add_train_arguments(p)
    p.set_defaults(func=handlers["train"])
    return parser


def _video_arguments(p) -> None:
    p.add_argument(
        "--every",
        type=check.bounded_int(1, 100_000),
        default=1,
        metavar="N",
        help=translate("CLI", "in a video, use every Nth frame (default 1: all)"),
    )
