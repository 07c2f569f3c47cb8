"""The block contract and the registry every other part (palette, inspector, files, tests) reads from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from .formulas import Shape, ShapeError
from .i18n import translate
from .params import Param, shown

CATEGORIES = (
    "Input",
    "Convolution",
    "Pooling",
    "Dense",
    "Normalization",
    "Activation",
    "Merge",
    "Composite",
    "Generative",
    "Output",
)


# What an output head is trained as; the engine picks its training loop from the roles of a graph's outputs.
OUTPUT_ROLES = ("classification", "reconstruction", "detection", "generated_image", "real_fake")
# Where an input's values come from: the data set, or sampled noise (a generator's latent vector).
INPUT_ROLES = ("data", "latent")


# The rank error every block raises through ``need_rank``; shown through the blocks' catalogue (these texts are
# marked for translation in cnnstudio/blocks/messages.py, context "BlockErrors").
RANK_MESSAGE = "expects {what}, got {shape}"
RANK_IMAGE = "a C×H×W tensor"
RANK_SCALAR = "a scalar"

# The shared reason spatial blocks refuse a rank mismatch that torch would run.
RANK_STRICTER = {
    "rank": "PyTorch reads a batched C×L tensor as one unbatched image (the batch becomes the channels), "
    "so it may run, with nonsense; a rank mismatch is always a wiring mistake",
}


@dataclass(frozen=True)
class Part:
    """One plain block inside an expanded composite.

    ``name`` is relative to the composite's name (``conv1``, ``downsample.0``); ``inputs`` gives, per input
    port in order, the part that feeds it ("split:out1" for one output of a multi-output part), or "" for the
    composite's own input.
    """

    name: str
    type: str
    params: dict
    inputs: tuple[str, ...] = ("",)


class Block:
    """One block type. Subclasses declare ports and params and give ``infer`` as a pure formula.

    ``build`` returns an ``nn.Module`` (or None for blocks the compiler emits as a function call)
    and imports torch lazily, so the registry itself stays torch-free.
    """

    type: ClassVar[str]
    label: ClassVar[str]
    category: ClassVar[str]
    description: ClassVar[str] = ""
    name_prefix: ClassVar[str] = "node"
    aliases: ClassVar[tuple[str, ...]] = ()
    params: ClassVar[tuple[Param, ...]] = ()
    composite: ClassVar[bool] = False
    # several output ports (output_ports/infer_ports): each wire names the port it leaves
    multi_output: ClassVar[bool] = False
    is_output: ClassVar[bool] = False
    is_input: ClassVar[bool] = False
    # outputs: one of OUTPUT_ROLES; inputs: one of INPUT_ROLES; None for every other block
    role: ClassVar[str | None] = None
    # the output must have the Input's shape (a reconstruction, compared with the input image)
    matches_input: ClassVar[bool] = False
    # (params, input shapes, expected output shape): checked against torch by the conformance test.
    examples: ClassVar[tuple[tuple[dict, list, tuple], ...]] = ()
    # Error codes this block raises although PyTorch would run: code -> why we refuse anyway. The
    # conformance test holds every other ShapeError to "torch fails too".
    stricter_than_torch: ClassVar[dict[str, str]] = {}
    # more words the palette's search finds this block by ("swish" for SiLU, "skip" for Add)
    keywords: ClassVar[tuple[str, ...]] = ()
    # the output has as many channels as the input: an exported class's in_channels reaches through it
    keeps_channels: ClassVar[bool] = False
    # What the fx importer turns into this block: nn.Module classes as dotted paths ("torch.nn.ReLU") or, for
    # composites, bare class names matched by name ("BasicBlock"); function and tensor-method names ("relu",
    # "cat", "__add__") looked up in torch, torch.nn.functional, torch.Tensor and operator.
    torch_modules: ClassVar[tuple[str, ...]] = ()
    torch_functions: ClassVar[tuple[str, ...]] = ()

    # ports -------------------------------------------------------------------------------
    @classmethod
    def input_ports(cls, p: dict) -> tuple[str, ...]:
        return ("in",)

    @classmethod
    def output_ports(cls, p: dict) -> tuple[str, ...]:
        """The outputs a wire can leave from: ("out",) for every block but those with several (a Split's out0…)."""
        return ("out",)

    # formulas ------------------------------------------------------------------------------
    @classmethod
    def infer(cls, p: dict, ins: list[Shape]) -> Shape:
        """Output shape (no batch dim) for these params and input shapes, or raise ShapeError."""
        raise NotImplementedError

    @classmethod
    def infer_ports(cls, p: dict, ins: list[Shape]) -> tuple[Shape, ...]:
        """The shape of each output port, in ``output_ports`` order; ``infer`` gives the first (its summary)."""
        return (cls.infer(p, ins),)

    @classmethod
    def param_count(cls, p: dict, ins: list[Shape], out: Shape) -> int:
        return 0

    @classmethod
    def macs(cls, p: dict, ins: list[Shape], out: Shape) -> int:
        """Multiply-accumulates per image of convolutions (also transposed) and dense layers.

        Bias additions, batch norm, activations, pooling and merges count nothing: torchvision's GFLOPS
        convention, and exactly torch.utils.flop_counter.FlopCounterMode's flops / 2 (the conformance test).
        """
        return 0

    @classmethod
    def receptive_layers(cls, p: dict) -> tuple[tuple[int, int, int, int, int, int], ...] | None:
        """The longest path of windows inside this block, as (kh, kw, sh, sw, dh, dw) each.

        () means element-wise (receptive field unchanged); None means every output sees the
        whole input (dense layers, global pooling).
        """
        return ()

    @classmethod
    def warnings(
        cls, p: dict, ins: list[Shape], jump: tuple[int, int], image_hw: tuple[int, int] | None
    ) -> tuple[tuple[str, str], ...]:
        """(code, message) warnings about a shape that is valid but likely wrong; ``jump`` is the effective stride."""
        return ()

    @classmethod
    def subtitle(cls, p: dict) -> str:
        """A short summary of the params for the canvas ("3×3 /2 · 64")."""
        return ""

    @classmethod
    def expand(cls, p: dict, in_shape: Shape) -> list[Part] | None:
        """The parts a composite block is made of, the output last; None for blocks that are not composites.

        Parts named like the built module's submodules give the expanded graph identical state_dict keys.
        """
        return None

    @classmethod
    def collapse(cls, parts: dict[str, Part]) -> dict | None:
        """A guess of the params whose expansion gives ``parts`` (checked by re-expanding), or None."""
        return None

    @classmethod
    def collapse_on(cls, parts: dict[str, Part], in_shape: Shape) -> dict | None:
        """``collapse`` for blocks whose params depend on the input too (an expansion ratio of its channels)."""
        return cls.collapse(parts)

    @classmethod
    def build(cls, p: dict, ins: list[Shape]) -> Any:
        """The torch module for this node, or None if the compiler emits a function call."""
        return None

    # module-less blocks (build() returns None) -------------------------------------------------
    @classmethod
    def function(cls, p: dict) -> Any:
        """The torch function (batch dim first) a module-less block computes, or None."""
        return None

    @classmethod
    def emit(cls, p: dict, call, args: list) -> Any:
        """Add this module-less block to a torch.fx graph: ``call(function, args)`` adds one call node.

        Blocks override it to emit plain torch calls (``torch.cat``, ``operator.add``) so the compiled
        model's code reads like hand-written PyTorch.
        """
        return call(cls.function(p), tuple(args))

    # code export ---------------------------------------------------------------------------
    @classmethod
    def code(cls, p: dict, in_channels: str) -> Any:
        """The constructor call (a ``cnnstudio.blocks.code.Call``) of this node's module in exported source.

        ``in_channels`` is a literal or the enclosing class's parameter name. None: no Python form.
        """
        return None

    @classmethod
    def init_code(cls, p: dict, path: str) -> list[tuple[str, list[str]]]:
        """Calls (function, arguments) that initialise the module at ``path`` after construction."""
        return []

    @classmethod
    def forward_code(cls, p: dict, args: list[str]) -> str | None:
        """The forward expression of a module-less block, given its inputs' variable names."""
        return None

    # import from PyTorch (torch.fx) -----------------------------------------------------------
    @classmethod
    def from_module(cls, m: Any, inputs: list) -> Any:
        """The ``Step`` (see ``cnnstudio.blocks.importing``) for a module listed in ``torch_modules``.

        None when this instance is not one (a differently built BasicBlock); raises ``Unsupported`` naming
        the setting this block cannot represent.
        """
        return None

    @classmethod
    def from_call(cls, node: Any, name: str) -> Any:
        """The ``Step`` for an fx call_function / call_method node of op ``name`` (one of ``torch_functions``).

        None when this block does not take this call; raises ``Unsupported`` for a setting it cannot represent.
        """
        return None

    # helpers -------------------------------------------------------------------------------
    @classmethod
    def param(cls, name: str) -> Param:
        for spec in cls.params:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @classmethod
    def defaults(cls) -> dict:
        return {spec.name: _copy(spec.default) for spec in cls.params}

    @classmethod
    def resolve(cls, params: dict) -> dict:
        """Params with defaults filled in for missing keys."""
        if len(params) == len(cls.params):
            return params
        full = cls.defaults()
        full.update(params)
        return full

    @classmethod
    def check_params(cls, params: dict) -> list[str]:
        """Reasons the params are invalid (unknown keys, wrong types, out of range)."""
        problems = []
        known = {spec.name for spec in cls.params}
        for key in params:
            if key not in known:
                problems.append(translate("Diagnostics", "unknown parameter {key}").format(key=shown(key)))
        for spec in cls.params:
            if spec.name in params:
                reason = spec.check(params[spec.name])
                if reason:
                    problems.append(reason)
        return problems

    @staticmethod
    def need_rank(ins: list[Shape], rank: int, what: str | None = None) -> Shape:
        """The only input's shape, or a ShapeError when it is not of ``rank`` (``what``: the rank in words)."""
        shape = ins[0]
        if len(shape) != rank:
            what = what if what is not None else translate("BlockErrors", RANK_IMAGE)
            shown = "×".join(str(v) for v in shape) if shape else translate("BlockErrors", RANK_SCALAR)
            raise ShapeError("rank", translate("BlockErrors", RANK_MESSAGE).format(what=what, shape=shown))
        return shape


def _copy(value):
    return list(value) if isinstance(value, list) else value


class Registry:
    """Block types by their saved ``type`` string (and old names, as aliases)."""

    def __init__(self) -> None:
        self._blocks: dict[str, type[Block]] = {}
        self._aliases: dict[str, str] = {}

    def register(self, block: type[Block]) -> type[Block]:
        if block.type in self._blocks or block.type in self._aliases:
            raise ValueError(f"block type {block.type!r} registered twice")
        if block.category not in CATEGORIES:
            raise ValueError(f"{block.type}: unknown category {block.category!r}")
        self._blocks[block.type] = block
        for alias in block.aliases:
            self._aliases[alias] = block.type
        return block

    def canonical(self, type_name: str) -> str | None:
        """The current type string for a type or alias, None if unknown."""
        if type_name in self._blocks:
            return type_name
        return self._aliases.get(type_name)

    def find(self, type_name: str) -> type[Block] | None:
        """The block class for a type or alias, None if unknown."""
        block = self._blocks.get(type_name)
        if block is None:
            canonical = self._aliases.get(type_name)
            block = self._blocks.get(canonical) if canonical else None
        return block

    def get(self, type_name: str) -> type[Block]:
        canonical = self.canonical(type_name)
        if canonical is None:
            raise KeyError(f"unknown block type {type_name!r}")
        return self._blocks[canonical]

    def __contains__(self, type_name: str) -> bool:
        return self.canonical(type_name) is not None

    def __iter__(self):
        return iter(self._blocks.values())

    def __len__(self) -> int:
        return len(self._blocks)

    def by_category(self) -> dict[str, list[type[Block]]]:
        out: dict[str, list[type[Block]]] = {c: [] for c in CATEGORIES}
        for block in self._blocks.values():
            out[block.category].append(block)
        return out


REGISTRY = Registry()


def register(block: type[Block]) -> type[Block]:
    """Class decorator: add a block type to the global registry."""
    return REGISTRY.register(block)
