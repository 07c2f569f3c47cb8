"""Import of the idioms of tutorial nets and modern CNNs: log_softmax, softmax heads, F.pad to match a skip,
interpolate to a size, squeeze-and-excitation gates, n-ary concatenation, and the torchvision mobile nets."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

from cnnstudio.compiler import ModuleImportError, compile_model, import_module, python_source
from cnnstudio.compiler.importer import check_equal


class MnistExample(nn.Module):
    """pytorch/examples mnist/main.py: conv, relu, max_pool2d, dropout, flatten, fc, log_softmax."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, 1)
        self.conv2 = nn.Conv2d(8, 16, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.fc1 = nn.Linear(16 * 12 * 12, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(self.dropout1(x), 1)
        return F.log_softmax(self.fc2(F.relu(self.fc1(x))), dim=1)


class UpBlock(nn.Module):
    """Pytorch-UNet's Up: upsample, pad to the skip's size with F.pad, concatenate, convolve."""

    def __init__(self, channels):
        super().__init__()
        self.up = nn.ConvTranspose2d(channels, channels, 2, stride=2)
        self.conv = nn.Conv2d(2 * channels, channels, 3, padding=1)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        diff_y = x2.size()[2] - x1.size()[2]
        diff_x = x2.size()[3] - x1.size()[3]
        x1 = F.pad(x1, [diff_x // 2, diff_x - diff_x // 2, diff_y // 2, diff_y - diff_y // 2])
        return self.conv(torch.cat([x2, x1], dim=1))


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.inc = nn.Conv2d(3, 4, 3, padding=1)
        self.down = nn.MaxPool2d(2)  # 11 -> 5: up-sampled back to 10, one short of the skip
        self.up = UpBlock(4)
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        a = self.inc(x)
        b = self.down(a)
        y = self.up(b, a)
        y = F.interpolate(y, size=(9, 9), mode="bilinear", align_corners=True)
        return torch.softmax(self.head(y), dim=1)


def _types(graph) -> set[str]:
    return {n.type for n in graph.nodes.values()}


def test_mnist_example_imports_with_log_softmax():
    graph = import_module(MnistExample(), (1, 28, 28))
    assert "log_softmax" in _types(graph)


def test_unet_with_pad_interpolate_and_softmax_imports_and_exports(tmp_path):
    module = TinyUNet().eval()
    graph = import_module(module, (3, 11, 11))  # odd size: the up-sampled map is one short, F.pad fills it
    assert {"pad", "interpolate", "softmax", "concat"} <= _types(graph)
    pad = next(n for n in graph.nodes.values() if n.type == "pad")
    assert [pad.params[k] for k in ("left", "right", "top", "bottom")] == [0, 1, 0, 1]
    path = tmp_path / "unet.py"
    path.write_text(python_source(graph))
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102  (our own export)
    exported = namespace["Model"]().eval()
    exported.load_state_dict(compile_model(graph).state_dict(), strict=True)
    assert check_equal(graph, module, (3, 11, 11)) < 1e-5


def test_split_then_cat_and_chunk_import_as_split_blocks(tmp_path):
    class SplitCat(nn.Module):
        def forward(self, x):
            return torch.cat(torch.split(x, 4, 1), 1)

    graph = import_module(SplitCat(), (8, 4, 4))
    split = graph.by_name("split")
    assert split.params == dict(outputs=2, sizes=[])
    assert sorted(e.src_port for e in graph.out_edges(split.id)) == ["out0", "out1"]

    class Chunked(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 3, 1)

        def forward(self, x):
            a, b = x.split([5, 3], dim=1)
            return torch.cat([self.conv(b), a], 1)

    module = Chunked().eval()
    graph = import_module(module, (8, 4, 4))  # verifies equal outputs
    assert graph.by_name("split").params == dict(outputs=2, sizes=[5, 3])
    conv = graph.by_name("conv")
    assert [e.src_port for e in graph.in_edges(conv.id).values()] == ["out1"]
    path = tmp_path / "chunked.py"
    path.write_text(python_source(graph))
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)  # noqa: S102  (our own export)
    assert "torch.split(x, [5, 3], 1)" in path.read_text()
    exported = namespace["Model"]().eval()
    exported.load_state_dict(compile_model(graph).state_dict(), strict=True)
    assert check_equal(graph, exported, (8, 4, 4)) == 0.0


def test_a_split_it_cannot_hold_is_named_in_one_line():
    class BatchSplit(nn.Module):
        def forward(self, x):
            a, b = x.chunk(2, dim=2)
            return a + b

    with pytest.raises(ModuleImportError, match=r"Tensor.chunk with chunk on dim 2 \(only on channels") as info:
        import_module(BatchSplit(), (8, 4, 4))
    assert "\n" not in str(info.value)


def test_shufflenet_v2_traced_into_layers_imports_exactly_with_split_blocks():
    torch.manual_seed(0)
    module = torchvision.models.shufflenet_v2_x0_5(num_classes=10).eval()
    graph = import_module(module, (3, 32, 32), composites=False)
    assert sum(n.type == "split" for n in graph.nodes.values()) == 13  # every stride-1 unit: 3 + 7 + 3
    assert check_equal(graph, module, (3, 32, 32)) == 0.0


@pytest.mark.parametrize("name", ["mobilenet_v2", "mobilenet_v3_small", "efficientnet_b0"])
def test_torchvision_mobile_nets_import_exactly(name):
    module = getattr(torchvision.models, name)(num_classes=10)
    graph = import_module(module, (3, 32, 32))
    types = _types(graph)
    # each block read back whole (V3's and EfficientNet's with their SE gates inside)
    blocks = {
        "mobilenet_v2": "inverted_residual",
        "mobilenet_v3_small": "mobilenet_v3_block",
        "efficientnet_b0": "mbconv",
    }
    assert blocks[name] in types
    module.eval()
    assert check_equal(graph, module, (3, 32, 32)) == 0.0


def test_densenet_concatenates_many_inputs():
    module = torchvision.models.densenet121(num_classes=10)
    graph = import_module(module, (3, 32, 32), composites=False)  # traced into layers, not dense_block composites
    widest = max(n.params.get("num_inputs", 0) for n in graph.nodes.values() if n.type == "concat")
    assert widest == 25  # the end of denseblock3: its input and the features of its 24 layers


def test_googlenet_imports_with_its_auxiliary_heads():
    module = torchvision.models.googlenet(num_classes=10, aux_logits=True, init_weights=False)
    graph = import_module(module, (3, 64, 64))  # strict weights: aux1.*, aux2.* are in the graph
    heads = [n for n in graph.nodes.values() if n.type == "classification_output"]
    assert sorted(h.params.get("auxiliary", False) for h in heads) == [False, True, True]
    model = compile_model(graph).train()
    outputs = model(torch.randn(2, 3, 64, 64))
    assert len(outputs) == 3 and all(o.shape == (2, 10) for o in outputs)


def test_a_wrong_input_size_names_the_layer_without_an_fx_dump():
    module = torchvision.models.googlenet(num_classes=10, aux_logits=False, init_weights=False)
    with pytest.raises(ModuleImportError, match=r"does not run on a 3×8×8 input: .*\(in '") as info:
        import_module(module, (3, 8, 8))
    assert "node=" not in str(info.value) and "\n" not in str(info.value)


def test_torchvision_channel_shuffle_idiom_imports_as_one_block():
    from torchvision.models.shufflenetv2 import channel_shuffle

    class Shuffled(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 6, 1, groups=3)

        def forward(self, x):
            return channel_shuffle(self.conv(x), 3)

    graph = import_module(Shuffled(), (3, 5, 5))
    shuffle = [n for n in graph.nodes.values() if n.type == "channel_shuffle"]
    assert len(shuffle) == 1 and shuffle[0].params["groups"] == 3
