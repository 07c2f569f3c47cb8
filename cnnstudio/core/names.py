"""Node names: dotted Python paths that become the compiled model's module names (and state_dict keys)."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

from .diagnostics import Diagnostic, RenameTo
from .graph import Graph
from .i18n import language, translate
from .params import shown

NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|[0-9]+))*\Z")  # \Z: "$" would let "x\n" pass

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
    training heads input_shape input_shapes frozen_modules fx_names meta shape_env
    """.split()
    # and the private ones: a layer named _modules or _parameters replaces the module's own registry
    + """
    _apply _backward_hooks _backward_pre_hooks _boxed_call _buffers _call_impl _code _compiled_call_impl
    _create_node_hooks _deepcopy_hooks _deepcopy_init _erase_node_hooks _forward_hooks _forward_hooks_always_called
    _forward_hooks_with_kwargs _forward_pre_hooks _forward_pre_hooks_with_kwargs _get_backward_hooks
    _get_backward_pre_hooks _get_name _graph _is_full_backward_hook _lineno_map _load_from_state_dict
    _load_state_dict_post_hooks _load_state_dict_pre_hooks _maybe_warn_non_full_backward_hook _modules
    _named_members _non_persistent_buffers_set _parameters _prologue_start _recompile_submodules
    _register_create_node_hook _register_deepcopy_hook _register_erase_node_hook _register_load_state_dict_pre_hook
    _register_replace_node_hook _register_state_dict_hook _replace_hooks _replicate_for_data_parallel
    _save_to_state_dict _set_replace_hook _slow_forward _state_dict_hooks _state_dict_pre_hooks _tracer_cls
    _tracer_extras _unregister_create_node_hook _unregister_deepcopy_hook _unregister_erase_node_hook
    _unregister_replace_node_hook _version _wrapped_call _wrapped_call_impl
    """.split()
)


_CACHE_LIMIT = 1 << 18  # names: inference checks every one after every edit; a 100,000-node graph fits
_problems: dict[str, str | None] = {}
_spoken = [""]  # the language the cached problems are written in


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a module path, or None if it can (memoised)."""
    try:
        return _problems[name]
    except KeyError:
        pass
    if len(_problems) >= _CACHE_LIMIT:
        _problems.clear()
    problem = _problems[name] = _name_problem(name)
    return problem


def _name_problem(name: str) -> str | None:
    problem = unsafe_name_problem(name)
    if problem:
        return problem
    for part in name.split("."):
        if part in RESERVED:
            return translate(
                "Diagnostics", "name {name} uses {part!r}, which PyTorch modules use for themselves"
            ).format(name=shown(name), part=part)
    return None


def unsafe_name_problem(name: str) -> str | None:
    """Why ``name`` could not stand in generated code as a module path (the loader refuses these).

    Reserved words like ``train`` are safe there (they only shadow a method), so they are left to the
    ``bad_name`` diagnostic, which offers a rename.
    """
    if not NAME_RE.match(name):
        return translate(
            "Diagnostics", "name {name} is not a dotted Python path like 'features.0' or 'layer1.conv'"
        ).format(name=shown(name))
    for part in name.split("."):
        if keyword.iskeyword(part):
            return translate("Diagnostics", "name {name} uses the Python keyword {part!r}").format(
                name=shown(name), part=part
            )
        if part.startswith("__"):
            return translate(
                "Diagnostics", "name {name} has a part starting with '__', which Python keeps for itself"
            ).format(name=shown(name))
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


class _NameSupply:
    """Fresh names that avoid every taken and every already suggested name, in time linear overall.

    It counts up per stem from where it last stopped, so 10,000 nodes all named "conv" cost 10,000 steps,
    not 10,000² (fresh_name starts from the bottom each time).
    """

    def __init__(self, taken: Iterable[str]):
        self.used = set(taken)
        self.next: dict[str, int] = {}

    def fresh(self, name: str) -> str:
        match = re.search(r"(\d+)$", name)
        if match and match.start() > 0:
            stem, first, pattern = name[: match.start()], int(match.group(1)) + 1, "{}{}"
        else:
            stem, first, pattern = name, 2, "{}_{}"
        key = pattern.format(stem, "")
        k = max(first, self.next.get(key, first))
        while pattern.format(stem, k) in self.used:
            k += 1
        self.next[key] = k + 1
        fresh = pattern.format(stem, k)
        self.used.add(fresh)
        return fresh

    def keep(self, name: str) -> str:
        """``name`` itself if nobody has it yet, else a fresh one."""
        if name in self.used:
            return self.fresh(name)
        self.used.add(name)
        return name


def check_names(graph: Graph, diags: list[Diagnostic]) -> None:
    """Bad, duplicate and clashing names (a node's name may not be the parent path of another's)."""
    if _spoken[0] != language():  # messages are made in the language spoken when they are made
        _problems.clear()
        _spoken[0] = language()
    supply = _NameSupply([n.name for n in graph.nodes.values()])
    seen: dict[str, str] = {}

    for nid, node in graph.nodes.items():
        name = node.name
        problem = name_problem(name)
        if problem:
            fixed = supply.keep(sanitize(name))
            diags.append(
                Diagnostic(
                    nid,
                    "error",
                    "bad_name",
                    problem,
                    (RenameTo(translate("Diagnostics", "Rename to {fixed}").format(fixed=fixed), fixed),),
                )
            )
        elif name in seen:
            fresh = supply.fresh(name)
            diags.append(
                Diagnostic(
                    nid,
                    "error",
                    "duplicate_name",
                    translate("Diagnostics", "name {name} is already used by another node").format(name=shown(name)),
                    (RenameTo(translate("Diagnostics", "Rename to {fresh}").format(fresh=fresh), fresh),),
                )
            )
        else:
            seen[name] = nid
    # every proper prefix of a name, mapped to the first name under it: one pass, no search per clash
    first_child: dict[str, str] = {}
    for name in seen:
        dot = name.find(".")
        while dot != -1:
            first_child.setdefault(name[:dot], name)
            dot = name.find(".", dot + 1)
    for parent in sorted(p for p in first_child if p in seen):
        child = first_child[parent]
        fresh = supply.fresh(parent)
        diags.append(
            Diagnostic(
                seen.pop(parent),
                "error",
                "name_clash",
                translate(
                    "Diagnostics", "name {parent} is also the parent path of {child}: two modules cannot share it"
                ).format(parent=shown(parent), child=shown(child)),
                (RenameTo(translate("Diagnostics", "Rename to {fresh}").format(fresh=fresh), fresh),),
            )
        )
