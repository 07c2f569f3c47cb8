"""Node names: dotted Python paths that become the compiled model's module names (and state_dict keys)."""

from __future__ import annotations

import functools
import keyword
import re

from .diagnostics import Diagnostic, RenameTo
from .graph import Graph

NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|[0-9]+))*$")

# Attribute names torch.nn.Module / fx.GraphModule / our CompiledModel use themselves: a submodule by one of
# these names would shadow a method (model.train() would call a layer). A test keeps this in step with torch.
RESERVED = frozenset(
    """
    T_destination add_module add_submodule apply bfloat16 buffers call_super_init children code compile cpu cuda
    delete_all_unused_submodules delete_submodule double dump_patches eval extra_repr float forward get_buffer
    get_extra_state get_parameter get_submodule graph half ipu load_state_dict modules mtia named_buffers
    named_children named_modules named_parameters parameters print_readable recompile register_backward_hook
    register_buffer register_forward_hook register_forward_pre_hook register_full_backward_hook
    register_full_backward_pre_hook register_load_state_dict_post_hook register_load_state_dict_pre_hook
    register_module register_parameter register_state_dict_post_hook register_state_dict_pre_hook requires_grad_
    set_extra_state set_submodule share_memory state_dict to to_empty to_folder train type xpu zero_grad
    training heads input_shape frozen_modules meta
    """.split()
)


@functools.lru_cache(maxsize=65536)  # inference checks every name after every edit
def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a module path, or None if it can."""
    if not NAME_RE.match(name):
        return f"name {name!r} is not a dotted Python path like 'features.0' or 'layer1.conv'"
    for part in name.split("."):
        if keyword.iskeyword(part):
            return f"name {name!r} uses the Python keyword {part!r}"
        if part in RESERVED:
            return f"name {name!r} uses {part!r}, which PyTorch modules use for themselves"
        if part.startswith("__"):
            return f"name {name!r} has a part starting with '__', which Python keeps for itself"
    return None


def sanitize(name: str) -> str:
    """A valid name as close to ``name`` as possible."""
    parts = []
    for part in name.split("."):
        part = re.sub(r"\W", "_", part)
        if part.startswith("__"):
            part = part.lstrip("_")
        part = part or "node"
        if part[0].isdigit() and not (part.isdigit() and parts):  # "0" is fine inside a path, not first
            part = f"n{part}"
        if keyword.iskeyword(part) or part in RESERVED:
            part = f"{part}_"
        parts.append(part)
    return ".".join(parts)


def fresh_name(name: str, taken: set[str]) -> str:
    """``name`` made unique: a trailing number counts up (conv1 → conv2), otherwise _2, _3 ... is appended."""
    match = re.search(r"(\d+)$", name)
    if match and match.start() > 0:
        stem, k = name[: match.start()], int(match.group(1)) + 1
        while f"{stem}{k}" in taken:
            k += 1
        return f"{stem}{k}"
    k = 2
    while f"{name}_{k}" in taken:
        k += 1
    return f"{name}_{k}"


def check_names(graph: Graph, diags: list[Diagnostic]) -> None:
    """Bad, duplicate and clashing names (a node's name may not be the parent path of another's)."""
    taken = {n.name for n in graph.nodes.values()}
    suggested: set[str] = set()
    seen: dict[str, str] = {}

    def suggest(name: str) -> str:
        fresh = fresh_name(name, taken | suggested)
        suggested.add(fresh)
        return fresh

    for nid, node in graph.nodes.items():
        name = node.name
        problem = name_problem(name)
        if problem:
            fixed = sanitize(name)
            if fixed in taken or fixed in suggested:
                fixed = suggest(fixed)
            suggested.add(fixed)
            diags.append(Diagnostic(nid, "error", "bad_name", problem, (RenameTo(f"Rename to {fixed}", fixed),)))
        elif name in seen:
            fresh = suggest(name)
            diags.append(
                Diagnostic(
                    nid,
                    "error",
                    "duplicate_name",
                    f"name {name!r} is already used by another node",
                    (RenameTo(f"Rename to {fresh}", fresh),),
                )
            )
        else:
            seen[name] = nid
    parents = {name.rsplit(".", 1)[0] for name in seen if "." in name}
    for prefix in sorted(parents):
        paths = prefix.split(".")
        for depth in range(1, len(paths) + 1):
            parent = ".".join(paths[:depth])
            if parent in seen:
                child = next(n for n in seen if n.startswith(parent + "."))
                fresh = suggest(parent)
                diags.append(
                    Diagnostic(
                        seen.pop(parent),
                        "error",
                        "name_clash",
                        f"name {parent!r} is also the parent path of {child!r}: two modules cannot share it",
                        (RenameTo(f"Rename to {fresh}", fresh),),
                    )
                )
