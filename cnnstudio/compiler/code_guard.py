"""The last check on generated source: importing it may only define classes and functions.

Every string from a project reaches generated code through a checked name or an escaped literal; this guard
does not trust that alone. It compiles the source (without running it) and refuses, in one line, anything an
import would run besides definitions (a module-level or class-level call, a decorator, a computed default or
annotation, an import of another package) and names that reach outside torch (``__import__``, ``eval``,
``open``, dunder attributes) anywhere. It reads bytecode rather than an AST: compiling stays in C, so checking
the code of a 100,000-node design costs a fraction of generating it.
"""

from __future__ import annotations

import dis
import inspect
import types

from ..core.i18n import translate
from .fx_compile import CompileError

ALLOWED_IMPORTS = ("__future__", "torch", "torchvision", "math", "typing", "collections", "functools", "operator")
FORBIDDEN_NAMES = frozenset(
    {
        "__import__", "__builtins__", "__loader__", "__spec__", "breakpoint", "compile", "delattr", "eval",
        "exec", "exit", "getattr", "globals", "help", "input", "locals", "memoryview", "open", "quit",
        "setattr", "vars",
    }
)  # fmt: skip
ALLOWED_DUNDERS = frozenset(
    {"__init__", "__name__", "__module__", "__qualname__", "__doc__", "__annotations__", "__classcell__"}
)
_NAME_OPS = frozenset({"LOAD_NAME", "LOAD_GLOBAL", "STORE_NAME", "STORE_GLOBAL", "DELETE_NAME", "DELETE_GLOBAL"})
MAIN_GUARD = 'if __name__ == "__main__":'


def check_generated(source: str) -> None:
    """Raise CompileError unless ``source`` compiles and importing it only defines things."""
    try:
        module = compile(source, "<exported model>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", "?")
        raise CompileError(
            translate("Compiler", "cannot export: the generated code does not compile (line {line}: {reason})").format(
                line=line, reason=exc
            )
        ) from None
    main_line = _main_guard_line(source)
    pending = [module]
    while pending:
        code = pending.pop()
        for name in code.co_names:  # globals and attribute names alike
            if name.startswith("__") and name not in ALLOWED_DUNDERS:
                _refuse(code, f"it reaches {name}")
        if not FORBIDDEN_NAMES.isdisjoint(code.co_names):  # rare: an attribute such as model.eval() is fine
            for ins in dis.get_instructions(code):
                if ins.opname in _NAME_OPS and ins.argval in FORBIDDEN_NAMES:
                    _refuse(code, f"it names {ins.argval}")
        if not code.co_flags & inspect.CO_OPTIMIZED:  # the module and class bodies: they run on import
            _check_import_time(code, main_line if code is module else None)
        pending += [c for c in code.co_consts if isinstance(c, types.CodeType)]


def _check_import_time(code: types.CodeType, main_line: int | None) -> None:
    """The module's and the classes' own statements: definitions, imports and constants, no calls."""
    classes_being_built = 0
    line = code.co_firstlineno
    for ins in dis.get_instructions(code):
        if ins.positions is not None and ins.positions.lineno is not None:
            line = ins.positions.lineno
        if main_line is not None and line > main_line:
            return  # the ``if __name__ == "__main__":`` block runs only as a script (its names were checked)
        if ins.opname == "IMPORT_NAME" and str(ins.argval).split(".")[0] not in ALLOWED_IMPORTS:
            _refuse(code, f"it imports {ins.argval}", line)
        if ins.opname == "LOAD_BUILD_CLASS":
            classes_being_built += 1
        elif ins.opname.startswith("CALL") and not ins.opname.startswith("CALL_INTRINSIC"):
            if classes_being_built == 0:
                _refuse(code, "it calls something on import", line)
            classes_being_built -= 1


def _main_guard_line(source: str) -> int | None:
    """The line of the final top-level ``if __name__ == "__main__":``, if nothing at column 0 follows it."""
    lines = source.splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if lines[i] == MAIN_GUARD:
            return i + 1
        if lines[i][:1] not in ("", " "):
            return None
    return None


def _refuse(code: types.CodeType, why: str, line: int | None = None) -> None:
    where = line if line is not None else code.co_firstlineno
    raise CompileError(
        translate("Compiler", "cannot export: the generated code is not safe to import ({why}, line {where})").format(
            why=why, where=where
        )
    )
