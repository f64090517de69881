"""Windows claims are read in (sentences and clauses of normalised text), and fast pattern scans over it."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

SENTENCE_END = "。！？!?；;"
CLAUSE_BREAK = "，,、：:；;。！？!?"
_SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[”」』\"']?|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of one line, end exclusive, covering the line."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        if match.end() > match.start():
            spans.append((match.start(), match.end()))
    return spans


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence holding offset `pos`."""
    for match in _SENTENCE_RE.finditer(text):  # the sentences after it are not read
        start, end = match.span()
        if start <= pos < end:
            return start, end
    return 0, len(text)


def clause_at(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The span of the clause (between commas, colons, sentence ends) holding `pos`, within [lo, hi)."""
    hi = len(text) if hi is None else hi
    last_break = _LAST_CLAUSE_BREAK.search(text, lo, pos) if pos > lo else None
    start = pos if pos <= lo else last_break.end() if last_break else lo
    end = _CLAUSE_BODY.match(text, pos, hi).end() if pos < hi else pos
    return start, end


# Both ends of a clause found by the regex engine, not a Python step per character: the last
# break before `pos` (the rest of the window, up to `pos`, holds none) and the run of non-breaks from it.
_LAST_CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAK}](?=[^{CLAUSE_BREAK}]*\\Z)")
_CLAUSE_BODY = re.compile(f"[^{CLAUSE_BREAK}]*")


class Scanner:
    """A pattern tried only where one of its matches can begin: `match`, `search` and `finditer`
    give what the pattern's own would.

    The regex engine skips ahead only for a pattern that opens with plain characters; one whose
    alternatives open with lookbehinds, named groups or case-insensitive letters is tried
    alternative by alternative at every position of the line. `starts`, cheap to scan for, must
    match one character wherever a match of `pattern` can begin (it is matched in place, so it
    may look around); `pattern` must never match the empty string. A pattern that opens with a
    character class (its lookbehind moved after that character) is skipped ahead by the engine
    itself: it needs no `starts`, and its own scan, all in C, is used.

    With `starts`, the scans run `starts` as a lookahead in front of `pattern`, one pattern the
    engine tries position by position in C: the same matches as trying `pattern` at each start
    in a Python loop, without a Python step per start."""

    def __init__(self, pattern: re.Pattern, starts: re.Pattern | None = None):
        self.pattern = pattern
        self.starts = starts
        self._guarded = pattern if starts is None else _guarded(pattern, starts)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self._guarded.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        return self._guarded.finditer(text, pos, len(text) if endpos is None else endpos)


# Flags a guarded pattern can carry over: case folding is scoped to each part, Unicode is the default.
_GUARD_FLAGS = re.IGNORECASE | re.UNICODE


def _guarded(pattern: re.Pattern, starts: re.Pattern) -> re.Pattern:
    """`pattern` matched only where `starts` matches: `(?=starts)pattern`, each with its own case
    folding. The lookahead holds no group, so the groups keep their numbers and names."""
    if starts.groups or (pattern.flags | starts.flags) & ~_GUARD_FLAGS:
        raise ValueError("a Scanner's starts hold no group and its patterns no flag but IGNORECASE")
    fold = "(?i:" if starts.flags & re.IGNORECASE else "(?-i:"
    return re.compile(f"(?={fold}{starts.pattern}))(?:{pattern.pattern})", pattern.flags)


def word_starts(words: Iterable[str], flags: int = 0) -> re.Pattern:
    """A pattern for a character that may begin one of `words` (matched with `flags`): a first
    character of one, followed by a second character of one unless a word is a single one."""
    words = [word for word in words if word]
    if not words:
        return re.compile("(?!)")
    first = _char_class(word[0] for word in words)
    if any(len(word) == 1 for word in words):
        return re.compile(first, flags)
    return re.compile(f"{first}(?={_char_class(word[1] for word in words)})", flags)


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(map(re.escape, sorted(set(chars)))) + "]"
