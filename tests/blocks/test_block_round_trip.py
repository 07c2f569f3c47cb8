"""Every block writes itself as code and is read back by the importer: one generic test over the registry.

For each one-input block and each of its declared examples: the exported Python (``Block.code`` /
``forward_code``) loads the compiled weights strictly and gives bit-identical outputs, and importing that
exported module with torch.fx (``torch_modules`` / ``torch_functions``) gives a graph with equal outputs in which
the block appears again (for at least one example: an Upsample-like Interpolate may import as Upsample).
"""

from __future__ import annotations

import importlib.util

import pytest
import torch

import cnnstudio  # noqa: F401  (registers the catalog)
from cnnstudio.compiler import compile_model, import_module, python_source
from cnnstudio.compiler.import_ops import _function_index, _module_index
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder

# imported nn.Identity is a wire, not a node; the others are recognised as themselves
NOT_REIMPORTED = {"identity"}
ONE_INPUT = sorted(
    (b for b in REGISTRY if not b.is_input and not b.is_output and len(b.input_ports(b.defaults())) == 1),
    key=lambda b: b.type,
)


def _graph(block, params, shape):
    b = GraphBuilder()
    x = b.add("input", "input", shape=list(shape))
    b.add(block.type, "layer", x, **params)
    return b.build()


def _load(source: str, tmp_path, name: str):
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Model()


@pytest.mark.parametrize("block", ONE_INPUT, ids=[b.type for b in ONE_INPUT])
def test_block_exports_and_imports_back(block, tmp_path):
    found = set()
    for i, (params, ins, _) in enumerate(block.examples):
        graph = _graph(block, params, ins[0])
        compiled = compile_model(graph).eval()
        exported = _load(python_source(graph), tmp_path, f"{block.type}_{i}").eval()
        exported.load_state_dict(compiled.state_dict(), strict=True)
        x = torch.randn(2, *ins[0])
        with torch.no_grad():
            ours, theirs = exported(x), compiled(x)
        if block.multi_output:  # a loose Split returns all its pieces
            assert isinstance(ours, tuple) and len(ours) == len(theirs) == len(
                block.output_ports(block.resolve(params))
            )
            assert all(torch.equal(a, b) for a, b in zip(ours, theirs))
        else:
            assert torch.equal(ours, theirs)
        imported = import_module(exported, ins[0])  # verifies equal outputs with the exported weights
        found |= {n.type for n in imported.nodes.values()}
    if block.type not in NOT_REIMPORTED:
        assert block.type in found


def test_every_block_can_be_compiled_and_written():
    for block in REGISTRY:
        if block.is_input or block.is_output:  # heads compute nothing: the exported forward returns their input
            continue
        params, ins, _ = block.examples[0]
        p = block.resolve(params)
        if block.build(p, [tuple(s) for s in ins]) is None:
            assert block.function(p) is not None and block.forward_code(p, ["a", "b"][: len(ins)]) is not None
        else:
            call = block.code(p, "in_channels")
            assert call is not None and call.func, f"{block.type} has no Python form"


def test_every_declared_torch_name_exists():
    by_class, by_name = _module_index()
    dotted = {entry for b in REGISTRY for entry in b.torch_modules if "." in entry}
    assert len({f"{c.__module__}.{c.__name__}" for c in by_class}) == len(dotted)
    functions, targets = _function_index()
    assert set(functions) == {name for b in REGISTRY for name in b.torch_functions}
    named = set(targets.values())
    methods = {name for name in functions if hasattr(torch.Tensor, name)}
    assert set(functions) <= named | methods


def test_multi_input_blocks_import_from_torch_idioms():
    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
            self.fc = torch.nn.Conv2d(4, 4, 1)

        def forward(self, x):
            y = self.conv(x)
            gate = torch.sigmoid(self.fc(y.mean((2, 3), keepdim=True)))
            z = gate * y - y  # SE multiply (N×C×1×1 × N×C×H×W), subtract
            many = torch.cat([z, y, z, y, z], 1)  # more than two inputs
            return torch.add(many, many)

    graph = import_module(Net(), (3, 8, 8))
    types = [n.type for n in graph.nodes.values()]
    assert {"multiply", "subtract", "concat", "add"} <= set(types)
    cat = next(n for n in graph.nodes.values() if n.type == "concat")
    assert cat.params["num_inputs"] == 5


def test_exported_helper_classes_are_the_compiled_modules_source():
    """One implementation: the classes a model runs are copied verbatim into its exported file."""
    import inspect

    from cnnstudio.blocks import modules

    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    x = b.add("residual", "layer1", x, planes=8, stride=2)
    x = b.add("inception", "mixed", x, ch1x1=2, ch3x3red=2, ch3x3=2, ch5x5red=2, ch5x5=2, pool_proj=2)
    b.add("convnext_block", "stage", x)
    source = python_source(b.build())
    for name in ("BasicBlock", "downsample", "Inception", "BasicConv2d", "CNBlock", "Permute", "StochasticDepth"):
        assert inspect.getsource(getattr(modules, name)).strip() in source
    assert "Bottleneck" not in source  # only what the design uses
