"""The GAN done-when of issue 14, end to end: the dcgan preset trained on the bundled digits with its saved
training config, then 200 generated digits scored by a LeNet-5 trained on the real digits.

Runs exactly the user's commands (as child processes, timed):

    cnnstudio new --preset dcgan -o gan.cnn.json
    cnnstudio train gan.cnn.json --data digits --checkpoint-dir ck
    cnnstudio generate gan.cnn.json --weights ck/last.safetensors -n 200 --out-dir samples

then trains the scoring classifier (LeNet-5 on digits, not counted in the time) and reads the 200 PNG files
back through it. Targets: mean top-class confidence ≥ 0.80, all 10 classes among the samples, none above 25 %,
training + generating within 15 minutes. The CPU seconds the children used are printed beside the wall
time (on a shared machine the wall time includes other people's work). Exits 1 on a MISS.

    python bench/gan_digits.py                 # in a temporary folder
    python bench/gan_digits.py --keep runs/gan # keep the run (sample grids per epoch in runs/gan/ck/samples)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_S = 15 * 60


def cnnstudio(*args: str, cwd: Path) -> tuple[float, float]:
    """Run one command; (wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cnnstudio", *args], cwd=cwd, check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def read_samples(folder: Path):
    import numpy as np
    import torch
    from PIL import Image

    files = sorted(folder.glob("*.png"))
    arrays = [np.asarray(Image.open(f).convert("L"), dtype=np.float32) / 255.0 for f in files]
    return torch.from_numpy(np.stack(arrays))[:, None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", metavar="DIR", help="run in this folder and keep it")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gan-digits-"))
    folder.mkdir(parents=True, exist_ok=True)
    wall, cpu = 0.0, 0.0
    for command in (
        ("new", "--preset", "dcgan", "-o", "gan.cnn.json"),
        ("train", "gan.cnn.json", "--data", "digits", "--checkpoint-dir", "ck", "-q"),
        ("generate", "gan.cnn.json", "--weights", "ck/last.safetensors", "-n", "200", "--out-dir", "samples"),
    ):
        w, c = cnnstudio(*command, cwd=folder)
        wall, cpu = wall + w, cpu + c
        print(f"{command[0]}: {w:.1f} s wall, {c:.1f} s CPU", flush=True)
    cnnstudio("new", "--preset", "lenet5", "--num-classes", "10", "-o", "lenet.cnn.json", cwd=folder)
    cnnstudio(
        "train", "lenet.cnn.json", "--data", "digits", "--epochs", "15", "--checkpoint-dir", "clf", "-q", cwd=folder
    )

    from cnnstudio.training.generation.score import describe, load_classifier, score_images

    model, normalizer, classes = load_classifier(str(folder / "lenet.cnn.json"), str(folder / "clf" / "best"))
    score = score_images(read_samples(folder / "samples"), model, normalizer, classes)
    print(describe(score))
    in_time = wall <= LIMIT_S
    print(
        f"new + train + generate: {wall:.0f} s wall, {cpu:.0f} s CPU (limit {LIMIT_S} s): {'PASS' if in_time else 'MISS'}"
    )
    print(f"quality: {'PASS' if score['passed'] else 'MISS'}; the run is in {folder}")
    return 0 if score["passed"] and in_time else 1


if __name__ == "__main__":
    sys.exit(main())
