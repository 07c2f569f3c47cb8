"""Convolution kernels as image tiles: RGB for a first layer that sees colour, grey per input channel otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.fx as fx
import torch.nn as nn

from ..core.i18n import translate
from .probe import InsightError


@dataclass(frozen=True)
class KernelTiles:
    """The kernels of one convolution as values in [0, 1].

    ``rgb``: tiles is out × kh × kw × 3 (a first layer on a 3-channel image), each filter stretched to
    [0, 1]. Otherwise tiles is out × in × kh × kw, one grey tile per (output, input channel) pair, each
    filter scaled by its largest |weight| with 0.5 meaning zero. ``source`` is the module path
    of the convolution shown (a composite block shows its first convolution).
    """

    tiles: torch.Tensor
    rgb: bool
    source: str
    weight_range: tuple[float, float]


def find_conv(model: nn.Module, name: str) -> tuple[str, nn.Module]:
    """The convolution at ``name``, or the first one inside a composite block there."""
    try:
        module = model.get_submodule(name)
    except AttributeError:
        raise InsightError(
            translate("Insight", "node {name!r} has no module (it is a function such as flatten or add)").format(
                name=name
            )
        ) from None
    for sub_name, sub in module.named_modules():
        if isinstance(sub, (nn.Conv2d, nn.ConvTranspose2d)):
            return (f"{name}.{sub_name}" if sub_name else name), sub
    raise InsightError(translate("Insight", "node {name!r} has no convolution kernels to show").format(name=name))


def _reads_image(model: nn.Module, name: str) -> bool:
    """True when the node's module is fed straight by the model's input."""
    if not isinstance(model, fx.GraphModule):
        return False
    for node in model.graph.nodes:
        if node.op == "call_module" and node.target == name:
            return any(isinstance(a, fx.Node) and a.op == "placeholder" for a in node.args)
    return False


def _normalise(t: torch.Tensor, dims: tuple[int, ...]) -> torch.Tensor:
    lo = t.amin(dim=dims, keepdim=True)
    hi = t.amax(dim=dims, keepdim=True)
    span = (hi - lo).clamp_min(1e-12)
    return (t - lo) / span


def kernel_tiles(model: nn.Module, name: str) -> KernelTiles:
    """The kernels of the convolution at node ``name`` as tiles (see KernelTiles)."""
    source, conv = find_conv(model, name)
    weight = conv.weight.detach().float().cpu()
    if isinstance(conv, nn.ConvTranspose2d):
        weight = weight.transpose(0, 1)  # stored in × out × kh × kw
    weight_range = (float(weight.min()), float(weight.max()))
    if weight.shape[1] == 3 and (source == name and _reads_image(model, name)):
        rgb = weight.permute(0, 2, 3, 1)  # out × kh × kw × 3
        return KernelTiles(_normalise(rgb, (1, 2, 3)), True, source, weight_range)
    # one scale per filter, centred on zero (0.5): the sign and the relative weight of the inputs stay visible
    peak = weight.abs().amax(dim=(1, 2, 3), keepdim=True).clamp_min(1e-12)
    return KernelTiles(0.5 + 0.5 * weight / peak, False, source, weight_range)
