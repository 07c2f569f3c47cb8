"""What each block looks like as PyTorch source: constructor calls, forward expressions, helper classes.

The helper classes are the torchvision building blocks (BasicConv2d, Inception, BasicBlock, Bottleneck) written
out so the exported file needs nothing but torch; their submodule names equal the compiled modules' (see
``cnnstudio.blocks.modules``), so state_dict keys match.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from cnnstudio.blocks.modules import SampleGaussian
from cnnstudio.core.formulas import pair

LINE = 88  # ruff format's default: the exported file is formatted as a fresh project would be
ACTIVATIONS = {
    "relu": "ReLU",
    "leaky_relu": "LeakyReLU",
    "gelu": "GELU",
    "silu": "SiLU",
    "sigmoid": "Sigmoid",
    "tanh": "Tanh",
}
FUNCTIONAL = ("flatten", "add", "concat")  # emitted as expressions in forward, no module


@dataclass
class Call:
    """A constructor call: ``func(args...)``; ``helpers`` names the helper classes it needs."""

    func: str
    args: list[str]
    helpers: set[str] = field(default_factory=set)

    def inline(self) -> str:
        return f"{self.func}({', '.join(self.args)})"


def literal(value) -> str:
    """A Python literal as ruff writes it (tuples for pairs, double quotes)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def size(value) -> str:
    """An int for square sizes, a tuple otherwise (as torchvision writes kernel sizes)."""
    h, w = pair(value)
    return str(h) if h == w else f"({h}, {w})"


def _kw(args: list[str], name: str, value, default) -> None:
    if value != default:
        args.append(f"{name}={literal(value)}")


def _size_kw(args: list[str], name: str, value, default: int) -> None:
    if pair(value) != (default, default):
        args.append(f"{name}={size(value)}")


def constructor(block_type: str, p: dict, in_channels: str) -> Call:
    """The ``nn.Module`` constructor of a node; ``in_channels`` is a literal or a parameter name."""
    t = block_type
    if t == "conv2d":
        args = [in_channels, str(p["out_channels"]), f"kernel_size={size(p['kernel_size'])}"]
        _size_kw(args, "stride", p["stride"], 1)
        if isinstance(p["padding"], str):
            _kw(args, "padding", p["padding"], "valid")
        else:
            _size_kw(args, "padding", p["padding"], 0)
        _size_kw(args, "dilation", p["dilation"], 1)
        _kw(args, "groups", p["groups"], 1)
        _kw(args, "bias", p["bias"], True)
        return Call("nn.Conv2d", args)
    if t == "conv_transpose2d":
        args = [in_channels, str(p["out_channels"]), f"kernel_size={size(p['kernel_size'])}"]
        _size_kw(args, "stride", p["stride"], 1)
        _size_kw(args, "padding", p["padding"], 0)
        _size_kw(args, "output_padding", p["output_padding"], 0)
        _kw(args, "groups", p["groups"], 1)
        _kw(args, "bias", p["bias"], True)
        _size_kw(args, "dilation", p["dilation"], 1)
        return Call("nn.ConvTranspose2d", args)
    if t in ("maxpool2d", "avgpool2d"):
        args = [f"kernel_size={size(p['kernel_size'])}", f"stride={size(p['stride'])}"]
        _size_kw(args, "padding", p["padding"], 0)
        if t == "maxpool2d":
            _size_kw(args, "dilation", p["dilation"], 1)
        _kw(args, "ceil_mode", p["ceil_mode"], False)
        if t == "avgpool2d":
            _kw(args, "count_include_pad", p["count_include_pad"], True)
        return Call("nn.MaxPool2d" if t == "maxpool2d" else "nn.AvgPool2d", args)
    if t == "adaptive_avgpool2d":
        return Call("nn.AdaptiveAvgPool2d", [literal(pair(p["output_size"]))])
    if t == "global_avgpool":
        return Call("GlobalAvgPool2d", [], {"GlobalAvgPool2d"})
    if t == "linear":
        args = [in_channels, str(p["out_features"])]
        _kw(args, "bias", p["bias"], True)
        return Call("nn.Linear", args)
    if t == "dropout":
        return Call("nn.Dropout", [f"p={literal(float(p['p']))}"])
    if t in ("batchnorm1d", "batchnorm2d"):
        args = [in_channels]
        _kw(args, "eps", float(p["eps"]), 1e-5)
        _kw(args, "momentum", float(p["momentum"]), 0.1)
        _kw(args, "affine", p["affine"], True)
        return Call("nn.BatchNorm1d" if t == "batchnorm1d" else "nn.BatchNorm2d", args)
    if t in ACTIVATIONS:
        args = []
        if t == "leaky_relu":
            _kw(args, "negative_slope", float(p["negative_slope"]), 0.01)
        return Call(f"nn.{ACTIVATIONS[t]}", args)
    if t == "upsample":
        return Call("nn.Upsample", [f"scale_factor={float(p['scale_factor'])!r}", f"mode={literal(p['mode'])}"])
    if t == "flatten":  # only inside an nn.Sequential; elsewhere torch.flatten in forward
        return Call("nn.Flatten", [])
    if t == "conv_bn_relu":
        args = [in_channels, str(p["out_channels"]), f"kernel_size={size(p['kernel_size'])}"]
        _size_kw(args, "stride", p["stride"], 1)
        _size_kw(args, "padding", p["padding"], 0)
        _kw(args, "eps", float(p["eps"]), 0.001)
        return Call("BasicConv2d", args, {"BasicConv2d"})
    if t == "inception":
        widths = [str(p[k]) for k in ("ch1x1", "ch3x3red", "ch3x3", "ch5x5red", "ch5x5", "pool_proj")]
        args = [in_channels, *widths]
        _kw(args, "ch5x5_kernel", p["ch5x5_kernel"], 3)
        return Call("Inception", args, {"Inception", "BasicConv2d"})
    if t == "residual":
        name = "BasicBlock" if p["kind"] == "basic" else "Bottleneck"
        args = [in_channels, str(p["planes"])]
        _kw(args, "stride", p["stride"], 1)
        return Call(name, args, {name})
    if t == "sample_gaussian":
        return Call("SampleGaussian", [], {"SampleGaussian"})
    raise ValueError(f"no Python form for block type {block_type!r}")


# init = (function, keyword arguments) as cnnstudio.blocks.modules applies them
INITS = {
    "kaiming_normal": ("nn.init.kaiming_normal_", ['mode="fan_out"', 'nonlinearity="relu"']),
    "kaiming_uniform": ("nn.init.kaiming_uniform_", ['nonlinearity="relu"']),
    "xavier_normal": ("nn.init.xavier_normal_", []),
    "xavier_uniform": ("nn.init.xavier_uniform_", []),
    "orthogonal": ("nn.init.orthogonal_", []),
}


def init_lines(block_type: str, p: dict, path: str, indent: str) -> list[str]:
    """Statements that apply a conv's chosen weight initialisation to the module at ``path``."""
    init = p.get("init", "default") if block_type == "conv2d" else "default"
    if init == "default":
        return []
    func, kwargs = INITS[init]
    lines = call_lines(func, [f"{path}.weight", *kwargs], "", indent)
    if p["bias"]:
        lines += call_lines("nn.init.zeros_", [f"{path}.bias"], "", indent)
    return lines


def functional(block_type: str, args: list[str]) -> str:
    """The forward expression of a block without a module."""
    if block_type == "flatten":
        return f"torch.flatten({args[0]}, 1)"
    if block_type == "add":
        return " + ".join(args)
    if block_type == "concat":
        return f"torch.cat([{', '.join(args)}], 1)"
    raise ValueError(block_type)


HELPERS: dict[str, str] = {
    "GlobalAvgPool2d": '''
class GlobalAvgPool2d(nn.Module):
    """Global average pooling: one mean per channel, N x C x H x W -> N x C."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.mean(dim=(2, 3))
''',
    "BasicConv2d": '''
class BasicConv2d(nn.Module):
    """Convolution without bias, batch norm, ReLU (GoogLeNet's building block)."""

    def __init__(
        self, in_channels: int, out_channels: int, eps: float = 0.001, **kwargs
    ) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=eps)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.bn(self.conv(x)))
''',
    "Inception": '''
class Inception(nn.Module):
    """GoogLeNet's inception module: four branches concatenated on channels."""

    def __init__(
        self,
        in_channels: int,
        ch1x1: int,
        ch3x3red: int,
        ch3x3: int,
        ch5x5red: int,
        ch5x5: int,
        pool_proj: int,
        ch5x5_kernel: int = 3,  # torchvision's "5x5" branch is a 3x3
    ) -> None:
        super().__init__()
        self.branch1 = BasicConv2d(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, kernel_size=1),
            BasicConv2d(ch3x3red, ch3x3, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, kernel_size=1),
            BasicConv2d(
                ch5x5red, ch5x5, kernel_size=ch5x5_kernel, padding=ch5x5_kernel // 2
            ),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True),
            BasicConv2d(in_channels, pool_proj, kernel_size=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branches = [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]
        return torch.cat(branches, 1)
''',
    "BasicBlock": '''
class BasicBlock(nn.Module):
    """ResNet's basic residual module: two 3x3 convolutions plus the shortcut."""

    expansion = 1

    def __init__(self, inplanes: int, planes: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample(inplanes, planes, stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)
''',
    "Bottleneck": '''
class Bottleneck(nn.Module):
    """ResNet's bottleneck module: 1x1 reduce, 3x3 (with the stride), 1x1 expand x4."""

    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1) -> None:
        super().__init__()
        width = planes * self.expansion
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, width, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample(inplanes, width, stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)
''',
    "downsample": '''
def downsample(inplanes: int, outplanes: int, stride: int) -> nn.Sequential | None:
    """The projection shortcut (1x1 conv + batch norm) when stride or width change."""
    if stride == 1 and inplanes == outplanes:
        return None
    return nn.Sequential(
        nn.Conv2d(inplanes, outplanes, kernel_size=1, stride=stride, bias=False),
        nn.BatchNorm2d(outplanes),
    )
''',
}
# the one implementation, written out as it is (its docstring says how to seed it)
HELPERS["SampleGaussian"] = inspect.getsource(SampleGaussian)
HELPER_ORDER = (
    "GlobalAvgPool2d",
    "BasicConv2d",
    "Inception",
    "downsample",
    "BasicBlock",
    "Bottleneck",
    "SampleGaussian",
)


def helper_sources(names: set[str]) -> list[str]:
    """The helper classes (and functions) these names need, in dependency order."""
    if names & {"BasicBlock", "Bottleneck"}:
        names = names | {"downsample"}
    return [HELPERS[n].strip("\n") for n in HELPER_ORDER if n in names]


def call_lines(head: str, args: list[str], tail: str = "", indent: str = "") -> list[str]:
    """``head(args)tail`` split the way ruff format splits a call that is too long for one line."""
    one = f"{indent}{head}({', '.join(args)}){tail}"
    if len(one) <= LINE or not args:
        return [one]
    inner = indent + "    "
    joined = f"{inner}{', '.join(args)}"
    if len(joined) <= LINE:
        return [f"{indent}{head}(", joined, f"{indent}){tail}"]
    return [f"{indent}{head}("] + [f"{inner}{a}," for a in args] + [f"{indent}){tail}"]
