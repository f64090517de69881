"""Web debris by line: which lines the `[lexicon.boilerplate]` patterns call debris ("line"),
a caption or a footer ("stop"), and which are keyword spam; each pattern searched once over the
whole document, in Simplified script and with full-width ASCII folded."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..config import Config, rule_regex
from .characters import _is_han, _to_simplified


_SPAM_SEPARATORS = re.compile(r"[-_|｜/]")


_SENTENCE_MARKS = "。，,！？"


def is_keyword_spam(text: str) -> bool:
    """Search-bait lines: several short segments, no sentence, the same words repeated."""
    if any(mark in text for mark in _SENTENCE_MARKS):
        return False
    segments = [s for s in _SPAM_SEPARATORS.split(text) if s.strip()]
    if len(segments) < 3:
        return False
    bigrams = Counter(s[i:i + 2] for s in segments for i in range(len(s) - 1) if _is_han(s[i]) and _is_han(s[i + 1]))
    return bool(bigrams) and bigrams.most_common(1)[0][1] >= 3


@dataclass(frozen=True)
class _DocumentPass:
    """A debris pattern searched once over a whole document ("\n" before each line)."""

    pattern: re.Pattern
    anchored: bool  # the pattern matches the "\n" before the line it found, not a character of it


@dataclass(frozen=True)
class _Patterns:
    """Each kind's rule patterns as one RE2 pattern (config.rule_regex), or none."""

    line: tuple[Any, ...]
    stop: tuple[Any, ...]
    caption: tuple[Any, ...]


def _patterns(config: Config) -> _Patterns:
    lexicon = config.lex("boilerplate")
    return _compile(
        tuple(lexicon.get("line_patterns", [])),
        tuple(lexicon.get("stop_patterns", [])),
        tuple(lexicon.get("caption_patterns", [])),
    )


@lru_cache(maxsize=32)
def _compile(line: tuple[str, ...], stop: tuple[str, ...], caption: tuple[str, ...]) -> _Patterns:
    def simplified(patterns: tuple[str, ...]) -> tuple[Any, ...]:
        # Patterns and lines both in Simplified: one search matches a pattern written in either
        # script against a line in either script. One RE2 pattern for them all: it tries every
        # one in a single pass, in time linear in the text however they are written.
        joined = rule_regex(tuple(dict.fromkeys(_simplified(pattern) for pattern in patterns)))
        return () if joined is None else (joined,)

    return _Patterns(simplified(line), simplified(stop), simplified(caption))


def _simplified(text: str) -> str:
    """Simplified script for matching; regex syntax is ASCII and passes through unchanged."""
    return _to_simplified().convert(text)


def _matches(patterns: tuple[Any, ...], simple: str) -> bool:
    return any(p.search(simple) for p in patterns)


def debris_kind(text: str, patterns: _Patterns, simple: str | None = None, folded: str | None = None) -> str:
    """"line", "caption" or "stop" when the line is web debris by pattern; "" otherwise.

    `simple` is the folded line in Simplified script, when the caller converted many at once,
    and `folded` the stripped line folded to ASCII, when it has it already."""
    folded = _fold_ascii(text.strip()) if folded is None else folded
    simple = _simplified(folded) if simple is None else simple
    if _matches(patterns.stop, simple):
        return "stop"
    if _matches(patterns.caption, simple):
        return "caption"
    if _matches(patterns.line, simple) or is_keyword_spam(folded):
        return "line"
    return ""


_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def _fold_ascii(text: str) -> str:
    """Full-width ASCII to ASCII so patterns need one spelling of ':' or 'ICP'."""
    # A document holds a few different full-width characters (mostly "，" and "："), in many
    # places: one str.replace per character is half the cost of a Python call per run, and
    # translate() looks every character up in the table (~5x slower still). Each search finds
    # the next character not replaced yet (all before it are ASCII now): one search per
    # distinct character, no string made per run of them.
    found = _FULL_WIDTH.search(text)
    while found:
        char = found.group()
        text = text.replace(char, chr(_FULL_WIDTH_ASCII[ord(char)]))
        found = _FULL_WIDTH.search(text, found.start() + 1)
    return text


def _line_kinds(texts: list[tuple[int, str]], patterns: _Patterns) -> list[str]:
    """debris_kind of every line ("" for a blank line or one that is no debris by pattern)."""
    folded = _fold_ascii("\n".join(text for _, text in texts))
    stripped = [line.strip() for line in folded.split("\n")]
    if len(stripped) == len(texts):
        return _debris_kinds(folded, stripped, patterns)
    return _debris_kinds_by_line(texts, patterns)  # a line holding a newline itself, or no line at all


def _debris_kinds_by_line(texts: list[tuple[int, str]], patterns: _Patterns) -> list[str]:
    """debris_kind of every line, one line at a time ("" for a blank line)."""
    stripped = [_fold_ascii(text.strip()) for _, text in texts]
    folded = [line.replace("\n", " ") for line in stripped]
    # one OpenCC call for the whole document: called line by line it is ~3x slower
    simple = _simplified("\n".join(folded)).split("\n")
    if len(simple) != len(folded):
        simple = [_simplified(line) for line in folded]
    return [debris_kind(text, patterns, simple[i], stripped[i]) if text.strip() else "" for i, (_, text) in enumerate(texts)]


_UNMARKED_LINE = re.compile(f"\n[^{_SENTENCE_MARKS}\n]*(?![^\n])")  # a line is_keyword_spam may call spam


def _debris_kinds(folded: str, stripped: list[str], patterns: _Patterns) -> list[str]:
    """debris_kind of every line, each pattern searched once over the whole document.

    `folded` is the document folded to ASCII, `stripped` its lines stripped."""
    simple_text = _simplified("\n".join(stripped))  # one OpenCC call: line by line it is ~3x slower
    simple = simple_text.split("\n")
    if len(simple) != len(stripped):
        return [debris_kind(line, patterns, _simplified(line), line) if line else "" for line in stripped]
    encoded = simple_text.encode("utf-8")  # what RE2 reads: encoded once, its offsets are bytes
    kinds = [""] * len(stripped)
    # the later kind wins where a line is both
    for kind, kind_patterns in (("line", patterns.line), ("caption", patterns.caption), ("stop", patterns.stop)):
        for pattern in kind_patterns:
            for index in _lines_with_match(pattern, encoded):
                if stripped[index]:
                    kinds[index] = kind
    for index in _lines_found(_DocumentPass(_UNMARKED_LINE, True), "\n" + folded):
        if not kinds[index] and stripped[index] and is_keyword_spam(stripped[index]):
            kinds[index] = "line"
    return kinds


def _lines_with_match(pattern: Any, encoded: bytes) -> list[int]:
    """Lines (from 0) of the UTF-8 text `encoded` in which the RE2 `pattern` matches: one search
    from each line on, the next from the line after the one it found (no match spans lines)."""
    found, position, newlines, counted = [], 0, 0, 0
    while (match := pattern.search(encoded, position)) is not None:
        start = match.start()
        newlines += encoded.count(b"\n", counted, start)
        counted = start
        found.append(newlines)
        end = encoded.find(b"\n", start)
        if end < 0:
            break
        position = end + 1
    return found


def _lines_found(document_pass: _DocumentPass, lined: str) -> list[int]:
    """Lines (from 0) of "\n" + lines where the pass matches, searched anew from each next line:
    a match that runs on into the next line must not hide one that starts there."""
    pattern, anchored = document_pass.pattern, document_pass.anchored
    found, position, newlines, counted = [], 0 if anchored else 1, 0, 0
    while (match := pattern.search(lined, position)) is not None:
        start = match.start() + anchored  # a "\n" that ends a line belongs to that line
        newlines += lined.count("\n", counted, start)
        counted = start
        found.append(newlines - 1)
        end = lined.find("\n", start)
        if end < 0:
            break
        position = end if anchored else end + 1
    return found
