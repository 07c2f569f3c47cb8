"""Every registered block against real PyTorch: one generic test, so registering a block tests it.

For the block's declared examples and for hypothesis-drawn params and input shapes:
- inferred output shape == the shape of a real forward (batch 2) of the compiled one-block graph;
- inferred parameter count == sum of the built module's parameter sizes;
- inferred MACs == FlopCounterMode's flops / 2 per image. FlopCounterMode counts 2 flops per multiply-add of
  convolutions (regular and transposed, bias excluded), linear layers and matmuls, and nothing for batch norm,
  activations, pooling or adds, which is exactly our MAC convention (torchvision's GFLOPS);
- when inference raises ShapeError, torch fails too, unless the block lists the code in ``stricter_than_torch``.
"""

from __future__ import annotations

import json

import pytest
import torch
from block_strategies import block_params, example_ranks, input_shapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch.utils.flop_counter import FlopCounterMode

import cnnstudio  # noqa: F401  (registers the catalog)
from cnnstudio.compiler.fx_compile import compile_model, function_for
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.composite_edits import expand_composite
from cnnstudio.core.formulas import ShapeError

# torch warns that 'same' with an even kernel copies the input: expected, and what we test
pytestmark = pytest.mark.filterwarnings("ignore:Using padding='same'")

BLOCKS = sorted(REGISTRY, key=lambda b: b.type)
BATCH = 2


def _torch_runs(block, p: dict, ins: list) -> bool:
    """Whether PyTorch accepts these params and input shapes at all (build and forward)."""
    xs = [torch.randn(BATCH, *s) for s in ins]
    try:
        module = block.build(p, ins)
        fn = function_for(block, p) if module is None else module.eval()
        with torch.no_grad():
            fn(*xs)
    except Exception:  # any refusal by torch (ValueError, RuntimeError, ...) is what we want to see
        return False
    return True


def _one_block_model(block, params: dict, ins: list):
    b = GraphBuilder()
    sources = [b.add("input", f"x{i}", shape=list(s)) for i, s in enumerate(ins)]
    nid = b.add(block.type, "layer.0", *sources, **params)
    graph = b.graph
    # the builder sets num_inputs from the input count only when it is not given explicitly
    assert block.input_ports(block.resolve(graph.nodes[nid].params)) == block.input_ports(block.resolve(params))
    return compile_model(graph)


def check_block(block, params: dict, ins: list, expected=None) -> None:
    assert block.check_params(params) == [], "drawn or declared params must be valid"
    p = block.resolve(params)
    assert isinstance(block.subtitle(p), str)
    assert len(block.input_ports(p)) == len(ins)
    try:
        out = block.infer(p, ins)
    except ShapeError as exc:
        assert expected is None, f"declared example raised {exc.code}: {exc.message}"
        assert exc.message and "\n" not in exc.message
        if _torch_runs(block, p, ins):
            assert exc.code in block.stricter_than_torch, (
                f"{block.type} refuses {ins} with {p} ({exc.code}: {exc.message}) but torch runs it; "
                "fix the rule or document it in stricter_than_torch"
            )
        return
    if expected is not None:
        assert out == tuple(expected)
    assert all(isinstance(v, int) and v >= 1 for v in out)
    if block.is_input:
        assert out == tuple(p["shape"])
        return

    model = _one_block_model(block, params, ins).eval()
    xs = [torch.randn(BATCH, *s) for s in ins]
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        y = model(*xs)
    if block.multi_output:  # the loose end returns every piece: one shape per output port
        outs = block.infer_ports(p, ins)
        assert outs[0] == out and len(outs) == len(block.output_ports(p))
        assert [tuple(t.shape) for t in y] == [(BATCH, *o) for o in outs], f"{block.type} {p} on {ins}"
        y = y[0]
    assert tuple(y.shape) == (BATCH, *out), f"{block.type} {p} on {ins}: inferred {out}, torch {tuple(y.shape)}"
    assert block.param_count(p, ins, out) == sum(t.numel() for t in model.parameters())
    assert block.macs(p, ins, out) * 2 * BATCH == counter.get_total_flops()


EXAMPLES = [(block, i, example) for block in BLOCKS for i, example in enumerate(block.examples)]


@pytest.mark.parametrize(("block", "index", "example"), EXAMPLES, ids=[f"{b.type}-{i}" for b, i, _ in EXAMPLES])
def test_declared_examples_match_torch(block, index, example):
    params, ins, expected = example
    check_block(block, params, [tuple(s) for s in ins], expected)


@pytest.mark.parametrize("block", BLOCKS, ids=[b.type for b in BLOCKS])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_drawn_params_match_torch(block, data):
    torch.manual_seed(0)
    params = data.draw(block_params(block), label="params")
    ports = block.input_ports(block.resolve(params))
    ins = data.draw(input_shapes(len(ports), example_ranks(block)), label="input shapes") if ports else []
    check_block(block, params, ins)


@pytest.mark.parametrize("block", BLOCKS, ids=[b.type for b in BLOCKS])
def test_block_is_described(block):
    assert block.label and block.description and block.category
    assert block.examples, "every block declares at least one example for the conformance test"
    for spec in block.params:
        assert spec.help, f"{block.type}.{spec.name} has no help text"
        assert json.loads(json.dumps(spec.to_json()))["default"] == spec.default
    defaults = block.defaults()
    assert block.check_params(defaults) == []
    assert set(defaults) == {spec.name for spec in block.params}
    assert REGISTRY.get(block.type) is block
    for alias in block.aliases:
        assert REGISTRY.canonical(alias) == block.type
    for code, why in block.stricter_than_torch.items():
        assert code and why
    assert isinstance(block.subtitle(defaults), str)


def test_every_non_module_block_has_a_function():
    for block in BLOCKS:
        if block.is_input:
            continue
        example_params, example_ins, _ = block.examples[0]
        p = block.resolve(example_params)
        if block.build(p, [tuple(s) for s in example_ins]) is None:
            assert callable(function_for(block))


COMPOSITE_EXAMPLES = [(b, i, ex) for b, i, ex in EXAMPLES if b.composite]


@pytest.mark.parametrize(
    ("block", "index", "example"), COMPOSITE_EXAMPLES, ids=[f"{b.type}-{i}" for b, i, _ in COMPOSITE_EXAMPLES]
)
def test_composite_expands_to_the_same_model(block, index, example):
    """Expanded into plain parts, a composite compiles to the same state_dict keys and the same outputs."""
    params, ins, _ = example
    b = GraphBuilder()
    x = b.add("input", "x", shape=list(ins[0]))
    nid = b.add(block.type, "layer.0", x, **params)
    graph = b.graph
    collapsed = compile_model(graph.copy())
    expand_composite(graph, nid).apply(graph)
    assert not any(n.type == block.type for n in graph.nodes.values())
    expanded = compile_model(graph)
    assert set(expanded.state_dict()) == set(collapsed.state_dict())
    expanded.load_state_dict(collapsed.state_dict())
    x = torch.randn(BATCH, *ins[0])
    with torch.no_grad():
        torch.testing.assert_close(expanded.eval()(x), collapsed.eval()(x))
