"""How a path is shown: relative to the working folder when under it, with '/', and printable
(undecodable bytes and control characters escaped, as the reports show any text from outside)."""
from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path


def display_path(path: str | Path) -> str:
    r"""The path as the user would write it: relative to the cwd when under it, posix, printable.

    Distinct paths get distinct display paths (a document is known by its display path from
    here on): a backslash in a name is shown doubled, so an escaped character never reads like
    another file's name (`a\\x0ab.txt` is a backslash and x0ab, `a\x0ab.txt` holds a newline)."""
    text = os.fsdecode(os.fspath(path))
    folder, name = os.path.split(text)
    if folder and name and name not in (os.curdir, os.pardir):
        # the folder's form is worked out once for all its files (relpath is the slow part)
        shown = _display_folder(folder, os.getcwd() if os.path.isabs(folder) else "")
        return _printable_name(name) if shown == "." else f"{shown.rstrip('/')}/{_printable_name(name)}"
    return _display_whole(text)


@lru_cache(maxsize=256)
def _display_folder(folder: str, cwd: str) -> str:
    return _display_whole(folder)  # `cwd` is part of the cache key: relpath depends on it


def _display_whole(text: str) -> str:
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:  # another drive on Windows
            relative = text
        if not relative.startswith(os.pardir):
            text = relative
    text = os.path.normpath(text) if text else text
    return _printable_name(text.replace(os.sep, "/"))


def _printable_name(text: str) -> str:
    return printable(text.replace("\\", "\\\\"))  # unchanged (the same object) without a backslash


def printable(text: str) -> str:
    """Escape undecodable bytes (surrogateescape) and control characters as backslash escapes."""
    if text.isprintable():  # no Cc, Cf, Cs, Zl or Zp in it: the common case, in one C call
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cs", "Cf", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
