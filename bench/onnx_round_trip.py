"""Every preset through CNN Studio's own ONNX export and back through ONNX import (onnx2torch + the fx importer):
the imported project, loaded with the file's weights, must give the exported model's outputs.

Prints one row per preset (ok / refused with the importer's one-line reason / FAIL, max relative difference,
export and import seconds) at small inputs, as tests/compiler/test_export.py uses. Exits 1 on a FAIL: a wrong
output or an internal error. A refusal is a reported limitation, not a failure.
det_small/det_resnet18 import back with the decoder as one block (compiler/onnx_decoders.py), alexnet/vgg at
small inputs with the adaptive pool exported as a gather and a mean as one pool (compiler/onnx_pooling.py).
A GAN (dcgan) comes back with one Input per ONNX input, each of its file size. convnext_tiny, whose blocks ONNX
spells as Transpose, LayerNormalization, MatMul + Add, an erf GELU, a layer-scale Mul and Add, comes back with
each such chain as one convnext_block and each Transpose-LayerNorm-Transpose as one layernorm2d
(compiler/onnx_convnext.py), kept only when the result gives the fully converted file's outputs.
Run: .venv/bin/python bench/onnx_round_trip.py [--keep DIR] [NAME ...]   (--keep: reuse the exports in DIR)
"""

from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

import torch

from cnnstudio import presets
from cnnstudio.compiler import ModuleImportError, compile_model
from cnnstudio.compiler.export import export_onnx
from cnnstudio.compiler.importer import imported_state_dict
from cnnstudio.compiler.onnx_import import import_onnx

RTOL = 1e-4  # ONNX export folds batch norm into the convolutions: the same function, rounded differently


def small_shape(name: str) -> tuple[int, ...]:
    shape = presets.registry.get(name).input_shape
    if shape[-1] <= 64:
        return shape
    return (3, 64, 64) if name == "alexnet" else (3, 32, 32)


def relative_difference(a: torch.Tensor, b: torch.Tensor) -> float:
    return ((a - b).abs().max() / b.abs().max().clamp_min(1e-12)).item()


def round_trip(name: str, folder: Path) -> tuple[str, float | None, float, float]:
    torch.manual_seed(0)
    model = compile_model(presets.build(name, input_shape=small_shape(name))).eval()
    path = folder / f"{name}.onnx"
    start = time.perf_counter()
    if path.exists():  # --keep: the same seed made the same weights
        exported = 0.0
    else:
        export_onnx(model, path)
        exported = time.perf_counter() - start
    start = time.perf_counter()
    try:
        graph, module = import_onnx(path)
    except ModuleImportError as exc:
        return f"refused: {exc}", None, exported, time.perf_counter() - start
    imported = compile_model(graph).eval()
    imported.load_state_dict(imported_state_dict(module), strict=True)
    elapsed = time.perf_counter() - start
    # not the exported batch of 2: the batch stays dynamic; its own generator, as exporting draws random numbers
    # too and --keep skips that (an untrained detector's tied peaks make the input matter)
    draw = torch.Generator().manual_seed(0)
    xs = [torch.randn(3, *shape, generator=draw) for shape in model.input_shapes]  # a GAN: noise and image
    with torch.no_grad():
        want, got = model(*xs), imported(*xs)
    want = want if isinstance(want, tuple) else (want,)
    got = got if isinstance(got, tuple) else (got,)
    if len(want) != len(got) or any(a.shape != b.shape for a, b in zip(got, want)):
        return "FAIL: other output shapes", None, exported, elapsed
    diff = max(relative_difference(a, b) for a, b in zip(got, want))
    return ("ok" if diff <= RTOL else "FAIL: outputs differ"), diff, exported, elapsed


def main(args: list[str]) -> int:
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    names = [a for a in args if a not in ("--keep", keep)]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = Path(keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names or presets.names():
            try:
                status, diff, exported, imported = round_trip(name, folder)
            except Exception as exc:  # an internal error is a failure, named in one line
                status, diff, exported, imported = f"FAIL: {type(exc).__name__}: {str(exc)[:160]}", None, 0.0, 0.0
            failed += status.startswith("FAIL")
            shown = f"{diff:.1e}" if diff is not None else "-"
            print(f"{name:22} {status[:110]:110} diff {shown:>8}  export {exported:5.1f}s  import {imported:5.1f}s")
            sys.stdout.flush()
    print("FAIL" if failed else "OK", f"({failed} failed)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
