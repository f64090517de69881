"""Windows claims are read in (sentences and clauses of normalised text), and fast pattern scans over it."""
from __future__ import annotations

import bisect
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
    if len(text) >= INDEXED_LENGTH and 0 <= pos < len(text):
        return _index_of(text).sentence_at(pos)
    return plain_sentence_at(text, pos)


def plain_sentence_at(text: str, pos: int) -> tuple[int, int]:
    """`sentence_at` by a scan of the sentences up to `pos` (what the index of a long line replaces)."""
    for match in _SENTENCE_RE.finditer(text):  # the sentences after it are not read
        start, end = match.span()
        if start <= pos < end:
            return start, end
    return 0, len(text)


def clause_at(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The span of the clause (between commas, colons, sentence ends) holding `pos`, within [lo, hi)."""
    hi = len(text) if hi is None else hi
    if len(text) >= INDEXED_LENGTH and 0 <= lo <= len(text) and 0 <= pos <= len(text) and 0 <= hi <= len(text):
        return _index_of(text).clause_at(pos, lo, hi)
    return plain_clause_at(text, pos, lo, hi)


def plain_clause_at(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """`clause_at` by the regex engine from `lo` and from `pos` (what the index of a long line replaces)."""
    hi = len(text) if hi is None else hi
    last_break = _LAST_CLAUSE_BREAK.search(text, lo, pos) if pos > lo else None
    start = pos if pos <= lo else last_break.end() if last_break else lo
    end = _CLAUSE_BODY.match(text, pos, hi).end() if pos < hi else pos
    return start, end


# Both ends of a clause found by the regex engine, not a Python step per character: the last
# break before `pos` (the rest of the window, up to `pos`, holds none) and the run of non-breaks from it.
_LAST_CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAK}](?=[^{CLAUSE_BREAK}]*\\Z)")
_CLAUSE_BODY = re.compile(f"[^{CLAUSE_BREAK}]*")
_CLAUSE_BREAK_CHAR = re.compile(f"[{CLAUSE_BREAK}]")

# A long line (a whole article written on one line, thousands of dates or names on it) is asked
# for the sentence and clause of each of them: each scan from a sentence's start costs the way
# to `pos`, so n positions of a line n long cost n^2. From this length on, a line's sentence
# spans and clause breaks are found once and bisected; shorter lines are scanned as before.
INDEXED_LENGTH = 512


class LineIndex:
    """The sentence spans and clause breaks of one line, for `sentence_at` and `clause_at` by bisection."""

    def __init__(self, text: str):
        self.text = text  # held, so the id it is found by is not reused while it is kept
        self.sentences = sentence_spans(text)  # they cover the line end to end
        self.sentence_starts = [start for start, _ in self.sentences]
        self.breaks = [match.start() for match in _CLAUSE_BREAK_CHAR.finditer(text)]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """`sentence_at(text, pos)` for 0 <= pos < len(text)."""
        return self.sentences[bisect.bisect_right(self.sentence_starts, pos) - 1]

    def clause_at(self, pos: int, lo: int, hi: int) -> tuple[int, int]:
        """`clause_at(text, pos, lo, hi)` for positions within the text: the last break before
        `pos` (at or after `lo`) and the first at or after it (before `hi`)."""
        breaks = self.breaks
        start = pos
        if pos > lo:
            before = bisect.bisect_left(breaks, pos) - 1
            start = breaks[before] + 1 if before >= 0 and breaks[before] >= lo else lo
        end = pos
        if pos < hi:
            after = bisect.bisect_left(breaks, pos)
            end = breaks[after] if after < len(breaks) and breaks[after] < hi else hi
        return start, end


_INDEXES: dict[int, LineIndex] = {}  # by the line's id: a few long lines recently asked about


def _index_of(text: str) -> LineIndex:
    index = _INDEXES.get(id(text))
    if index is None or index.text is not text:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        index = _INDEXES[id(text)] = LineIndex(text)
    return index


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
