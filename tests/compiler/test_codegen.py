"""Python code export: a standalone file whose Model loads the compiled state_dict and gives the same outputs."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from cnnstudio import presets
from cnnstudio.compiler import CompileError, compile_model, python_source
from cnnstudio.core.builder import GraphBuilder

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


def load_exported(path: Path, name: str = "exported"):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def assert_same_model(graph, tmp_path: Path, shape, name: str = "exported"):
    """Export, load the compiled weights strictly, compare eval and training outputs; the source."""
    source = python_source(graph)
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    compiled = compile_model(graph)
    exported = load_exported(path, name).Model()
    assert sorted(exported.state_dict()) == sorted(compiled.state_dict())
    exported.load_state_dict(compiled.state_dict(), strict=True)
    x = torch.randn(2, *shape)
    with torch.no_grad():
        compiled.eval(), exported.eval()
        assert torch.equal(compiled(x), exported(x))
        compiled.train(), exported.train()
        torch.manual_seed(1)
        expected = as_tuple(compiled(x))
        torch.manual_seed(1)
        got = as_tuple(exported(x))
    assert len(got) == len(expected)
    for a, b in zip(expected, got):
        assert torch.equal(a, b)
    return source


def ruff_clean(path: Path) -> None:
    """Formatted as ruff formats a fresh project (88 columns) and free of lint findings."""
    assert RUFF, "ruff is a dev dependency"
    fmt = subprocess.run([RUFF, "format", "--isolated", "--diff", str(path)], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    lint = subprocess.run(
        [RUFF, "check", "--isolated", "--select", "E,F,W,I,B,UP", str(path)], capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout


def _catalog_graph():
    """Every kind of container and most block types: Sequential, ModuleList, holder, shared class, aux head."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    x = b.chain(
        x,
        ("conv2d", "stem.0", dict(out_channels=8, kernel_size=3, padding="same", init="kaiming_normal")),
        ("batchnorm2d", "stem.1", dict(eps=1e-3)),
        ("leaky_relu", "stem.2", dict(negative_slope=0.2)),
        ("relu", "extra.0", {}),  # extra.0, extra.2: numbered with a gap -> a plain holder
        ("silu", "extra.2", {}),
    )
    a = b.add("conv2d", "branches.0", x, out_channels=4, kernel_size=1, bias=False)
    c = b.add("conv_bn_relu", "branches.1", x, out_channels=4, kernel_size=3, padding=1)  # not a chain: ModuleList
    x = b.add("concat", "cat", a, c)
    r = b.add("residual", "res", x, planes=8)
    x = b.add("add", "sum", r, x)
    x = b.add("inception", "mixed", x, ch1x1=2, ch3x3red=2, ch3x3=4, ch5x5red=2, ch5x5=2, pool_proj=2, ch5x5_kernel=5)
    for name, src in (("aux1", x), ("aux2", r)):  # same layers, different input widths: one class
        b.chain(
            src,
            ("adaptive_avgpool2d", f"{name}.pool", dict(output_size=2)),
            ("conv2d", f"{name}.conv", dict(out_channels=4, kernel_size=1)),
            ("flatten", f"{name}.flatten", {}),
            ("linear", f"{name}.fc", dict(out_features=5)),
            ("classification_output", f"{name}.output", dict(auxiliary=True, loss_weight=0.3)),
        )
    x = b.chain(
        x,
        ("upsample", "up", dict(scale_factor=2.0, mode="bilinear")),
        ("conv_transpose2d", "deconv", dict(out_channels=6, kernel_size=4, stride=2, padding=1, bias=False)),
        ("maxpool2d", "pool1", dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)),
        ("avgpool2d", "pool2", dict(kernel_size=2, stride=2, count_include_pad=False)),
        ("gelu", "act", {}),
        ("global_avgpool", "gap", {}),
        ("linear", "head.0", dict(out_features=12)),
        ("batchnorm1d", "head.1", {}),
        ("tanh", "head.2", {}),
        ("dropout", "head.3", dict(p=0.25)),
        ("linear", "head.4", dict(out_features=5)),
        ("sigmoid", "head.5", {}),
        ("classification_output", "output", {}),
    )
    return b.build()


def test_catalog_graph_round_trips_and_reads_well(tmp_path):
    source = assert_same_model(_catalog_graph(), tmp_path, (3, 16, 16))
    assert "cnnstudio" not in source.split('"""', 2)[2]  # nothing but torch after the docstring
    assert 'nn.init.kaiming_normal_(\n            self.stem[0].weight, mode="fan_out"' in source
    assert "self.stem = nn.Sequential(" in source and "x = self.stem(x)  # N x 8 x 16 x 16" in source
    assert "self.branches = nn.ModuleList(\n            [\n" in source
    assert 'self.extra.add_module("2", nn.SiLU())' in source
    assert "self.aux1 = Aux(10)" in source and "self.aux2 = Aux(8)" in source  # one class, two widths
    assert source.count("class Aux(nn.Module)") == 1
    assert "Inception(8, 2, 2, 4, 2, 2, 2, ch5x5_kernel=5)" in source
    assert (
        "if self.training:\n            aux1 = self.aux1(mixed)  # N x 5\n            aux2 = self.aux2(res)" in source
    )
    assert "            return x, aux1, aux2\n        return x\n" in source  # training: (main, aux...)
    ruff_clean(tmp_path / "exported.py")


def test_shape_comments_follow_inference(tmp_path):
    source = python_source(presets.build("resnet18"))
    assert "x = self.conv1(x)  # N x 64 x 112 x 112" in source
    assert "x = self.layer1(x)  # N x 64 x 56 x 56" in source
    assert "x = self.layer4(x)  # N x 512 x 7 x 7" in source
    assert "x = self.fc(x)  # N x 1000" in source
    assert "BasicBlock(64, 128, stride=2),  # N x 128 x 28 x 28" in source


def test_graph_with_errors_is_not_exported():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 4, 4])
    b.add("conv2d", "conv", x, out_channels=2, kernel_size=7)
    with pytest.raises(CompileError, match="conv"):
        python_source(b.build())


STANDALONE = ["resnet18", "googlenet", "unet_small"]
SMALL = {"resnet18": (3, 32, 32), "googlenet": (3, 32, 32), "unet_small": (1, 32, 32)}

CHILD = textwrap.dedent(
    """
    import runpy, sys
    sys.modules["cnnstudio"] = None  # the exported file must not need it
    import torch
    from safetensors.torch import load_file, save_file
    module = runpy.run_path(sys.argv[1], run_name="__main__")  # its demo block runs too
    model = module["Model"]()
    model.load_state_dict(load_file(sys.argv[2]), strict=True)
    model.eval()
    with torch.no_grad():
        y = model(load_file(sys.argv[3])["x"])
    save_file({"y": y}, sys.argv[4])
    """
)


# every other preset's code is checked with its ONNX and .pt2 exports in test_export.py (one compile each)
def small_shape(name: str) -> tuple[int, ...]:
    """A small input the preset accepts: fast tests, same layers."""
    shape = presets.registry.get(name).input_shape
    if shape[-1] <= 64:
        return shape
    return (3, 64, 64) if name == "alexnet" else (3, 32, 32)


@pytest.mark.parametrize("name", STANDALONE)
def test_exported_preset_runs_in_a_fresh_interpreter(name, tmp_path):
    assert name in presets.names()
    graph = presets.build(name, input_shape=SMALL[name])
    path = tmp_path / f"{name}.py"
    path.write_text(python_source(graph))
    ruff_clean(path)
    model = compile_model(graph).eval()
    save_file(model.state_dict(), tmp_path / "w.safetensors")
    x = torch.randn(2, *SMALL[name])
    save_file({"x": x}, tmp_path / "x.safetensors")
    args = [
        str(path),
        str(tmp_path / "w.safetensors"),
        str(tmp_path / "x.safetensors"),
        str(tmp_path / "y.safetensors"),
    ]
    run = subprocess.run([sys.executable, "-I", "-c", CHILD, *args], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "torch.Size([2" in run.stdout  # the file's own demo ran
    with torch.no_grad():
        assert torch.equal(load_file(tmp_path / "y.safetensors")["y"], model(x))
