"""ONNX import (onnx2torch + the fx importer): CNN Studio's own exports come back with equal outputs, through
the API and the CLI; an op without a converter or without a block is named in one line.

Exports are slow (torch.export + onnxscript), so one small network covers what the presets' ONNX files hold
(a reshape to a constant shape, an opset-18 mean, hard sigmoid, a split, a channel shuffle, batch norm folded
into convolutions); bench/onnx_round_trip.py takes every preset through the same path.
"""

from __future__ import annotations

import json

import onnx
import pytest
import torch
from onnx import TensorProto, helper

from cnnstudio import load
from cnnstudio.cli import main
from cnnstudio.compiler import ModuleImportError, compile_model, import_onnx, read_state_dict
from cnnstudio.compiler.export import export_onnx
from cnnstudio.compiler.importer import imported_state_dict
from cnnstudio.core.builder import GraphBuilder


def _network():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 12, 12])
    x = b.chain(
        x,
        ("conv2d", "stem.0", dict(out_channels=8, kernel_size=3, padding=1, bias=False)),
        ("batchnorm2d", "stem.1", {}),
        ("hardswish", "stem.2", {}),
    )
    split = b.add("split", "unit.split", x, outputs=2)
    branch = b.chain(
        (split, "out1"),
        ("conv2d", "unit.conv", dict(out_channels=4, kernel_size=1)),
        ("hardsigmoid", "unit.gate", {}),
    )
    x = b.add("concat", "unit.cat", (split, "out0"), branch)
    x = b.add("channel_shuffle", "unit.shuffle", x, groups=2)
    x = b.chain(x, ("conv2d", "head.conv", dict(out_channels=6, kernel_size=3, stride=2)), ("flatten", "flatten", {}))
    x = b.add("linear", "fc", x, out_features=5)
    b.add("classification_output", "output", x)
    return b.build()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    torch.manual_seed(0)
    model = compile_model(_network()).eval()
    with torch.no_grad():  # batch norm with statistics of its own, so folding it into the conv changes numbers
        bn = model.get_submodule("stem.1")
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 2.0)
    path = tmp_path_factory.mktemp("onnx") / "net.onnx"
    export_onnx(model, path)
    return model, path


def test_own_export_imports_back_with_equal_outputs(exported):
    model, path = exported
    graph, module = import_onnx(path)  # verifies the graph against the converted module
    types = [n.type for n in graph.nodes.values()]
    assert {"split", "channel_shuffle", "hardsigmoid", "flatten", "linear", "classification_output"} <= set(types)
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    x = torch.randn(3, 3, 12, 12)  # another batch size than the export's: the batch stays dynamic
    with torch.no_grad():
        torch.testing.assert_close(imported(x), model(x), rtol=1e-4, atol=1e-5)


def test_cli_imports_an_onnx_file_with_its_weights(exported, tmp_path, capsys):
    model, path = exported
    out = tmp_path / "net.cnn.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    graph = load(out)
    assert json.loads(out.read_text())["meta"]["imported_from"] == "net.onnx"
    imported = compile_model(graph).eval()
    imported.load_state_dict(read_state_dict(tmp_path / graph.meta["weights"]), strict=True)
    x = torch.randn(2, 3, 12, 12)
    with torch.no_grad():
        torch.testing.assert_close(imported(x), model(x), rtol=1e-4, atol=1e-5)
    assert "wrote" in capsys.readouterr().out


def _model(op: str, path, **attrs) -> None:
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 4, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 4, 4])
    graph = helper.make_graph([helper.make_node(op, ["x"], ["y"], **attrs)], "g", [x], [y])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)


def test_an_op_without_converter_or_block_is_named_in_one_line(tmp_path, capsys):
    _model("Hardmax", tmp_path / "hardmax.onnx")
    with pytest.raises(ModuleImportError, match=r"the ONNX op Hardmax \(opset 13\) has no converter") as info:
        import_onnx(tmp_path / "hardmax.onnx")
    assert "\n" not in str(info.value)

    _model("Sin", tmp_path / "sin.onnx")  # onnx2torch converts it, CNN Studio has no block for a sine
    assert main(["import", str(tmp_path / "sin.onnx"), "-o", str(tmp_path / "sin.cnn.json")]) == 2
    err = capsys.readouterr().err
    assert "sin" in err and "has no CNN Studio block" in err and err.count("\n") == 1
    assert not (tmp_path / "sin.cnn.json").exists()


def test_a_file_that_is_not_onnx_or_leaves_its_size_open(tmp_path, capsys):
    (tmp_path / "fake.onnx").write_bytes(b"\x00not a protobuf\xff" * 10)
    assert main(["import", str(tmp_path / "fake.onnx"), "-o", str(tmp_path / "a.cnn.json")]) == 2
    assert "is not an ONNX model" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.onnx"), "-o", str(tmp_path / "b.cnn.json")]) == 2
    assert "missing.onnx" in capsys.readouterr().err

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, "h", "w"])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3, "h", "w"])
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "g", [x], [y])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), tmp_path / "open.onnx")
    with pytest.raises(ModuleImportError, match="give it with --input C,H,W"):
        import_onnx(tmp_path / "open.onnx")
    graph, _ = import_onnx(tmp_path / "open.onnx", (3, 5, 7))
    assert [n.type for n in graph.nodes.values()] == ["input", "relu", "reconstruction_output"]
    assert main(["import", "torchvision.models:resnet18", "-o", str(tmp_path / "c.cnn.json")]) == 2
    assert "--input C,H,W is required" in capsys.readouterr().err


def test_an_exported_detector_imports_back_with_its_decoder(tmp_path):
    # the decoder's thirty ops (TopK, GatherElements, opset-18 Pad, opset-16 GreaterOrEqual) become its block
    from cnnstudio import presets

    torch.manual_seed(0)
    project = presets.build("det_small")
    model = compile_model(project).eval()
    export_onnx(model, tmp_path / "det.onnx")
    graph, module = import_onnx(tmp_path / "det.onnx")
    (want_out,) = [n for n in project.nodes.values() if n.type == "detection_output"]
    (got_out,) = [n for n in graph.nodes.values() if n.type == "detection_output"]
    for key in ("num_classes", "max_detections", "score_threshold"):
        assert got_out.params[key] == pytest.approx(want_out.params[key])
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    x = torch.randn(3, *model.input_shape)
    with torch.no_grad():  # both sides run torch's topk, so tied peaks come in the same order
        torch.testing.assert_close(imported(x), model(x), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("size", [1, 6])
def test_adaptive_pooling_exported_as_a_gather_imports_back_as_the_pool(tmp_path, size):
    # a 1x1 map pooled to 3x3 (AlexNet/VGG at small inputs: every output repeats the cell) and 6x6 to 3x3
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 2 * size, 2 * size])
    x = b.chain(
        x,
        ("conv2d", "conv", dict(out_channels=4, kernel_size=2, stride=2)),
        ("adaptive_avgpool2d", "pool", dict(output_size=3)),
        ("flatten", "flatten", {}),
    )
    b.add("classification_output", "output", b.add("linear", "fc", x, out_features=5))
    torch.manual_seed(0)
    model = compile_model(b.build()).eval()
    export_onnx(model, tmp_path / "pool.onnx")
    graph, module = import_onnx(tmp_path / "pool.onnx")
    types = [n.type for n in graph.nodes.values()]
    # 6x6 to 3x3 is exported as a 2x2 average pool of stride 2: the same function, and it comes back as that
    assert ("adaptive_avgpool2d" if size == 1 else "avgpool2d") in types, types
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    x = torch.randn(3, *model.input_shape)
    with torch.no_grad():
        torch.testing.assert_close(imported(x), model(x), rtol=1e-4, atol=1e-5)


def test_a_division_by_a_constant_traces(tmp_path):
    # onnx2torch's Div branches on the operands' dtype, which fx cannot trace (ConvNeXt's GELU divides by √2);
    # a float constant settles it, so the refusal now names what has no block instead of a trace failure
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 4, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 4, 4])
    two = onnx.numpy_helper.from_array(torch.tensor(2.0).numpy(), "two")
    nodes = [helper.make_node("Relu", ["x"], ["r"]), helper.make_node("Div", ["r", "two"], ["y"])]
    graph = helper.make_graph(nodes, "g", [x], [y], [two])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), tmp_path / "div.onnx")
    with pytest.raises(ModuleImportError, match="has no CNN Studio block") as info:
        import_onnx(tmp_path / "div.onnx")
    assert "trace" not in str(info.value)


def test_a_gan_with_two_inputs_imports_back_with_an_input_block_each(tmp_path):
    """The dcgan preset's export takes the noise and an image: each ONNX input becomes an Input of its file size."""
    from cnnstudio import presets

    torch.manual_seed(0)
    model = compile_model(presets.build("dcgan")).eval()
    path = tmp_path / "gan.onnx"
    export_onnx(model, path)
    graph, module = import_onnx(path)
    shapes = sorted(n.params["shape"] for n in graph.nodes.values() if n.type in ("input", "latent_input"))
    assert shapes == [[1, 28, 28], [100, 1, 1]]
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    z, x = torch.randn(3, 100, 1, 1), torch.randn(3, 1, 28, 28)
    with torch.no_grad():
        for got, want in zip(imported(z, x), model(z, x), strict=True):
            torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-5)
