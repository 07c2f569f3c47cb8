"""Shape inference of the ResNet-152 preset: milliseconds per full pass, and how much faster it is than a
meta-device forward of the compiled model (torch computing the same shapes without data). Inference memoises
block formulas by content, so both a cold pass (memo cleared) and a warm one (an edit of an open graph) count.

Targets (DESIGN.md §7): ≤ 5 ms and ≥ 30× faster. Prints the figures and PASS/MISS; exits 1 on an error or a MISS.
Run: .venv/bin/python bench/preset_inference.py
"""

from __future__ import annotations

import statistics
import sys
import time

import torch

from cnnstudio import infer_shapes, presets
from cnnstudio.compiler import compile_model
from cnnstudio.core import block_cache

TARGET_MS, TARGET_RATIO = 5.0, 30.0


def median_seconds(fn, repeats: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    torch.set_num_threads(1)
    graph = presets.build("resnet152")
    result = infer_shapes(graph)
    if not result.ok:
        print("resnet152 preset has errors:", [d.message for d in result.errors()], file=sys.stderr)
        return 1
    with torch.device("meta"):
        model = compile_model(graph).eval()
    x = torch.empty(1, *presets.get("resnet152").input_shape, device="meta")

    def meta_forward():
        with torch.no_grad():
            return model(x)

    if tuple(meta_forward().shape[1:]) != result.info[graph.by_name("output").id].shape:
        print("meta forward and inference disagree on the output shape", file=sys.stderr)
        return 1

    def cold():  # a first inference: nothing memoised (opening the file)
        block_cache.clear()
        infer_shapes(graph)

    # warm: the graph again with the block formulas memoised, what every edit of an open graph costs
    warm_s = median_seconds(lambda: infer_shapes(graph), repeats=200)
    cold_s = median_seconds(cold, repeats=100)
    meta_s = median_seconds(meta_forward, repeats=30)
    print(f"resnet152 preset: {len(graph.nodes)} nodes, {result.total_params:,} params")
    print(f"meta-device forward      {meta_s * 1e3:9.3f} ms")
    all_met = True
    for label, seconds in (("infer_shapes, cold", cold_s), ("infer_shapes, warm", warm_s)):
        ratio = meta_s / seconds
        ok_ms, ok_ratio = seconds * 1e3 <= TARGET_MS, ratio >= TARGET_RATIO
        all_met = all_met and ok_ms and ok_ratio
        print(
            f"{label:24} {seconds * 1e3:9.3f} ms  (≤ {TARGET_MS:g} ms {'PASS' if ok_ms else 'MISS'})   "
            f"{ratio:7.1f}× faster  (≥ {TARGET_RATIO:g}× {'PASS' if ok_ratio else 'MISS'})"
        )
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
