"""Large graphs: the cost per node of save, load, shape inference and the summary must stay flat from 1k to 100k.

A project file is untrusted input, so its size must not buy super-linear work (issue 10 measured a 100,000-node
chain at 230 s in `summary` and a 20,000-node cycle past 600 s). Three shapes of graph, each at 1k, 10k and
100k nodes: a chain (conv, batch norm, ReLU), a branching net (residual adds, inception-like concats) and a
chain closed into one long cycle. Each stage is timed in CPU seconds (steadier than wall time on a shared
machine), best of interleaved rounds (each round times every size, so load falls on all of them alike):

  save     project_file.dumps (the text save writes)
  load     project_file.loads (parse, check, build)
  infer    infer_shapes on the freshly loaded graph (shapes, params, MACs, receptive fields, diagnostics)
  summary  report.summary + report.format_table (what `cnnstudio summary` prints)

Targets (issue 10): per graph, the pipeline's cost per node at 100k within 2× of its cost at 1k, and the
whole pipeline on 100k nodes under 10 s. Each stage's own ratio is printed too. Exits 1 on a MISS.

    .venv/bin/python bench/large_graphs.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from collections.abc import Callable

from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.graph import Edge, Graph
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.project_file import dumps, loads
from cnnstudio.report import format_table, summary

TARGET_RATIO = 2.0  # cost per node at the largest size / at the smallest
TARGET_TOTAL_S = 10.0  # the whole pipeline at 100k nodes
STAGES = ("save", "load", "infer", "summary")


# graphs ---------------------------------------------------------------------------------------------
def chain(n: int) -> Graph:
    """Input → (conv 3×3, batch norm, ReLU) repeated → head: n nodes."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 16, 16])
    layers = [("conv2d", dict(out_channels=8, padding=1, bias=False)), ("batchnorm2d", {}), ("relu", {})]
    for i in range(n - 4):
        type_, params = layers[i % 3]
        x = b.add(type_, f"body.{i}", x, **params)
    x = b.chain(x, ("global_avgpool", "pool", {}), ("linear", "fc", dict(out_features=10)))
    b.add("classification_output", "output", x)
    return b.graph


def branching(n: int) -> Graph:
    """Residual motifs (conv, ReLU, add of the shortcut) with an inception-like concat every fourth: about n nodes."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 16, 16])
    i = 0
    while len(b.graph.nodes) < n - 4:
        y = b.chain(x, ("conv2d", f"m{i}.conv", dict(out_channels=8, padding=1)), ("relu", f"m{i}.relu", {}))
        x = b.add("add", f"m{i}.add", y, x)
        if i % 4 == 3:
            a = b.add("conv2d", f"c{i}.a", x, out_channels=2, kernel_size=1)
            c = b.chain(
                x,
                ("conv2d", f"c{i}.b.0", dict(out_channels=2, kernel_size=1)),
                ("conv2d", f"c{i}.b.1", dict(out_channels=4, padding=1)),
            )
            p = b.chain(
                x,
                ("maxpool2d", f"c{i}.p.0", dict(kernel_size=3, stride=1, padding=1)),
                ("conv2d", f"c{i}.p.1", dict(out_channels=2, kernel_size=1)),
            )
            x = b.add("concat", f"c{i}.cat", a, c, p)
        i += 1
    x = b.chain(x, ("global_avgpool", "pool", {}), ("linear", "fc", dict(out_features=10)))
    b.add("classification_output", "output", x)
    return b.graph


def cycle(n: int) -> Graph:
    """The chain with its last ReLU fed back into its first conv: every body node is on one long cycle."""
    graph = chain(n)
    first, last = graph.by_name("body.0").id, graph.by_name(f"body.{n - 5}").id
    graph.disconnect(graph.in_edges(first)["in"])
    graph.connect(Edge(last, first))
    return graph


GRAPHS: dict[str, Callable[[int], Graph]] = {"chain": chain, "branching": branching, "cycle": cycle}


# timing ---------------------------------------------------------------------------------------------
def cpu_once(fn: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of one call (a collection left over from the previous call is done first)."""
    gc.collect()
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def measure_once(graph: Graph) -> dict[str, float]:
    seconds = {}
    seconds["save"], text = cpu_once(lambda: dumps(graph))
    seconds["load"], loaded = cpu_once(lambda: loads(text))
    seconds["infer"], result = cpu_once(lambda: infer_shapes(loaded))
    seconds["summary"], _ = cpu_once(lambda: format_table(loaded, summary(loaded, result)))
    return seconds


def measure(graphs: dict[int, Graph], rounds: int) -> dict[int, dict[str, float]]:
    """Best CPU seconds per size and stage over interleaved rounds: every round measures every size (in
    alternating order), so a busy spell on a shared machine falls on all sizes alike, not on the largest."""
    best = {n: dict.fromkeys(STAGES, float("inf")) for n in graphs}
    sizes = sorted(graphs)
    for r in range(rounds):
        for n in sizes if r % 2 == 0 else sizes[::-1]:
            for _ in range(max(1, min(5, 20_000 // n))):  # small graphs: a few calls a round, it is cheap
                for stage, value in measure_once(graphs[n]).items():
                    best[n][stage] = min(best[n][stage], value)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="node counts, smallest first")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds over all sizes (best of them)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    small, large = sizes[0], sizes[-1]
    misses = 0
    for kind, build in GRAPHS.items():
        graphs = {n: build(n) for n in sizes}
        seconds = measure(graphs, args.rounds)
        per_node: dict[int, dict[str, float]] = {}
        totals: dict[int, float] = {}
        for n in sizes:
            count = len(graphs[n].nodes)
            per_node[n] = {stage: seconds[n][stage] / count * 1e6 for stage in STAGES}
            totals[n] = sum(seconds[n].values())
            cells = "  ".join(f"{stage} {per_node[n][stage]:5.1f}" for stage in STAGES)
            print(f"{kind:<9} {count:>7,} nodes  µs/node: {cells}  total {totals[n]:6.2f} s")
        del graphs
        cost = {n: sum(per_node[n].values()) for n in sizes}
        ratio = cost[large] / cost[small]
        stages = "  ".join(f"{s} {per_node[large][s] / per_node[small][s]:.2f}×" for s in STAGES)
        ok_ratio, ok_total = ratio <= TARGET_RATIO, totals[large] <= TARGET_TOTAL_S
        misses += (not ok_ratio) + (not ok_total)
        print(
            f"{kind:<9} {large:,}/{small:,} per node: {ratio:.2f}× [{'PASS' if ok_ratio else 'MISS'} ≤ {TARGET_RATIO:g}×]"
            f"  ({stages})  {large:,} total {totals[large]:.2f} s [{'PASS' if ok_total else 'MISS'} ≤ {TARGET_TOTAL_S:g} s]"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak memory {peak:,.0f} MiB")
    print("all targets met" if not misses else f"{misses} target(s) missed (see MISS above)")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
