"""The seed's output-size formula and the weight shapes, with one node's numbers filled in (no Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cnnstudio.core.formulas import conv_transpose_out, pair, same_padding

CONV_FORMULA = "out = (in + 2p − k) / s + 1"
DILATED_FORMULA = "out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1"
POOL_CEIL_FORMULA = "out = ⌈(in + 2p − k) / s⌉ + 1  (ceil_mode)"
TRANSPOSED_FORMULA = "out = (in − 1)·s − 2p + d(k − 1) + output_padding + 1"


def _axis(size: int, k: int, s: int, lo: int, hi: int, d: int, out: int, ceil: bool = False) -> str:
    span = k if d == 1 else d * (k - 1) + 1
    pad = f"2·{lo}" if lo == hi else f"{lo} + {hi}"
    numerator = size + lo + hi - span
    inner = f"({size} + {pad} − {span})"
    if numerator % s == 0:
        text = f"{inner} / {s} + 1"
    elif ceil:
        text = f"⌈{inner} / {s}⌉ + 1"
    else:
        text = f"⌊{inner} / {s}⌋ + 1"
    naive = (-(-numerator // s) if ceil else numerator // s) + 1
    if naive != out:  # PyTorch drops a last window that would start in the right padding
        text += " − 1"
    return f"{text} = {out}"


def _both(lines: tuple[str, str]) -> list[str]:
    if lines[0] == lines[1]:
        return [f"H, W: {lines[0]}"]
    return [f"H: {lines[0]}", f"W: {lines[1]}"]


def output_size_lines(block_type: str, p: dict, in_shape, out_shape) -> list[str]:
    """The general formula then this node's arithmetic per axis; [] for blocks without one."""
    if not in_shape or len(in_shape) != 3 or not out_shape or len(out_shape) != 3:
        return []
    hw, out_hw = in_shape[1:], out_shape[1:]
    if block_type in ("conv2d", "conv_bn_relu", "maxpool2d", "avgpool2d"):
        k, s = pair(p["kernel_size"]), pair(p["stride"])
        d = pair(p.get("dilation", 1))
        padding = p["padding"]
        if padding == "valid":
            lo = hi = (0, 0)
        elif padding == "same":
            (th, bh), (tw, bw) = same_padding(k[0], d[0]), same_padding(k[1], d[1])
            lo, hi = (th, tw), (bh, bw)
        else:
            lo = hi = pair(padding)
        ceil = bool(p.get("ceil_mode", False))
        head = POOL_CEIL_FORMULA if ceil else DILATED_FORMULA if d != (1, 1) else CONV_FORMULA
        axes = tuple(_axis(hw[a], k[a], s[a], lo[a], hi[a], d[a], out_hw[a], ceil) for a in (0, 1))
        return [head] + _both(axes)
    if block_type == "conv_transpose2d":
        k, s, pad = pair(p["kernel_size"]), pair(p["stride"]), pair(p["padding"])
        d, op = pair(p["dilation"]), pair(p["output_padding"])
        axes = []
        for a in (0, 1):
            out = conv_transpose_out(hw[a], k[a], s[a], pad[a], d[a], op[a])
            span = f"({k[a]} − 1)" if d[a] == 1 else f"{d[a]}·({k[a]} − 1)"
            extra = f" + {op[a]}" if op[a] else ""
            axes.append(f"({hw[a]} − 1)·{s[a]} − 2·{pad[a]} + {span}{extra} + 1 = {out}")
        return [TRANSPOSED_FORMULA] + _both((axes[0], axes[1]))
    return []


def _x(*dims) -> str:
    return "×".join(str(v) for v in dims)


def weight_lines(block_type: str, p: dict, in_shape, out_shape, count: int) -> list[str]:
    """Learned tensors and their shapes, ending with the parameter count."""
    lines: list[str] = []
    if in_shape and out_shape:
        c_in, c_out = in_shape[0], out_shape[0]
        if block_type in ("conv2d", "conv_transpose2d", "conv_bn_relu"):
            kh, kw = pair(p["kernel_size"])
            g = p.get("groups", 1)
            if block_type == "conv_transpose2d":
                lines.append(
                    QCoreApplication.translate("FormulaText", "weight  {0}  (in × out/groups × kh × kw)").format(
                        _x(c_in, c_out // g, kh, kw)
                    )
                )
            else:
                lines.append(
                    QCoreApplication.translate("FormulaText", "weight  {0}  (out × in/groups × kh × kw)").format(
                        _x(c_out, c_in // g, kh, kw)
                    )
                )
            if block_type == "conv_bn_relu":
                lines.append(
                    QCoreApplication.translate("FormulaText", "batch norm  weight {0}, bias {1}").format(c_out, c_out)
                )
            elif p.get("bias", False):
                lines.append(QCoreApplication.translate("FormulaText", "bias  {0}").format(c_out))
        elif block_type == "linear":
            lines.append(QCoreApplication.translate("FormulaText", "weight  {0}  (out × in)").format(_x(c_out, c_in)))
            if p.get("bias", False):
                lines.append(QCoreApplication.translate("FormulaText", "bias  {0}").format(c_out))
        elif block_type in ("batchnorm2d", "batchnorm1d") and p.get("affine", True):
            lines.append(
                QCoreApplication.translate(
                    "FormulaText", "weight {0}, bias {1}  (+ running mean and variance, not trained)"
                ).format(c_in, c_in)
            )
    if count or lines:
        lines.append(QCoreApplication.translate("FormulaText", "= {0:,} parameters").format(count))
    return lines
