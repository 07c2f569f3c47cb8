"""Shape, parameter, MAC and receptive-field inference over the whole graph, by formula."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import block_cache
from .block import REGISTRY, Registry
from .block_cache import params_key
from .bulk import gc_paused
from .components import component_ids
from .diagnostics import Diagnostic, DisconnectInput, SetParams
from .formulas import Shape, fmt_shape
from .graph import MISSING, Graph
from .i18n import translate
from .names import NAME_RE, check_names  # noqa: F401  (NAME_RE: public here before names.py existed)

# Receptive fields and effective strides are capped here (2**53, exact as a float): strides multiply along a
# chain, and 1,000 stride-2 layers would otherwise reach float infinity or a million-digit integer.
RF_LIMIT = 2**53


@dataclass(slots=True)
class NodeInfo:
    """What inference knows about one node; ``shape`` is None when it could not be computed."""

    shape: Shape | None = None
    params: int = 0
    macs: int = 0
    # receptive field on the input image: (size_h, size_w) and effective stride (jump_h, jump_w)
    rf: tuple[float, float] | None = None
    jump: tuple[float, float] | None = None
    in_shapes: list[Shape] = field(default_factory=list)
    error: str | None = None  # code of the first error at this node
    outputs: dict[str, Shape] | None = None  # a multi-output block's shape per port (``shape`` is the first)

    def port_shape(self, port: str) -> Shape | None:
        """The shape leaving output ``port`` ("out" for single-output blocks), None if unknown or no such port."""
        if self.outputs is None:
            return self.shape if port == "out" else None
        return self.outputs.get(port)


@dataclass
class Inference:
    """The result: per-node info, diagnostics, totals."""

    info: dict[str, NodeInfo]
    diagnostics: list[Diagnostic]
    order: list[str]
    total_params: int = 0
    total_macs: int = 0
    trainable_params: int = 0
    _by_node: dict | None = field(default=None, init=False, repr=False, compare=False)
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def frozen_params(self) -> int:
        return self.total_params - self.trainable_params

    @property
    def ok(self) -> bool:
        return not any(d.level == "error" for d in self.diagnostics)

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    def edge_shape(self, edge) -> Shape | None:
        """The shape a wire carries: its source's output at the port it leaves."""
        src = self.info.get(edge.src)
        return src.port_shape(edge.src_port) if src is not None else None

    def for_node(self, node_id: str) -> list[Diagnostic]:
        if self._by_node is None or self._indexed != len(self.diagnostics):  # views ask once per node
            self._by_node = {}
            for d in self.diagnostics:
                self._by_node.setdefault(d.node, []).append(d)
            self._indexed = len(self.diagnostics)
        return list(self._by_node.get(node_id, ()))


@gc_paused
def infer_shapes(graph: Graph, registry: Registry = REGISTRY) -> Inference:
    """Infer every node; an error marks what depends on it unknown and inference carries on."""
    diags: list[Diagnostic] = []
    info: dict[str, NodeInfo] = {}
    order, cyclic = graph.topological_order()
    nodes = graph.nodes

    on_cycle = _on_cycle(graph, cyclic)
    for nid in cyclic:
        if nid in on_cycle:
            diags.append(
                Diagnostic(
                    nid, "error", "cycle", translate("Diagnostics", "is part of a cycle: a network must flow one way")
                )
            )
            info[nid] = NodeInfo(error="cycle")
        else:  # fed by a cycle: unknown, the cause is reported there
            info[nid] = NodeInfo(error="upstream")

    # the image size each node's receptive field is measured on: its component's Input (several components
    # in one graph each have their own); a merge of two inputs takes its first port's
    image_hw: dict[str, tuple[int, int] | None] = {}
    has_input = has_output = False
    outputs: list[str] = []
    total_params = total_macs = trainable = 0
    check_inputs: list[str] = []  # reconstruction heads, compared with their Input once all shapes are known

    check, evaluate, find, in_edges_of = block_cache.check, block_cache.evaluate, registry.find, graph.in_edges
    for nid in order:  # the hot loop: kept lean, inference runs after every edit
        node = nodes[nid]
        block = find(node.type)
        if block is None:
            diags.append(
                Diagnostic(
                    nid,
                    "error",
                    "unknown_type",
                    translate("Diagnostics", "unknown block type {type!r}").format(type=node.type),
                )
            )
            info[nid] = NodeInfo(error="unknown_type")
            continue
        has_input |= block.is_input
        if block.is_output:
            has_output = True
            outputs.append(nid)
        key = params_key(block, node.params)
        checked = check(block, node.params, key)
        if checked.problems:
            fixes = _param_fixes(block, node.params)
            diags.append(Diagnostic(nid, "error", "param", "; ".join(checked.problems), fixes))
            info[nid] = NodeInfo(error="param")
            continue

        ports = checked.ports
        in_edges = in_edges_of(nid)
        ins: list[Shape] = []
        sources: list[NodeInfo] = []
        error = None
        if len(in_edges) != len(ports):
            error = "port"
        else:
            for port in ports:
                edge = in_edges.get(port)
                if edge is None:
                    error = "port"
                    break
                src = info[edge.src]
                shape = src.shape
                if edge.src_port != "out" or src.outputs is not None:  # a wire from one port of several
                    shape = src.port_shape(edge.src_port)
                    if shape is None and src.shape is not None:
                        error = "out_port"
                        break
                if shape is None:  # unknown input: stay quiet, the cause is reported upstream
                    error = "upstream"
                ins.append(shape)
                sources.append(src)
        if error is not None:
            entry = info[nid] = NodeInfo(error="upstream")
            if error == "port":
                _port_problems(nid, ports, in_edges, entry, diags)
            elif error == "out_port":
                _out_port_problem(graph, nid, ports, in_edges, info, entry, diags)
            continue

        result = evaluate(block, checked, ins)
        if result.error is not None:
            exc = result.error
            diags.append(Diagnostic(nid, "error", exc.code, exc.message, tuple(exc.fixes)))
            info[nid] = NodeInfo(in_shapes=ins, error=exc.code)
            continue
        out = result.shape
        total_params += result.params
        total_macs += result.macs
        if node.trainable:
            trainable += result.params
        if block.matches_input:
            check_inputs.append(nid)
        if block.is_input:
            image_hw[nid] = (out[-2], out[-1]) if len(out) == 3 else None
            rf, jump = (1, 1), (1, 1)
        else:
            image_hw[nid] = hw = image_hw[in_edges[ports[0]].src]
            if len(sources) == 1 and checked.layers == ():  # element-wise: the field passes through
                rf, jump = sources[0].rf, sources[0].jump
            else:
                rf, jump = _receptive(checked.layers, [(s.rf, s.jump) for s in sources], hw)
        info[nid] = NodeInfo(out, result.params, result.macs, rf, jump, ins)
        if result.outputs is not None:
            info[nid].outputs = dict(zip(block.output_ports(checked.params), result.outputs))
        if block.is_output:  # heads only: the hot loop stays lean
            for code, message in block.warnings(checked.params, ins, sources[0].jump, image_hw.get(nid)):
                diags.append(Diagnostic(nid, "warning", code, message))

    if check_inputs:
        above = _inputs_above(graph, order, registry)
        for nid in check_inputs:
            _check_matches_input(graph, nid, info[nid], above[nid], info, diags)
    check_names(graph, diags)
    if len(outputs) > 1:
        _check_components(graph, registry, outputs, info, diags)
    if not has_input:
        diags.insert(
            0, Diagnostic(None, "error", "no_input", translate("Diagnostics", "the network has no Input block"))
        )
    # a head after a cycle is still a head: the cycle is the problem to tell, not a missing output
    has_output = has_output or any((b := registry.find(nodes[nid].type)) is not None and b.is_output for nid in cyclic)
    if not has_output and nodes:
        diags.insert(
            0,
            Diagnostic(
                None,
                "warning",
                "no_output",
                translate(
                    "Diagnostics",
                    "the network has no output head: add a Classification, Reconstruction or Detection output to train it",
                ),
            ),
        )
    return Inference(info, diags, order, total_params, total_macs, trainable)


def _port_problems(nid: str, ports: tuple[str, ...], in_edges: dict, entry: NodeInfo, diags: list) -> None:
    """Edges into ports the block lacks, and ports left unconnected."""
    for port in in_edges:
        if port not in ports:
            diags.append(
                Diagnostic(
                    nid,
                    "error",
                    "bad_port",
                    translate(
                        "Diagnostics", "an edge enters input {port!r}, which this block does not have (it has {ports})"
                    ).format(port=port, ports=_ports(ports)),
                    (DisconnectInput(translate("Diagnostics", "Disconnect {port}").format(port=port), port),),
                )
            )
            entry.error = "bad_port"
    missing = [port for port in ports if port not in in_edges]
    if missing:
        if len(ports) == 1:
            message = translate("Diagnostics", "input is not connected")
        elif len(missing) == 1:
            message = translate("Diagnostics", "input {port} not connected").format(port=missing[0])
        else:
            message = translate("Diagnostics", "inputs {ports} not connected").format(ports=", ".join(missing))
        diags.append(Diagnostic(nid, "error", "unconnected", message))
        entry.error = "unconnected"


def _out_port_problem(graph: Graph, nid: str, ports, in_edges: dict, info: dict, entry: NodeInfo, diags: list) -> None:
    """The first input whose wire leaves an output its source does not have (a Split given fewer outputs)."""
    for port in ports:
        edge = in_edges[port]
        src = info[edge.src]
        if src.shape is None or src.port_shape(edge.src_port) is not None:
            continue
        has = ", ".join(src.outputs) if src.outputs is not None else "out"
        name = graph.nodes[edge.src].name
        diags.append(
            Diagnostic(
                nid,
                "error",
                "bad_out_port",
                f"input {port!r} is wired to output {edge.src_port!r} of {name!r}, which that block does not have "
                f"(it has {has})",
                (DisconnectInput(f"Disconnect {port}", port),),
            )
        )
        entry.error = "bad_out_port"
        return


def _ports(ports: tuple[str, ...]) -> str:
    return ", ".join(ports) if ports else translate("Diagnostics", "no inputs")


def _param_fixes(block, params: dict) -> tuple:
    """One fix that makes every param valid: unknown keys removed, bad values clamped or reset."""
    values = {}
    known = {spec.name: spec for spec in block.params}
    for key, value in params.items():
        spec = known.get(key)
        if spec is None:
            values[key] = MISSING
        elif spec.check(value) is not None:
            values[key] = spec.suggest(value)
    if len(values) == 1:
        ((key, value),) = values.items()
        if value is MISSING:
            label = translate("Diagnostics", "Remove {key}").format(key=key)
        else:
            label = translate("Diagnostics", "Set {key} to {value}").format(key=key, value=value)
    else:
        label = translate("Diagnostics", "Fix {count} parameters").format(count=len(values))
    return (SetParams(label, values),)


def _check_matches_input(graph: Graph, nid: str, entry: NodeInfo, inputs: list[str], info: dict, diags: list) -> None:
    """A reconstruction is compared with the input image, so it must have the Input's shape."""
    for src in inputs:
        src_info = info.get(src)
        if src_info is None or src_info.shape is None:
            continue
        if src_info.shape != entry.shape:
            diags.append(
                Diagnostic(
                    nid,
                    "error",
                    "reconstruction_shape",
                    translate(
                        "Diagnostics",
                        "the reconstruction is {shape} but its loss compares it with the input image {name!r} of {input_shape}: the shapes must be equal",
                    ).format(
                        shape=fmt_shape(entry.shape), name=graph.nodes[src].name, input_shape=fmt_shape(src_info.shape)
                    ),
                )
            )
            entry.error = "reconstruction_shape"
            return


def _check_components(graph: Graph, registry: Registry, outputs: list[str], info: dict, diags: list) -> None:
    """What ties several networks on one canvas: a discriminator reads images of its generator's shape."""
    roles = {nid: registry.get(graph.nodes[nid].type).role for nid in outputs}
    if not {"generated_image", "real_fake"} <= set(roles.values()):
        return
    where = {nid: k for k, ids in enumerate(component_ids(graph)) for nid in ids}
    generated = [nid for nid in outputs if roles[nid] == "generated_image" and info[nid].shape is not None]
    judges = [nid for nid in outputs if roles[nid] == "real_fake"]
    image_inputs = [
        nid for nid in graph.nodes if registry.find(graph.nodes[nid].type) is not None
        and registry.get(graph.nodes[nid].type).role == "data"
    ]  # fmt: skip
    for gen in generated:
        shape = info[gen].shape
        for judge in judges:
            if where[judge] == where[gen]:
                continue
            for nid in image_inputs:
                seen = info[nid].shape
                if where[nid] != where[judge] or seen is None or seen == shape:
                    continue
                gen_name, name = graph.nodes[gen].name, graph.nodes[nid].name
                diags.append(
                    Diagnostic(
                        nid,
                        "error",
                        "gan_shape",
                        translate(
                            "Diagnostics",
                            "the discriminator reads {seen} images at {name!r} but the generator makes {shape} at {gen_name!r}: a discriminator judges the generator's images, so the shapes must be equal",
                        ).format(seen=fmt_shape(seen), name=name, shape=fmt_shape(shape), gen_name=gen_name),
                        (
                            SetParams(
                                translate("Diagnostics", "Set shape to {shape}").format(shape=fmt_shape(shape)),
                                {"shape": list(shape)},
                            ),
                        ),
                    )
                )
                info[nid].error = "gan_shape"


def _inputs_above(graph: Graph, order: list[str], registry: Registry) -> dict[str, tuple[str, ...]]:
    """For every node, the data Input nodes that feed it (in graph order), in one pass over the order.

    A node with one source shares its source's tuple, so a chain costs nothing per node; only merges of
    different inputs build new tuples.
    """
    position = {nid: i for i, nid in enumerate(graph.nodes)}
    above: dict[str, tuple[str, ...]] = {}
    for nid in order:
        found: tuple[str, ...] = ()
        for edge in graph.in_edges(nid).values():
            theirs = above.get(edge.src, ())
            if theirs and theirs is not found:
                found = theirs if not found else tuple(sorted(set(found) | set(theirs), key=position.get))
        if _is_input(graph.nodes[nid].type, registry):
            found = tuple(sorted({*found, nid}, key=position.get))
        above[nid] = found
    return above


def _is_input(type_name: str, registry: Registry) -> bool:
    """An input of images from the data (a latent input is noise: nothing to reconstruct)."""
    return type_name in registry and registry.get(type_name).role == "data"


def _on_cycle(graph: Graph, cyclic: list[str]) -> set[str]:
    """The nodes that lie on a cycle (the rest of ``cyclic`` only sits downstream of one).

    A node lies on a cycle when its strongly connected component has more than one node (no node feeds
    itself). Tarjan's algorithm, iterative and over list positions: linear time, no recursion limit and
    few dictionary lookups on a 100,000-node loop.
    """
    position = {nid: k for k, nid in enumerate(cyclic)}
    succ = [[position[e.dst] for e in graph.out_edges(nid) if e.dst in position] for nid in cyclic]
    count = len(cyclic)
    index = [-1] * count
    low = [0] * count
    next_edge = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    on: set[str] = set()
    counter = 0
    for root in range(count):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [root]
        while work:
            v = work[-1]
            edges, i = succ[v], next_edge[v]
            while i < len(edges):
                w = edges[i]
                i += 1
                if index[w] < 0:  # descend into w; v resumes at edge i
                    next_edge[v] = i
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append(w)
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:  # every successor done: close v
                next_edge[v] = i
                work.pop()
                if work and low[v] < low[work[-1]]:
                    low[work[-1]] = low[v]
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        component.append(w)
                        if w == v:
                            break
                    if len(component) > 1:
                        on.update(cyclic[k] for k in component)
    return on


def _area(item) -> float:
    return item[0][0] * item[0][1]


def _receptive(layers, rf_in, image_hw):
    """Receptive field after this block: the largest over the input branches, then its windows."""
    if len(rf_in) == 1:
        rf, jump = rf_in[0]
        if rf is None:
            return None, None
    else:
        known = [(rf, jump) for rf, jump in rf_in if rf is not None]
        if not known:
            return None, None
        rf, jump = max(known, key=_area)
    if not layers:
        if layers is not None:  # element-wise
            return rf, jump
        full = image_hw or rf
        return (max(rf[0], full[0]), max(rf[1], full[1])), jump
    size_h, size_w = rf
    jump_h, jump_w = jump
    for kh, kw, sh, sw, dh, dw in layers:
        if sh < 0:  # transposed: each output sees ceil(k/s) inputs, steps shrink by s
            sh, sw = -sh, -sw
            size_h += (math.ceil(kh / sh) - 1) * jump_h
            size_w += (math.ceil(kw / sw) - 1) * jump_w
            jump_h, jump_w = jump_h / sh, jump_w / sw
            continue
        size_h += dh * (kh - 1) * jump_h
        size_w += dw * (kw - 1) * jump_w
        jump_h *= sh
        jump_w *= sw
    if size_h > RF_LIMIT or size_w > RF_LIMIT or jump_h > RF_LIMIT or jump_w > RF_LIMIT:
        size_h, size_w, jump_h, jump_w = (min(v, RF_LIMIT) for v in (size_h, size_w, jump_h, jump_w))
    return (size_h, size_w), (jump_h, jump_w)
