"""det_small's done-when target (issue 13), run exactly as a user would, through the CLI:

    cnnstudio new --preset det_small -o det.cnn.json
    cnnstudio train det.cnn.json --data shapes-boxes --checkpoint-dir ck      # the preset's saved config
    cnnstudio evaluate det.cnn.json --weights ck/best.safetensors --data shapes-boxes:500@seed=7 --json

PASS when the best validation mAP@0.5 is ≥ 0.90, the evaluation on 500 images it never saw agrees within
0.03, and training took ≤ 10 minutes. The time is the training process's CPU time (user + system): on a
2-core machine shared with other work the wall time measures the other work too, while the CPU time is what
the run costs (train uses all cores but one, i.e. one thread, on this machine: CPU time ≈ quiet wall time).
The wall time is printed beside it. Exits 1 on a MISS.

    python bench/det_small_map.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MAP50 = 0.90
AGREEMENT = 0.03
BUDGET_S = 600.0


def cli(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``python -m cnnstudio ARGS``; (result, wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "cnnstudio", *args], cwd=cwd, capture_output=True, text=True, env=os.environ.copy()
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"cnnstudio {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return done, wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="det_small_map_"))
    folder.mkdir(parents=True, exist_ok=True)

    cli("new", "--preset", "det_small", "-o", "det.cnn.json", cwd=folder)
    _, train_wall, train_cpu = cli(
        "train",
        "det.cnn.json",
        "--data",
        "shapes-boxes",
        "--checkpoint-dir",
        "ck",
        "--metrics",
        "m.jsonl",
        "-q",
        cwd=folder,
    )
    events = [json.loads(line) for line in (folder / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    epochs = [e for e in events if e["event"] == "epoch_end"]
    best = max(e["val_map50"] or 0.0 for e in epochs)
    done, eval_wall, _ = cli(
        "evaluate",
        "det.cnn.json",
        "--weights",
        "ck/best.safetensors",
        "--data",
        "shapes-boxes:500@seed=7",
        "--json",
        cwd=folder,
    )
    unseen = json.loads(done.stdout)

    for e in epochs:
        print(f"epoch {e['epoch']:2d}: mAP@0.5 {e['val_map50']:.3f}  mAP {e['val_map']:.3f}  ({e['seconds']:.0f} s)")
    print(f"training: {train_cpu:.0f} s CPU, {train_wall:.0f} s wall (load average {os.getloadavg()[0]:.1f})")
    print(f"unseen shapes-boxes:500@seed=7: mAP@0.5 {unseen['map50']:.3f}  mAP {unseen['map']:.3f}")
    checks = [
        (f"best validation mAP@0.5 {best:.3f} ≥ {TARGET_MAP50}", best >= TARGET_MAP50),
        (
            f"unseen mAP@0.5 {unseen['map50']:.3f} within {AGREEMENT} of {best:.3f}",
            abs(unseen["map50"] - best) <= AGREEMENT,
        ),
        (f"training CPU time {train_cpu:.0f} s ≤ {BUDGET_S:.0f} s", train_cpu <= BUDGET_S),
    ]
    for text, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
