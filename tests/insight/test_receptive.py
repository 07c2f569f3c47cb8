import itertools

import pytest
import torch
import torch.fx as fx

import cnnstudio
from cnnstudio.core.builder import GraphBuilder
from cnnstudio.insight import input_region, receptive_fields
from cnnstudio.insight.probe import fx_node_names


class _Grab(fx.Interpreter):
    def __init__(self, module, target):
        super().__init__(module)
        self.target, self.value = target, None

    def run_node(self, n):
        result = super().run_node(n)
        if n.name == self.target:
            self.value = result
        return result


def measured_regions(model, name, positions):
    """Per (y, x): bounding box (top, left, bottom, right; exclusive) of the nonzero d out[:, y, x] / d input."""
    image = (torch.rand(1, *model.input_shape, dtype=torch.float64) + 0.1).requires_grad_(True)
    grab = _Grab(model, fx_node_names(model, [name])[name])
    grab.run(image)
    boxes = []
    for y, x in positions:
        (grad,) = torch.autograd.grad(grab.value[0, :, y, x].sum(), image, retain_graph=True)
        mass = grad[0].abs().sum(0)
        rows, cols = mass.sum(1).nonzero().flatten(), mass.sum(0).nonzero().flatten()
        if len(rows) == 0:  # a position that only sees padding
            boxes.append((0, 0, 0, 0))
        else:
            boxes.append((int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1))
    return boxes


def positive_model(graph):
    """Positive weights on a positive image: no cancellation, ReLUs pass everything, the extent is exact."""
    torch.manual_seed(0)
    model = cnnstudio.compile_model(graph).double().eval()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.abs() + 0.05)
    return model


def _some(n, most=14):
    """Every index up to ``most`` of them; beyond that a spread that keeps both ends (the clipped ones)."""
    if n <= most:
        return range(n)
    return sorted({0, 1, 2, n - 3, n - 2, n - 1, *range(0, n, n // (most - 6) + 1)})


def check_positions(graph, names):
    model = positive_model(graph)
    result = cnnstudio.infer_shapes(graph)
    checked = 0
    for name in names:
        nid = graph.by_name(name).id
        _, out_h, out_w = result.info[nid].shape
        positions = list(itertools.product(_some(out_h), _some(out_w)))
        for (y, x), measured in zip(positions, measured_regions(model, name, positions)):
            assert input_region(graph, nid, y, x, result) == measured, (name, y, x)
            checked += 1
    return checked


def test_conv_and_pool_stack_matches_the_gradient():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 21, 19])
    x = b.add("conv2d", "c1", x, out_channels=2, kernel_size=5, padding=2)
    x = b.add("avgpool2d", "p1", x, kernel_size=2, stride=2)
    x = b.add("conv2d", "c2", x, out_channels=2, kernel_size=3, stride=2, dilation=2, padding=1)
    x = b.add("conv2d", "c3", x, out_channels=2, kernel_size=[3, 1], padding=[0, 1])
    x = b.add("avgpool2d", "p2", x, kernel_size=3, stride=1, padding=1, ceil_mode=True)
    x = b.add("relu", "r", x)
    graph = b.build()
    assert check_positions(graph, ["c1", "p1", "c2", "c3", "p2", "r"]) > 100
    assert input_region(graph, graph.by_name("c3").id, 0, 0) == (0, 0, 0, 0)  # it sees only padding


def test_transposed_convolution_and_upsampling_match_the_gradient():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 4, 3])
    x = b.add("conv_transpose2d", "up1", x, out_channels=2, kernel_size=4, stride=2, padding=1)
    x = b.add("conv_transpose2d", "up2", x, out_channels=2, kernel_size=3, stride=3, padding=1, dilation=2)
    x = b.add("upsample", "near", x, scale_factor=2.0)
    b.add("upsample", "lin", x, scale_factor=1.5, mode="bilinear")
    assert check_positions(b.build(), ["up1", "up2", "near", "lin"]) > 100


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")
def test_same_padding_with_an_even_kernel_pads_bottom_right_more():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[1, 9, 9])
    x = b.add("conv2d", "c1", x, out_channels=1, kernel_size=4, padding="same")
    x = b.add("conv2d", "c2", x, out_channels=1, kernel_size=2, stride=2)
    assert check_positions(b.build(), ["c1", "c2"]) == 81 + 16


def test_composite_blocks_and_merges_match_the_gradient():
    b = GraphBuilder()
    x = b.add("input", "input", shape=[2, 17, 17])
    x = b.add("conv_bn_relu", "stem", x, out_channels=4, kernel_size=3, stride=2, padding=0)  # 8×8
    a = b.add("conv2d", "a", x, out_channels=2, kernel_size=3, padding=1)
    c = b.add("conv2d", "c", x, out_channels=2, kernel_size=5, padding=2)
    x = b.add("concat", "cat", a, c)  # the union of a 3×3 and a 5×5 branch
    x = b.add("residual", "res", x, planes=4, stride=2)  # basic, with a projection shortcut
    x = b.add("residual", "neck", x, kind="bottleneck", planes=2, stride=1)
    b.add("inception", "inc", x, ch1x1=2, ch3x3red=2, ch3x3=2, ch5x5red=2, ch5x5=2, pool_proj=2, ch5x5_kernel=5)
    graph = b.build()
    assert check_positions(graph, ["stem", "cat", "res", "neck", "inc"]) > 64


def test_chain_sizes_agree_with_inference():
    graph = cnnstudio.presets.build("lenet5")
    result = cnnstudio.infer_shapes(graph)
    fields = receptive_fields(graph, result)
    for nid in result.order:
        field, info = fields[nid], result.info[nid]
        if field.whole:
            assert info.rf == (28, 28)  # dense layers see the whole image
        else:
            assert field.size == pytest.approx(info.rf) and field.jump == pytest.approx(info.jump)
    conv2 = graph.by_name("conv2").id
    assert input_region(graph, conv2, 0, 0) == (0, 0, 12, 12)  # a 14×14 field clipped by the padding
    assert input_region(graph, conv2, 9, 9) == (16, 16, 28, 28)
    assert input_region(graph, conv2, 4, 5) == (6, 8, 20, 22)  # inside: the field of inference, placed
    assert input_region(graph, graph.by_name("fc1").id, 0, 0) == (0, 0, 28, 28)
