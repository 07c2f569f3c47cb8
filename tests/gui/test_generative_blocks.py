"""The generative blocks in the GUI: palette entries under their categories, built into a wired generator."""

from __future__ import annotations

from .test_canvas_editing import double_click_palette


def test_palette_builds_a_generator_from_the_new_blocks(qtbot, make_window):
    window = make_window(preset=None)
    window.files.new_blank()
    tree = window.block_palette.tree
    categories = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    generative = categories["Generative"]
    assert [generative.child(i).text(0) for i in range(generative.childCount())] == ["Sample Gaussian"]
    assert window.block_palette.item_for("realfake_output").parent() is categories["Output"]

    double_click_palette(qtbot, window, "latent_input")
    double_click_palette(qtbot, window, "conv_transpose2d")
    double_click_palette(qtbot, window, "generated_output")
    graph = window.doc.graph
    noise, output = graph.by_name("noise1"), graph.by_name("output1")
    assert window.scene.nodes[noise.id].look.shape == "100×1×1"
    assert window.scene.nodes[output.id].look.shape == "16×2×2"  # the default transposed conv doubles 1×1
    assert window.scene.nodes[output.id].look.subtitle == "generated image"
    assert [(graph.nodes[e.src].type, graph.nodes[e.dst].type) for e in graph.edges] == [
        ("latent_input", "conv_transpose2d"),
        ("conv_transpose2d", "generated_output"),
    ]
