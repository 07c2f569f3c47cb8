"""Graph → PyTorch: torch.fx compilation, weight loading and saving, transfer learning, export and import."""

from .codegen import python_source
from .components import captured_latents, compile_components, component_graphs, find_component, seed_samplers
from .export import FORMATS, ExportError, ExportResult, export_model
from .fx_compile import CompiledModel, CompileError, Head, compile_model
from .importer import ModuleImportError, import_module, load_callable
from .onnx_import import import_onnx
from .transfer import FineTune, backbone_freeze, classifier_layers, prepare_finetune, set_num_classes
from .weights import LoadReport, Mismatch, WeightsError, load_weights, read_state_dict, save_weights

__all__ = [
    "FORMATS",
    "CompileError",
    "CompiledModel",
    "ExportError",
    "ExportResult",
    "ModuleImportError",
    "FineTune",
    "Head",
    "LoadReport",
    "Mismatch",
    "WeightsError",
    "backbone_freeze",
    "captured_latents",
    "compile_components",
    "component_graphs",
    "find_component",
    "seed_samplers",
    "classifier_layers",
    "compile_model",
    "export_model",
    "import_module",
    "import_onnx",
    "load_callable",
    "load_weights",
    "prepare_finetune",
    "python_source",
    "read_state_dict",
    "save_weights",
    "set_num_classes",
]
