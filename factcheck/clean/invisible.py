"""Invisible marks: zero-width characters, soft hyphens, bidi marks, control characters and the
terminal escape sequences they start, removed from every line before anything else reads it."""
from __future__ import annotations

import re

_INVISIBLE_CHARS = "\u200b-\u200d\ufeff\u00ad\u2060\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Terminal escape sequences go whole: their parameters ("[2J", "[31m") are no text either.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: cursor, colour, clear screen
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window title, hyperlink
    r"|\x1b[ -/]*[0-~]"  # any other escape
)
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_INVISIBLE_OR_CONTROL = re.compile(f"[{_INVISIBLE_CHARS}{_CONTROL_CHARS}]")


def strip_invisible(text: str) -> str:
    """Zero-width characters, soft hyphens, bidi marks (they split words for matching) and control
    characters with the terminal escape sequences they start (a report must never replay them)."""
    if not _INVISIBLE_OR_CONTROL.search(text):  # the common case: one scan instead of two
        return text
    if _CONTROL.search(text):  # rare: the escape-sequence pattern is only run where it can match
        text = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return _INVISIBLE.sub("", text)


def _visible_lines(lines: list[str]) -> tuple[list[str], str]:
    """strip_invisible of every line, and the lines joined: one pass over the document, since what
    it removes never holds or meets a newline (the lines come back one for one)."""
    text = strip_invisible("\n".join(lines))
    visible = text.split("\n")
    if len(visible) != len(lines):
        visible = [strip_invisible(line) for line in lines]
        text = "\n".join(visible)
    return visible, text
