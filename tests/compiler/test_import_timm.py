"""timm's CNN families import as CNN Studio graphs: ``timm:NAME`` builds the model untrained (nothing is
downloaded), the graph loads its state_dict strictly and gives its outputs to 1e-5 relative.

Small inputs (64×64) keep it fast: the layers and weights are those of the 224×224 network.
"""

from __future__ import annotations

import pytest
import torch

from cnnstudio.cli import main
from cnnstudio.compiler.importer import ModuleImportError, check_equal, import_module, load_callable

timm = pytest.importorskip("timm")
pytestmark = pytest.mark.zoo

SHAPE = (3, 64, 64)
# model -> a block type its import must hold (what makes the family import)
FAMILIES = {
    "resnet18": "add",
    "resnet50": "add",
    "efficientnet_b0": "batchnorm_act2d",
    "mobilenetv3_small_100": "hardswish",
    "mobilenetv3_large_100": "batchnorm_act2d",
    "regnetx_002": "batchnorm_act2d",
    "regnety_002": "multiply",
    "convnext_atto": "timm_convnext_block",
}


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize("name", list(FAMILIES))
def test_timm_model_imports_exactly(name):
    torch.manual_seed(0)
    module = load_callable(f"timm:{name}")
    graph = import_module(module, SHAPE, verify=False)
    module.eval()
    with torch.no_grad():
        scale = max(1.0, float(module(torch.randn(2, *SHAPE)).abs().max()))
    diff = check_equal(graph, module, SHAPE)  # strict state_dict load, then outputs
    assert diff <= 1e-5 * scale
    types = {n.type for n in graph.nodes.values()}
    assert FAMILIES[name] in types
    assert "classification_output" in types


def test_timm_block_names_keep_timms_state_dict_keys():
    module = load_callable("timm:efficientnet_b0")
    graph = import_module(module, SHAPE)
    names = {n.name for n in graph.nodes.values()}
    assert {"conv_stem", "bn1", "blocks.1.0.bn1", "conv_head", "bn2", "classifier"} <= names
    bn = next(n for n in graph.nodes.values() if n.name == "bn1")
    assert bn.type == "batchnorm_act2d" and bn.params["activation"] == "silu"


def test_an_op_without_a_block_names_the_op_the_module_path_and_its_class():
    # with drop path, timm's ConvNeXt block is not the block CNN Studio holds whole: traced into, its forward
    # multiplies by the layer-scale parameter, which no block takes
    module = timm.create_model("convnext_atto", pretrained=False, drop_path_rate=0.1)
    with pytest.raises(ModuleImportError) as caught:
        import_module(module, SHAPE)
    message = str(caught.value)
    assert "stages.0.blocks.1.gamma" in message and "'stages.0.blocks.1'" in message and "ConvNeXtBlock" in message
    assert "\n" not in message


def test_timm_drop_path_imports_as_stochastic_depth():
    module = timm.create_model("efficientnet_b0", pretrained=False, drop_path_rate=0.2)
    graph = import_module(module, SHAPE)
    drops = [n for n in graph.nodes.values() if n.type == "stochastic_depth"]
    assert drops and all(n.params["mode"] == "row" and 0 < n.params["p"] < 0.2 for n in drops)
    assert drops[0].name.endswith(".drop_path")


def test_cli_imports_a_timm_model_and_refuses_an_unknown_name(tmp_path, capsys):
    out = tmp_path / "regnet.cnn.json"
    assert main(["import", "timm:regnetx_002", "--input", "3,32,32", "-o", str(out)]) == 0
    assert out.is_file() and (tmp_path / "regnet.safetensors").is_file()
    assert main(["import", "timm:no_such_net", "--input", "3,32,32", "-o", str(tmp_path / "x.cnn.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert "no_such_net" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.cnn.json").exists()
