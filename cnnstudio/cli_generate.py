"""``cnnstudio generate``: images from a trained generator (a GAN's, or a VAE's prior), a grid, a latent walk, a score."""

from __future__ import annotations

import json
import math

from . import cli_checks as check
from .cli_checks import BadInput
from .core.i18n import translate
from .terminal import step


def cmd_generate(args) -> int:
    """Write a grid of generated images (and one PNG each with --out-dir); print a score with --score."""
    check.input_file(args.file, "project file")
    weights = check.weights_file(args.weights, checkpoint_folder=True)
    if args.output is None and args.out_dir is None and args.score is None:
        raise BadInput(
            translate("CLI", "say where the images go (-o GRID.png, --out-dir DIR) or ask for --score CLASSIFIER")
        )
    out = check.output_file(args.output, force=True) if args.output else None
    if out is not None:
        check.make_parent(out, "-o")
    if args.out_dir:
        check.make_folder(args.out_dir, "--out-dir")
    if args.score is not None:
        check.input_file(args.score, "classifier project")
        if args.classifier_weights is None:
            raise BadInput(
                translate("CLI", "--score needs --classifier-weights CKPT (the classifier's trained weights)")
            )
        classifier_weights = check.weights_file(args.classifier_weights, "--classifier-weights", checkpoint_folder=True)
    from .training.errors import TrainingError
    from .training.generation.grid import save_each, save_grid
    from .training.generation.sampling import load_generator
    from .training.generation.score import describe, load_classifier, score_images

    try:
        generator = load_generator(args.file, weights)
        with step(translate("CLI", "generating {count} image(s)").format(count=args.n)):
            if args.walk is not None:
                images = generator.walk(args.n, args.seed, args.walk)
            else:
                images = generator.sample(args.n, args.seed)
        score = None
        if args.score is not None:
            model, normalizer, classes = load_classifier(args.score, classifier_weights)
            score = score_images(images, model, normalizer, classes)
    except TrainingError as exc:
        raise BadInput(str(exc)) from None
    written = []
    if out is not None:
        save_grid(out, images, columns=len(images) if args.walk is not None else math.ceil(math.sqrt(len(images))))
        written.append(str(out))
    if args.out_dir:
        count = len(save_each(args.out_dir, images))
        written.append(translate("CLI", "{count} images in {folder}").format(count=count, folder=args.out_dir))
    if score is not None:
        print(json.dumps(score) if args.json else describe(score))
    if written:
        print(translate("CLI", "wrote {files}").format(files=", ".join(written)))
    return 0


def add_generate_parser(sub, handler) -> None:
    p = sub.add_parser(
        "generate",
        help=translate(
            "CLI", "images from a trained generator (GAN) or a VAE's prior: a grid, one file each, a latent walk"
        ),
        description=translate(
            "CLI",
            "Draw latent vectors from N(0, I) (the same for the same --seed) and write what the trained generator makes of them; --walk goes along the line from --seed's latent to another seed's, in -n steps (one strip); --score rates the images with a classifier trained on the real data (mean top-class confidence, classes covered, the largest class's share).",
        ),
    )
    p.add_argument("file", help=translate("CLI", "the project (.cnn.json) of a GAN or a VAE"))
    p.add_argument(
        "--weights", required=True, metavar="CKPT", help=translate("CLI", "a checkpoint (runs/a/last) or .safetensors")
    )
    p.add_argument(
        "-n", type=check.bounded_int(1, 10_000), default=64, help=translate("CLI", "how many images (default 64)")
    )
    p.add_argument(
        "--seed", type=check.bounded_int(0, 2**63 - 1), default=0, help=translate("CLI", "the latent vectors' seed")
    )
    p.add_argument(
        "--walk",
        type=check.bounded_int(0, 2**63 - 1),
        metavar="TO_SEED",
        help=translate("CLI", "a latent walk to this seed's latent"),
    )
    p.add_argument("-o", "--output", metavar="GRID.png", help=translate("CLI", "write the images as one grid"))
    p.add_argument("--out-dir", metavar="DIR", help=translate("CLI", "write one PNG per image here"))
    p.add_argument(
        "--score", metavar="CLASSIFIER", help=translate("CLI", "a classifier project (e.g. LeNet-5 trained on digits)")
    )
    p.add_argument(
        "--classifier-weights",
        metavar="CKPT",
        help=translate("CLI", "the classifier's trained weights (its checkpoint)"),
    )
    p.add_argument("--json", action="store_true", help=translate("CLI", "print the score as one JSON object"))
    p.set_defaults(func=handler)
