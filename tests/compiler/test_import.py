"""Import from PyTorch: torchvision's resnet18 and vgg11, functional code, clear errors, the CLI."""

from __future__ import annotations

import textwrap

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from safetensors.torch import load_file
from test_codegen import load_exported

import cnnstudio
from cnnstudio.cli import main
from cnnstudio.compiler import ModuleImportError, compile_model, import_module, python_source
from cnnstudio.core.inference import infer_shapes


def assert_same_outputs(graph, module: nn.Module, shape) -> None:
    """The compiled import, loaded with the module's own state_dict (strict), gives the module's outputs."""
    model = compile_model(graph).eval()
    model.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(2, *shape)
    with torch.no_grad():
        torch.testing.assert_close(model(x), module.eval()(x), rtol=1e-5, atol=1e-5)


def test_torchvision_resnet18_imports_as_residual_blocks():
    module = torchvision.models.resnet18(num_classes=10)
    graph = import_module(module, (3, 32, 32))
    types = {n.name: n.type for n in graph.nodes.values()}
    assert types["layer1.0"] == "residual" and types["layer4.1"] == "residual"
    assert types["avgpool"] == "adaptive_avgpool2d" and types["output"] == "classification_output"
    assert graph.by_name("layer2.0").params == dict(kind="basic", planes=128, stride=2, groups=1, width_per_group=64)
    assert_same_outputs(graph, module, (3, 32, 32))


def test_torchvision_resnet18_traced_into_layers():
    module = torchvision.models.resnet18(num_classes=10)
    graph = import_module(module, (3, 32, 32), composites=False)
    names = {n.name for n in graph.nodes.values()}
    assert {"layer1.0.conv1", "layer1.0.add", "layer1.0.relu_1", "layer2.0.downsample.0"} <= names
    assert_same_outputs(graph, module, (3, 32, 32))
    assert infer_shapes(graph).info[graph.by_name("fc").id].shape == (10,)


def test_torchvision_vgg11_imports_with_its_weights():
    module = torchvision.models.vgg11(num_classes=10)
    graph = import_module(module, (3, 32, 32))
    assert graph.by_name("features.0").type == "conv2d" and graph.by_name("classifier.6").type == "linear"
    assert graph.by_name("flatten").type == "flatten"
    assert_same_outputs(graph, module, (3, 32, 32))


class Functional(nn.Module):
    """The functional idioms people write: F.*, x.view(x.size(0), -1), +=, torch.cat, torch.add, mean."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.skip = nn.Identity()
        self.up = nn.ConvTranspose2d(16, 4, 2, stride=2)
        self.fc = nn.Linear(4 * 8 * 8, 6)
        self.head = nn.Sequential(nn.Linear(4, 6), nn.Dropout(0.1))

    def forward(self, x):
        x = F.relu(self.conv1(x))
        y = self.bn(self.conv2(x))
        y += self.skip(x)
        y = torch.sigmoid(y)
        z = torch.cat([y, F.leaky_relu(x, 0.1)], dim=1)
        z = F.max_pool2d(z, 2)
        z = F.avg_pool2d(z, 3, stride=1, padding=1)
        z = F.interpolate(z, scale_factor=0.5)
        z = self.up(z)
        flat = z.view(z.size(0), -1)
        pooled = z.mean((2, 3))
        return torch.add(self.fc(flat), self.head(pooled)).tanh()


def test_functional_idioms_import():
    module = Functional()
    graph = import_module(module, (3, 16, 16))
    types = sorted(n.type for n in graph.nodes.values())
    for kind in (
        "add",
        "concat",
        "flatten",
        "global_avgpool",
        "leaky_relu",
        "sigmoid",
        "tanh",
        "upsample",
        "avgpool2d",
    ):
        assert kind in types
    assert "skip" not in {n.name for n in graph.nodes.values()}  # nn.Identity passes through
    assert_same_outputs(graph, module, (3, 16, 16))


class WithUnsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.block = nn.Sequential(nn.Conv2d(4, 4, 1), Sine())

    def forward(self, x):
        return self.block(self.conv(x))


class Sine(nn.Module):
    def forward(self, x):
        return torch.sin(x) * 2


def test_unsupported_op_names_the_op_and_where_it_is():
    with pytest.raises(ModuleImportError) as info:
        import_module(WithUnsupported(), (3, 8, 8))
    message = str(info.value)
    assert "torch.sin" in message and "'sin'" in message and "'block.1'" in message
    assert "\n" not in message


def test_unsupported_layer_and_settings_are_named():
    with pytest.raises(ModuleImportError, match=r"nn module torch.nn.modules.rnn.LSTM at fx node 'rnn'"):
        import_module(_lstm_model(), (1, 2, 2))
    reflect = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1, padding_mode="reflect"))
    with pytest.raises(ModuleImportError, match="padding_mode='reflect'.*in module '0'"):
        import_module(reflect, (1, 5, 5))


def _lstm_model():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.LSTM(4, 4)

        def forward(self, x):
            return self.rnn(x.flatten(1))[0]

    return Net()


def test_shared_weights_are_refused():
    class Twice(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(2, 2, 1)

        def forward(self, x):
            return self.conv(self.conv(x))

    with pytest.raises(ModuleImportError, match="'conv' is called 2 times"):
        import_module(Twice(), (2, 4, 4))


def test_imported_graph_is_laid_out_and_exports_back_to_code(tmp_path):
    module = torchvision.models.resnet18(num_classes=10)
    graph = import_module(module, (3, 32, 32), composites=False)
    positions = [n.pos for n in graph.nodes.values()]
    assert len(set(positions)) == len(positions)  # no two nodes on top of each other
    (tmp_path / "r18.py").write_text(python_source(graph))
    code = load_exported(tmp_path / "r18.py", "imported_r18").Model().eval()
    code.load_state_dict(module.state_dict(), strict=True)
    x = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(code(x), module.eval()(x), rtol=1e-5, atol=1e-5)


def test_cli_import_writes_project_and_weights(tmp_path, capsys, monkeypatch):
    (tmp_path / "mynet.py").write_text(
        textwrap.dedent(
            """
            import torch.nn as nn

            class Net(nn.Sequential):
                def __init__(self):
                    super().__init__(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 3))
            """
        )
    )
    monkeypatch.chdir(tmp_path)
    assert main(["import", "mynet:Net", "--input", "1,8,8", "-o", "net.cnn.json"]) == 0
    assert "net.safetensors" in capsys.readouterr().out
    graph = cnnstudio.load(tmp_path / "net.cnn.json")
    names = ["input", "layers.0", "layers.1", "layers.2", "layers.3", "output"]
    assert [n.name for n in graph.nodes.values()] == names  # an nn.Sequential's 0..3 are not project names
    model = compile_model(graph)
    model.load_state_dict(load_file(tmp_path / "net.safetensors"), strict=True)

    assert main(["import", str(tmp_path / "mynet.py") + ":Net", "--input", "1,8,8", "-o", "b.cnn.json"]) == 0
    assert main(["import", "mynet:Missing", "--input", "1,8,8", "-o", "c.cnn.json"]) == 2
    assert "no attribute 'Missing'" in capsys.readouterr().err
    assert main(["import", "mynet:Net", "--input", "1,2,2", "-o", "d.cnn.json"]) == 2  # too small for 3x3
    err = capsys.readouterr().err
    assert "does not run on a 1×2×2 input" in err and len(err.strip().splitlines()) == 1


def test_cli_import_takes_one_input_shape_per_tensor_of_the_forward(tmp_path, capsys, monkeypatch):
    (tmp_path / "twonet.py").write_text(
        textwrap.dedent(
            """
            import torch.nn as nn

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.up = nn.ConvTranspose2d(8, 1, 4)
                    self.down = nn.Conv2d(1, 2, 3)

                def forward(self, z, image):
                    return self.up(z), self.down(image)
            """
        )
    )
    monkeypatch.chdir(tmp_path)
    argv = ["import", "twonet:Net", "--input", "8,1,1", "--input", "1,6,6", "-o", "net.cnn.json"]
    assert main(argv) == 0
    graph = cnnstudio.load(tmp_path / "net.cnn.json")
    inputs = [(n.name, n.type, n.params["shape"]) for n in graph.nodes.values() if n.type.endswith("input")]
    assert inputs == [("z", "latent_input", [8, 1, 1]), ("image", "input", [1, 6, 6])]
    model = compile_model(graph).eval()
    model.load_state_dict(load_file(tmp_path / "net.safetensors"), strict=True)
    fake, verdict = model(torch.randn(2, 8, 1, 1), torch.randn(2, 1, 6, 6))
    assert fake.shape == (2, 1, 4, 4) and verdict.shape == (2, 2, 4, 4)
    capsys.readouterr()

    assert main(["import", "twonet:Net", "--input", "8,1,1", "-o", "one.cnn.json"]) == 2
    err = capsys.readouterr().err
    assert "takes 2 tensors (z, image)" in err and len(err.strip().splitlines()) == 1
    assert main(["import", "twonet:Net", "--input", "8,1,1", "--input", "1,2,2", "-o", "small.cnn.json"]) == 2
    err = capsys.readouterr().err
    assert "does not run on a 8×1×1, 1×2×2 input" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "one.cnn.json").exists() and not (tmp_path / "small.cnn.json").exists()
    assert not (tmp_path / "d.cnn.json").exists() and not (tmp_path / "d.safetensors").exists()
