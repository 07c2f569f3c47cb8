"""Graph → PyTorch: torch.fx compilation, weight loading and saving, transfer learning (and, later, export)."""

from .fx_compile import CompiledModel, CompileError, Head, compile_model
from .transfer import FineTune, backbone_freeze, classifier_layers, prepare_finetune, set_num_classes
from .weights import LoadReport, Mismatch, WeightsError, load_weights, read_state_dict, save_weights

__all__ = [
    "CompileError",
    "CompiledModel",
    "FineTune",
    "Head",
    "LoadReport",
    "Mismatch",
    "WeightsError",
    "backbone_freeze",
    "classifier_layers",
    "compile_model",
    "load_weights",
    "prepare_finetune",
    "read_state_dict",
    "save_weights",
    "set_num_classes",
]
