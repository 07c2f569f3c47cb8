"""Compile time of each preset (shape inference + torch.fx compilation with the default initialisation) as a
ratio against constructing the same torchvision model (weights=None). Target (issue 3): ≤ 1.2×.

Measurements alternate ours/theirs and take medians, so load on the machine hits both alike. Presets without
a torchvision counterpart print their compile time alone. Exits 1 on an error or a MISS.
Run: .venv/bin/python bench/preset_compile.py [--repeats N] [NAME ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings

import torch
import torchvision

from cnnstudio import presets
from cnnstudio.compiler import compile_model

TARGET = 1.2
TORCHVISION_KWARGS = {"googlenet": dict(aux_logits=True, init_weights=True)}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def torchvision_builder(name: str):
    if not hasattr(torchvision.models, name) or presets.get(name).num_classes is None:
        return None
    kwargs = TORCHVISION_KWARGS.get(name, {})

    def build():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return getattr(torchvision.models, name)(weights=None, **kwargs)

    return build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="presets to measure (default: all)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    names = args.names or presets.names()
    print(f"{'preset':16} {'ours ms':>9} {'torchvision ms':>15} {'ratio':>7}")
    misses = 0
    for name in names:
        graph = presets.build(name)

        def ours(graph=graph):
            return compile_model(graph)

        theirs = torchvision_builder(name)
        ours()  # warm caches (imports, fx code generation)
        if theirs:
            theirs()
        t_ours, t_theirs = [], []
        for _ in range(args.repeats):
            t_ours.append(timed(ours))
            if theirs:
                t_theirs.append(timed(theirs))
        mine = statistics.median(t_ours)
        if not theirs:
            print(f"{name:16} {mine * 1e3:9.1f} {'—':>15} {'':>7}  (no torchvision model)")
            continue
        ref = statistics.median(t_theirs)
        ratio = mine / ref
        verdict = "PASS" if ratio <= TARGET else "MISS"
        misses += verdict == "MISS"
        print(f"{name:16} {mine * 1e3:9.1f} {ref * 1e3:15.1f} {ratio:6.2f}×  {verdict}")
    print(f"target ≤ {TARGET}× torchvision's construction time: {'all PASS' if not misses else f'{misses} MISS'}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
