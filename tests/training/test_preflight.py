"""Pre-flight: the data's classes, channels and size against the head and Input, before any worker starts."""

from __future__ import annotations

import pytest

from cnnstudio.core import project_file
from cnnstudio.core.inference import infer_shapes
from cnnstudio.presets import registry
from cnnstudio.training.config import TrainingConfig
from cnnstudio.training.data import load_data
from cnnstudio.training.preflight import KNOWN_SOURCES, blocking, data_shape, fix_edit, preflight


@pytest.mark.parametrize("spec", ["digits", "shapes:60"])
def test_known_sources_match_what_the_loaders_give(spec):
    split = load_data(spec, val_split=0.2, seed=0)
    shape = data_shape(spec)
    assert shape.classes == len(split.classes)
    assert shape.chw == tuple(split.train.images.shape[1:])
    assert KNOWN_SOURCES[spec.partition(":")[0]][1] == len(split.classes)


def test_lenet_on_digits_only_notes_the_resize():
    graph = registry.build("lenet5")
    [finding] = preflight(graph, TrainingConfig(data="digits"))
    assert (finding.code, finding.level) == ("size", "note")
    assert "8×8" in finding.message and "enlarged to 28×28" in finding.message
    assert not blocking([finding])


def test_class_count_and_channels_on_shapes_with_fixes_that_apply():
    graph = registry.build("lenet5", num_classes=10)  # 1×28×28 input, 10 outputs; shapes: 6 classes, 3×32×32
    before = project_file.dumps(graph)
    findings = preflight(graph, TrainingConfig(data="shapes"))
    assert [(f.code, f.level) for f in findings] == [("classes", "warning"), ("channels", "warning")]
    assert "10 outputs" in findings[0].message and "6 classes" in findings[0].message
    assert "converted to grayscale" in findings[1].message and "resized to 28×28" in findings[1].message
    assert blocking(findings)
    head_fix, input_fix = findings[0].fixes[0], findings[1].fixes[0]
    assert (head_fix.label, input_fix.label) == ("Replace head with 6 classes", "Set Input to 3×32×32")
    assert findings[0].fixes[1].kind == "proceed" and fix_edit(graph, findings[0].fixes[1]) is None
    for fix in (head_fix, input_fix):
        fix_edit(graph, fix).apply(graph)
    assert preflight(graph, TrainingConfig(data="shapes")) == []
    assert graph.by_name("fc3").params["out_features"] == 6
    assert graph.by_name("input").params["shape"] == [3, 32, 32]
    assert project_file.dumps(graph) != before


@pytest.mark.parametrize(
    ("preset", "spec", "shape"),
    [("googlenet", "digits", [1, 224, 224]), ("alexnet", "mnist:/tmp/mnist", [1, 224, 224])],
)
def test_the_input_fix_keeps_the_input_size_when_the_datas_size_would_break_the_network(preset, spec, shape):
    """GoogLeNet pools 1×8×8 digits away: the fix changes only the channels (images are resized anyway)."""
    graph = registry.build(preset)
    before = project_file.dumps(graph)
    (channels,) = [f for f in preflight(graph, TrainingConfig(data=spec)) if f.code == "channels"]
    assert project_file.dumps(graph) == before  # the trial was put back
    assert channels.fixes[0].label == "Set Input to {}×{}×{}".format(*shape)
    fix_edit(graph, channels.fixes[0]).apply(graph)
    assert infer_shapes(graph).ok
    after = preflight(graph, TrainingConfig(data=spec))
    assert "channels" not in [f.code for f in after] and not [f for f in after if f.level == "error"]


def test_fewer_outputs_than_classes_is_an_error_without_train_anyway():
    graph = registry.build("lenet5", num_classes=4)
    [classes, _size] = preflight(graph, TrainingConfig(data="digits"))
    assert classes.level == "error" and [f.kind for f in classes.fixes] == ["replace_head"]


def test_folder_classes_are_its_subfolders(tmp_path):
    for name in ("train/cat", "train/dog", "train/.hidden", "val/cat", "val/dog"):
        (tmp_path / name).mkdir(parents=True)
    shape = data_shape(f"folder:{tmp_path}")
    assert (shape.classes, shape.chw) == (2, None)
    graph = registry.build("lenet5")
    findings = preflight(graph, TrainingConfig(data=f"folder:{tmp_path}"))
    assert [(f.code, f.level) for f in findings] == [("classes", "warning"), ("folder", "note")]
    assert "grayscale" in findings[1].message


def test_unknown_or_detection_specs_are_left_to_the_worker():
    graph = registry.build("lenet5")
    assert preflight(graph, TrainingConfig(data="nonsense:x")) == []
    assert preflight(graph, TrainingConfig(data="shapes-boxes")) == []


def test_with_weights_loaded_training_with_the_input_as_it_is_comes_first():
    """LeNet-5 trained on digits, head replaced, on the 3×32×32 shapes: setting the Input to 3×32×32 would
    give conv1 and fc1 new shapes, and their loaded (maybe frozen) weights would be dropped."""
    graph = registry.build("lenet5")
    (plain,) = [f for f in preflight(graph, TrainingConfig(data="shapes")) if f.code == "channels"]
    (kept,) = [f for f in preflight(graph, TrainingConfig(data="shapes"), keep_input=True) if f.code == "channels"]
    assert [f.kind for f in plain.fixes] == ["set_input", "proceed"]
    assert [f.kind for f in kept.fixes] == ["proceed", "set_input"] and kept.fixes[0].label == "Train with 1×28×28"
    assert kept.message == plain.message
