"""A standalone ``train.py`` for a design: the exported model code and CNN Studio's own training engine.

The script carries the engine's source (engine_bundle.py), so ``python train.py`` and ``torchrun ... train.py``
train exactly as ``cnnstudio train`` does (a test runs both on the same weights and compares every step's loss).
Project values reach the script only as Python literals (repr), never as code.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from cnnstudio import resources
from cnnstudio.core.block import REGISTRY, Block, Registry
from cnnstudio.core.graph import Graph

from ..core.i18n import translate
from .atomic import write_bytes, write_text
from .codegen import model_code
from .codegen_blocks import LINE
from .engine_bundle import bundle
from .train_template import FOOTER, HEADER, OWN_CODE, OWN_IMPORTS

# The defaults of cnnstudio.training.config.TrainingConfig, written out in the script so CONFIG documents itself
# (a test keeps them equal; the compiler layer cannot import the training layer above it).
DEFAULTS: dict = {
    "optimizer": "adam",
    "lr": 2e-3,
    "lr_discriminator": None,
    "weight_decay": 0.0,
    "momentum": 0.9,
    "betas": [0.9, 0.999],
    "schedule": "none",
    "step_epochs": 0,
    "gamma": 0.1,
    "epochs": 10,
    "batch_size": 32,
    "seed": 0,
    "device": "auto",
    "val_split": 0.2,
    "label_smoothing": None,
    "gan_loss": "non_saturating",
    "kl_weight": 1.0,
    "score_classifier": None,
    "score_weights": None,
    "normalize": "auto",
    "workers": -1,
    "data": "digits",
    "augment": {"crop_padding": 0, "hflip": False, "rotation": 0.0, "scale": [1.0, 1.0]},
}


class TrainingScriptError(ValueError):
    """The design cannot be trained by a script (no output head); str() is one line."""


def training_config(graph: Graph) -> dict:
    """The project's training config (``graph.meta["training"]``) over the defaults."""
    config = copy.deepcopy(DEFAULTS)
    saved = graph.meta.get("training") or {}
    for key, value in saved.items():
        if key == "augment" and isinstance(value, dict):
            config["augment"].update(value)
        elif key in config:
            config[key] = value
    config["augment"]["scale"] = list(config["augment"]["scale"])
    return config


def heads(graph: Graph, registry: Registry = REGISTRY) -> list[tuple]:
    """(name, kind, loss weight, auxiliary, label smoothing) per output, main heads first (as Model returns them)."""
    order, _ = graph.topological_order()
    if any(registry.canonical(graph.nodes[nid].type) == "sample_gaussian" for nid in order):
        # the script's loop knows no KL term: it would train a VAE as a plain autoencoder
        raise TrainingScriptError(
            translate(
                "Export",
                "the training script cannot train a VAE (a Sample Gaussian block: reconstruction + KL): train it with cnnstudio train or in the app",
            )
        )
    found = []
    for nid in order:
        block = registry.get(graph.nodes[nid].type)
        if not block.is_output:
            continue
        p = block.resolve(graph.nodes[nid].params)
        kind = block.role or "plain"
        if kind not in ("classification", "reconstruction", "detection"):
            # the script's loop has cross-entropy, MSE and the detection loss: better no script than nonsense
            raise TrainingScriptError(
                translate(
                    "Compiler",
                    "the training script cannot train the {label} output {name!r}: it trains Classification, Reconstruction and Detection outputs only",
                ).format(label=block.label, name=graph.nodes[nid].name)
            )
        found.append(
            (
                graph.nodes[nid].name,
                kind,
                float(p.get("loss_weight", 1.0)),
                bool(p.get("auxiliary", False)),
                float(p.get("label_smoothing", 0.0)),
            )
        )
    if not found:
        raise TrainingScriptError(
            translate(
                "Compiler", "the design has no output head to train: add a Classification or Reconstruction output"
            )
        )
    return sorted(found, key=lambda head: head[3])


def _literal(value) -> str:
    """Python source for JSON-like values, lists kept as lists."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_literal, value)) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(_literal, value)) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, str):
        return _string(value)
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")


def _string(text: str) -> str:
    """``repr`` of a string, in double quotes as ruff writes it: data, whatever it holds."""
    quoted = repr(text)
    if quoted.startswith("'") and '"' not in text:
        quoted = '"' + quoted[1:-1] + '"'
    return quoted


def _block(value, indent: str = "", prefix: int = 0) -> str:
    """A literal on one line when it fits after ``prefix`` characters, else one entry per line (as ruff does)."""
    flat = _literal(value)
    if len(indent) + prefix + len(flat) + 1 <= LINE or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + "    "
    if isinstance(value, dict):
        rows = [f"{inner}{_literal(k)}: {_block(v, inner, len(_literal(k)) + 2)}," for k, v in value.items()]
        return "{\n" + "\n".join(rows) + f"\n{indent}}}"
    rows = [f"{inner}{_block(v, inner)}," for v in value]
    return "[\n" + "\n".join(rows) + f"\n{indent}]"


def training_script(graph: Graph, registry: Registry = REGISTRY, title: str = "") -> str:
    """The source of ``train.py``; raises CompileError for a graph with errors, TrainingScriptError without heads."""
    # Model's docstring stays generic: the title and description reach this file as literals only (TITLE)
    bare = graph.copy()
    bare.meta.pop("description", None)
    code = model_code(bare, registry)
    if len(code.input_shapes) != 1 or len(code.input_shapes[0]) != 3:
        raise TrainingScriptError(
            translate("Compiler", "the training script trains one-image-input (C x H x W) networks only")
        )
    head_rows = heads(graph, registry)
    frozen = [
        n.name
        for n in graph.nodes.values()
        if not n.trainable and registry.get(n.type).build.__func__ is not Block.build.__func__
    ]
    title = title or graph.meta.get("preset") or "the model"
    constants = "\n".join(
        [
            f"TITLE = {_string(str(title))}",
            "# the training config saved in the project, defaults filled in",
            f"CONFIG = {_block(training_config(graph), '', len('CONFIG = '))}",
            f"INPUT_SHAPE = {_literal(tuple(code.input_shapes[0]))}",
            "# one per model output, in the order Model returns them while training:",
            "# (name, kind, loss weight, auxiliary, label smoothing)",
            f"HEADS = {_block([tuple(h) for h in head_rows], '', len('HEADS = '))}",
            f"FROZEN = {_block(frozen, '', len('FROZEN = '))}  # layers kept fixed (and their batch norms)",
        ]
    )
    model = "\n\n\n".join(code.parts)
    imports, engine = bundle(OWN_IMPORTS, "\n".join([constants, model, OWN_CODE]))
    own = OWN_CODE.strip("\n")
    top = "\n\n".join([HEADER, "from __future__ import annotations", imports, constants])
    return "\n\n\n".join([top, model, own, engine, FOOTER.strip("\n")]) + "\n"


def write_training_script(graph: Graph, path: str | os.PathLike, registry: Registry = REGISTRY) -> list[Path]:
    """Write ``train.py`` (and the bundled digits beside it when the project trains on digits); the files written."""
    path = Path(path)
    text = training_script(graph, registry, title=graph.meta.get("preset") or path.stem)
    write_text(path, text)
    written = [path]
    if training_config(graph)["data"] == "digits":
        digits = path.with_name("digits.csv.gz")
        if not digits.exists():
            source = resources.path("data/digits.csv.gz")
            write_bytes(digits, source.read_bytes())
            written.append(digits)
    return written
