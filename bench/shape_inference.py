"""Shape inference speed: full ``infer_shapes`` vs a meta-device forward of the compiled model, side by side.

Graphs: a synthetic one of 500+ plain blocks (residual motifs conv-bn-relu-conv-bn + shortcut add, and
inception-like concat branches), the ResNet-152 preset (58 nodes, residual blocks as composites) and the
same with every residual block expanded into its plain parts (516 nodes). Targets (DESIGN §7): inference ≤ 5 ms and ≥ 30×
faster than the meta forward. Prints PASS/MISS per target; exits 1 on a MISS.

    .venv/bin/python bench/shape_inference.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import torch

import cnnstudio
from cnnstudio.compiler.fx_compile import compile_model
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.composite_edits import expand_composite
from cnnstudio.core.graph import Graph
from cnnstudio.core.inference import infer_shapes

TARGET_MS = 5.0
TARGET_RATIO = 30.0


def synthetic(motifs: int = 60, branch_every: int = 4) -> Graph:
    """A deep branching network of plain blocks (no composites), 7 nodes per residual motif."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 64, 64])
    x = b.chain(x, ("conv2d", "stem.conv", dict(out_channels=32, padding=1)), ("relu", "stem.relu", {}))
    for i in range(motifs):
        y = b.chain(
            x,
            ("conv2d", f"m{i}.conv1", dict(out_channels=32, padding=1, bias=False)),
            ("batchnorm2d", f"m{i}.bn1", {}),
            ("relu", f"m{i}.relu1", {}),
            ("conv2d", f"m{i}.conv2", dict(out_channels=32, padding=1, bias=False)),
            ("batchnorm2d", f"m{i}.bn2", {}),
        )
        x = b.add("relu", f"m{i}.relu2", b.add("add", f"m{i}.add", y, x))
        if i % branch_every == branch_every - 1:  # an inception-like split and concat, back to 32 channels
            a = b.add("conv2d", f"c{i}.b1", x, out_channels=8, kernel_size=1)
            c = b.chain(
                x,
                ("conv2d", f"c{i}.b2.0", dict(out_channels=8, kernel_size=1)),
                ("conv2d", f"c{i}.b2.1", dict(out_channels=16, padding=1)),
            )
            p = b.chain(
                x,
                ("maxpool2d", f"c{i}.b3.0", dict(kernel_size=3, stride=1, padding=1)),
                ("conv2d", f"c{i}.b3.1", dict(out_channels=8, kernel_size=1)),
            )
            x = b.add("concat", f"c{i}.cat", a, c, p)
    b.chain(
        x,
        ("global_avgpool", "pool", {}),
        ("linear", "fc", dict(out_features=10)),
        ("classification_output", "output", {}),
    )
    return b.build()


def expanded(graph: Graph) -> Graph:
    """Every composite block replaced by its plain parts (what a user sees after "expand all")."""
    for node in [n for n in graph.nodes.values() if n.type in ("residual", "inception", "conv_bn_relu")]:
        expand_composite(graph, node.id).apply(graph)
    return graph


def _median_ms(fn, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is steadier on a shared machine)."""
    fn()  # warm up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def measure(name: str, graph: Graph, repeat: int) -> bool:
    result = infer_shapes(graph)
    if not result.ok:
        raise SystemExit(f"{name}: the graph has errors: {result.errors()[0].message}")
    with torch.device("meta"):  # parameters on the meta device: no memory, no init cost
        model = compile_model(graph, inference=result).eval()
    inputs = [torch.empty(1, *shape, device="meta") for shape in model.input_shapes]

    def meta_forward():
        with torch.no_grad():
            model(*inputs)

    infer_ms, infer_cpu = _median_ms(lambda: infer_shapes(graph), repeat)
    meta_ms, meta_cpu = _median_ms(meta_forward, max(5, repeat // 4))
    ratio = meta_ms / infer_ms
    fast, ahead = infer_ms <= TARGET_MS, ratio >= TARGET_RATIO
    print(
        f"{name:<18} {len(graph.nodes):>5} nodes  infer_shapes {infer_ms:6.2f} ms (cpu {infer_cpu:5.2f}) "
        f"[{'PASS' if fast else 'MISS'} ≤ {TARGET_MS:g} ms]  meta forward {meta_ms:7.1f} ms (cpu {meta_cpu:6.1f})  "
        f"ratio {ratio:6.1f}× [{'PASS' if ahead else 'MISS'} ≥ {TARGET_RATIO:g}×]"
    )
    return fast and ahead


def _reference_loop() -> None:
    total = 0
    for i in range(1_000_000):
        total += i


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100, help="timed runs of infer_shapes (median reported)")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    # how fast this machine runs plain Python, to read the figures by (a 2020s desktop: about 25-35 ms)
    ref_ms, ref_cpu = _median_ms(_reference_loop, 5)
    print(f"machine: a 10⁶-step Python loop takes {ref_ms:.0f} ms (cpu {ref_cpu:.0f})")
    graphs = {"synthetic": synthetic()}
    if "resnet152" in cnnstudio.presets.names():
        graphs["resnet152"] = cnnstudio.presets.build("resnet152")
        graphs["resnet152 expanded"] = expanded(cnnstudio.presets.build("resnet152"))
    assert len(graphs["synthetic"].nodes) >= 500
    ok = [measure(name, graph, args.repeat) for name, graph in graphs.items()]
    print("all targets met" if all(ok) else "some targets missed (see MISS above)")
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
