"""Stage 1, load: find the input files, decode them, read their metadata header."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .model import RawDocument, Skipped

SUFFIXES = (".txt", ".md")


class InputError(Exception):
    """An input path the user gave cannot be used at all (missing path): exit 2."""


def discover(paths: Sequence[str | Path]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Expand files and folders (recursively, .txt and .md) into (path, display name) pairs.

    Sorted by display name, each file once. Raises InputError for a path that does not exist.
    Unusable entries met while walking (broken symlinks, loops, unreadable folders) are Skipped.
    """
    raise NotImplementedError


def read(path: Path, display: str) -> RawDocument | Skipped:
    """Decode one file and parse its metadata header; never raises for bad content."""
    raise NotImplementedError
