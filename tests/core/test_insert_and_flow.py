"""Insert after / on a wire with room made, delete and reconnect, dead branches and the order of fixes."""

from __future__ import annotations

from core_graphs import chain, edge_into, node_id

from cnnstudio.core import project_file
from cnnstudio.core.block import REGISTRY
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.core.diagnostics import ConnectFrom, ConnectTo, DeleteNode, fix_edit
from cnnstudio.core.edits import AddNode, Compound, Connect, RemoveNode
from cnnstudio.core.flow_checks import infer_with_flow
from cnnstudio.core.graph import Edge, Node
from cnnstudio.core.inference import infer_shapes
from cnnstudio.core.insert import delete_and_reconnect, insert_after, insert_on_edge, new_errors

DOWN = (0.0, 120.0)


def _laid_out(graph):
    """Each node one step below the one before it, like the canvas's top-to-bottom chains."""
    for k, nid in enumerate(graph.nodes):
        graph.nodes[nid].pos = (0.0, 120.0 * k)
    return graph


def _lenet_like():
    return _laid_out(
        chain(
            ("conv2d", "conv1", dict(out_channels=6, kernel_size=5)),
            ("relu", "relu1", {}),
            ("maxpool2d", "pool1", {}),
            ("flatten", "flatten", {}),
            ("linear", "fc", dict(out_features=10)),
            shape=(1, 28, 28),
        )
    )


def _bn(graph, name="bn1"):
    return Node(graph.new_id(), "batchnorm2d", name, REGISTRY.get("batchnorm2d").defaults())


def test_insert_after_takes_over_the_wires_and_pushes_what_follows_one_step_down():
    graph = _lenet_like()
    before = project_file.dumps(graph)
    relu1 = node_id(graph, "relu1")
    below = {n.name: n.pos for n in graph.nodes.values()}
    bn = _bn(graph)
    edit = insert_after(graph, relu1, bn, "in", DOWN)
    assert new_errors(graph, edit, infer_shapes(graph)) == []
    edit.apply(graph)
    assert edge_into(graph, "bn1").src == relu1 and edge_into(graph, "pool1").src == bn.id
    assert graph.nodes[bn.id].pos == (0.0, below["relu1"][1] + 120)
    for name in ("pool1", "flatten", "fc", "output"):  # each moved one step further
        assert graph.by_name(name).pos == (0.0, below[name][1] + 120)
    assert graph.by_name("conv1").pos == below["conv1"]
    inference = infer_with_flow(graph)
    assert inference.ok and inference.diagnostics == []
    edit.revert(graph)
    assert project_file.dumps(graph) == before


def test_an_insert_that_breaks_the_shapes_after_it_is_reported_before_it_is_made():
    graph = _lenet_like()
    flatten = node_id(graph, "flatten")
    conv = Node(graph.new_id(), "conv2d", "conv9", REGISTRY.get("conv2d").defaults())
    edit = insert_after(graph, flatten, conv, "in", DOWN)
    broken = new_errors(graph, edit, infer_shapes(graph))
    assert broken and broken[0].node == conv.id and broken[0].code == "rank"
    assert graph.by_name("conv9") is None  # only tried on a copy


def test_insert_on_a_wire_keeps_the_drop_point_and_makes_room_downstream():
    graph = _lenet_like()
    before = project_file.dumps(graph)
    edge = edge_into(graph, "relu1")
    bn = _bn(graph)
    bn.pos = (40.0, 130.0)  # dropped just below conv1 (at 120): too close, it moves down to clear it
    edit = insert_on_edge(graph, edge, bn, "in", DOWN, gap=72)
    edit.apply(graph)
    assert graph.nodes[bn.id].pos == (40.0, 192.0)
    assert graph.by_name("relu1").pos == (0.0, 312.0)  # one step past the new block
    assert graph.by_name("output").pos == (0.0, 120.0 * 6 + 72.0)
    assert edge_into(graph, "relu1").src == bn.id
    edit.revert(graph)
    assert project_file.dumps(graph) == before


def test_delete_and_reconnect_wires_through_a_deleted_chain_and_undoes_exactly():
    graph = _lenet_like()
    before = project_file.dumps(graph)
    conv1, relu1, pool1 = (node_id(graph, n) for n in ("conv1", "relu1", "pool1"))
    edit = delete_and_reconnect(graph, [relu1, pool1])
    assert edit.text == "Delete relu1, pool1 and reconnect"
    edit.apply(graph)
    assert edge_into(graph, "flatten").src == conv1
    assert infer_shapes(graph).ok
    edit.revert(graph)
    assert project_file.dumps(graph) == before


def test_a_missing_input_offers_reconnect_to_the_loose_end_before_it():
    graph = _lenet_like()
    RemoveNode(node_id(graph, "relu1")).apply(graph)
    inference = infer_with_flow(graph)
    (missing,) = [d for d in inference.diagnostics if d.code == "unconnected"]
    assert missing.node == node_id(graph, "pool1")
    assert missing.fixes[0] == ConnectFrom("Reconnect to conv1", node_id(graph, "conv1"), "in")
    (dead,) = [d for d in inference.diagnostics if d.code == "dead_branch"]
    assert dead.node == node_id(graph, "conv1") and dead.level == "warning"
    fix_edit(graph, missing.node, missing.fixes[0], REGISTRY).apply(graph)
    after = infer_with_flow(graph)
    assert after.ok and after.diagnostics == []


def test_reconnect_offers_a_block_whose_shape_fits_before_a_nearer_one_that_does_not():
    """A residual Add lost its 1×1 projection: the stem (8 channels) is nearest, but the Add needs 16."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    stem = b.add("conv2d", "stem", x, out_channels=8, padding=1)
    main = b.chain(stem, ("conv2d", "a.conv", dict(out_channels=16, padding=1)), ("batchnorm2d", "a.bn", {}))
    shortcut = b.add("conv2d", "a.down", stem, out_channels=16, kernel_size=1)
    merged = b.add("add", "a.add", main, shortcut)
    b.chain(merged, ("global_avgpool", "gap", {}), ("linear", "fc", {}), ("classification_output", "output", {}))
    graph = b.build()
    places = {"input": (0, 0), "stem": (100, 400), "a.conv": (0, 150), "a.bn": (0, 250), "a.down": (200, 250)}
    for name, pos in places.items():
        graph.nodes[node_id(graph, name)].pos = pos
    graph.nodes[node_id(graph, "a.add")].pos = (0, 400)
    RemoveNode(node_id(graph, "a.down")).apply(graph)
    (missing,) = [d for d in infer_with_flow(graph).diagnostics if d.code == "unconnected"]
    # a.bn already feeds the Add's other input: x + x is not offered
    assert [f.label for f in missing.fixes] == ["Reconnect to a.conv (in1)", "Reconnect to stem (in1)"]
    fix_edit(graph, missing.node, missing.fixes[0], REGISTRY).apply(graph)
    assert infer_with_flow(graph).diagnostics == []


def test_a_dead_branch_is_a_warning_whose_first_fix_inserts_it_where_it_was_meant_to_go():
    graph = _lenet_like()
    relu1 = node_id(graph, "relu1")
    bn = _bn(graph)
    Compound([AddNode(bn), Connect(Edge(relu1, bn.id))]).apply(graph)
    before = project_file.dumps(graph)
    (dead,) = infer_with_flow(graph).diagnostics
    assert (dead.node, dead.level, dead.code) == (bn.id, "warning", "dead_branch")
    assert "feeds nothing" in dead.message
    assert dead.fixes[0] == ConnectTo("Insert between relu1 and pool1", node_id(graph, "pool1"), "in")
    assert dead.fixes[-1] == DeleteNode("Delete bn1")
    edit = fix_edit(graph, bn.id, dead.fixes[0], REGISTRY)
    edit.apply(graph)
    assert edge_into(graph, "pool1").src == bn.id
    assert infer_with_flow(graph).diagnostics == []
    edit.revert(graph)
    assert project_file.dumps(graph) == before
    fix_edit(graph, bn.id, dead.fixes[-1], REGISTRY).apply(graph)
    assert graph.by_name("bn1") is None


def test_no_dead_branch_warnings_before_the_network_has_an_output_head():
    graph = chain(("conv2d", "conv1", {}), ("relu", "relu1", {}), head=False)
    codes = [d.code for d in infer_with_flow(graph).diagnostics]
    assert "dead_branch" not in codes and "no_output" in codes


def test_the_fix_that_changes_the_network_least_comes_first():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 5, 5])
    b.chain(
        x,
        ("conv2d", "conv", dict(out_channels=16, kernel_size=7)),
        ("flatten", "flatten", {}),
        ("linear", "fc", dict(out_features=10)),
        ("classification_output", "output", {}),
    )
    graph = b.build()
    (diag,) = infer_shapes(graph).for_node(node_id(graph, "conv"))
    assert diag.code == "kernel_too_large"
    assert diag.fixes[0].label.startswith("Shrink kernel") and diag.fixes[1].label == "Use 'same' padding"
    totals = []
    for fix in diag.fixes:
        trial = graph.copy()
        fix_edit(trial, node_id(trial, "conv"), fix, REGISTRY).apply(trial)
        result = infer_shapes(trial)
        assert result.ok
        totals.append(result.total_params)
    assert totals[0] < totals[1]  # 'same' padding keeps 5×5 maps: the Linear after it grows 25-fold


def _many_problems(n: int, kind: str):
    """A chain with n dead branches hanging off it ("dead") or n blocks lying loose beside it ("loose")."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 16, 16])
    for i in range(n):
        b.add("relu", f"extra{i}", *([x] if kind == "dead" else []))
        x = b.add("relu", f"r{i}", x)
    x = b.chain(x, ("flatten", "f", {}), ("linear", "fc", dict(out_features=10)))
    b.add("classification_output", "output", x)
    return _laid_out(b.build())


def _graph_lookups(graph) -> int:
    """Edge lookups the flow checks make on ``graph`` (a count, so the test does not depend on the machine)."""
    inference = infer_shapes(graph)
    calls = [0]
    for name in ("in_edges", "out_edges"):
        original = getattr(graph, name)

        def counted(nid, _original=original):
            calls[0] += 1
            return _original(nid)

        setattr(graph, name, counted)
    from cnnstudio.core.flow_checks import add_flow_checks

    add_flow_checks(graph, inference)
    return calls[0]


def test_flow_checks_cost_grows_linearly_with_the_number_of_problems():
    # a pasted or damaged file with thousands of loose or dead blocks must not make every edit quadratic
    for kind in ("dead", "loose"):
        small, large = (_graph_lookups(_many_problems(n, kind)) / n for n in (200, 2000))
        assert large < 2 * small, (kind, small, large)


def test_past_the_search_budget_problems_keep_their_warning_and_delete_fix():
    graph = _many_problems(3000, "loose")
    diags = infer_with_flow(graph).diagnostics
    dead = [d for d in diags if d.code == "dead_branch"]
    unconnected = [d for d in diags if d.code == "unconnected"]
    assert len(dead) == len(unconnected) == 3000
    assert all(d.fixes[-1] == DeleteNode(f"Delete {graph.nodes[d.node].name}") for d in dead)
    assert any(d.fixes for d in unconnected[:10])  # the first ones still get their Reconnect suggestions


def test_a_dead_side_branch_is_deleted_up_to_the_block_that_also_feeds_the_main_path():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    trunk = b.chain(x, ("conv2d", "conv", dict(out_channels=8, padding=1)), ("relu", "relu", {}))
    b.chain(
        trunk,
        ("global_avgpool", "gap", {}),
        ("linear", "fc", dict(out_features=4)),
        ("classification_output", "output", {}),
    )
    side = b.chain(trunk, ("conv2d", "side.conv", dict(out_channels=4, kernel_size=1)), ("relu", "side.relu", {}))
    both = b.add("add", "side.add", side, side)  # two wires from one block: both must be in the branch
    b.chain(both, ("global_avgpool", "side.gap", {}), ("flatten", "side.flat", {}))
    graph = b.build()
    before = project_file.dumps(graph)
    (dead,) = infer_with_flow(graph).diagnostics
    assert dead.node == node_id(graph, "side.flat")
    labels = [fix.label for fix in dead.fixes]
    assert labels == [
        "Add an auxiliary Classification output after side.flat",
        "Delete the branch from side.conv (5 blocks)",
        "Delete side.flat",
    ]
    edit = fix_edit(graph, dead.node, dead.fixes[1], REGISTRY)
    edit.apply(graph)
    assert sorted(n.name for n in graph.nodes.values()) == ["conv", "fc", "gap", "input", "output", "relu"]
    assert infer_with_flow(graph).diagnostics == []
    edit.revert(graph)
    assert project_file.dumps(graph) == before


def test_no_head_is_told_on_the_end_of_the_longest_chain_with_the_head_its_shape_fits():
    graph = chain(("flatten", "flat", {}), ("linear", "fc", dict(out_features=5)), head=False)
    stray = Node(graph.new_id(), "relu", "stray", {}, (500.0, 0.0))
    Compound([AddNode(stray), Connect(Edge(node_id(graph, "input"), stray.id))]).apply(graph)
    for k, name in enumerate(("input", "flat", "fc")):  # a left-to-right chain
        graph.by_name(name).pos = (240.0 * k, 0.0)
    (told,) = infer_with_flow(graph).diagnostics
    assert (told.node, told.code) == (node_id(graph, "fc"), "no_output")
    (fix,) = told.fixes
    assert fix.label == "Add a Classification output after fc (5 classes)"
    fix_edit(graph, told.node, fix, REGISTRY).apply(graph)
    (edge,) = graph.out_edges(node_id(graph, "fc"))
    head = graph.nodes[edge.dst]
    assert head.type == "classification_output"
    assert head.pos == (720.0, 0.0)  # one column on, the way the chain runs
    assert [d.code for d in infer_with_flow(graph).diagnostics] == ["dead_branch"]  # the stray relu, now


def test_no_head_offers_a_reconstruction_output_for_an_image_the_size_of_the_input():
    graph = chain(("conv2d", "conv", dict(out_channels=3, padding=1)), ("sigmoid", "out", {}), head=False)
    (told,) = infer_with_flow(graph).diagnostics
    assert [f.label for f in told.fixes] == ["Add a Reconstruction output after out"]
    other = chain(("conv2d", "conv", dict(out_channels=3)), head=False)  # 14×14: neither head fits
    (told,) = infer_with_flow(other).diagnostics
    assert (told.node, told.fixes) == (None, ())


def test_the_loose_end_of_a_broken_chain_is_not_offered_a_head_or_the_deletion_of_the_trunk():
    graph = _lenet_like()
    fc = node_id(graph, "fc")
    Compound([RemoveNode(fc)]).apply(graph)  # the head is cut off from the trunk
    dead = next(d for d in infer_with_flow(graph).diagnostics if d.code == "dead_branch")
    assert graph.nodes[dead.node].name == "flatten"
    assert [type(f).__name__ for f in dead.fixes] == ["ConnectTo", "DeleteNode"]  # not 4 blocks, no aux head


def test_a_network_whose_heads_are_all_auxiliary_is_an_error_with_fixes():
    """Evaluation ignores auxiliary heads: with no main one, training failed after its first epoch."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[3, 16, 16])
    trunk = b.chain(x, ("conv2d", "conv", dict(out_channels=8)), ("global_avgpool", "gap", {}))
    b.chain(
        trunk, ("linear", "aux.fc", dict(out_features=4)), ("classification_output", "aux.output", dict(auxiliary=True))
    )
    b.chain(trunk, ("linear", "fc", dict(out_features=4)))  # its main head deleted
    graph = b.build()
    diags = infer_with_flow(graph).diagnostics
    assert [(d.code, d.level, graph.nodes[d.node].name) for d in diags] == [
        ("only_auxiliary", "error", "aux.output"),
        ("dead_branch", "warning", "fc"),
    ]
    labels = [f.label for f in diags[1].fixes]
    assert labels[0] == "Add a Classification output after fc (4 classes)" and labels[-1] == "Delete fc"
    fix_edit(graph, diags[1].node, diags[1].fixes[0], REGISTRY).apply(graph)
    assert infer_with_flow(graph).diagnostics == []


def test_delete_and_reconnect_of_a_gate_multiply_passes_on_the_feature_map_not_the_gate():
    """Squeeze-excitation: scale = sigmoid(fc(pool(x))) * x; deleting the Multiply keeps x flowing."""
    b = GraphBuilder()
    x = b.add("input", "input", shape=[8, 16, 16])
    feat = b.add("conv2d", "conv", x, out_channels=8, kernel_size=3, padding=1)
    gate = b.chain(
        feat,
        ("adaptive_avgpool2d", "pool", dict(output_size=1)),
        ("conv2d", "fc", dict(out_channels=8, kernel_size=1)),
        ("sigmoid", "gate", {}),
    )
    scaled = b.add("multiply", "scale", gate, feat)  # the gate on the first input, as in torchvision's SE
    end = b.chain(
        scaled,
        ("conv2d", "after", dict(out_channels=4, kernel_size=1)),
        ("global_avgpool", "gap", {}),
        ("flatten", "flat", {}),
    )
    b.add("classification_output", "output", end)
    graph = b.build()
    scale, after = node_id(graph, "scale"), node_id(graph, "after")
    edit = delete_and_reconnect(graph, [scale], REGISTRY, infer_shapes(graph))
    edit.apply(graph)
    assert graph.in_edges(after)["in"].src == node_id(graph, "conv")
    assert infer_shapes(graph).info[after].shape == (4, 16, 16)


def test_an_insert_fix_puts_the_block_a_step_past_its_feeder_and_pushes_the_rest_on():
    graph = _laid_out(
        chain(("conv2d", "conv", dict(out_channels=4)), ("linear", "fc", dict(out_features=10)), shape=(1, 8, 8))
    )
    fc = node_id(graph, "fc")
    diag = next(d for d in infer_with_flow(graph).diagnostics if d.node == fc)
    fix = next(f for f in diag.fixes if f.label == "Insert Flatten")
    places = {n.name: n.pos for n in graph.nodes.values()}
    fix_edit(graph, fc, fix, REGISTRY).apply(graph)
    flatten = graph.nodes[graph.in_edges(fc)["in"].src]
    assert flatten.type == "flatten" and flatten.pos == (0.0, places["conv"][1] + 120.0)
    assert graph.nodes[fc].pos == (0.0, places["fc"][1] + 120.0)  # it sat where the Flatten goes
    assert len({n.pos for n in graph.nodes.values()}) == len(graph.nodes)


def test_a_linear_fed_a_map_is_offered_flatten_first_unless_that_makes_it_huge():
    """LeNet-5 without its Flatten: Flatten (400 features, its design). ResNet-18 without its average pool:
    GlobalAvgPool first (Flatten would give fc 25 million weights, twice the rest of the network)."""
    from cnnstudio import presets

    for preset, gone, first in (("lenet5", "flatten", "flatten"), ("resnet18", "avgpool", "global_avgpool")):
        graph = presets.build(preset)
        params = infer_shapes(graph).total_params
        delete_and_reconnect(graph, [node_id(graph, gone)], inference=infer_with_flow(graph)).apply(graph)
        (diag,) = [d for d in infer_with_flow(graph).diagnostics if d.code == "needs_flatten"]
        assert diag.fixes[0].type == first, preset
        fix_edit(graph, diag.node, diag.fixes[0], REGISTRY).apply(graph)
        after = infer_shapes(graph)
        assert after.ok and after.total_params == params, preset  # the network it was, weights and all
