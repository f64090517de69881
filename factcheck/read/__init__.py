"""Stage 1, read: find the input files, decode them, read their metadata header.

`discover` turns the paths given into the files to check; `read` makes each a RawDocument (or a
Skipped, never an exception for bad content). Modules (each imports only from those listed
before it):
- `paths.py`: how a path is shown (display_path), and `printable` for any text from outside.
- `files.py`: folders walked, one name per file, a file's bytes read safely; InputError.
- `decoding.py`: binary files told apart, the encoding chosen, invalid bytes counted.
- `dateline.py`: the publication date stated in the text (dateline, labelled date).
- `header.py`: the `key: value` header ended by `---`, else the date from dateline.py.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..model import RawDocument, Skipped
from .decoding import binary_kind, damage_problem, decode, fold_newlines
from .files import NOT_REGULAR, InputError, NotRegularFile, _strerror, discover, read_regular_file
from .header import read_metadata

__all__ = ["InputError", "discover", "read"]  # the stage's API: what pipeline, commands and gate use


def read(path: Path, display: str) -> RawDocument | Skipped:
    """Decode one file and parse its metadata header; never raises for bad content."""
    try:
        data = read_regular_file(path)
    except PermissionError:
        return Skipped(display, "cannot read: permission denied", "undecodable")
    except NotRegularFile:
        return Skipped(display, NOT_REGULAR)
    except OSError as exc:
        return Skipped(display, f"cannot read: {_strerror(exc)}", "undecodable")
    kind = binary_kind(data)
    if kind:
        return Skipped(display, f"binary file ({kind}), not text", "undecodable")
    decoded = decode(data)
    if decoded is None:
        return Skipped(display, "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text", "undecodable")
    text, encoding, damage = decoded
    text = fold_newlines(text)
    body_start, meta, header_problems = read_metadata(text)
    problems = ((damage_problem(text, data, encoding, damage),) if damage else ()) + header_problems
    return RawDocument(
        path=display,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        body_start=body_start,
        meta=meta,
        problems=problems,
    )
