"""Connected components of a graph: a GAN's generator and discriminator are two networks on one canvas.

Each component is inferred, compiled and exported as a model of its own; ``name`` is what the compiler
calls its module (the nodes' shared top-level name, as ``generator`` in ``generator.main.0``, else its role).
"""

from __future__ import annotations

from dataclasses import dataclass

from .block import REGISTRY, Registry
from .graph import Edge, Graph, Node
from .i18n import translate

# what a component is called when its nodes share no top-level name, by the role of its output
ROLE_NAMES = {"generated_image": "generator", "real_fake": "discriminator"}


@dataclass(frozen=True)
class Component:
    name: str
    nodes: tuple[str, ...]  # node ids in graph order
    roles: tuple[str, ...]  # the roles of its outputs, in graph order


def component_ids(graph: Graph) -> list[list[str]]:
    """Node ids per connected component (wires in either direction), components and nodes in graph order."""
    parent = {nid: nid for nid in graph.nodes}

    def root(nid: str) -> str:
        while parent[nid] != nid:
            parent[nid] = parent[parent[nid]]  # path halving: near-linear without recursion
            nid = parent[nid]
        return nid

    for edge in graph.edges:
        a, b = root(edge.src), root(edge.dst)
        if a != b:
            parent[b] = a
    groups: dict[str, list[str]] = {}
    for nid in graph.nodes:
        groups.setdefault(root(nid), []).append(nid)
    return list(groups.values())


def components(graph: Graph, registry: Registry = REGISTRY) -> list[Component]:
    """The graph's components, each named uniquely (its shared top-level name, its role, or componentN)."""
    found, taken = [], set()
    for index, ids in enumerate(component_ids(graph)):
        roles, layers = [], []  # layers: the nodes that become modules or calls (inputs are arguments)
        for nid in ids:
            block = registry.find(graph.nodes[nid].type)
            if block is not None and block.is_output and block.role:
                roles.append(block.role)
            if block is None or not block.is_input:
                layers.append(graph.nodes[nid].name)
        tops = {name.split(".", 1)[0] for name in layers}
        dotted = bool(layers) and all("." in name for name in layers)
        name = (
            tops.pop()
            if len(tops) == 1 and dotted
            else next((ROLE_NAMES[r] for r in roles if r in ROLE_NAMES), f"component{index}")
        )
        while name in taken:
            name = f"{name}_{index}"
        taken.add(name)
        found.append(Component(name, tuple(ids), tuple(roles)))
    return found


def subgraph(graph: Graph, ids) -> Graph:
    """A copy of the nodes ``ids`` and the wires between them (the meta too)."""
    keep = set(ids)
    other = Graph()
    for nid, node in graph.nodes.items():
        if nid in keep:
            other.add_node(node.clone())
    for edge in graph.edges:
        if edge.src in keep and edge.dst in keep:
            other.connect(edge)
    other.meta = dict(graph.meta)
    return other


def latent_decoder(graph: Graph, shape, registry: Registry = REGISTRY) -> Graph:
    """A VAE's decoder on its own: what follows its Sample Gaussian block, fed by a latent input ``z``.

    ``shape`` is the sampler's output shape (from inference). The layers keep their names, so the decoder
    compiles to the VAE's state_dict keys and draws images from z ~ N(0, 1): samples from the prior.
    Raises ValueError when the graph has no sampling block, or more than one.
    """
    samplers = [nid for nid, node in graph.nodes.items() if registry.canonical(node.type) == "sample_gaussian"]
    if len(samplers) != 1:
        raise ValueError(
            translate(
                "Diagnostics", "a VAE decoder needs exactly one Sample Gaussian block, the graph has {count}"
            ).format(count=len(samplers))
        )
    (sampler,) = samplers
    below, stack = set(), [sampler]
    while stack:  # everything fed by the sampler, directly or not
        for edge in graph.out_edges(stack.pop()):
            if edge.dst not in below:
                below.add(edge.dst)
                stack.append(edge.dst)
    decoder = subgraph(graph, below)
    for node in decoder.nodes.values():  # decoded from noise, the image is generated: no input to compare with
        block = registry.find(node.type)
        if block is not None and block.role == "reconstruction":
            node.type, node.params = "generated_output", {}
    name = "z" if decoder.by_name("z") is None else decoder.unique_name("z")
    z = Node(decoder.new_id(), "latent_input", name, {"shape": list(shape)})
    decoder.add_node(z, 0)
    for edge in graph.out_edges(sampler):
        decoder.connect(Edge(z.id, edge.dst, edge.dst_port))
    return decoder
