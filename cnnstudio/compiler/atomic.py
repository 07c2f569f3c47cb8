"""Atomic file writes for exports: the one writer lives in ``core.safe_io``; exports use it from here."""

from __future__ import annotations

from ..core.safe_io import FileProblem, write_atomic, write_bytes, write_text

__all__ = ["FileProblem", "write_atomic", "write_bytes", "write_text"]
