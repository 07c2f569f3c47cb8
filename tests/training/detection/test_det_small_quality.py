"""det_small with its saved training config learns to find the shapes: the heat maps start at CenterNet's
prior, and a short run on a few hundred images already scores a clearly useful mAP (bench/det_small_map.py
trains the full preset to its mAP@0.5 ≥ 0.9 target)."""

from __future__ import annotations

import math

import pytest
import torch

from cnnstudio import presets
from cnnstudio.compiler import compile_model
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.project_file import save
from cnnstudio.training.detection.prior import PRIOR, set_heat_map_prior
from cnnstudio.training.events import EventLog, Recorder
from cnnstudio.training.session import RunOptions, prepare, run

SHORT = {"data": "shapes-boxes:480", "epochs": 4, "batch_size": 16}  # the preset's config, shorter


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_a_fresh_detector_starts_its_heat_maps_at_the_prior():
    model = compile_model(presets.build("det_small"))
    conv = model.get_submodule("head.2")
    before = conv.bias.detach().clone()
    assert set_heat_map_prior(model) == "head.2"
    assert torch.sigmoid(conv.bias[:3]).tolist() == pytest.approx([PRIOR] * 3)
    assert torch.equal(conv.bias[3:], before[3:])  # box size and offset channels keep their start
    model.eval()
    with torch.no_grad():
        rows = model(torch.rand(1, 3, 128, 128))
    assert rows[0, :, 4].max() < 0.5  # no confident boxes before training


def test_a_head_fed_without_a_biased_convolution_is_left_alone():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 32, 32])
    x = b.chain(
        x,
        ("conv2d", "head", dict(out_channels=7, kernel_size=3, stride=4, padding=1, bias=False)),
        ("detection_output", "output", dict(num_classes=3)),
    )
    assert set_heat_map_prior(compile_model(b.build())) is None


def test_loaded_weights_keep_their_heat_maps(tmp_path):
    graph = presets.build("det_small")
    graph.meta["training"].update(SHORT, data="shapes-boxes:16")
    save(graph, tmp_path / "det.cnn.json")
    trained = compile_model(graph)
    with torch.no_grad():
        trained.get_submodule("head.2").bias.fill_(1.5)
    from safetensors.torch import save_file

    save_file(trained.state_dict(), str(tmp_path / "w.safetensors"))
    fresh, _ = prepare(RunOptions(str(tmp_path / "det.cnn.json"), threads=1), EventLog())
    assert fresh.model.get_submodule("head.2").bias[0].item() == pytest.approx(math.log(PRIOR / (1 - PRIOR)))
    options = RunOptions(str(tmp_path / "det.cnn.json"), weights=str(tmp_path / "w.safetensors"), threads=1)
    loaded, _ = prepare(options, EventLog())
    assert loaded.model.get_submodule("head.2").bias.tolist() == pytest.approx([1.5] * 7)


def test_det_small_learns_to_find_the_shapes_in_four_short_epochs(tmp_path):
    graph = presets.build("det_small")
    graph.meta["training"].update(SHORT)
    save(graph, tmp_path / "det.cnn.json")
    recorder = Recorder()
    result = run(RunOptions(str(tmp_path / "det.cnn.json"), threads=1), EventLog([recorder]))
    assert result.status == "finished"
    maps = [e["val_map50"] for e in recorder.events if e["event"] == "epoch_end"]
    assert len(maps) == 4
    assert maps[-1] > maps[0] and maps[-1] >= 0.3, maps
