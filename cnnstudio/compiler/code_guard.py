"""The last check on generated source: importing it may only define classes and functions.

Every string from a project reaches generated code through a checked name or an escaped literal; this guard
does not trust that alone. It parses the source and refuses, in one line, anything an import would run besides
definitions (module-level calls, decorators, default values that call something, imports of other packages),
and names that reach outside torch (``__import__``, ``eval``, ``open``, dunder attributes) anywhere.
"""

from __future__ import annotations

import ast

from .fx_compile import CompileError

ALLOWED_IMPORTS = ("__future__", "torch", "torchvision", "math", "typing", "collections", "functools", "operator")
FORBIDDEN_NAMES = frozenset(
    {
        "__import__", "__builtins__", "__loader__", "__spec__", "breakpoint", "compile", "delattr", "eval",
        "exec", "exit", "getattr", "globals", "help", "input", "locals", "memoryview", "open", "quit",
        "setattr", "vars",
    }
)  # fmt: skip
ALLOWED_DUNDERS = frozenset({"__init__", "__name__", "__main__"})
_ANNOTATION_NODES = (ast.Name, ast.Attribute, ast.Subscript, ast.BinOp, ast.BitOr, ast.Constant, ast.Tuple, ast.Load)


def check_generated(source: str) -> None:
    """Raise CompileError unless ``source`` parses and importing it only defines things."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise CompileError(f"cannot export: the generated code does not parse (line {exc.lineno}: {exc.msg})") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            _refuse(node, f"it names {node.id}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("__") and node.attr not in ALLOWED_DUNDERS:
            _refuse(node, f"it reaches the attribute {node.attr}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(m.split(".")[0] not in ALLOWED_IMPORTS for m in modules):
                _refuse(node, f"it imports {', '.join(modules)}")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            _check_signature(node)
        if isinstance(node, ast.ClassDef):
            _check_class(node)
    for i, stmt in enumerate(tree.body):
        if i == 0 and _is_docstring(stmt):
            continue
        if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.ClassDef, ast.FunctionDef)):
            continue
        if _is_main_guard(stmt):
            continue
        _refuse(stmt, "it runs a statement on import")


def _check_signature(node) -> None:
    if getattr(node, "decorator_list", None):
        _refuse(node, "a function has a decorator")
    args = node.args
    for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
        if not isinstance(default, ast.Constant) and not _is_negative_number(default):
            _refuse(default, "a default value is computed")
    if isinstance(node, ast.Lambda):
        return
    annotations = [a.annotation for a in [*args.posonlyargs, *args.args, *args.kwonlyargs] if a.annotation]
    annotations += [a.annotation for a in (args.vararg, args.kwarg) if a is not None and a.annotation]
    if node.returns is not None:
        annotations.append(node.returns)
    for annotation in annotations:
        if not all(isinstance(n, _ANNOTATION_NODES) for n in ast.walk(annotation)):
            _refuse(annotation, "an annotation is computed")


def _check_class(node: ast.ClassDef) -> None:
    if node.decorator_list or node.keywords:
        _refuse(node, "a class has a decorator or keywords")
    for base in node.bases:
        if not all(isinstance(n, (ast.Name, ast.Attribute, ast.Load)) for n in ast.walk(base)):
            _refuse(base, "a base class is computed")
    for stmt in node.body:
        if _is_docstring(stmt) or isinstance(stmt, ast.FunctionDef):
            continue
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and not any(isinstance(n, ast.Call) for n in ast.walk(stmt)):
            continue
        _refuse(stmt, "a class body runs a statement")


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _is_negative_number(node: ast.AST) -> bool:
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)


def _is_main_guard(stmt: ast.stmt) -> bool:
    """``if __name__ == "__main__":`` runs only when the file is started as a script, not on import."""
    test = stmt.test if isinstance(stmt, ast.If) else None
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
        and not stmt.orelse
    )


def _refuse(node: ast.AST, why: str) -> None:
    line = getattr(node, "lineno", "?")
    raise CompileError(f"cannot export: the generated code is not safe to import ({why}, line {line})")
