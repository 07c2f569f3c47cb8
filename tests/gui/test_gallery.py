"""New from preset: the gallery lists every preset with its description and size."""

from cnnstudio import presets
from cnnstudio.gui.gallery import PresetGallery


def test_gallery_lists_presets_with_description_and_size(qtbot, script, make_window):
    gallery = PresetGallery()
    qtbot.addWidget(gallery)
    assert [gallery.list.item(i).text() for i in range(gallery.list.count())] == presets.names()
    gallery.list.setCurrentRow(presets.names().index("lenet5"))
    text = gallery.details.text()
    assert "LeNet-5" in text and "61.71 k parameters" in text and "14 blocks" in text and "1×28×28" in text

    window = make_window()
    script.expect("choose_preset", "resnet18")
    window.act_new_preset.trigger()
    assert window.doc.title == "resnet18" and window.doc.path is None
    assert len(window.scene.nodes) == len(presets.build("resnet18").nodes)
