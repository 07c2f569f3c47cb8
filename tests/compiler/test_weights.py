"""Weights files: safetensors and weights_only PyTorch files in, safetensors out, a key-by-key report, and one
clear error for anything unreadable."""

from __future__ import annotations

import os
import stat

import pytest
import torch
from safetensors.torch import load_file, save_file

from cnnstudio import presets
from cnnstudio.compiler import LoadReport, WeightsError, compile_model, load_weights, read_state_dict, save_weights


def lenet(num_classes: int = 10, seed: int = 0):
    torch.manual_seed(seed)
    return compile_model(presets.build("lenet5", num_classes=num_classes))


def same_weights(a: torch.nn.Module, b: torch.nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def test_safetensors_round_trip(tmp_path):
    source, target = lenet(seed=1), lenet(seed=2)
    assert not same_weights(source, target)
    save_weights(source, tmp_path / "w.safetensors")
    report = load_weights(target, tmp_path / "w.safetensors")
    assert report.complete and len(report.matched) == 10
    assert same_weights(source, target)
    assert "all matched" in report.summary()


def test_saved_file_is_plain_safetensors_with_metadata_and_usual_mode(tmp_path):
    save_weights(lenet(), tmp_path / "w.safetensors", metadata={"project": "lenet5.cnn.json"})
    assert set(load_file(tmp_path / "w.safetensors")) == set(lenet().state_dict())
    from safetensors import safe_open

    with safe_open(tmp_path / "w.safetensors", "pt") as handle:
        assert handle.metadata() == {"format": "pt", "producer": "cnnstudio", "project": "lenet5.cnn.json"}
    assert stat.S_IMODE(os.stat(tmp_path / "w.safetensors").st_mode) == 0o644
    assert os.listdir(tmp_path) == ["w.safetensors"]  # no temp file left


def test_save_replaces_an_existing_file_whole(tmp_path):
    path = tmp_path / "w.safetensors"
    save_weights(lenet(seed=1), path)
    save_weights(lenet(seed=2), path)
    target = lenet(seed=3)
    load_weights(target, path)
    assert same_weights(target, lenet(seed=2))


def test_safetensors_whose_header_length_starts_like_a_pickle_loads(tmp_path):
    """A header length of 0x..80 bytes makes the file's first byte 0x80, the pickle marker: still safetensors."""
    path = tmp_path / "w.safetensors"
    for pad in range(256):
        save_weights(lenet(), path, metadata={"pad": "x" * pad})
        if path.read_bytes()[0] == 0x80:
            break
    assert path.read_bytes()[0] == 0x80
    assert load_weights(lenet(seed=5), path).complete


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WeightsError, match="cannot be written") as info:
        save_weights(lenet(), tmp_path / "no" / "w.safetensors")
    assert "\n" not in str(info.value)


def test_save_handles_tied_weights(tmp_path):
    model = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.Linear(4, 4))
    model[1].weight = model[0].weight  # shared storage: safetensors alone refuses this
    save_weights(model, tmp_path / "tied.safetensors")
    assert torch.equal(read_state_dict(tmp_path / "tied.safetensors")["1.weight"], model[0].weight)


@pytest.mark.parametrize(
    "wrap",
    [
        lambda sd: sd,
        lambda sd: {"state_dict": sd, "epoch": 3},
        lambda sd: {"model": sd, "optimizer": {"lr": 0.1}},
        lambda sd: {f"module.{k}": v for k, v in sd.items()},  # saved from DataParallel
    ],
    ids=["plain", "state_dict", "model", "module-prefix"],
)
def test_pth_layouts_load(tmp_path, wrap):
    source, target = lenet(seed=1), lenet(seed=2)
    torch.save(wrap(source.state_dict()), tmp_path / "w.pth")
    report = load_weights(target, tmp_path / "w.pth")
    assert report.complete
    assert same_weights(source, target)


def test_module_prefix_is_reported(tmp_path):
    torch.save({f"module.{k}": v for k, v in lenet().state_dict().items()}, tmp_path / "w.pt")
    report = load_weights(lenet(), tmp_path / "w.pt")
    assert report.stripped_prefix == "module." and "module." in report.summary()


def test_shape_mismatch_is_skipped_and_the_rest_loads(tmp_path):
    source, target = lenet(10, seed=1), lenet(5, seed=2)
    save_weights(source, tmp_path / "w.safetensors")
    fc3_before = target.fc3.weight.clone()
    report = load_weights(target, tmp_path / "w.safetensors")
    assert report.skipped == ["fc3.weight", "fc3.bias"]
    assert report.mismatched[0].file_shape == (10, 84) and report.mismatched[0].model_shape == (5, 84)
    assert not report.missing and not report.unexpected and not report.complete
    assert torch.equal(target.fc3.weight, fc3_before)  # keeps its new values
    assert torch.equal(target.conv1.weight, source.conv1.weight)  # the backbone loaded
    text = report.summary()
    assert "loaded 8 of the model's 10 tensors" in text
    assert "skipped 2 with a different shape" in text
    assert "fc3.weight: file 10×84, model 5×84" in text and "fc3.bias: file 10, model 5" in text


def test_missing_and_unexpected_keys_are_reported():
    state = lenet(seed=1).state_dict()
    del state["conv2.bias"]
    state["extra.weight"] = torch.zeros(3)
    target = lenet(seed=2)
    before = target.conv2.bias.clone()
    report = load_weights(target, state, name="custom")
    assert report.missing == ["conv2.bias"] and report.unexpected == ["extra.weight"]
    assert torch.equal(target.conv2.bias, before)
    text = report.summary()
    assert text.startswith("custom: loaded 9 of the model's 10 tensors")
    assert "missing from the file, 1" in text and "conv2.bias" in text
    assert "not used, 1" in text and "extra.weight" in text


def test_long_lists_are_shortened():
    report = LoadReport("w", unexpected=[f"k{i}" for i in range(40)])
    text = report.summary()
    assert "k0" in text and "k39" not in text and "... and 29 more" in text


def test_half_precision_weights_load_into_a_float_model(tmp_path):
    source = lenet(seed=1)
    save_file({k: v.half() for k, v in source.state_dict().items()}, tmp_path / "half.safetensors")
    target = lenet(seed=2)
    assert load_weights(target, tmp_path / "half.safetensors").complete
    assert target.conv1.weight.dtype == torch.float32
    torch.testing.assert_close(target.conv1.weight, source.conv1.weight, atol=1e-3, rtol=1e-3)


class _Payload:
    """Unpickling this would create a file: weights_only loading must refuse it before that happens."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_pickled_objects_are_refused_never_run(tmp_path):
    marker = tmp_path / "pwned"
    torch.save({"weight": torch.zeros(2), "payload": _Payload(marker)}, tmp_path / "evil.pth")
    with pytest.raises(WeightsError, match="never unpickled") as info:
        read_state_dict(tmp_path / "evil.pth")
    assert not marker.exists()
    assert "\n" not in str(info.value) and str(tmp_path / "evil.pth") in str(info.value)


def test_a_whole_pickled_model_is_refused(tmp_path):
    torch.save(torch.nn.Linear(2, 2), tmp_path / "model.pt")
    with pytest.raises(WeightsError, match="state_dict"):
        read_state_dict(tmp_path / "model.pt")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.pth", b"", "is empty"),
        ("text.pth", b"hello, these are not weights", "neither a safetensors file nor a PyTorch"),
        ("cut.pth", None, "not a readable PyTorch weights file"),
        ("bad.safetensors", b"\x10\x00\x00\x00\x00\x00\x00\x00{not json}......", "neither a safetensors"),
        ("huge.safetensors", b"\xff" * 64, "neither a safetensors"),
    ],
)
def test_corrupt_files_give_one_clear_error(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is None:  # a real .pth cut in half
        torch.save(lenet().state_dict(), path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        path.write_bytes(content)
    with pytest.raises(WeightsError, match=problem) as info:
        load_weights(lenet(), path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))


def test_truncated_safetensors_is_a_clear_error(tmp_path):
    path = tmp_path / "w.safetensors"
    save_weights(lenet(), path)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(WeightsError, match="neither a safetensors"):
        read_state_dict(path)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (torch.zeros(3), "holds a Tensor, not a dict"),
        ([torch.zeros(3)], "holds a list, not a dict"),
        ({"epoch": 3, "lr": 0.1}, "holds no tensors"),
    ],
)
def test_files_without_a_state_dict_are_refused(tmp_path, data, problem):
    torch.save(data, tmp_path / "w.pth")
    with pytest.raises(WeightsError, match=problem):
        read_state_dict(tmp_path / "w.pth")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(WeightsError, match="no such file"):
        read_state_dict(tmp_path / "nope.pth")
    with pytest.raises(WeightsError, match="is a folder"):
        read_state_dict(tmp_path)
