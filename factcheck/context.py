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
    start = pos
    while start > lo and text[start - 1] not in CLAUSE_BREAK:
        start -= 1
    end = pos
    while end < hi and text[end] not in CLAUSE_BREAK:
        end += 1
    return start, end


class Scanner:
    """A pattern tried only where one of its matches can begin: `match`, `search` and `finditer`
    give what the pattern's own would.

    The regex engine skips ahead only for a pattern that opens with plain characters; one whose
    alternatives open with lookbehinds, named groups or case-insensitive letters is tried
    alternative by alternative at every position of the line. `starts`, cheap to scan for, must
    match wherever a match of `pattern` can begin (it is matched in place, so it may look
    around); `pattern` must never match the empty string. A pattern that opens with a character
    class (its lookbehind moved after that character) is skipped ahead by the engine itself:
    it needs no `starts`, and its own scan, all in C, is used."""

    def __init__(self, pattern: re.Pattern, starts: re.Pattern | None = None):
        self.pattern = pattern
        self.starts = starts

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        if self.starts is None:
            return self.pattern.search(text, pos, end)
        match = self.pattern.match
        for start in self.starts.finditer(text, pos, end):
            found = match(text, start.start(), end)
            if found:
                return found
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else endpos
        if self.starts is None:
            return self.pattern.finditer(text, pos, end)
        return self._finditer_at_starts(text, pos, end)

    def _finditer_at_starts(self, text: str, pos: int, end: int) -> Iterator[re.Match]:
        match = self.pattern.match
        for start in self.starts.finditer(text, pos, end):
            at = start.start()
            if at >= pos:
                found = match(text, at, end)
                if found:
                    pos = found.end()
                    yield found


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
