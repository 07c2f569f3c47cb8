import pytest
import torch
import torch.nn.functional as F

import cnnstudio
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.insight import InsightError, top_predictions

from .graphs import branching_graph


def _two_detector_model():
    """Class 0 = mean of feature channel 0, class 1 = mean of channel 1; each channel sees one image channel."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[2, 16, 16])
    x = b.add("conv2d", "feat", x, out_channels=2, kernel_size=2, stride=2, bias=False)  # 2 × 8 × 8
    x = b.add("global_avgpool", "gap", x)
    x = b.add("linear", "fc", x, out_features=2, bias=False)
    b.add("classification_output", "output", x)
    model = cnnstudio.compile_model(b.build())
    with torch.no_grad():
        model.feat.weight.zero_()
        model.feat.weight[0, 0] = 0.25  # 2×2 average of image channel 0
        model.feat.weight[1, 1] = 0.25
        model.fc.weight.copy_(torch.eye(2))
    return model


def _image():
    """A bright square top-left in channel 0 and a dimmer one bottom-right in channel 1."""
    image = torch.zeros(2, 16, 16)
    image[0, 2:6, 2:6] = 1.0
    image[1, 10:14, 10:14] = 0.5
    return image


def _expected(model, image, channel):
    feat = model.feat(image[None])[0, channel].detach()
    up = F.interpolate(feat[None, None], size=(16, 16), mode="bilinear", align_corners=False)[0, 0]
    return up / up.max()


def test_the_heat_map_is_the_channel_the_class_depends_on():
    model, image = _two_detector_model(), _image()
    cam0 = cnnstudio.grad_cam(model, image, "feat", target_class=0)
    cam1 = cnnstudio.grad_cam(model, image, "feat", target_class=1)
    assert cam0.shape == (16, 16) and cam0.dtype == torch.float32
    torch.testing.assert_close(cam0, _expected(model, image, 0))
    torch.testing.assert_close(cam1, _expected(model, image, 1))
    assert cam0[:8, :8].max() == 1.0 and cam0[8:, 8:].max() == 0.0  # class 0 lives top-left
    assert cam1[8:, 8:].max() == 1.0 and cam1[:8, :8].max() == 0.0


def test_no_target_explains_the_predicted_class():
    model, image = _two_detector_model(), _image()
    assert top_predictions(model, image, k=1)[0].index == 0  # the brighter square wins
    torch.testing.assert_close(cnnstudio.grad_cam(model, image, "feat"), _expected(model, image, 0))
    image[1] *= 4  # now the bottom-right square is brighter
    torch.testing.assert_close(cnnstudio.grad_cam(model, image, "feat"), _expected(model, image, 1))


def test_top_predictions_are_softmax_probabilities_in_order():
    model, image = _two_detector_model(), _image()
    preds = top_predictions(model, image, k=5, labels=["top-left", "bottom-right"])
    assert [p.label for p in preds] == ["top-left", "bottom-right"]  # k larger than the class count
    scores = model(image[None])[0].detach()
    probs = torch.softmax(scores, 0)
    assert preds[0].probability == pytest.approx(float(probs[0]))
    assert sum(p.probability for p in preds) == pytest.approx(1.0)


def test_grad_cam_on_a_branching_model_stays_in_range_and_leaves_the_model_alone():
    torch.manual_seed(0)
    model = cnnstudio.compile_model(branching_graph())
    model.train()
    for name in ("stem", "inception3a", "layer1.0", "sum", "cat"):
        cam = cnnstudio.grad_cam(model, torch.rand(3, 24, 24), name)
        assert cam.shape == (24, 24)
        assert 0.0 <= float(cam.min()) and float(cam.max()) <= 1.0
    assert model.training
    assert all(p.grad is None for p in model.parameters())


def test_grad_cam_refuses_what_it_cannot_explain():
    model, image = _two_detector_model(), _image()
    with pytest.raises(InsightError, match="C×H×W feature map"):
        cnnstudio.grad_cam(model, image, "gap")
    with pytest.raises(InsightError, match="out of range"):
        cnnstudio.grad_cam(model, image, "feat", target_class=2)
