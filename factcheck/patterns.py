"""Regular expressions from rule files, run on RE2 with Python's meaning of the common escapes."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


class PatternError(ValueError):
    """A rule file's regular expression that RE2 cannot take; the message quotes it."""


def rule_regex(patterns: tuple[str, ...]) -> Any:
    r"""The rule-file regular expressions `patterns` as one RE2 pattern matching where any of
    them does (None for none), compiled once for the process.

    Every expression that comes from a rules file runs on RE2, whose time is linear in the text
    whatever the pattern: no rule, however written, can make a run hang (`^(a+)+$` takes Python's
    engine years on a line of 40 `a` and a `!`). The expressions are written in Python's syntax
    and keep its meaning where RE2 would read them otherwise: `\d`, `\s` and `\w` (and their
    capitals) are Unicode classes as in Python, `\A` and `\Z` a line's start and end, `{,n}` is
    `{0,n}`, `\uXXXX` a character; `\b` looks at ASCII word characters only. What RE2 lacks (backreferences, lookaround, atomic groups, possessive quantifiers,
    `(?x)`) raises PatternError, and so does a pattern too large or nested too deep. A match never
    spans a newline, so a whole document is searched at once for what the patterns find in its
    lines, and `^` and `$` are the start and end of a line.
    """
    for pattern in patterns:
        _checked(pattern)  # each alone first: the error names the pattern at fault
    return _joined(patterns) if patterns else None


@lru_cache(maxsize=256)
def _checked(pattern: str) -> None:
    """Raise PatternError unless RE2 takes `pattern` as it stands (alone: `a)|(?:b` is refused, though
    it would close and reopen the group it is joined in)."""
    _re2_compile(_for_re2(pattern), pattern)


@lru_cache(maxsize=64)
def _joined(patterns: tuple[str, ...]) -> Any:
    return _re2_compile("(?m)" + "|".join(f"(?:{_for_re2(pattern)})" for pattern in patterns), " | ".join(patterns))


def _re2_compile(source: str, written: str) -> Any:
    import re2  # google-re2

    options = re2.Options()
    options.never_nl = True  # no match spans lines: one search over a document finds each line's
    options.never_capture = True  # groups only group: nothing reads what they captured
    options.log_errors = False  # the error is raised, not also printed
    try:
        return re2.compile(source, options)
    except re2.error as exc:
        python = _python_error(written)  # a pattern Python refuses too: Python's words, which point at the place
        if python:
            raise PatternError(f"invalid regular expression {written!r}: {python}") from None
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"invalid regular expression {written!r}: {reason} "
                           "(rule patterns run on RE2: no backreferences, lookaround or (?x))") from None
    except (RecursionError, MemoryError, ValueError) as exc:  # ValueError: e.g. a lone surrogate
        raise PatternError(f"invalid regular expression {written[:80]!r}: {type(exc).__name__}") from None


def _python_error(pattern: str) -> str:
    """Python's reason for refusing `pattern` ("" if it takes it). Only parsed, never run."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    except (RecursionError, MemoryError, ValueError, OverflowError):
        return ""
    return ""


# Python's \s: every character str.isspace() accepts (the last is U+3000)
_PY_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x3001)) if c.isspace())
_PY_WORD = "\\p{L}\\p{N}_"  # Python's \w: letters, numbers (str.isalnum) and "_"
_OUTSIDE = {"d": "\\p{Nd}", "D": "\\P{Nd}", "s": f"[{_PY_SPACE}]", "S": f"[^{_PY_SPACE}]",
            "w": f"[{_PY_WORD}]", "W": f"[^{_PY_WORD}]",
            "A": "^", "Z": "$", "z": "$"}  # a line's start and end: searched under (?m), see rule_regex
_INSIDE = {"d": "\\p{Nd}", "D": "\\P{Nd}", "s": _PY_SPACE, "w": _PY_WORD}
_CHARACTER = re.compile(r"u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})")


def _for_re2(pattern: str) -> str:
    """A pattern in Python's syntax rewritten where RE2 would read it otherwise (see rule_regex)."""
    out: list[str] = []
    at, in_class = 0, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\" and at + 1 < len(pattern):
            escaped = pattern[at + 1]
            table = _INSIDE if in_class else _OUTSIDE
            character = _CHARACTER.match(pattern, at + 1)
            if character:
                out.append(f"\\x{{{character.group(1) or character.group(2)}}}")
                at = character.end()
                continue
            if in_class and escaped in "SW":
                raise PatternError(f"invalid regular expression {pattern!r}: \\{escaped} inside [...] "
                                   f"(write [^...] with the other characters, or \\{escaped} outside the class)")
            out.append(table.get(escaped, char + escaped))
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            start = at + 1 + pattern.startswith("^", at + 1)
            if pattern.startswith("]", start):  # a "]" first in a class is one of its characters
                out.append(pattern[at:start] + "\\]")
                at = start + 1
                continue
        elif pattern.startswith("{,", at) and re.match(r"\{,\d+\}", pattern[at:]):
            out.append("{0")
            at += 1
            continue
        out.append(char)
        at += 1
    return "".join(out)
