"""The presets are torchvision's models: same parameter count, same state_dict keys and shapes (a strict
load works), same outputs, and every node's inferred shape equals its real output in that forward.
torchvision models are built with weights=None: nothing is downloaded.

Inputs are as small as each architecture allows (AlexNet and VGG pool adaptively to 6×6 / 7×7, so they do
not need 224×224), batch 1 and one thread, so the whole file runs in well under a minute on two cores.
"""

from __future__ import annotations

import warnings

import pytest
import torch
import torchvision
from preset_forward import assert_shapes_match, node_outputs

from cnnstudio import infer_shapes, presets
from cnnstudio.compiler import compile_model, load_weights

INPUT = {"alexnet": (3, 64, 64), "googlenet": (3, 64, 64)}  # AlexNet needs ≥ 63×63
INPUT |= {n: (3, 32, 32) for n in ("vgg11", "vgg13", "vgg16", "vgg19", "vgg16_bn")}
INPUT |= {n: (3, 64, 64) for n in ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152")}
NUM_CLASSES = 1000


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def torchvision_model(name: str) -> torch.nn.Module:
    kwargs = {}
    if name == "googlenet":  # both auxiliary classifiers; transform_input would rescale the input channels
        kwargs = dict(aux_logits=True, transform_input=False, init_weights=True)
    if name.startswith("vgg"):  # keep PyTorch's default initialisation: VGG's own re-init costs seconds
        kwargs = dict(init_weights=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(torchvision.models, name)(weights=None, num_classes=NUM_CLASSES, **kwargs)


def count(model: torch.nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("name", list(INPUT))
def test_preset_is_the_torchvision_model(name):
    torch.manual_seed(0)
    reference = torchvision_model(name).eval()
    graph = presets.build(name, num_classes=NUM_CLASSES, input_shape=INPUT[name])
    model = compile_model(graph)
    assert count(model) == count(reference)
    assert set(model.state_dict()) == set(reference.state_dict())
    model.load_state_dict(reference.state_dict(), strict=True)
    model.eval()
    x = torch.randn(1, *INPUT[name])
    outputs = node_outputs(graph, model, x)  # the forward, with every node's output recorded
    assert_shapes_match(graph, infer_shapes(graph), outputs)
    with torch.no_grad():
        ours, theirs = model(x), reference(x)
    assert torch.equal(ours, outputs[graph.by_name("output").id])
    assert ours.shape == theirs.shape == (1, NUM_CLASSES)
    torch.testing.assert_close(ours, theirs, rtol=1e-4, atol=1e-5)
    assert ours.abs().max() > 0  # a real comparison, not two zero vectors


def test_googlenet_trains_with_both_auxiliary_heads_like_torchvision():
    """In train mode the model returns (main, aux1, aux2), torchvision (logits, aux2, aux1): same values."""
    torch.manual_seed(0)
    reference = torchvision_model("googlenet")
    model = compile_model(presets.build("googlenet", num_classes=NUM_CLASSES, input_shape=(3, 64, 64)))
    model.load_state_dict(reference.state_dict(), strict=True)
    assert [(h.name, h.auxiliary, h.loss_weight) for h in model.heads] == [
        ("output", False, 1.0),
        ("aux1.output", True, 0.3),
        ("aux2.output", True, 0.3),
    ]
    for net in (model, reference):
        net.train()
        for module in net.modules():  # dropout draws differ between the two; batch norm uses batch statistics
            if isinstance(module, torch.nn.Dropout):
                module.eval()
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        main, aux1, aux2 = model(x)
        theirs = reference(x)
    torch.testing.assert_close(main, theirs.logits, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(aux1, theirs.aux_logits1, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(aux2, theirs.aux_logits2, rtol=1e-4, atol=1e-5)
    assert not torch.allclose(aux1, aux2)  # the two heads are really different branches
    model.eval()
    reference.eval()
    with torch.no_grad():  # evaluation returns the main output alone, as torchvision does
        torch.testing.assert_close(model(x), reference(x), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", ["resnet18", "googlenet"])
def test_head_replaced_preset_loads_the_backbone_of_a_torchvision_checkpoint(name):
    reference = torchvision_model(name)
    model = compile_model(presets.build(name, num_classes=10, input_shape=INPUT[name]))
    report = load_weights(model, reference.state_dict(), name="torchvision")
    heads = {"resnet18": {"fc"}, "googlenet": {"fc", "aux1.fc2", "aux2.fc2"}}[name]
    assert set(report.skipped) == {f"{h}.{p}" for h in heads for p in ("weight", "bias")}
    assert not report.missing and not report.unexpected
    theirs, ours = reference.state_dict(), model.state_dict()
    assert report.matched and all(torch.equal(ours[key], theirs[key]) for key in report.matched)
    assert ours["fc.weight"].shape == (10, theirs["fc.weight"].shape[1])
