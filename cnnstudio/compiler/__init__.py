"""Graph → PyTorch: torch.fx compilation (and, later, code/ONNX export and weight loading)."""

from .fx_compile import CompiledModel, CompileError, Head, compile_model

__all__ = ["CompileError", "CompiledModel", "Head", "compile_model"]
