"""Generated statements laid out as text: shape comments beside a line or above it, docstrings that cannot break.

Nothing here decides what the code does; it decides how it reads (the line length of codegen_blocks.LINE).
"""

from __future__ import annotations

import textwrap

from .codegen_blocks import LINE
from .codegen_writer import IN, GeneratedClass


def render_forward(lines: list[tuple[int, str]], comments: list[str], base: str = "        ") -> list[str]:
    out = []
    for (level, code), comment in zip(lines, comments):
        indent = base + "    " * level
        text = f"{indent}{code}"
        if comment and len(text) + len(comment) + 4 <= LINE:
            out.append(f"{text}  # {comment}")
        else:
            if comment:
                out.append(f"{indent}# {comment}")
            out.append(text)
    return out


def _merged(cls: GeneratedClass) -> list[str]:
    """One comment per line for every instance of a shared class (torchvision's ``# aux1: ..., aux2: ...``)."""
    merged = []
    for i in range(len(cls.forward)):
        values = [c[i] for c in cls.comments]
        if len(set(values)) == 1:
            merged.append(values[0])
        elif len(values) == 2:
            merged.append(", ".join(f"{p}: {v}" for p, v in zip(cls.instances, values)))
        else:
            merged.append("")
    return merged


def class_source(cls: GeneratedClass) -> str:
    where = ", ".join(f"{p}.*" for p in cls.instances[:4]) + (" ..." if len(cls.instances) > 4 else "")
    signature = f"self, {IN}: int" if cls.takes_in else "self"
    body = [
        f"class {cls.name}(nn.Module):",
        f'    """The layers {where} of the design."""',
        "",
        f"    def __init__({signature}) -> None:",
        "        super().__init__()",
        *cls.init,
        "",
        "    def forward(self, x: torch.Tensor) -> torch.Tensor:",
        *render_forward(cls.forward, _merged(cls)),
    ]
    return "\n".join(body)


def docstring_lines(text: str, width: int, initial_indent: str = "") -> list[str]:
    """``text`` wrapped into lines that can sit inside a docstring and never end it, whatever the text holds.

    Control characters and line separators (CR, NUL, U+2028) become spaces. Escaping comes after wrapping,
    which never splits a word and so never an escape: every backslash is doubled and every quote escaped,
    so no text from a project can close the string or form an escape such as N{...}.
    """
    clean = "".join(ch if ch.isprintable() else " " for ch in str(text))
    lines = textwrap.wrap(clean, width, initial_indent=initial_indent, break_long_words=False, break_on_hyphens=False)
    lines[:1] = [line.lstrip() for line in lines[:1]]
    return [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
