"""Which documents changed since a git ref, for diff-aware runs."""
from __future__ import annotations
