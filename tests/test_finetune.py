"""Transfer learning end to end: a torchvision ResNet-18 checkpoint into a 10-class ResNet-18 project, the
replaced head skipped and reported, the backbone frozen, from the Python API and from the command line."""

from __future__ import annotations

import warnings

import pytest
import torch
import torchvision

import cnnstudio
from cnnstudio import presets
from cnnstudio.cli import main
from cnnstudio.compiler import (
    WeightsError,
    backbone_freeze,
    compile_model,
    load_weights,
    prepare_finetune,
    set_num_classes,
)
from cnnstudio.report import summary

HEAD = 512 * 10 + 10  # fc of a 10-class ResNet-18


@pytest.fixture(scope="module")
def torchvision_resnet18():
    torch.manual_seed(0)
    return torchvision.models.resnet18(weights=None).eval()


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory, torchvision_resnet18):
    """A torchvision-format checkpoint: the state_dict of torchvision.models.resnet18, as torch.save writes it."""
    path = tmp_path_factory.mktemp("weights") / "resnet18.pth"
    torch.save(torchvision_resnet18.state_dict(), path)
    return path


def frozen_names(graph) -> set[str]:
    return {node.name for node in graph.nodes.values() if not node.trainable}


def assert_backbone_is_torchvisions(model, reference):
    ours, theirs = model.state_dict(), reference.state_dict()
    for key in theirs:
        if not key.startswith("fc."):
            assert torch.equal(ours[key], theirs[key]), key


# Python API ------------------------------------------------------------------------------------------
def test_api_fine_tune_loads_backbone_skips_head_and_freezes(checkpoint, torchvision_resnet18):
    graph = presets.build("resnet18", num_classes=10)
    before = graph.snapshot()
    tuned = prepare_finetune(graph, checkpoint)
    assert graph.snapshot() == before  # the caller's graph is untouched: the result is a copy

    report = tuned.report
    assert report.skipped == ["fc.weight", "fc.bias"] and len(report.matched) == 120
    assert not report.missing and not report.unexpected
    assert "fc.weight: file 1000×512, model 10×512" in report.summary()

    assert frozen_names(tuned.graph) == {n.name for n in graph.nodes.values()} - {"fc", "output"}
    assert tuned.frozen[0] == "conv1" and tuned.frozen[-1] == "avgpool"
    data = summary(tuned.graph)
    assert (data["trainable_params"], data["frozen_params"]) == (HEAD, 11_181_642 - HEAD)
    assert (tuned.trainable_params, tuned.total_params) == (HEAD, 11_181_642)
    assert "5,130 of 11,181,642 parameters train" in tuned.summary()

    model = tuned.model
    assert {name for name, p in model.named_parameters() if p.requires_grad} == {"fc.weight", "fc.bias"}
    assert_backbone_is_torchvisions(model, torchvision_resnet18)


def test_api_fine_tune_step_trains_the_head_only(checkpoint, torchvision_resnet18):
    model = prepare_finetune(presets.build("resnet18", num_classes=10, input_shape=(3, 32, 32)), checkpoint).model
    fc_before = model.fc.weight.clone()
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
    model.train()
    loss = torch.nn.functional.cross_entropy(model(torch.randn(4, 3, 32, 32)), torch.tensor([0, 1, 2, 3]))
    loss.backward()
    optimizer.step()
    assert not torch.equal(model.fc.weight, fc_before)
    assert_backbone_is_torchvisions(model, torchvision_resnet18)  # weights and batch-norm statistics unchanged


def test_api_replaces_the_head_of_an_imagenet_project(checkpoint):
    graph = presets.build("resnet18")  # 1000 classes: the checkpoint would load completely
    assert load_weights(compile_model(graph), checkpoint).complete
    tuned = prepare_finetune(graph, checkpoint, num_classes=10)
    assert tuned.graph.by_name("fc").params["out_features"] == 10
    assert tuned.report.skipped == ["fc.weight", "fc.bias"]
    assert tuned.trainable_params == HEAD


def test_api_freeze_choices(checkpoint):
    graph = presets.build("resnet18", num_classes=10)
    tuned = prepare_finetune(graph, checkpoint, freeze="layer3.1")
    assert "layer3.1" in frozen_names(tuned.graph) and "layer4.0" not in frozen_names(tuned.graph)
    assert not any(p.requires_grad for p in tuned.model.get_submodule("layer3").parameters())
    assert all(p.requires_grad for p in tuned.model.get_submodule("layer4").parameters())
    tuned = prepare_finetune(graph, checkpoint, freeze=None)
    assert frozen_names(tuned.graph) == set() and tuned.trainable_params == tuned.total_params
    with pytest.raises(ValueError, match="no node named 'layer9'"):
        prepare_finetune(graph, checkpoint, freeze="layer9")


def test_api_complete_match_freezes_nothing(checkpoint):
    tuned = prepare_finetune(presets.build("resnet18"), checkpoint)
    assert tuned.report.complete and tuned.frozen == []
    assert "nothing frozen" in tuned.summary()


def test_api_unrelated_weights_are_an_error(checkpoint):
    with pytest.raises(WeightsError, match="none of its 122 tensors fit the model"):
        prepare_finetune(presets.build("lenet5"), checkpoint)


def test_googlenet_fine_tune_trains_the_three_new_heads():
    torch.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True)
    graph = presets.build("googlenet", num_classes=10, input_shape=(3, 64, 64))
    tuned = prepare_finetune(graph, reference.state_dict())
    trainable = {name.rsplit(".", 1)[0] for name, p in tuned.model.named_parameters() if p.requires_grad}
    assert trainable == {"fc", "aux1.fc2", "aux2.fc2"}


def test_head_edits_undo_exactly(checkpoint):
    graph = presets.build("resnet18")
    before = graph.snapshot()
    edit = set_num_classes(graph, 10)
    edit.apply(graph)
    assert cnnstudio.infer_shapes(graph).info[graph.by_name("output").id].shape == (10,)
    report = load_weights(compile_model(graph), checkpoint)
    freeze = backbone_freeze(graph, report)
    freeze.apply(graph)
    assert len(frozen_names(graph)) == len(graph.nodes) - 2
    freeze.revert(graph)
    edit.revert(graph)
    assert graph.snapshot() == before


def test_set_num_classes_reaches_googlenets_auxiliary_heads():
    graph = presets.build("googlenet")
    set_num_classes(graph, 7).apply(graph)
    result = cnnstudio.infer_shapes(graph)
    for head in ("output", "aux1.output", "aux2.output"):
        assert result.info[graph.by_name(head).id].shape == (7,)
    with pytest.raises(ValueError, match="no Linear layer"):
        set_num_classes(presets.build("autoencoder"), 7)


# command line ------------------------------------------------------------------------------------------
def test_cli_fine_tune_flow(tmp_path, checkpoint, capsys, torchvision_resnet18):
    project, tuned = tmp_path / "resnet18.cnn.json", tmp_path / "tuned.cnn.json"
    assert main(["new", "--preset", "resnet18", "--num-classes", "10", "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["finetune", str(project), "--weights", str(checkpoint), "-o", str(tuned)]) == 0
    out = capsys.readouterr().out
    assert "loaded 120 of the model's 122 tensors" in out
    assert "fc.weight: file 1000×512, model 10×512" in out and "fc.bias: file 1000, model 10" in out
    assert "5,130 of 11,181,642 parameters train" in out

    graph = cnnstudio.load(tuned)
    assert frozen_names(graph) == {n.name for n in graph.nodes.values()} - {"fc", "output"}
    assert graph.meta["weights"] == "tuned.safetensors"
    model = compile_model(graph)
    assert {name for name, p in model.named_parameters() if p.requires_grad} == {"fc.weight", "fc.bias"}
    assert load_weights(model, tmp_path / "tuned.safetensors").complete  # the weights training starts from
    assert_backbone_is_torchvisions(model, torchvision_resnet18)

    assert main(["summary", str(tuned)]) == 0
    assert "trainable 5,130, frozen 11,176,512" in capsys.readouterr().out


def test_cli_replaces_the_head_and_freezes_where_asked(tmp_path, checkpoint, capsys):
    project, tuned = tmp_path / "r.cnn.json", tmp_path / "t.cnn.json"
    assert main(["new", "--preset", "resnet18", "-o", str(project)]) == 0
    args = ["finetune", str(project), "--weights", str(checkpoint), "--num-classes", "10"]
    args += ["--freeze-up-to", "layer4.0", "-o", str(tuned), "--save-weights", str(tmp_path / "w.safetensors")]
    assert main(args) == 0
    graph = cnnstudio.load(tuned)
    assert graph.by_name("fc").params["out_features"] == 10
    assert not graph.by_name("layer4.0").trainable and graph.by_name("layer4.1").trainable
    assert graph.meta["weights"] == "w.safetensors" and (tmp_path / "w.safetensors").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--weights", "{tmp}/missing.pth"], "missing.pth: no such file"),
        (["--weights", "{tmp}/garbage.pth"], "garbage.pth: is neither a safetensors file nor a PyTorch"),
        (["--weights", "{ckpt}", "--freeze-up-to", "layer9"], "no node named 'layer9'"),
        (["--weights", "{ckpt}", "--freeze-up-to", "fc", "--no-freeze"], "not allowed with argument"),
        (["--weights", "{ckpt}", "--num-classes", "1"], "at least 2 classes"),
        (["--weights", "{ckpt}", "--save-weights", "{tmp}/../w.safetensors"], "must be in the folder of"),
    ],
)
def test_cli_bad_input_is_one_line_and_writes_nothing(tmp_path, checkpoint, capsys, extra, message):
    project, tuned = tmp_path / "r.cnn.json", tmp_path / "t.cnn.json"
    assert main(["new", "--preset", "resnet18", "--num-classes", "10", "-o", str(project)]) == 0
    (tmp_path / "garbage.pth").write_bytes(b"not weights")
    args = [a.format(tmp=tmp_path, ckpt=checkpoint) for a in extra]
    capsys.readouterr()
    assert main(["finetune", str(project), *args, "-o", str(tuned)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err
    assert not tuned.exists() and not (tmp_path / "t.safetensors").exists()


def test_cli_refuses_to_overwrite_without_force(tmp_path, checkpoint, capsys):
    project, tuned = tmp_path / "r.cnn.json", tmp_path / "t.cnn.json"
    assert main(["new", "--preset", "resnet18", "--num-classes", "10", "-o", str(project)]) == 0
    (tmp_path / "t.safetensors").write_bytes(b"precious")
    assert main(["finetune", str(project), "--weights", str(checkpoint), "-o", str(tuned)]) == 2
    assert "t.safetensors already exists" in capsys.readouterr().err
    assert (tmp_path / "t.safetensors").read_bytes() == b"precious" and not tuned.exists()
    assert main(["finetune", str(project), "--weights", str(checkpoint), "-o", str(tuned), "--force"]) == 0
